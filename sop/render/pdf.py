"""PDF of an SOP document (Lampiran II.B-E), drawn with reportlab (see README.md for why).

Same pages as the HTML rendering: the title page and the identity table (Lampiran II.B/C) on
portrait A4, the uraian prosedur on landscape A4 in the document's format (Pasal 7 (2)). For
the diagram alir (Lampiran II.E) each row's height is measured from its wrapped text, the rows
are split into landscape pages, and each page's table is drawn with the band of the flowchart
(``sop.render.flowchart``) that belongs to its rows over the pelaksana columns, clipped to them.
Text uses the Bitstream Vera fonts shipped inside reportlab, embedded in the PDF.
"""

import base64
import io
from collections.abc import Callable
from html import escape
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from sop.document import FormatSop, Langkah, Simbol, SopDocument
from sop.render.common import (
    HEADING,
    RenderMeta,
    branch_text,
    identity_lists,
    identity_rows,
    tahapan,
    waktu_text,
)
from sop.render.flowchart import Edge, Flowchart, Node, actor_columns, layout_flowchart
from sop.totals import total_waktu

PORTRAIT_MARGIN = 15 * mm
LANDSCAPE_MARGIN = 12 * mm
FIXED = {"no": 24.0, "uraian": 170.0, "kelengkapan": 72.0, "waktu": 46.0, "output": 64.0}
KET = 56.0
MIN_ROW = 44.0
PAD = 3.0


def _fonts() -> tuple[str, str, str]:
    folder = Path(reportlab.__file__).parent / "fonts"
    try:
        for name, file in (
            ("SopSans", "Vera.ttf"),
            ("SopSans-Bold", "VeraBd.ttf"),
            ("SopSans-Italic", "VeraIt.ttf"),
        ):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        return "SopSans", "SopSans-Bold", "SopSans-Italic"
    except Exception:  # reportlab without its bundled fonts: fall back to the base 14
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


FONT, BOLD, ITALIC = _fonts()
_BODY = ParagraphStyle("isi", fontName=FONT, fontSize=8, leading=10)
_SMALL = ParagraphStyle("kecil", parent=_BODY, fontSize=7, leading=8.5)
_HEAD = ParagraphStyle("kepala", parent=_BODY, fontName=BOLD, alignment=TA_CENTER)
_HEAD_SMALL = ParagraphStyle("kepala-kecil", parent=_HEAD, fontSize=7, leading=8.5)
_TITLE = ParagraphStyle("judul", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER)
_H2 = ParagraphStyle("h2", fontName=BOLD, fontSize=11, leading=14, alignment=TA_CENTER)
_GRID = [
    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), PAD),
    ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ("TOPPADDING", (0, 0), (-1, -1), PAD),
    ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
]


def render_pdf(doc: SopDocument, meta: RenderMeta | None = None) -> bytes:
    """The whole document as PDF bytes; ``meta`` adds version, revision and status."""
    meta = meta or RenderMeta()
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=f"SOP {doc.identitas.nama_sop}",
        author=doc.identitas.unit_kerja,
        subject=HEADING,
    )
    portrait_w, portrait_h = A4
    land_w, land_h = landscape(A4)
    footer = _footer(doc)
    template.addPageTemplates(
        [
            PageTemplate(
                "potret",
                [_frame(portrait_w, portrait_h, PORTRAIT_MARGIN)],
                pagesize=A4,
                onPage=footer,
            ),
            PageTemplate(
                "lanskap",
                [_frame(land_w, land_h, LANDSCAPE_MARGIN)],
                pagesize=landscape(A4),
                onPage=footer,
            ),
        ]
    )
    story: list[Flowable] = [*_title_page(doc, meta), PageBreak(), *_identity_page(doc)]
    story += [NextPageTemplate("lanskap"), PageBreak(), *_procedure(doc, land_w, land_h)]
    template.build(story)
    return buffer.getvalue()


def _frame(width: float, height: float, margin: float) -> Frame:
    return Frame(
        margin, margin, width - 2 * margin, height - 2 * margin, 0, 0, 0, 0, showBoundary=0
    )


