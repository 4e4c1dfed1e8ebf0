"""The OCR repair must leave correct text alone: real administrative documents, line by line.

The corpus (tests/fixtures/correct_text/, provenance in its README) is the text layer of real
born-digital files, Word and Excel files and other public administrative text. Every change the
repair makes there is a false repair, like `đơn vị sự nghiệp` -> `đơn vốn sự nghiệp` was.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vnplan.normalize.text_repair import repair_text

CORPUS = Path(__file__).parent / "fixtures" / "correct_text"
FILES = sorted(CORPUS.glob("*.txt"))
# Typos of the sources themselves, which a repair may fix: (file, before, after)
SOURCE_TYPOS = {("khanhng29_baocao_tudanhgia", "bộ phân tiếp", "bộ phận tiếp")}  # `các bộ phận` misspelt


def test_the_corpus_is_large() -> None:
    assert len(FILES) >= 15
    assert sum(path.stat().st_size for path in FILES) > 400_000


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_repair_changes_nothing_in_correct_text(path: Path) -> None:
    false_repairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        repaired, fixes = repair_text(line)
        typos = [fix for fix in fixes if (path.stem, fix.before, fix.after) in SOURCE_TYPOS]
        for typo in typos:  # the line as it should have been written
            line = line.replace(typo.before, typo.after)
        false = [fix for fix in fixes if fix not in typos]
        if false or repaired != unicodedata.normalize("NFC", line):  # NFC is applied, not reported
            false_repairs += [f"line {number}: {fix.before!r} -> {fix.after!r}" for fix in false] or [f"line {number}"]
    assert not false_repairs, f"{len(false_repairs)} false repairs: " + "; ".join(false_repairs[:20])


@pytest.mark.parametrize(
    ("correct", "why"),
    [
        ("Tổng số đơn vị sự nghiệp công lập", "`đơn vị` is a word: `vị` is not `vốn`"),
        ("dự\nán đầu tư xây dựng", "a line starting with the second half of a word"),
        ("Ứng dụng công nghệ số", "a valid phrase near a lexicon phrase (`công nghệ mới`)"),
        ("UBND xã Krông Nô", "a minority-language name is not a broken syllable"),
        ("cán bộ quản lý", "`cán bộ` is a word"),
        ("sinh viênSV", "two words glued by a lost space are not one syllable to respell"),
        ("Sở Thông tinvà Truyền thông", "`tinvà` is `tin và` without its space: `và` is not deleted"),
        ("cán bộ, công chức, viên ch ức", "a word cut by a stray space is not completed into `chức ức`"),
        ("giải quyết vi ệc làm", "nor `vi ệc` into `vi việc`"),
        ("các cấ p chính quyền", "nor `cấ` (of `cấ p`) into `cá`"),
        ("phạm vi thực hiện", "`vi` has no word with `kp`"),
    ],
)
def test_real_false_repairs_stay_fixed(correct: str, why: str) -> None:
    assert repair_text(correct) == (correct, []), why


@pytest.mark.parametrize(
    "correct",
    [
        "chính công tỉnh và cấp xã",  # a line cut from `hành chính công`: `chính` may belong to the line above
        "Trung tâm hành chính công tỉnh",  # `chính` is taken by `hành chính`: `chính cống` is no evidence
        "GV không chỉ đơn thuần truyền thụ",  # `không` is a function word (`khống chỉ` is a word too)
    ],
)
def test_a_tone_mark_is_not_added_without_a_free_neighbour(correct: str) -> None:
    assert repair_text(correct) == (correct, [])
