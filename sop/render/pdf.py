"""PDF of an SOP document (Lampiran II.B-E), drawn with reportlab (see README.md for why).

Same pages as the HTML rendering: the title page and the identity table (Lampiran II.B/C) on
portrait A4, the uraian prosedur on landscape A4 in the document's format (Pasal 7 (2)). The
diagram alir (Lampiran II.E) is drawn by ``sop.render.pdf_diagram``; fonts, styles and the cells
both share are in ``sop.render.pdf_cells``. Text uses the Bitstream Vera fonts shipped inside
reportlab, embedded in the PDF.
"""

import base64
import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
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

from sop.document import FormatSop, SopDocument
from sop.render.common import (
    HEADING,
    RenderMeta,
    identity_lists,
    identity_rows,
    step_details,
    tahapan,
    uraian_markup,
)
from sop.render.pdf_cells import (
    BODY,
    BOLD,
    FONT,
    GRID,
    H2,
    HEAD,
    HEAD_SMALL,
    LANDSCAPE_MARGIN,
    PORTRAIT_MARGIN,
    SMALL,
    TITLE,
    StyleCommand,
    mutu_cells,
    para,
    procedure_heading,
    total_text,
    uraian_cell,
)
from sop.render.pdf_diagram import diagram_alir


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
        width = canvas._pagesize[0]  # type: ignore[attr-defined]  # the page being drawn
        text = f"SOP {doc.identitas.nama_sop} \u2014 Halaman {canvas.getPageNumber()}"
        canvas.drawCentredString(width / 2, 6 * mm, text[:180])
        canvas.restoreState()

    return draw


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
    box = Table([[para("LOGO", HEAD_SMALL)]], colWidths=[size], rowHeights=[size])
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
    items += [para(ident.unit_kerja.upper(), TITLE), Spacer(1, 25 * mm)]
    items += [para(HEADING, ParagraphStyle("baku", parent=TITLE, fontSize=16, leading=22))]
    items += [Spacer(1, 25 * mm), para(ident.nama_sop.upper(), TITLE)]
    normal = ParagraphStyle("tengah", parent=BODY, fontSize=10, leading=13, alignment=TA_CENTER)
    if ident.nomor_sop:
        items += [Spacer(1, 8 * mm), para(f"Nomor: {ident.nomor_sop}", normal)]
    if meta.line():
        items += [Spacer(1, 6 * mm), para(meta.line(), normal)]
    return items


def _identity_page(doc: SopDocument) -> list[Flowable]:
    width = A4[0] - 2 * PORTRAIT_MARGIN
    rows = identity_rows(doc)
    unit = [_logo(doc, 22 * mm), Spacer(1, 4), para(doc.identitas.unit_kerja.upper(), HEAD)]
    data: list[list[Any]] = [
        [unit if index == 0 else "", para(label), para(value)]
        for index, (label, value) in enumerate(rows)
    ]
    for left, right in identity_lists(doc):
        data.append([_listing(*left), _listing(*right), ""])
    table = Table(data, colWidths=[width * 0.45, width * 0.22, width * 0.33])
    style: list[StyleCommand] = [
        *GRID,
        ("SPAN", (0, 0), (0, len(rows) - 1)),
        ("VALIGN", (0, 0), (0, 0), "MIDDLE"),
    ]
    style += [("SPAN", (1, row), (2, row)) for row in range(len(rows), len(data))]
    table.setStyle(TableStyle(style))
    return [para("INFORMASI PROSEDUR YANG DISTANDARKAN", H2), Spacer(1, 6), table]


def _listing(label: str, items: list[str]) -> list[Flowable]:
    out: list[Flowable] = [para(f"{label} :", ParagraphStyle("lb", parent=BODY, fontName=BOLD))]
    out += [para(f"{number}. {item}") for number, item in enumerate(items, start=1)] or [para("-")]
    return out