def _footer(doc: SopDocument) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, template: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        width = canvas._pagesize[0]
        text = f"SOP {doc.identitas.nama_sop} \u2014 Halaman {canvas.getPageNumber()}"
        canvas.drawCentredString(width / 2, 6 * mm, text[:180])
        canvas.restoreState()

    return draw


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _logo(doc: SopDocument, size: float = 28 * mm) -> Flowable:
    logo = doc.identitas.logo
    if logo and logo.startswith("data:image/") and "," in logo:
        try:
            data = base64.b64decode(logo.split(",", 1)[1], validate=True)
            reader = ImageReader(io.BytesIO(data))
            width, height = reader.getSize()
            scale = size / max(width, height)
            return Image(io.BytesIO(data), width * scale, height * scale)
        except Exception:  # an unreadable logo falls back to the empty slot
            pass
    box = Table([[_p("LOGO", _HEAD_SMALL)]], colWidths=[size], rowHeights=[size])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.grey, None, (2, 2)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return box


def _title_page(doc: SopDocument, meta: RenderMeta) -> list[Flowable]:
    ident = doc.identitas
    items: list[Flowable] = [Spacer(1, 30 * mm), _logo(doc), Spacer(1, 10 * mm)]
    items += [_p(ident.unit_kerja.upper(), _TITLE), Spacer(1, 25 * mm)]
    items += [_p(HEADING, ParagraphStyle("baku", parent=_TITLE, fontSize=16, leading=22))]
    items += [Spacer(1, 25 * mm), _p(ident.nama_sop.upper(), _TITLE)]
    normal = ParagraphStyle("tengah", parent=_BODY, fontSize=10, leading=13, alignment=TA_CENTER)
    if ident.nomor_sop:
        items += [Spacer(1, 8 * mm), _p(f"Nomor: {ident.nomor_sop}", normal)]
    if meta.line():
        items += [Spacer(1, 6 * mm), _p(meta.line(), normal)]
    return items


def _identity_page(doc: SopDocument) -> list[Flowable]:
    width = A4[0] - 2 * PORTRAIT_MARGIN
    rows = identity_rows(doc)
    unit = [_logo(doc, 22 * mm), Spacer(1, 4), _p(doc.identitas.unit_kerja.upper(), _HEAD)]
    data: list[list[object]] = [
        [unit if index == 0 else "", _p(label), _p(value)]
        for index, (label, value) in enumerate(rows)
    ]
    for left, right in identity_lists(doc):
        data.append([_listing(*left), _listing(*right), ""])
    table = Table(data, colWidths=[width * 0.45, width * 0.22, width * 0.33])
    style = [*_GRID, ("SPAN", (0, 0), (0, len(rows) - 1)), ("VALIGN", (0, 0), (0, 0), "MIDDLE")]
    style += [("SPAN", (1, row), (2, row)) for row in range(len(rows), len(data))]
    table.setStyle(TableStyle(style))
    return [_p("INFORMASI PROSEDUR YANG DISTANDARKAN", _H2), Spacer(1, 6), table]


def _listing(label: str, items: list[str]) -> list[Flowable]:
    out: list[Flowable] = [_p(f"{label} :", ParagraphStyle("lb", parent=_BODY, fontName=BOLD))]
    out += [_p(f"{number}. {item}") for number, item in enumerate(items, start=1)] or [_p("-")]
    return out


def _heading(doc: SopDocument) -> Paragraph:
    return _p(f"URAIAN PROSEDUR: {doc.identitas.nama_sop.upper()}", _H2)


def _procedure(doc: SopDocument, page_w: float, page_h: float) -> list[Flowable]:
    frame_w = page_w - 2 * LANDSCAPE_MARGIN
    frame_h = page_h - 2 * LANDSCAPE_MARGIN
    if doc.format == FormatSop.diagram_alir:
        return _diagram_alir(doc, frame_w, frame_h)
    if doc.format == FormatSop.langkah_sederhana:
        return [_heading(doc), Spacer(1, 6), *_langkah_sederhana(doc)]
    table = _tahapan_table(doc, frame_w) if doc.format == FormatSop.tahapan_berurutan else None
    return [_heading(doc), Spacer(1, 6), table or _grafik_table(doc, frame_w)]


