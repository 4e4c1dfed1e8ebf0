"""Hostile and broken input: one clear line per bad file, the right exit code, nothing lost,
nothing written outside the output folder. Every bad file is generated here."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import struct
import subprocess
import sys
import time
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas
from typer.testing import CliRunner

from vnplan import writers
from vnplan.batch import output_names
from vnplan.cli import app
from vnplan.extract.encodings import decode_text
from vnplan.extract.errors import InputError
from vnplan.extract.legacy_encoding import tcvn3_to_unicode, vni_to_unicode
from vnplan.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "text" / "000_8939c4b136b1e13b.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
ONE_LINE = re.compile(r"^(?P<path>\S.*?): (?P<what>.+) — (?P<fix>.+)$")


def run(*args: str) -> tuple[int, str]:
    """The CLI in-process (fast); returns exit code and stderr."""
    result = CliRunner().invoke(app, ["extract", *args, "--jobs", "1"], catch_exceptions=False)
    return result.exit_code, result.stderr


def line_for(stderr: str, name: str) -> str:
    lines = [line for line in stderr.splitlines() if name in line]
    assert len(lines) == 1, stderr
    assert ONE_LINE.match(lines[0]), lines[0]
    assert "Traceback" not in stderr
    return lines[0]


def good(folder: Path, name: str = "plan.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(SEED.read_bytes())
    return path


def letter_pdf(path: Path, *, encrypt: StandardEncryption | None = None, size: tuple[int, int] = (595, 842)) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=size, encrypt=encrypt)
    for i, line in enumerate(["Dear colleagues,", "Thank you for the meeting last week.", "Best regards"]):
        pdf.drawString(72, 750 - 20 * i, line)
    pdf.showPage()
    pdf.save()
    return path


def assert_good_written(out: Path, stem: str = "plan") -> None:
    document = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
    assert len(document["items"]) == 33
    assert stem in (out / "items.csv").read_text(encoding="utf-8-sig")


# --- broken files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "empty"),
        ("empty.pdf", b"", "empty"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),
        ("report.pdf", b"PK\x03\x04" + b"\x00" * 64, "zip archive"),
        ("notes.pdf", b"just some text, no PDF at all", "no PDF"),
        ("scan.txt", b"%PDF-1.4\n%binary", "PDF"),
    ],
)
def test_broken_file_is_one_line_and_the_good_file_is_written(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    inputs = tmp_path / "in"
    good(inputs)
    (inputs / name).write_bytes(content)
    code, stderr = run(str(inputs), "-o", str(tmp_path / "out"))
    assert code == 1
    assert says in line_for(stderr, name)
    assert_good_written(tmp_path / "out")


def test_broken_word_file_renamed_pdf_says_both(tmp_path: Path) -> None:
    """A Word file named .pdf is read as Word (tests/test_formats.py); a broken one says what it
    holds and what is wrong with it, in one line."""
    docx = tmp_path / "plan.pdf"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError) as caught:
        extract_document(docx)
    assert str(caught.value).startswith("named .pdf but holds a Word document, and not a readable Word .docx file")
    assert "re-save it in Word" in caught.value.hint


def test_truncated_pdf_says_damaged(tmp_path: Path) -> None:
    whole = letter_pdf(tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    code, stderr = run(str(tmp_path / "cut.pdf"), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "damaged" in line_for(stderr, "cut.pdf")


def test_broken_xref_is_repaired_or_reported(tmp_path: Path) -> None:
    raw = letter_pdf(tmp_path / "whole.pdf").read_bytes()
    start = raw.rfind(b"startxref")
    (tmp_path / "xref.pdf").write_bytes(raw[:start] + b"startxref\n99999\n%%EOF\n")
    code, stderr = run(str(tmp_path / "xref.pdf"), "-o", str(tmp_path / "out"))
    assert code == 1  # pdfium repairs it; a letter holds no budget table
    assert "no budget table" in line_for(stderr, "xref.pdf")


def test_folder_where_a_file_was_expected(tmp_path: Path) -> None:
    folder = tmp_path / "plan.pdf"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        extract_document(folder)
    code, stderr = run(str(folder), "-o", str(tmp_path / "out"))
    assert code == 2  # nothing could be processed: a usage problem
    assert "holds no" in line_for(stderr, "plan.pdf")


def test_output_pointing_at_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep me")
    code, stderr = run(str(good(tmp_path / "in")), "-o", str(target))
    assert code == 2 and "is a file, not a folder" in line_for(stderr, "out.txt")
    assert target.read_text() == "keep me"
    code, stderr = run(str(good(tmp_path / "in")), "-o", str(target / "sub"))
    assert code == 2 and "cannot write the output" in line_for(stderr, "out.txt")


def test_missing_input_among_good_ones(tmp_path: Path) -> None:
    code, stderr = run(str(good(tmp_path / "in")), str(tmp_path / "nope.pdf"), "-o", str(tmp_path / "out"))
    assert code == 1 and "no such file" in line_for(stderr, "nope.pdf")
    assert_good_written(tmp_path / "out")
    code, stderr = run(str(tmp_path / "nope.pdf"), "-o", str(tmp_path / "out2"))
    assert code == 2


# --- encrypted PDFs ------------------------------------------------------------------------


def test_encrypted_pdf_with_empty_user_password_just_opens(tmp_path: Path) -> None:
    path = letter_pdf(tmp_path / "open.pdf", encrypt=StandardEncryption(userPassword="", ownerPassword="owner"))
    document = extract_document(path)
    assert document.source.kind == "digital_pdf" and document.source.pages == 1


def test_encrypted_pdf_needs_password(tmp_path: Path) -> None:
    path = letter_pdf(tmp_path / "locked.pdf", encrypt=StandardEncryption(userPassword="secret", ownerPassword="o"))
    code, stderr = run(str(path), "-o", str(tmp_path / "out"))
    assert code == 1 and "--password" in line_for(stderr, "locked.pdf")
    code, stderr = run(str(path), "-o", str(tmp_path / "out"), "--password", "wrong")
    assert "not its password" in line_for(stderr, "locked.pdf")
    assert extract_document(path, password="secret").source.pages == 1


# --- no budget table, other languages -------------------------------------------------------


def test_letter_without_a_table_fails_with_a_finding(tmp_path: Path) -> None:
    letter = tmp_path / "thu.txt"
    letter.write_text("Kính gửi: Sở Công Thương\nCảm ơn quý cơ quan đã hỗ trợ.\nTrân trọng.\n", encoding="utf-8")
    code, stderr = run(str(letter), str(good(tmp_path / "in")), "-o", str(tmp_path / "out"))
    assert code == 1 and "no budget table" in line_for(stderr, "thu.txt")
    report = json.loads((tmp_path / "out" / "batch-report.json").read_text(encoding="utf-8"))
    assert {row["status"] for row in report if "thu" in row["path"]} == {"failed"}
    assert_good_written(tmp_path / "out")


def test_table_that_is_not_a_budget_table(tmp_path: Path) -> None:
    staff = tmp_path / "danh_sach.txt"
    rows = ["TT\tHọ và tên\tChức vụ\tĐiện thoại", "1\tNguyễn Văn An\tGiám đốc\t0903 123 456"]
    rows += ["2\tTrần Thị Bình\tPhó giám đốc\t0913 222 333", "3\tLê Văn Cường\tChuyên viên\t0988 777 666"]
    staff.write_text("Danh sách cán bộ phòng\n" + "\n".join(rows) + "\n", encoding="utf-8")
    document = extract_document(staff)
    # Never budget rows, and the document says so: kept as a plain table ("TT | Họ và tên …" is
    # read as a header) with a warning, or, where no header is recognised, failed with an error.
    assert document.items == []
    if document.plain_tables:
        assert "not-a-budget-table" in {f.code for f in document.findings}
    else:
        assert document.status in ("failed", "partial")
        assert any(f.severity == "error" for f in document.findings)


def test_english_plan_is_not_a_vietnamese_plan(tmp_path: Path) -> None:
    english = tmp_path / "plan_en.txt"
    lines = ["Industrial promotion plan of the province for the year 2020, approved by the committee."]
    lines += ["The budget covers training courses, technology transfer and trade fairs for rural industry."]
    lines += ["No.\tProgramme\tTotal budget\tProvincial budget\tOther sources"]
    lines += ["1\tTraining courses for rural workers\t1.000.000\t800.000\t200.000"]
    lines += ["2\tTechnology transfer to small enterprises\t2.000.000\t1.500.000\t500.000"]
    english.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, stderr = run(str(english), "-o", str(tmp_path / "out"), "--strict")
    assert code == 1  # with --strict, a document converted with error findings fails the run
    document = json.loads((tmp_path / "out" / "plan_en.json").read_text(encoding="utf-8"))
    assert document["status"] in ("failed", "partial")
    assert "not-vietnamese" in {f["code"] for f in document["findings"]}
    line_for(stderr, "plan_en.txt")


# --- encodings -----------------------------------------------------------------------------


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: a base letter plus a combining tone byte."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in marks if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in tones))
            out += (base + tones).encode("cp1258", "replace")
    return bytes(out)


def _legacy_encoder(decoder: object, singles: str) -> dict[str, str]:
    """Invert a legacy decoder by trying every one- and two-character Latin-1 sequence."""
    table: dict[str, str] = {}
    latin = [chr(c) for c in range(0xA0, 0x100)]
    for first in [*singles, *latin]:
        for second in ["", *latin]:
            decoded = decoder(first + second)  # type: ignore[operator]
            if len(decoded) == 1 and decoded != first + second and decoded not in table:
                table[decoded] = first + second
    return table


def _encode(text: str, table: dict[str, str], codec: str) -> bytes:
    return "".join(table.get(ch, ch) for ch in text).encode(codec, "replace")


def _items(raw: bytes, tmp_path: Path, name: str) -> tuple[int, list[str]]:
    path = tmp_path / name
    path.write_bytes(raw)
    document = extract_document(path)
    return len(document.items), [f.message for f in document.findings if f.code == "reader-warning"]


def test_windows_1258_export(tmp_path: Path) -> None:
    items, warnings = _items(_cp1258(SEED_TEXT), tmp_path, "cp1258.txt")
    assert items == 33 and any("Windows-1258" in w for w in warnings)


def test_utf16_with_bom_export(tmp_path: Path) -> None:
    items, _ = _items(SEED_TEXT.encode("utf-16"), tmp_path, "utf16.txt")
    assert items == 33


def test_tcvn3_export(tmp_path: Path) -> None:
    # TCVN3 has no accented capitals (capital fonts draw the small-letter bytes); lower case it
    text = SEED_TEXT.lower()
    raw = _encode(text, _legacy_encoder(tcvn3_to_unicode, ""), "latin-1")
    decoded, warnings = decode_text(raw, "tcvn3.txt")
    assert "TCVN3" in warnings[0]
    assert decoded.count("kế hoạch") == text.count("kế hoạch") > 0
    items, _ = _items(raw, tmp_path, "tcvn3.txt")
    assert items == _items(text.encode("utf-8"), tmp_path, "lower.txt")[0] > 0  # lower case loses "I", "II"


def test_vni_export(tmp_path: Path) -> None:
    raw = _encode(SEED_TEXT, _legacy_encoder(vni_to_unicode, "aeouyAEOUY"), "cp1252")
    decoded, warnings = decode_text(raw, "vni.txt")
    assert "VNI" in warnings[0]
    assert decoded.count("Kế hoạch") == SEED_TEXT.count("Kế hoạch") > 0
    items, _ = _items(raw, tmp_path, "vni.txt")
    assert items == 33


# --- names and the output folder -----------------------------------------------------------


def test_hostile_names_stay_inside_the_output_folder(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    names = ["Kế hoạch 2020 (bản sao).txt", "..txt", "..plan..txt", "batch-report.txt", " items .txt"]
    for name in names:
        good(inputs, name)
    (inputs / "a").mkdir()
    (inputs / "b").mkdir()
    good(inputs / "a", "same.txt")
    good(inputs / "b", "same.txt")
    out = tmp_path / "out"
    code, _ = run(str(inputs), "-o", str(out))
    assert code == 0  # the seed is partial: converted, with its findings on record
    written = sorted(p.name for p in out.glob("*.json") if not p.name.startswith(("batch-report", "datapackage")))
    assert len(written) == len(names) + 2, written
    assert all(p.resolve().parent == out.resolve() for p in tmp_path.rglob("*.json") if "in" not in p.parts)
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert len(report) == len(names) + 2  # the report was not overwritten by a document
    assert "Kế_hoạch_2020_bản_sao.json" in written


def test_output_names_for_paths_with_dots_and_separators() -> None:
    files = [Path("/x/../../etc/passwd.txt"), Path("/a/plan.txt"), Path("/b/plan.txt"), Path("/c/..")]
    names = output_names(files)
    assert len(set(names.values())) == len(files)
    assert all("/" not in n and ".." not in n and n for n in names.values())


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod 0o555")
def test_read_only_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    code, stderr = run(str(good(tmp_path / "in")), "-o", str(out))
    assert code == 2 and "writable" in stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    secret = good(tmp_path / "in", "secret.txt")
    secret.chmod(0)
    code, stderr = run(str(secret), str(good(tmp_path / "in")), "-o", str(tmp_path / "out"))
    assert code == 1 and "permission" in line_for(stderr, "secret.txt").lower()


def test_disk_full_while_writing_a_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = writers.atomic_write

    def full_for_second(target: Path, write: object) -> None:
        if target.name == "second.json":
            # write half, then fail as a full disk does: the partial file must not survive
            real(target.with_name(".second.json.partial"), lambda tmp: tmp.write_text("{"))
            (target.parent / ".second.json.partial").unlink()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(target, write)  # type: ignore[arg-type]

    monkeypatch.setattr(writers, "atomic_write", full_for_second)
    inputs = tmp_path / "in"
    good(inputs, "first.txt")
    good(inputs, "second.txt")
    code, stderr = run(str(inputs), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "free some disk space" in line_for(stderr, "second.txt")
    assert not (tmp_path / "out" / "second.json").exists()
    assert not list((tmp_path / "out").glob(".*.tmp"))
    assert_good_written(tmp_path / "out", "first")


def test_disk_full_for_the_batch_tables_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(frame: object, out_dir: Path, amounts: object = None) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out_dir / "items.csv"))

    monkeypatch.setattr("vnplan.batch.write_batch_tables", full)
    code, stderr = run(str(good(tmp_path / "in")), "-o", str(tmp_path / "out"))
    assert code == 2 and "No space left on device" in line_for(stderr, "items.csv")
    assert (tmp_path / "out" / "plan.json").exists()  # the finished document stays


# --- sizes ---------------------------------------------------------------------------------


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims ``width`` × ``height``: Pillow must refuse it from the header alone."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    )
    return path


def test_huge_image_is_refused_before_decoding(tmp_path: Path) -> None:
    huge = _png_header_only(tmp_path / "poster.png", 20000, 20000)
    code, stderr = run(str(huge), str(good(tmp_path / "in")), "-o", str(tmp_path / "out"))
    assert code == 1 and "Mpx" in line_for(stderr, "poster.png")
    assert_good_written(tmp_path / "out")


def test_poster_sized_pdf_page_is_refused(tmp_path: Path) -> None:
    poster = letter_pdf(tmp_path / "poster.pdf", size=(14400, 14400))
    with pytest.raises(InputError, match="Mpx"):
        extract_document(poster)


# --- Ctrl-C --------------------------------------------------------------------------------


def test_ctrl_c_keeps_finished_documents_and_says_how_to_resume(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    plans = 200  # enough that the batch is still running when the signal comes, on a loaded machine too
    for i in range(plans):
        good(inputs, f"plan{i:03d}.txt")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "vnplan.cli", "extract", str(inputs), "-o", str(out), "--jobs", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(out.glob("plan*.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr and "run the same command again" in stderr
    finished = sorted(out.glob("plan*.json"))
    assert 0 < len(finished) < plans
    for path in finished:
        assert len(json.loads(path.read_text(encoding="utf-8"))["items"]) == 33
    assert not list(out.glob(".*.tmp"))


def _cli_subprocess(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vnplan.cli", "extract", *args, "--jobs", "1"],
        capture_output=True, text=True, timeout=300, env={**os.environ, **env},
    )  # fmt: skip


@pytest.mark.tesseract
def test_missing_vietnamese_data_is_an_environment_error(tmp_path: Path) -> None:
    """No 'vie' traineddata: exit 2, one line naming the package, the text export still written."""
    scan = ROOT / "samples" / "pdf" / "103_binh_dinh_2023_xuc_tien_thuong_mai.scan300.pdf"
    empty = tmp_path / "tessdata"
    empty.mkdir()
    result = _cli_subprocess([str(scan), str(SEED), "-o", str(tmp_path / "out")], {"TESSDATA_PREFIX": str(empty)})
    assert result.returncode == 2
    assert "tesseract-ocr-vie" in line_for(result.stderr, scan.name)
    assert (tmp_path / "out" / f"{SEED.stem}.json").exists()


def test_missing_tesseract_binary_is_an_environment_error(tmp_path: Path) -> None:
    """Neither libtesseract (the command is asked for instead) nor the command on PATH."""
    scan = ROOT / "samples" / "pdf" / "103_binh_dinh_2023_xuc_tien_thuong_mai.scan300.pdf"
    bare = tmp_path / "bin"
    bare.mkdir()
    result = _cli_subprocess(
        [str(scan), "-o", str(tmp_path / "out")], {"PATH": str(bare), "VNPLAN_TESSERACT": "command"}
    )
    assert result.returncode == 2
    assert "apt-get install tesseract-ocr" in line_for(result.stderr, scan.name)