def _procedure(doc: SopDocument, page_w: float, page_h: float) -> list[Flowable]:
    frame_w = page_w - 2 * LANDSCAPE_MARGIN
    frame_h = page_h - 2 * LANDSCAPE_MARGIN
    if doc.format == FormatSop.diagram_alir:
        return diagram_alir(doc, frame_w, frame_h)
    if doc.format == FormatSop.langkah_sederhana:
        return [procedure_heading(doc), Spacer(1, 6), *_langkah_sederhana(doc)]
    table = _tahapan_table(doc, frame_w) if doc.format == FormatSop.tahapan_berurutan else None
    return [procedure_heading(doc), Spacer(1, 6), table or _grafik_table(doc, frame_w)]


def _langkah_sederhana(doc: SopDocument) -> list[Flowable]:
    items: list[Flowable] = []
    for step in doc.langkah:
        text = f"{step.no}. {uraian_markup(step, ' ', 'i')}"
        items.append(Paragraph(text, ParagraphStyle("ls", parent=BODY, fontSize=10, leading=13)))
        items.append(para(step_details(step), ParagraphStyle("ls2", parent=SMALL, leftIndent=12)))
        items.append(Spacer(1, 4))
    items.append(para(f"Jumlah waktu: {total_text(doc)}", ParagraphStyle("j", parent=HEAD)))
    return items


def _tahapan_table(doc: SopDocument, width: float) -> Table:
    widths = [40.0, 0.0, 50.0, 130.0, 60.0, 120.0]
    widths[1] = width - sum(widths)
    data: list[list[Any]] = [
        [para(h, HEAD) for h in ("No", "Tahapan / Uraian Prosedur", "Langkah")]
        + [para(h, HEAD) for h in ("Kelengkapan", "Waktu", "Output")]
    ]
    spans = []
    for stage in tahapan(doc):
        spans.append(len(data))
        data.append(
            [para(str(stage.nomor), HEAD), para(f"Tahap {stage.nomor}: {stage.pelaksana}", HEAD)]
            + [""] * 4
        )
        for sub, step in enumerate(stage.langkah, start=1):
            data.append(
                [para(f"{stage.nomor}.{sub}"), uraian_cell(step), para(str(step.no))]
                + mutu_cells(step)[:3]  # no keterangan column in this format
            )
    data.append([para("Jumlah waktu", HEAD), "", "", "", para(total_text(doc), HEAD), ""])
    style: list[StyleCommand] = [*GRID, ("SPAN", (0, -1), (3, -1)), ("SPAN", (4, -1), (5, -1))]
    style += [("SPAN", (1, row), (5, row)) for row in spans]
    style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _grafik_table(doc: SopDocument, width: float) -> Table:
    widths = [24.0, 0.0, 90.0, 110.0, 56.0, 100.0, 80.0]
    widths[1] = width - sum(widths)
    data: list[list[Any]] = [
        [para("No", HEAD), para("Uraian Prosedur", HEAD), para("Pelaksana", HEAD)]
        + [para("Mutu Baku", HEAD), "", "", para("Ket.", HEAD)],
        ["", "", "", para("Kelengkapan", HEAD), para("Waktu", HEAD), para("Output", HEAD), ""],
    ]
    for step in doc.langkah:
        data.append(
            [para(f"{step.no}."), uraian_cell(step), para(step.pelaksana), *mutu_cells(step)]
        )
    data.append([para("Jumlah waktu", HEAD), "", "", "", para(total_text(doc), HEAD), "", ""])
    style: list[StyleCommand] = [*GRID, ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#eeeeee"))]
    style += [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 6)] + [("SPAN", (3, 0), (5, 0))]
    style += [("SPAN", (0, -1), (3, -1)), ("SPAN", (4, -1), (6, -1))]
    table = Table(data, colWidths=widths, repeatRows=2)
    table.setStyle(TableStyle(style))
    return table