def _uraian(step: Langkah) -> Paragraph:
    text = escape(step.uraian)
    branch = branch_text(step)
    if branch:
        text += f"<br/><i>{escape(branch)}</i>"
    return Paragraph(text, _BODY)


def _total_text(doc: SopDocument) -> str:
    return total_waktu(doc).teks


def _langkah_sederhana(doc: SopDocument) -> list[Flowable]:
    items: list[Flowable] = []
    for step in doc.langkah:
        details = [f"Pelaksana: {step.pelaksana}"]
        if step.mutu_baku.waktu is not None:
            details.append(f"Waktu: {step.mutu_baku.waktu}")
        if step.mutu_baku.output:
            details.append(f"Output: {step.mutu_baku.output}")
        text = f"{step.no}. {escape(step.uraian)}"
        if branch_text(step):
            text += f" <i>{escape(branch_text(step))}</i>"
        items.append(Paragraph(text, ParagraphStyle("ls", parent=_BODY, fontSize=10, leading=13)))
        items.append(_p("; ".join(details), ParagraphStyle("ls2", parent=_SMALL, leftIndent=12)))
        items.append(Spacer(1, 4))
    items.append(_p(f"Jumlah waktu: {_total_text(doc)}", ParagraphStyle("j", parent=_HEAD)))
    return items


def _tahapan_table(doc: SopDocument, width: float) -> Table:
    widths = [40.0, 0.0, 50.0, 130.0, 60.0, 120.0]
    widths[1] = width - sum(widths)
    data: list[list[object]] = [
        [_p(h, _HEAD) for h in ("No", "Tahapan / Uraian Prosedur", "Langkah")]
        + [_p(h, _HEAD) for h in ("Kelengkapan", "Waktu", "Output")]
    ]
    spans = []
    for stage in tahapan(doc):
        spans.append(len(data))
        data.append(
            [_p(str(stage.nomor), _HEAD), _p(f"Tahap {stage.nomor}: {stage.pelaksana}", _HEAD)]
            + [""] * 4
        )
        for sub, step in enumerate(stage.langkah, start=1):
            data.append(
                [_p(f"{stage.nomor}.{sub}"), _uraian(step), _p(str(step.no))]
                + [_p(step.mutu_baku.kelengkapan), _p(waktu_text(step))]
                + [_p(step.mutu_baku.output)]
            )
    data.append([_p("Jumlah waktu", _HEAD), "", "", "", _p(_total_text(doc), _HEAD), ""])
    style = [*_GRID, ("SPAN", (0, -1), (3, -1)), ("SPAN", (4, -1), (5, -1))]
    style += [("SPAN", (1, row), (5, row)) for row in spans]
    style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _grafik_table(doc: SopDocument, width: float) -> Table:
    widths = [24.0, 0.0, 90.0, 110.0, 56.0, 100.0, 80.0]
    widths[1] = width - sum(widths)
    data: list[list[object]] = [
        [_p("No", _HEAD), _p("Uraian Prosedur", _HEAD), _p("Pelaksana", _HEAD)]
        + [_p("Mutu Baku", _HEAD), "", "", _p("Ket.", _HEAD)],
        ["", "", "", _p("Kelengkapan", _HEAD), _p("Waktu", _HEAD), _p("Output", _HEAD), ""],
    ]
    for step in doc.langkah:
        data.append([_p(f"{step.no}."), _uraian(step), _p(step.pelaksana), *_mutu(step)])
    data.append([_p("Jumlah waktu", _HEAD), "", "", "", _p(_total_text(doc), _HEAD), "", ""])
    style = [*_GRID, ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#eeeeee"))]
    style += [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 6)] + [("SPAN", (3, 0), (5, 0))]
    style += [("SPAN", (0, -1), (3, -1)), ("SPAN", (4, -1), (6, -1))]
    table = Table(data, colWidths=widths, repeatRows=2)
    table.setStyle(TableStyle(style))
    return table


