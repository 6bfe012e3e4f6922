"""Print-ready HTML of an SOP document (Lampiran II.B-E), one self-contained string.

Pages (A4, CSS ``@page``): the title page (Lampiran II.F.4), the identity table with its logo
slot (Lampiran II.B/C.2) and the uraian prosedur on landscape pages in the document's format
(Pasal 7 (2)): a numbered list (langkah sederhana), a numbered table of tahapan (tahapan
berurutan), a table with the mutu baku (grafik) or the Lampiran II.E table with the flowchart
drawn as inline SVG over the pelaksana columns (diagram alir).

Diagram alir: rows get a fixed height estimated from their text, the rows are split into
landscape pages ahead of time and each page's table carries the band of the flowchart that
belongs to its rows, positioned over the pelaksana cells; a flow line crossing a page break is
cut at the page edge and continues on the next page. All user text is escaped; nothing is
loaded from outside the document (a logo is shown only when given as a ``data:image/`` URI).
"""

import textwrap
from collections.abc import Iterable
from html import escape

from sop.document import FormatSop, Langkah, SopDocument
from sop.render.common import (
    HEADING,
    RenderMeta,
    branch_text,
    identity_lists,
    identity_rows,
    step_details,
    tahapan,
    uraian_markup,
    waktu_text,
)
from sop.render.flowchart import Flowchart, actor_columns, flowchart_svg, layout_flowchart
from sop.totals import total_waktu

# Landscape A4 with 12 mm margins leaves 773 x 527 pt; widths below are in points.
CONTENT_WIDTH = 770.0
ROWS_HEIGHT_PER_PAGE = 420.0
FIXED_COLUMNS = {"no": 24.0, "uraian": 170.0, "kelengkapan": 72.0, "waktu": 46.0, "output": 64.0}
KET_WIDTH = 56.0
FONT_PT = 8.0
LINE_PT = 10.0
MIN_ROW_PT = 44.0

_CSS = """
@page { size: A4 portrait; margin: 15mm; }
@page lanskap { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #000; margin: 0; }
.halaman { break-after: page; page-break-after: always; }
.halaman:last-child { break-after: auto; page-break-after: auto; }
.lanskap { page: lanskap; }
.judul { text-align: center; padding-top: 40mm; }
.judul .instansi { font-size: 14pt; font-weight: bold; margin-top: 10mm; }
.judul .baku { font-size: 16pt; font-weight: bold; margin: 25mm 10mm; }
.judul .nama-sop { font-size: 15pt; font-weight: bold; }
.judul .nomor, .judul .meta { margin-top: 6mm; }
.logo { display: inline-flex; align-items: center; justify-content: center; width: 28mm;
  height: 28mm; border: 1px dashed #666; font-size: 8pt; color: #666; }
.logo img { max-width: 100%; max-height: 100%; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 0.75pt solid #000; padding: 3pt; vertical-align: top; }
th { background: #eee; text-align: center; vertical-align: middle; }
.identitas td.unit { text-align: center; vertical-align: middle; font-weight: bold; width: 45%; }
.identitas td.label { width: 22%; }
.identitas ol { margin: 2pt 0 0 14pt; padding: 0; }
.prosedur { table-layout: fixed; font-size: 8pt; line-height: 10pt; }
.prosedur td { overflow-wrap: anywhere; }
.prosedur td.aktor { padding: 0; }
.prosedur td.aktor.alur-induk { position: relative; }
.prosedur svg.diagram-alir { position: absolute; left: 0; top: 0; z-index: 1; overflow: hidden; }
.prosedur tr.nomor-kolom td { text-align: center; font-size: 7pt; padding: 1pt; }
.prosedur .jumlah td { font-weight: bold; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
h2 { font-size: 11pt; text-align: center; margin: 0 0 6pt; }
.langkah-sederhana li { margin-bottom: 4pt; }
.catatan { color: #333; font-size: 8pt; }
"""


def render_html(doc: SopDocument, meta: RenderMeta | None = None) -> str:
    """The whole document as one HTML page; ``meta`` adds version, revision and status."""
    meta = meta or RenderMeta()
    title = escape(doc.identitas.nama_sop)
    body = [_title_page(doc, meta), _identity_page(doc), *_procedure_pages(doc)]
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>SOP {title}</title><style>{_CSS}</style></head><body>"
        + "".join(body)
        + "</body></html>"
    )


