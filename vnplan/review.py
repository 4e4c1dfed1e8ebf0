"""Review page: one self-contained HTML file per document, to check an extraction at a glance.

Everything is inline (CSS, JS, SVG, page images as data URIs) so that the file opens offline, can be
mailed, and shows the same thing years later. The page never reads the source at display time:
page images are rendered once, here, from ``source.path`` when the file still exists; a text export
has no image, so its page shows the text lines the reader saw.

Rows, their cells on the page and their findings share a ``data-row`` index: hovering or clicking
any of them lights up the others.
"""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from vnplan.normalize.cells import split_code
from vnplan.normalize.hierarchy import parent_positions
from vnplan.normalize.numbers import format_vn
from vnplan.normalize.reconcile import TOTAL, SumCheck, Tree, contribution, printed_totals, sum_overview
from vnplan.reviewing import finding_rows
from vnplan.schemas import AMOUNT_FIELDS, PlanDocument, Row
from vnplan.schemas.roles import V1_AMOUNT_LABELS

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.8  # rows below this confidence are marked for a second look
DEFAULT_DPI = 100  # enough to read a table; keeps a 10-page scan near a few MB
FONTS = '"Noto Sans", "DejaVu Sans", Arial, sans-serif'  # all carry Vietnamese glyphs
PARTS = tuple(field for field in AMOUNT_FIELDS if field != TOTAL)
COLUMN_LABELS = V1_AMOUNT_LABELS
PART_LABELS = {part: COLUMN_LABELS[part] for part in PARTS}
PART_COLOURS = dict(zip(PARTS, ("#2f6fb5", "#e08a1e", "#7a8b99"), strict=True))


@dataclass(frozen=True)
class TextLine:
    cells: tuple[str, ...]  # one entry for narrative lines
    row: int | None  # item index of a table row


@dataclass(frozen=True)
class PageView:
    number: int
    width: float  # in the unit of the cell boxes (points; pixels for image files)
    height: float
    image: str | None = None  # data URI
    lines: tuple[TextLine, ...] = ()


# --- page images -------------------------------------------------------------------------------


def source_to_pages(document: PlanDocument, dpi: int = DEFAULT_DPI) -> tuple[list[PageView], str]:
    """The pages to show, and a note when the source could not be shown (empty when it could)."""
    path = Path(document.source.path)
    if not path.is_file():
        return boxes_only_pages(document), f"source file {document.source.path} not found: cell boxes without the image"
    try:
        if document.source.kind in ("text", "docx", "xlsx", "xls"):  # no page image: the lines as read
            return text_pages(document, path), ""
        if document.source.kind == "image":
            return _image_pages(path), ""
        return _pdf_pages(path, dpi, jpeg=document.source.kind == "scanned_pdf"), ""
    except Exception as error:  # an unreadable source must not cost the rest of the page
        log.warning("%s: pages not rendered (%s)", path, error)
        return boxes_only_pages(document), f"the source could not be rendered ({type(error).__name__}: {error})"


def _data_uri(image: object, *, jpeg: bool) -> str:
    from PIL import Image

    assert isinstance(image, Image.Image)
    buffer = io.BytesIO()
    if jpeg:  # scans and photos: JPEG is a tenth of the PNG size at no visible cost
        image.convert("RGB").save(buffer, format="JPEG", quality=75, optimize=True)
        return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _pdf_pages(path: Path, dpi: int, *, jpeg: bool) -> list[PageView]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    pages = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                image = page.render(scale=dpi / 72, grayscale=True).to_pil()
                pages.append(PageView(index + 1, width, height, _data_uri(image, jpeg=jpeg)))
            finally:
                page.close()
    finally:
        pdf.close()
    return pages