def _mutu(step: Langkah) -> list[Paragraph]:
    return [
        _p(step.mutu_baku.kelengkapan),
        _p(waktu_text(step)),
        _p(step.mutu_baku.output),
        _p(step.keterangan),
    ]


# --- diagram alir (Lampiran II.E) -----------------------------------------------------------


def _diagram_alir(doc: SopDocument, frame_w: float, frame_h: float) -> list[Flowable]:
    lanes = actor_columns(doc)
    fixed = sum(FIXED.values()) + KET
    lane_w = max((frame_w - fixed) / max(len(lanes), 1), 17.0)
    widths = [FIXED["no"], FIXED["uraian"], *[lane_w] * len(lanes)]
    widths += [FIXED["kelengkapan"], FIXED["waktu"], FIXED["output"], KET]
    header, header_heights = _diagram_header(lanes, widths)
    rows = [_diagram_row(step, len(lanes)) for step in doc.langkah]
    heights = [max(MIN_ROW, _row_height(row, widths)) for row in rows]
    chart = layout_flowchart(doc, heights, lane_w)
    total_row = [_p("Jumlah waktu", _HEAD)] + [""] * (len(lanes) + 1)
    total_row += [_p(_total_text(doc), _HEAD), "", "", ""]
    total_h = 16.0
    heading = _heading(doc)
    heading_h = heading.wrap(frame_w, frame_h)[1] + 6
    room = frame_h - heading_h - sum(header_heights) - total_h - 4
    pages = _paginate(heights, room)
    story: list[Flowable] = []
    for number, page in enumerate(pages):
        last = number == len(pages) - 1
        data = header + [rows[i] for i in page] + ([total_row] if last else [])
        row_heights = header_heights + [heights[i] for i in page] + ([total_h] if last else [])
        table = Table(data, colWidths=widths, rowHeights=row_heights)
        table.setStyle(TableStyle(_diagram_style(len(lanes), len(data), last)))
        band = _Band(table, chart, page, widths[0] + widths[1], sum(header_heights))
        story += [_heading(doc), Spacer(1, 6), band]
        if not last:
            story.append(PageBreak())
    return story


def _diagram_header(
    lanes: list[str], widths: list[float]
) -> tuple[list[list[object]], list[float]]:
    count = len(lanes)
    top: list[object] = [_p("No", _HEAD_SMALL), _p("Uraian Prosedur", _HEAD_SMALL)]
    top += [_p("Pelaksana", _HEAD_SMALL)] + [""] * (count - 1)
    top += [_p("Mutu Baku", _HEAD_SMALL), "", "", _p("Ket.", _HEAD_SMALL)]
    names: list[object] = ["", "", *(_p(name, _HEAD_SMALL) for name in lanes)]
    names += [_p(h, _HEAD_SMALL) for h in ("Kelengkapan", "Waktu", "Output")] + [""]
    numbers: list[object] = [_p(str(i), _HEAD_SMALL) for i in range(1, count + 7)]
    names_h = max(18.0, _row_height(names, widths))
    return [top, names, numbers], [16.0, names_h, 13.0]


def _diagram_row(step: Langkah, lane_count: int) -> list[object]:
    return [_p(f"{step.no}."), _uraian(step), *[""] * lane_count, *_mutu(step)]


def _row_height(row: list[object], widths: list[float]) -> float:
    tallest = 0.0
    for cell, width in zip(row, widths, strict=True):
        if isinstance(cell, Paragraph):
            tallest = max(tallest, cell.wrap(width - 2 * PAD, 10_000)[1])
    return tallest + 2 * PAD + 2


def _diagram_style(lane_count: int, row_count: int, last: bool) -> list[tuple]:
    mutu = 2 + lane_count
    style = [*_GRID, ("BACKGROUND", (0, 0), (-1, 2), colors.HexColor("#eeeeee"))]
    style += [("VALIGN", (0, 0), (-1, 2), "MIDDLE")]
    style += [("SPAN", (c, 0), (c, 1)) for c in (0, 1, mutu + 3)]
    style += [("SPAN", (2, 0), (mutu - 1, 0)), ("SPAN", (mutu, 0), (mutu + 2, 0))]
    style += [("TOPPADDING", (0, 2), (-1, 2), 1), ("BOTTOMPADDING", (0, 2), (-1, 2), 1)]
    if last:
        style += [("SPAN", (0, row_count - 1), (mutu - 1, row_count - 1))]
        style += [("SPAN", (mutu, row_count - 1), (mutu + 3, row_count - 1))]
    return style