def _title_page(doc: SopDocument, meta: RenderMeta) -> str:
    ident = doc.identitas
    nomor = ""
    if ident.nomor_sop:
        nomor = f'<div class="nomor">Nomor: {escape(str(ident.nomor_sop))}</div>'
    meta_line = f'<div class="meta">{escape(meta.line())}</div>' if meta.line() else ""
    return (
        '<section class="halaman judul">'
        f"{_logo(doc)}"
        f'<div class="instansi">{escape(ident.unit_kerja.upper())}</div>'
        f'<div class="baku">{escape(HEADING)}</div>'
        f'<div class="nama-sop">{escape(ident.nama_sop.upper())}</div>'
        f"{nomor}{meta_line}</section>"
    )


def _logo(doc: SopDocument) -> str:
    logo = doc.identitas.logo
    if logo and logo.startswith("data:image/"):
        return f'<div class="logo"><img src="{escape(logo)}" alt="Logo"></div>'
    return '<div class="logo">LOGO</div>'


def _identity_page(doc: SopDocument) -> str:
    rows = identity_rows(doc)
    head = [
        "<tr>"
        f'<td class="unit" rowspan="{len(rows)}">{_logo(doc)}<br>'
        f"{escape(doc.identitas.unit_kerja.upper())}</td>"
        f'<td class="label">{escape(rows[0][0])}</td><td>{escape(rows[0][1])}</td></tr>'
    ]
    head += [
        f'<tr><td class="label">{escape(label)}</td><td>{escape(value)}</td></tr>'
        for label, value in rows[1:]
    ]
    lists = [
        f'<tr><td>{_labelled_list(*left)}</td><td colspan="2">{_labelled_list(*right)}</td></tr>'
        for left, right in identity_lists(doc)
    ]
    return (
        '<section class="halaman">'
        "<h2>INFORMASI PROSEDUR YANG DISTANDARKAN</h2>"
        f'<table class="identitas">{"".join(head)}{"".join(lists)}</table></section>'
    )


def _labelled_list(label: str, items: list[str]) -> str:
    entries = "".join(f"<li>{escape(item)}</li>" for item in items)
    listing = f"<ol>{entries}</ol>" if items else "<div>-</div>"
    return f"<strong>{escape(label)} :</strong>{listing}"


def _procedure_pages(doc: SopDocument) -> list[str]:
    if doc.format == FormatSop.diagram_alir:
        return _diagram_alir_pages(doc)
    if doc.format == FormatSop.langkah_sederhana:
        body = _langkah_sederhana(doc)
    elif doc.format == FormatSop.tahapan_berurutan:
        body = _tahapan_berurutan(doc)
    else:
        body = _grafik(doc)
    return [f'<section class="halaman lanskap">{_procedure_heading(doc)}{body}</section>']


def _procedure_heading(doc: SopDocument) -> str:
    return f"<h2>URAIAN PROSEDUR: {escape(doc.identitas.nama_sop.upper())}</h2>"


def _total_text(doc: SopDocument) -> str:
    return escape(total_waktu(doc).teks)


def _langkah_sederhana(doc: SopDocument) -> str:
    items = []
    for step in doc.langkah:
        items.append(
            f'<li data-langkah="{step.no}">{uraian_markup(step, " ", "em")}'
            f'<div class="catatan">{escape(step_details(step))}</div></li>'
        )
    return (
        f'<ol class="langkah-sederhana">{"".join(items)}</ol>'
        f"<p><strong>Jumlah waktu:</strong> {_total_text(doc)}</p>"
    )


