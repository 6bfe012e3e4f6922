"""What the PDF's pages share: fonts, paragraph styles, the table grid and the step cells."""

from html import escape
from pathlib import Path
from typing import Any

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from sop.document import Langkah, SopDocument
from sop.render.common import uraian_markup, waktu_text
from sop.totals import total_waktu

PORTRAIT_MARGIN = 15 * mm
LANDSCAPE_MARGIN = 12 * mm
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
BODY = ParagraphStyle("isi", fontName=FONT, fontSize=8, leading=10)
SMALL = ParagraphStyle("kecil", parent=BODY, fontSize=7, leading=8.5)
HEAD = ParagraphStyle("kepala", parent=BODY, fontName=BOLD, alignment=TA_CENTER)
HEAD_SMALL = ParagraphStyle("kepala-kecil", parent=HEAD, fontSize=7, leading=8.5)
TITLE = ParagraphStyle("judul", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER)
H2 = ParagraphStyle("h2", fontName=BOLD, fontSize=11, leading=14, alignment=TA_CENTER)
StyleCommand = tuple[Any, ...]
"""One command of a reportlab ``TableStyle``: name, first cell, last cell, arguments."""

GRID: list[StyleCommand] = [
    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), PAD),
    ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ("TOPPADDING", (0, 0), (-1, -1), PAD),
    ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
]


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def procedure_heading(doc: SopDocument) -> Paragraph:
    return para(f"URAIAN PROSEDUR: {doc.identitas.nama_sop.upper()}", H2)


def uraian_cell(step: Langkah) -> Paragraph:
    return Paragraph(uraian_markup(step, "<br/>", "i"), BODY)


def total_text(doc: SopDocument) -> str:
    return total_waktu(doc).teks


def mutu_cells(step: Langkah) -> list[Paragraph]:
    return [
        para(step.mutu_baku.kelengkapan),
        para(waktu_text(step)),
        para(step.mutu_baku.output),
        para(step.keterangan),
    ]