def _paginate(heights: list[float], room: float) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    used = 0.0
    for index, height in enumerate(heights):
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(index)
        used += height
    return pages


class _Band(Flowable):
    """One page of the procedure table with its band of the flowchart drawn on top."""

    def __init__(
        self, table: Table, chart: Flowchart, rows: list[int], lanes_x: float, header_h: float
    ) -> None:
        super().__init__()
        self.table, self.chart, self.rows = table, chart, rows
        self.lanes_x, self.header_h = lanes_x, header_h

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(avail_width, avail_height)
        # An oversized single row overflows the bottom margin instead of failing the build.
        return self.width, min(self.height, avail_height)

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)
        if not self.rows:
            return
        chart = self.chart
        y_from = chart.row_tops[self.rows[0]]
        y_to = chart.row_tops[self.rows[-1]] + chart.row_heights[self.rows[-1]]
        top = self.height - self.header_h
        canvas = self.canv
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(self.lanes_x, top - (y_to - y_from), chart.width, y_to - y_from)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.translate(self.lanes_x, top + y_from)
        canvas.scale(1, -1)  # chart coordinates grow downwards
        for edge in chart.edges:
            _draw_edge(canvas, edge)
        for node in chart.nodes:
            if node.cy + node.h / 2 > y_from and node.cy - node.h / 2 < y_to:
                _draw_node(canvas, node)
        canvas.restoreState()


def _draw_edge(canvas: Canvas, edge: Edge) -> None:
    canvas.setLineWidth(0.8)
    path = canvas.beginPath()
    path.moveTo(*edge.points[0])
    for point in edge.points[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)
    (x0, y0), (x1, y1) = edge.points[-2], edge.points[-1]
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-6)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    head = canvas.beginPath()
    head.moveTo(x1, y1)
    head.lineTo(x1 - 5 * ux - 2.2 * uy, y1 - 5 * uy + 2.2 * ux)
    head.lineTo(x1 - 5 * ux + 2.2 * uy, y1 - 5 * uy - 2.2 * ux)
    head.close()
    canvas.setFillColor(colors.black)
    canvas.drawPath(head, stroke=0, fill=1)
    if edge.label and edge.label_at:
        x, y = edge.label_at
        _text(canvas, x, y, edge.label, ITALIC, 6, "start" if x >= edge.points[0][0] else "end")


def _draw_node(canvas: Canvas, node: Node) -> None:
    canvas.setLineWidth(0.9)
    canvas.setFillColor(colors.white)
    x, y = node.cx - node.w / 2, node.cy - node.h / 2
    if node.simbol == Simbol.keputusan:
        path = canvas.beginPath()
        first, *rest = node.outline()
        path.moveTo(*first)
        for point in rest:
            path.lineTo(*point)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
    elif node.simbol == Simbol.konektor:
        canvas.circle(node.cx, node.cy, node.w / 2, stroke=1, fill=1)
    elif node.simbol == Simbol.terminator:
        canvas.roundRect(x, y, node.w, node.h, node.h / 2, stroke=1, fill=1)
    else:
        canvas.rect(x, y, node.w, node.h, stroke=1, fill=1)
    canvas.setFillColor(colors.black)
    _text(canvas, node.cx, node.cy + 2.3, node.label, FONT, 6.5, "middle")


def _text(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, anchor: str
) -> None:
    """Text at chart coordinates (y grows downwards), upright on the page."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(1, -1)
    canvas.setFont(font, size)
    if anchor == "middle":
        canvas.drawCentredString(0, 0, text)
    elif anchor == "end":
        canvas.drawRightString(0, 0, text)
    else:
        canvas.drawString(0, 0, text)
    canvas.restoreState()