def _tahapan_berurutan(doc: SopDocument) -> str:
    rows = []
    for stage in tahapan(doc):
        rows.append(
            f'<tr class="tahap"><td><strong>{stage.nomor}</strong></td>'
            f'<td colspan="5"><strong>Tahap {stage.nomor}: {escape(stage.pelaksana)}</strong>'
            "</td></tr>"
        )
        for sub, step in enumerate(stage.langkah, start=1):
            uraian = uraian_markup(step, " ", "em")
            rows.append(
                f'<tr class="langkah" data-langkah="{step.no}"><td>{stage.nomor}.{sub}</td>'
                f"<td>{uraian}</td><td>{step.no}</td>"
                f"<td>{escape(step.mutu_baku.kelengkapan)}</td>"
                f"<td>{escape(waktu_text(step))}</td><td>{escape(step.mutu_baku.output)}</td></tr>"
            )
    header = (
        '<colgroup><col style="width:40pt"><col><col style="width:50pt"><col style="width:120pt">'
        '<col style="width:60pt"><col style="width:110pt"></colgroup>'
        "<thead><tr><th>No</th><th>Tahapan / Uraian Prosedur</th><th>Langkah</th>"
        "<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr></thead>"
    )
    total = (
        f'<tr class="jumlah"><td colspan="4">Jumlah waktu</td>'
        f'<td colspan="2">{_total_text(doc)}</td></tr>'
    )
    return f'<table class="prosedur">{header}<tbody>{"".join(rows)}{total}</tbody></table>'


def _grafik(doc: SopDocument) -> str:
    rows = []
    for step in doc.langkah:
        uraian = uraian_markup(step, " ", "em")
        rows.append(
            f'<tr class="langkah" data-langkah="{step.no}"><td>{step.no}.</td><td>{uraian}</td>'
            f"<td>{escape(step.pelaksana)}</td>{_mutu_baku_cells(step)}</tr>"
        )
    header = (
        '<colgroup><col style="width:24pt"><col><col style="width:90pt"><col style="width:110pt">'
        '<col style="width:56pt"><col style="width:100pt"><col style="width:80pt"></colgroup>'
        '<thead><tr><th rowspan="2">No</th><th rowspan="2">Uraian Prosedur</th>'
        '<th rowspan="2">Pelaksana</th><th colspan="3">Mutu Baku</th>'
        '<th rowspan="2">Ket.</th></tr><tr><th>Kelengkapan</th><th>Waktu</th><th>Output</th>'
        "</tr></thead>"
    )
    total = (
        f'<tr class="jumlah"><td colspan="4">Jumlah waktu</td>'
        f'<td colspan="3">{_total_text(doc)}</td></tr>'
    )
    return f'<table class="prosedur">{header}<tbody>{"".join(rows)}{total}</tbody></table>'


def _mutu_baku_cells(step: Langkah) -> str:
    return (
        f"<td>{escape(step.mutu_baku.kelengkapan)}</td><td>{escape(waktu_text(step))}</td>"
        f"<td>{escape(step.mutu_baku.output)}</td><td>{escape(step.keterangan)}</td>"
    )


# --- diagram alir (Lampiran II.E) -----------------------------------------------------------


def lane_width(lane_count: int) -> float:
    """Width of one pelaksana column: what is left of the landscape page, shared out."""
    free = CONTENT_WIDTH - sum(FIXED_COLUMNS.values()) - KET_WIDTH
    return max(free / max(lane_count, 1), 17.0)


def estimate_row_heights(doc: SopDocument) -> list[float]:
    """Height of each step's row, generous enough for its longest wrapped text column."""
    heights = []
    for step in doc.langkah:
        columns: list[tuple[float, Iterable[str]]] = [
            (FIXED_COLUMNS["uraian"], [f"{step.no}. {step.uraian}", branch_text(step)]),
            (FIXED_COLUMNS["kelengkapan"], [step.mutu_baku.kelengkapan]),
            (FIXED_COLUMNS["waktu"], [waktu_text(step)]),
            (FIXED_COLUMNS["output"], [step.mutu_baku.output]),
            (KET_WIDTH, [step.keterangan]),
        ]
        lines = max(_line_count(texts, width) for width, texts in columns)
        heights.append(max(MIN_ROW_PT, lines * LINE_PT + 10.0))
    return heights


def _line_count(texts: Iterable[str], width: float) -> int:
    chars = max(int((width - 6.0) / (FONT_PT * 0.56)), 4)
    return sum(len(textwrap.wrap(text, chars, break_long_words=True)) for text in texts if text)


