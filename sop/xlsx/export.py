"""Writing an SOP document as an ``.xlsx`` workbook (layout in ``sop.xlsx``)."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sop.document import FormatSop, JenisSop, Simbol, SopDocument
from sop.xlsx.layout import COLUMNS, IDENTITY_ROWS, SHEET_IDENTITAS, SHEET_PROSEDUR

_WIDTHS = [6, 60, 18, 13, 6, 6, 28, 12, 24, 20]
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def export_xlsx(doc: SopDocument) -> bytes:
    """The document as an ``.xlsx`` workbook (layout in the module docstring)."""
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)  # a new workbook starts with one worksheet
    _write_identity(first, doc)
    _write_procedure(book.create_sheet(SHEET_PROSEDUR), doc)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _identity_values(doc: SopDocument) -> dict[str, Any]:
    ident = doc.identitas.model_dump()
    nomor = ident.pop("nomor_sop") or {}
    values = {**ident, **{f"nomor_sop.{key}": value for key, value in nomor.items()}}
    values.update(jenis=doc.jenis.value, format=doc.format.value, pelaksana=doc.pelaksana)
    return values


def _write_identity(sheet: Worksheet, doc: SopDocument) -> None:
    sheet.title = SHEET_IDENTITAS
    sheet.append(["No", "Butir", "Isi"])
    values = _identity_values(doc)
    for field, label, number, kind in IDENTITY_ROWS:
        value = values.get(field)
        if kind == "list":
            value = "\n".join(value or []) or None
        sheet.append([number or None, label, value])
        if kind == "date" and value is not None:
            sheet.cell(sheet.max_row, 3).number_format = "DD/MM/YYYY"
    _style_table(sheet, [5, 28, 90])
    choices = {"Jenis SOP": JenisSop, "Format SOP": FormatSop}
    for row in range(2, sheet.max_row + 1):
        enum = choices.get(str(sheet.cell(row, 2).value))
        if enum is not None:
            _validation(sheet, f"C{row}", [member.value for member in enum])


def _write_procedure(sheet: Worksheet, doc: SopDocument) -> None:
    sheet.append(COLUMNS)
    for step in doc.langkah:
        waktu = step.mutu_baku.waktu
        sheet.append(
            [
                step.no,
                step.uraian,
                step.pelaksana,
                step.simbol.value,
                step.ya,
                step.tidak,
                step.mutu_baku.kelengkapan or None,
                str(waktu) if waktu is not None else None,
                step.mutu_baku.output or None,
                step.keterangan or None,
            ]
        )
    _style_table(sheet, _WIDTHS)
    last = max(sheet.max_row, 2) + 200
    _validation(sheet, f"D2:D{last}", [simbol.value for simbol in Simbol])
    if doc.pelaksana:
        _validation(sheet, f"C2:C{last}", doc.pelaksana)


def _style_table(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = _WRAP
            cell.border = _BORDER
    for cell in sheet[1]:
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
    sheet.freeze_panes = "A2"


def _validation(sheet: Worksheet, cells: str, options: list[str]) -> None:
    formula = ",".join(options)
    if any("," in option or '"' in option for option in options) or len(formula) > 250:
        return  # Excel cannot express this list inline; the importer checks it anyway
    rule = DataValidation(type="list", formula1=f'"{formula}"', allow_blank=True)
    rule.error = "Pilih salah satu nilai dari daftar."
    sheet.add_data_validation(rule)
    rule.add(cells)