def _image_pages(path: Path) -> list[PageView]:
    from PIL import Image, ImageSequence

    pages = []
    with Image.open(path) as im:
        for number, frame in enumerate(ImageSequence.Iterator(im), start=1):
            width, height = frame.size  # boxes of image files are in these pixels
            shown = frame.convert("L")
            shown.thumbnail((1400, 1400 * height // max(width, 1)))
            pages.append(PageView(number, float(width), float(height), _data_uri(shown, jpeg=True)))
    return pages


def boxes_only_pages(document: PlanDocument) -> list[PageView]:
    """Without the source, the boxes still show the table's shape; the page size is their extent."""
    pages = []
    for number in range(1, document.source.pages + 1):
        boxes = [box for row in document.items for box in row.cells if box.page == number]
        if boxes:
            pages.append(PageView(number, max(b.x1 for b in boxes) + 20, max(b.bottom for b in boxes) + 20))
    return pages


def text_pages(document: PlanDocument, path: Path) -> list[PageView]:
    from vnplan.pipeline import read_source_file

    source = read_source_file(path)
    queues = _rows_by_page_and_code(document.items)
    pages = []
    for page in source.pages:
        lines = []
        for line in page.lines:
            if not line.cells:
                lines.append(TextLine((line.text,), None))
                continue
            first = next((cell.text for cell in line.cells if cell.text), "")
            code = split_code(first)[0]
            queue = queues.get((page.number, code)) if code else None
            lines.append(TextLine(tuple(cell.text for cell in line.cells), queue.pop(0) if queue else None))
        pages.append(PageView(page.number, 0.0, 0.0, lines=tuple(lines)))
    return pages


def _rows_by_page_and_code(rows: Sequence[Row]) -> dict[tuple[int, str], list[int]]:
    """Item indices per (page, code) in document order, so a repeated code matches in turn."""
    queues: dict[tuple[int, str], list[int]] = {}
    for index, row in enumerate(rows):
        if row.code and row.pages:
            queues.setdefault((row.pages[0], row.code), []).append(index)
    return queues


# --- the HTML ----------------------------------------------------------------------------------


def document_to_html(
    document: PlanDocument,
    pages: Sequence[PageView],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    note: str = "",
    name: str = "",
) -> str:
    title = name or Path(document.source.path).name
    body = "\n".join(
        [
            _header_html(document, title, note),
            '<main><section id="pages" aria-label="pages">',
            *(_page_html(page, document.items) for page in pages),
            '</section><section id="side">',
            _findings_html(document),
            _totals_html(document),
            _chart_html(document),
            _items_html(document, threshold),
            "</section></main>",
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · vnplan review</title><style>{CSS}</style></head>"
        f"<body>\n{body}\n<script>{SCRIPT}</script></body></html>\n"
    )


def write_review(
    document: PlanDocument,
    target: Path,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    dpi: int = DEFAULT_DPI,
    name: str = "",
) -> None:
    from vnplan.writers import atomic_write

    pages, note = source_to_pages(document, dpi)
    text = document_to_html(document, pages, threshold=threshold, note=note, name=name)
    atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _money(value: int | None) -> str:
    return "—" if value is None else format_vn(value)


def _header_html(document: PlanDocument, title: str, note: str) -> str:
    meta = document.document
    errors = sum(f.severity == "error" for f in document.findings)
    warnings = sum(f.severity == "warning" for f in document.findings)
    facts = [
        meta.doc_type and meta.number and f"{meta.doc_type} {meta.number}",
        meta.province,
        meta.year and f"year {meta.year}",
        f"{document.source.kind}, {document.source.pages} pages",
        f"{len(document.items)} rows",
        document.amount_unit and f"printed in {document.amount_unit}",
        f"total {_money(document.totals.total_vnd)} đồng",
    ]
    return (
        f'<header><h1>{escape(title)} <span class="status status-{document.status}">{document.status}</span></h1>'
        f"<p>{escape(meta.title or '')}</p>"
        f'<p class="facts">{" · ".join(escape(str(f)) for f in facts if f)} · '
        f'<span class="sev-error">{errors} errors</span> · <span class="sev-warning">{warnings} warnings</span></p>'
        + (f'<p class="note">{escape(note)}</p>' if note else "")
        + "</header>"
    )


def _page_html(page: PageView, rows: Sequence[Row]) -> str:
    head = f'<div class="page" id="page-{page.number}"><h2>Page {page.number}</h2>'
    if page.lines:
        return head + '<div class="textpage">' + "".join(_text_line_html(line) for line in page.lines) + "</div></div>"
    image = (
        f'<image href="{page.image}" x="0" y="0" width="{page.width:g}" height="{page.height:g}"/>'
        if page.image
        else f'<rect class="paper" width="{page.width:g}" height="{page.height:g}"/>'
    )
    return (
        head
        + f'<svg class="overlay" viewBox="0 0 {page.width:g} {page.height:g}" preserveAspectRatio="xMidYMin meet">'
        + image
        + "".join(_cell_rects(page.number, rows))
        + "</svg></div>"
    )


def _cell_rects(page: int, rows: Sequence[Row]) -> Iterable[str]:
    for index, row in enumerate(rows):
        for box in row.cells:
            if box.page != page:
                continue
            yield (
                f'<rect class="cell" data-row="{index}" data-field="{escape(box.field)}" x="{box.x0:g}" y="{box.top:g}" '
                f'width="{box.x1 - box.x0:g}" height="{box.bottom - box.top:g}">'
                f"<title>row {escape(row.code or '?')} · {escape(box.field)}</title></rect>"
            )


def _text_line_html(line: TextLine) -> str:
    if line.row is None and len(line.cells) == 1:
        return f'<div class="narrative">{escape(line.cells[0])}</div>'
    attributes = f' data-row="{line.row}"' if line.row is not None else ""
    # Wider cells for longer text, so a table row reads like the table rather than a tall column.
    cells = "".join(
        f'<span style="flex-grow:{min(max(len(text) // 12, 1), 8)}">{escape(text)}</span>'
        for text in line.cells
        if text
    )
    return f'<div class="tline"{attributes}>{cells}</div>'


def _findings_html(document: PlanDocument) -> str:
    order = {"error": 0, "warning": 1, "info": 2}
    items = []
    ordered = sorted(document.findings, key=lambda f: order[f.severity])
    for finding, index in zip(ordered, finding_rows(document, ordered), strict=True):
        links = [f'<a href="#row-{index}">row {escape(finding.row_code or "?")}</a>'] if index is not None else []
        links += [f'<a href="#page-{p}">p. {p}</a>' for p in finding.pages]
        attributes = f' data-row="{index}"' if index is not None else ""
        items.append(
            f'<li class="finding sev-{finding.severity}"{attributes}><b>{finding.severity}</b> '
            f"<code>{escape(finding.code)}</code> {escape(finding.message)} {' '.join(links)}</li>"
        )
    body = "".join(items) or "<li>none</li>"
    return (
        f'<details id="findings" open><summary>Findings ({len(document.findings)})</summary><ul>{body}</ul></details>'
    )


def sum_checks(document: PlanDocument) -> list[SumCheck]:
    """Each subtotal row and the grand total against the sum of their parts (reconcile's overview)."""
    rows = document.items
    totals = printed_totals(document.totals, document.total_amounts)
    return sum_overview(rows, totals, Tree.from_parents(parent_positions(rows)), AMOUNT_FIELDS)


def _totals_html(document: PlanDocument) -> str:
    lines = []
    for check in sum_checks(document):
        difference = check.difference
        state = "na" if difference is None else ("ok" if difference == 0 else "bad")
        lines.append(
            f'<tr class="sum-{state}"><td>{escape(check.label)}</td><td>{COLUMN_LABELS[check.column]}</td>'
            f'<td class="num">{_money(check.printed)}</td><td class="num">{_money(check.parts)}</td>'
            f'<td class="num diff">{_money(difference)}</td></tr>'
        )
    head = "<tr><th>Section</th><th>Column</th><th>Printed</th><th>Sum of parts</th><th>Difference</th></tr>"
    return (
        '<details id="totals" open><summary>Totals (đồng)</summary>'
        f'<table class="sums">{head}{"".join(lines)}</table></details>'
    )


def chart_bars(document: PlanDocument) -> list[tuple[str, dict[str, int]]]:
    """(label, amount per funding source) of each section: the children of top-level rows that have any."""
    rows = document.items
    tree = Tree.from_parents(parent_positions(rows))
    # A group (I, II) that holds sections is shown as its sections: one bar for the whole
    # programme would say nothing about where the money goes.
    tops = [kid for root in tree.roots(len(rows)) for kid in tree.children.get(root, [root])]
    bars = []
    for index in tops:
        parts = {c: contribution(rows, tree, index, c) or 0 for c in PARTS}
        total = contribution(rows, tree, index, TOTAL) or 0
        parts["unsplit"] = max(total - sum(parts.values()), 0)  # a total printed without its split
        bars.append((f"{rows[index].code or '?'} {rows[index].title}", parts))
    return bars


def _chart_html(document: PlanDocument) -> str:
    bars = chart_bars(document)
    if not bars:
        return ""
    label_width, bar_width, bar_height, gap = 230, 330, 18, 8
    largest = max(sum(parts.values()) for _, parts in bars) or 1
    colours = {**PART_COLOURS, "unsplit": "#c9c9c9"}
    shapes = []
    for position, (label, parts) in enumerate(bars):
        y = 24 + position * (bar_height + gap)
        short = label if len(label) <= 34 else label[:33] + "…"
        shapes.append(f'<text x="0" y="{y + 13}" class="label"><title>{escape(label)}</title>{escape(short)}</text>')
        x = float(label_width)
        for part, value in parts.items():
            width = bar_width * value / largest
            if width > 0:
                shapes.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{bar_height}" fill="{colours[part]}">'
                    f"<title>{escape(PART_LABELS.get(part, 'Total without a split'))}: {format_vn(value)} đồng</title></rect>"
                )
                x += width
        shapes.append(f'<text x="{x + 4:.1f}" y="{y + 13}" class="value">{format_vn(sum(parts.values()))}</text>')
    legend = "".join(
        f'<rect x="{label_width + i * 120}" y="4" width="10" height="10" fill="{colours[p]}"/>'
        f'<text x="{label_width + i * 120 + 14}" y="13" class="label">{PART_LABELS[p]}</text>'
        for i, p in enumerate(PARTS)
    )
    height = 24 + len(bars) * (bar_height + gap)
    width = label_width + bar_width + 110
    return (
        '<details id="chart" open><summary>Budget by section and funding source (đồng)</summary>'
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="budget by section">'
        f"{legend}{''.join(shapes)}</svg></details>"
    )


def _amount_cell(row: Row, column: str) -> str:
    value = getattr(row, column)
    if column in row.inferred:
        return f'<td class="num inferred" title="not printed: inferred by arithmetic">{_money(value)}*</td>'
    return f'<td class="num">{_money(value)}</td>'


def _corrections_html(row: Row) -> str:
    return "".join(
        f'<div class="fix" title="{escape(fix.reason)}">{escape(fix.field)}: <del>{escape(fix.before)}</del>'
        f" → <ins>{escape(fix.after)}</ins></div>"
        for fix in row.corrections
    )


def _item_row_html(index: int, row: Row, threshold: float) -> str:
    low = row.confidence < threshold
    months = f"{row.start_month or ''}–{row.end_month or ''}" if row.start_month or row.end_month else ""
    pages = " ".join(f'<a href="#page-{p}">{p}</a>' for p in row.pages)
    classes = f"kind-{row.kind}" + (" low" if low else "")
    flag = ' <span class="flag" title="confidence below the threshold">⚠</span>' if low else ""
    unit = f'<div class="unit">{escape(row.implementing_unit)}</div>' if row.implementing_unit else ""
    return (
        f'<tr id="row-{index}" data-row="{index}" class="{classes}"><td>{escape(row.code or "")}</td>'
        f'<td class="title">{escape(row.title)}{flag}{unit}{_corrections_html(row)}</td>'
        f"<td>{months}</td>{''.join(_amount_cell(row, c) for c in AMOUNT_FIELDS)}"
        f'<td>{pages}</td><td class="num conf">{row.confidence:.2f}</td></tr>'
    )


def _items_html(document: PlanDocument, threshold: float) -> str:
    head = (
        "<tr><th>Code</th><th>Title / unit</th><th>Months</th><th>Total</th><th>Provincial</th>"
        "<th>Beneficiary</th><th>Other</th><th>Pages</th><th>Conf.</th></tr>"
    )
    body = "".join(_item_row_html(i, row, threshold) for i, row in enumerate(document.items))
    low = sum(row.confidence < threshold for row in document.items)
    return (
        f'<details id="items" open><summary>Items ({len(document.items)}; {low} below confidence {threshold:g}; '
        f'* inferred)</summary><table class="items">{head}{body}</table></details>'
    )


CSS = f"""
*{{box-sizing:border-box}}
html,body{{height:100%}} body{{margin:0;display:flex;flex-direction:column;font:13px/1.4 {FONTS};color:#1d232a;background:#f4f5f7}}
header{{padding:8px 16px;background:#fff;border-bottom:1px solid #d5d9de}}
h1{{font-size:18px;margin:0}} h2{{font-size:13px;margin:4px 0;color:#56606b}}
header p{{margin:2px 0}} .note{{color:#9a5b00}}
.status{{font-size:12px;padding:1px 8px;border-radius:9px;color:#fff;vertical-align:middle}}
.status-ok{{background:#2b8a3e}} .status-partial{{background:#c77700}} .status-failed{{background:#c92a2a}}
main{{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,4fr) minmax(0,6fr);gap:12px;padding:12px}}
#pages,#side{{overflow:auto;min-height:0}}
.page{{background:#fff;border:1px solid #d5d9de;margin-bottom:12px;padding:6px}}
svg.overlay{{width:100%;height:auto;display:block}}
.paper{{fill:#fff;stroke:#ccc}}
rect.cell{{fill:rgba(47,111,181,.06);stroke:rgba(47,111,181,.55);stroke-width:.6;cursor:pointer}}
rect.cell.hover{{fill:rgba(255,193,7,.35);stroke:#e0a800}}
rect.cell.sel{{fill:rgba(255,140,0,.40);stroke:#d9480f;stroke-width:1.5}}
.textpage{{font-size:11px}} .narrative{{color:#56606b;padding:1px 0}}
.tline{{display:flex;gap:4px;border-top:1px solid #eef0f2;padding:1px 0;cursor:pointer}}
.tline span{{flex:1 1 0;min-width:min-content;overflow-wrap:break-word;padding:0 2px;background:rgba(47,111,181,.06)}}
.tline.hover,.tline.hover span{{background:rgba(255,193,7,.35)}} .tline.sel,.tline.sel span{{background:rgba(255,140,0,.40)}}
details{{background:#fff;border:1px solid #d5d9de;margin-bottom:12px;padding:6px 8px}}
summary{{font-weight:600;cursor:pointer}}
table{{border-collapse:collapse;width:100%;font-size:12px}} table.items{{font-size:11.5px}}
th,td{{border-bottom:1px solid #e6e8eb;padding:2px 4px;text-align:left;vertical-align:top}}
th{{position:sticky;top:0;background:#f0f2f4}}
.num{{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}}
tr.kind-group td,tr.kind-section td{{font-weight:600;background:#f7f8fa}}
tr.low td.conf{{color:#c92a2a;font-weight:700}} .flag{{color:#c77700}}
td.inferred{{color:#5f3dc4;font-style:italic}}
tr[data-row]{{cursor:pointer}} tr.hover td{{background:#fff3bf}} tr.sel td{{background:#ffd8a8}}
td.title{{min-width:16em}} .unit,.fix{{font-size:11px;color:#56606b}} del{{color:#c92a2a}} ins{{color:#2b8a3e;text-decoration:none}}
.finding{{margin:2px 0}} .finding.hover{{background:#fff3bf}} .finding.sel{{background:#ffd8a8}}
.sev-error{{color:#c92a2a}} .sev-warning{{color:#c77700}} .sev-info{{color:#56606b}}
.finding.sev-info{{display:none}} #findings.all .finding.sev-info{{display:list-item}}
ul{{margin:4px 0;padding-left:18px}}
.sum-ok .diff{{color:#2b8a3e;font-weight:600}} .sum-bad .diff{{color:#c92a2a;font-weight:700}}
.sum-bad td{{background:#fff5f5}} .sum-na .diff{{color:#868e96}}
svg.chart{{width:100%;height:auto}} .chart .label{{font:11px {FONTS};fill:#1d232a}} .chart .value{{font:10px {FONTS};fill:#56606b}}
"""

# Plain DOM code, no library: the page must work offline and without a build step.
SCRIPT = """
(function () {
  "use strict";
  function members(row) { return document.querySelectorAll('[data-row="' + row + '"]'); }
  function mark(row, name, on) { members(row).forEach(function (el) { el.classList.toggle(name, on); }); }
  var selected = null;
  function select(row, from) {
    if (selected !== null) { mark(selected, "sel", false); }
    selected = row;
    mark(row, "sel", true);
    // Bring the other side into view: the page cell for a table row, the table row for a cell.
    var others = Array.prototype.filter.call(members(row), function (el) {
      return el.closest("#pages") !== from.closest("#pages");
    });
    var target = others.filter(function (el) { return el.tagName === "TR"; })[0] || others[0] || null;
    if (target !== null && target.scrollIntoView) { target.scrollIntoView({block: "center"}); }
  }
  document.addEventListener("mouseover", function (event) {
    var el = event.target.closest ? event.target.closest("[data-row]") : null;
    if (el) { mark(el.getAttribute("data-row"), "hover", true); }
  });
  document.addEventListener("mouseout", function (event) {
    var el = event.target.closest ? event.target.closest("[data-row]") : null;
    if (el) { mark(el.getAttribute("data-row"), "hover", false); }
  });
  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("[data-row]") : null;
    var link = event.target.closest ? event.target.closest('a[href^="#row-"]') : null;
    if (link) { el = document.getElementById(link.getAttribute("href").slice(1)); }
    else if (event.target.closest && event.target.closest("a")) { el = null; }
    if (el) { select(el.getAttribute("data-row"), el); }
  });
  var findings = document.getElementById("findings");
  if (findings) {
    var toggle = document.createElement("button");
    toggle.textContent = "show info findings";
    toggle.addEventListener("click", function () { findings.classList.toggle("all"); });
    findings.appendChild(toggle);
  }
  window.vnplanSelect = function (row) { var el = members(row)[0]; if (el) { select(String(row), el); } };
})();
"""


def review_path(json_path: Path) -> Path:
    """``out/plan.json`` -> ``out/plan.review.html``."""
    return json_path.with_name(f"{json_path.stem}.review.html")


def review_outputs(out_dir: Path, names: Iterable[str], *, threshold: float = DEFAULT_THRESHOLD) -> list[Path]:
    """A review page beside each finished document JSON of a batch (cached ones included)."""
    written = []
    for name in names:
        json_path = out_dir / f"{name}.json"
        if not name or not json_path.is_file():
            continue
        document = PlanDocument.model_validate_json(json_path.read_text(encoding="utf-8"))
        target = review_path(json_path)
        write_review(document, target, threshold=threshold, name=name)
        written.append(target)
    return written