def paginate(heights: list[float], per_page: float = ROWS_HEIGHT_PER_PAGE) -> list[range]:
    """Consecutive row ranges whose heights fit ``per_page`` (at least one row a page)."""
    pages: list[range] = []
    start, used = 0, 0.0
    for index, height in enumerate(heights):
        if index > start and used + height > per_page:
            pages.append(range(start, index))
            start, used = index, 0.0
        used += height
    if heights:
        pages.append(range(start, len(heights)))
    return pages


def _diagram_alir_pages(doc: SopDocument) -> list[str]:
    lanes = actor_columns(doc)
    heights = estimate_row_heights(doc)
    chart = layout_flowchart(doc, heights, lane_width(len(lanes)))
    pages = paginate(heights) or [range(0)]
    out = []
    for page_no, rows in enumerate(pages, start=1):
        last = page_no == len(pages)
        out.append(
            '<section class="halaman lanskap">'
            f"{_procedure_heading(doc)}{_diagram_table(doc, chart, rows, page_no, last)}"
            "</section>"
        )
    return out


def _diagram_table(
    doc: SopDocument, chart: Flowchart, rows: range, page_no: int, last: bool
) -> str:
    lanes = chart.lanes
    cols = "".join(
        [
            f'<col style="width:{FIXED_COLUMNS["no"]}pt">',
            f'<col style="width:{FIXED_COLUMNS["uraian"]}pt">',
            *(f'<col class="pelaksana" style="width:{chart.lane_width:.2f}pt">' for _ in lanes),
            f'<col style="width:{FIXED_COLUMNS["kelengkapan"]}pt">',
            f'<col style="width:{FIXED_COLUMNS["waktu"]}pt">',
            f'<col style="width:{FIXED_COLUMNS["output"]}pt">',
            f'<col style="width:{KET_WIDTH}pt">',
        ]
    )
    actor_heads = "".join(
        f'<th class="pelaksana" scope="col">{escape(name)}</th>' for name in lanes
    )
    numbers = "".join(f"<td>{index}</td>" for index in range(1, len(lanes) + 7))
    head = (
        '<thead><tr><th rowspan="2">No</th><th rowspan="2">Uraian Prosedur</th>'
        f'<th colspan="{len(lanes)}">Pelaksana</th><th colspan="3">Mutu Baku</th>'
        '<th rowspan="2">Ket.</th></tr>'
        f"<tr>{actor_heads}<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>"
        f'<tr class="nomor-kolom">{numbers}</tr></thead>'
    )
    body = [_diagram_row(doc.langkah[index], chart, rows, index, page_no) for index in rows]
    total_width = sum(FIXED_COLUMNS.values()) + KET_WIDTH + chart.lane_width * len(lanes)
    if last:
        body.append(
            f'<tr class="jumlah"><td colspan="{len(lanes) + 3}">Jumlah waktu</td>'
            f'<td colspan="3">{_total_text(doc)}</td></tr>'
        )
    return (
        f'<table class="prosedur diagram" style="width:{total_width:.2f}pt">'
        f"<colgroup>{cols}</colgroup>{head}<tbody>{''.join(body)}</tbody></table>"
    )


def _diagram_row(step: Langkah, chart: Flowchart, rows: range, index: int, page_no: int) -> str:
    height = chart.row_heights[index]
    uraian = uraian_markup(step, "<br>", "em")
    cells = []
    for lane_index, name in enumerate(chart.lanes):
        classes = ["aktor"]
        content = ""
        if lane_index == 0 and index == rows.start:
            classes.append("alur-induk")
            top = chart.row_tops[rows.start]
            bottom = chart.row_tops[rows.stop - 1] + chart.row_heights[rows.stop - 1]
            content += flowchart_svg(chart, top, bottom, id_prefix=f"alur{page_no}")
        if name == step.pelaksana:
            classes.append("aktif")
            content += f'<span class="sr">{escape(step.simbol.value)}: {escape(name)}</span>'
        cells.append(f'<td class="{" ".join(classes)}">{content}</td>')
    return (
        f'<tr class="langkah" data-langkah="{step.no}" data-pelaksana="{escape(step.pelaksana)}" '
        f'style="height:{height:.2f}pt"><td>{step.no}.</td><td>{uraian}</td>{"".join(cells)}'
        f"{_mutu_baku_cells(step)}</tr>"
    )
