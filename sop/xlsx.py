"""SOP document to and from an Excel workbook (Lampiran II.C: identitas and uraian prosedur).

Layout, chosen to look like the paper form to someone who keeps SOPs in Excel:

* sheet ``Identitas``: columns ``No | Butir | Isi``, one row per item of the identity table in
  the order and numbering of Lampiran II.C.2 (item 3, Nomor SOP, takes four rows: no komponen,
  unit kerja, bagian, no urut), then ``Jenis SOP``, ``Format SOP`` and ``Pelaksana``. A list
  item (dasar hukum, peralatan, pelaksana ...) holds one entry per line of its cell. Dates are
  Excel dates (``DD/MM/YYYY``); text ``YYYY-MM-DD`` or ``DD/MM/YYYY`` is read too.
* sheet ``Uraian Prosedur``: header on row 1, ``No | Uraian Prosedur | Pelaksana | Simbol | Ya |
  Tidak | Kelengkapan | Waktu | Output | Keterangan``, then one row per step. Simbol is one of
  terminator, proses, keputusan, konektor (``mulai``/``selesai`` also mean terminator); Ya and
  Tidak are step numbers, filled for a keputusan only; Waktu is written like ``30 Menit``.
  Columns are found by their header, so their order may change; empty rows are skipped.

``import_xlsx`` returns either the document or every problem it found, each with its sheet, row,
column and a message in Bahasa Indonesia.
"""

import io
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, ValidationError

from sop.document import FormatSop, JenisSop, Simbol, SopDocument
from sop.waktu import WaktuTidakTerbaca, parse_waktu

SHEET_IDENTITAS = "Identitas"
SHEET_PROSEDUR = "Uraian Prosedur"

# (field of the model, label in the sheet, item number of Lampiran II.C.2, kind)
_IDENTITY_ROWS: list[tuple[str, str, str, str]] = [
    ("logo", "Logo", "1", "text"),
    ("unit_kerja", "Nama Unit Kerja", "2", "text"),
    ("nomor_sop.no_komponen", "Nomor SOP - No Komponen", "3", "text"),
    ("nomor_sop.unit_kerja", "Nomor SOP - Unit Kerja", "", "text"),
    ("nomor_sop.bagian", "Nomor SOP - Bagian", "", "text"),
    ("nomor_sop.no_urut", "Nomor SOP - No Urut", "", "int"),
    ("tanggal_pembuatan", "Tanggal Pembuatan", "4", "date"),
    ("tanggal_revisi", "Tanggal Revisi", "5", "date"),
    ("tanggal_pengesahan", "Tanggal Pengesahan", "6", "date"),
    ("disahkan_oleh", "Disahkan Oleh", "7", "text"),
    ("nama_sop", "Nama SOP", "8", "text"),
    ("dasar_hukum", "Dasar Hukum", "9", "list"),
    ("kualifikasi_pelaksana", "Kualifikasi Pelaksana", "10", "list"),
    ("keterkaitan", "Keterkaitan", "11", "list"),
    ("peralatan_perlengkapan", "Peralatan / Perlengkapan", "12", "list"),
    ("peringatan", "Peringatan", "13", "list"),
    ("pencatatan_pendataan", "Pencatatan dan Pendataan", "14", "list"),
    ("jenis", "Jenis SOP", "", "text"),
    ("format", "Format SOP", "", "text"),
    ("pelaksana", "Pelaksana", "", "list"),
]

COLUMNS = [
    "No",
    "Uraian Prosedur",
    "Pelaksana",
    "Simbol",
    "Ya",
    "Tidak",
    "Kelengkapan",
    "Waktu",
    "Output",
    "Keterangan",
]
_WIDTHS = [6, 60, 18, 13, 6, 6, 28, 12, 24, 20]
_SIMBOL_ALIASES = {
    **{simbol.value: simbol for simbol in Simbol},
    "mulai": Simbol.terminator,
    "selesai": Simbol.terminator,
    "mulai/selesai": Simbol.terminator,
    "mulai/berakhir": Simbol.terminator,
    "berakhir": Simbol.terminator,
    "pengambilan keputusan": Simbol.keputusan,
}
_FIELD_COLUMN = {
    "no": "No",
    "uraian": "Uraian Prosedur",
    "pelaksana": "Pelaksana",
    "simbol": "Simbol",
    "ya": "Ya",
    "tidak": "Tidak",
    "kelengkapan": "Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
}


class BarisGalat(BaseModel):
    """A cell the importer could not read."""

    lembar: str
    baris: int | None
    kolom: str | None
    pesan: str

    def __str__(self) -> str:
        where = f"Lembar '{self.lembar}'"
        if self.baris is not None:
            where += f" baris {self.baris}"
        if self.kolom:
            where += f" kolom {self.kolom}"
        return f"{where}: {self.pesan}"


class ImportResult(BaseModel):
    """Either ``document`` (and no ``galat``) or the list of problems."""

    document: SopDocument | None = None
    galat: list[BarisGalat] = []

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.galat


# --- export ---------------------------------------------------------------------------------

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def export_xlsx(doc: SopDocument) -> bytes:
    """The document as an ``.xlsx`` workbook (layout in the module docstring)."""
    book = Workbook()
    _write_identity(book.active, doc)
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
    for field, label, number, kind in _IDENTITY_ROWS:
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


# --- import ---------------------------------------------------------------------------------


def import_xlsx(data: bytes) -> ImportResult:
    """Read a workbook laid out as ``export_xlsx`` writes it (see the module docstring)."""
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        return ImportResult(
            galat=[
                BarisGalat(
                    lembar="-",
                    baris=None,
                    kolom=None,
                    pesan="Berkas tidak dapat dibaca sebagai buku kerja Excel (.xlsx); "
                    "simpan ulang berkas dalam format .xlsx.",
                )
            ]
        )
    errors: list[BarisGalat] = []
    for name in (SHEET_IDENTITAS, SHEET_PROSEDUR):
        if name not in book.sheetnames:
            errors.append(
                BarisGalat(
                    lembar=name,
                    baris=None,
                    kolom=None,
                    pesan=f"Lembar '{name}' tidak ditemukan; gunakan templat hasil ekspor SOP.",
                )
            )
    if errors:
        return ImportResult(galat=errors)
    identity, identity_rows = _read_identity(book[SHEET_IDENTITAS], errors)
    steps, step_rows = _read_procedure(book[SHEET_PROSEDUR], errors)
    if errors:
        return ImportResult(galat=errors)
    raw = {
        "identitas": identity["identitas"],
        "jenis": identity.get("jenis") or JenisSop.administratif.value,
        "format": identity.get("format") or FormatSop.diagram_alir.value,
        "pelaksana": identity.get("pelaksana") or [],
        "langkah": steps,
    }
    try:
        return ImportResult(document=SopDocument.model_validate(raw))
    except ValidationError as exc:
        return ImportResult(galat=_model_errors(exc, identity_rows, step_rows))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_identity(
    sheet: Worksheet, errors: list[BarisGalat]
) -> tuple[dict[str, Any], dict[str, int]]:
    by_label = {_key(label): (field, kind) for field, label, _, kind in _IDENTITY_ROWS}
    identitas: dict[str, Any] = {}
    nomor: dict[str, Any] = {}
    top: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for row in range(2, sheet.max_row + 1):
        label = _text(sheet.cell(row, 2).value)
        if not label:
            continue
        if _key(label) not in by_label:
            errors.append(
                _err(
                    SHEET_IDENTITAS,
                    row,
                    "Butir",
                    f"Butir '{label}' tidak dikenal; hapus baris ini.",
                )
            )
            continue
        field, kind = by_label[_key(label)]
        rows[field] = row
        value = _identity_cell(sheet.cell(row, 3).value, kind, row, errors)
        if value is None:
            continue
        if field.startswith("nomor_sop."):
            nomor[field.split(".", 1)[1]] = value
        elif field in ("jenis", "format", "pelaksana"):
            top[field] = value
        else:
            identitas[field] = value
    if nomor:
        identitas["nomor_sop"] = nomor
    for field, label in (("unit_kerja", "Nama Unit Kerja"), ("nama_sop", "Nama SOP")):
        if field not in identitas:
            errors.append(_err(SHEET_IDENTITAS, rows.get(field), "Isi", f"{label} wajib diisi."))
    return {"identitas": identitas, **top}, rows


def _identity_cell(value: object, kind: str, row: int, errors: list[BarisGalat]) -> Any:
    if value is None or _text(value) == "":
        return None
    if kind == "list":
        return [line.strip() for line in str(value).splitlines() if line.strip()]
    if kind == "date":
        parsed = _date(value)
        if parsed is None:
            errors.append(
                _err(
                    SHEET_IDENTITAS,
                    row,
                    "Isi",
                    f"Tanggal '{_text(value)}' tidak terbaca; tulis seperti 28/06/2013.",
                )
            )
        return parsed
    if kind == "int":
        return _int(value, SHEET_IDENTITAS, row, "Isi", errors)
    return _text(value)


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(_text(value), pattern).date()
        except ValueError:
            continue
    return None


def _int(value: object, sheet: str, row: int, column: str, errors: list[BarisGalat]) -> int | None:
    text = _text(value)
    if isinstance(value, bool) or not text.isdigit():
        errors.append(
            _err(sheet, row, column, f"'{text}' bukan bilangan bulat; tulis angka, misalnya 3.")
        )
        return None
    return int(text)


def _read_procedure(
    sheet: Worksheet, errors: list[BarisGalat]
) -> tuple[list[dict[str, Any]], list[int]]:
    header = {_key(_text(cell.value)): cell.column for cell in sheet[1] if _text(cell.value)}
    missing = [name for name in COLUMNS if _key(name) not in header]
    if missing:
        errors.append(
            _err(
                SHEET_PROSEDUR,
                1,
                None,
                f"Judul kolom {', '.join(missing)} tidak ditemukan pada baris 1; "
                f"judul kolom harus: {' | '.join(COLUMNS)}.",
            )
        )
        return [], []
    steps: list[dict[str, Any]] = []
    rows: list[int] = []
    for row in range(2, sheet.max_row + 1):
        cells = {name: sheet.cell(row, header[_key(name)]).value for name in COLUMNS}
        if all(_text(value) == "" for value in cells.values()):
            continue
        rows.append(row)
        steps.append(_read_step(cells, row, len(steps) + 1, errors))
    if not steps:
        errors.append(
            _err(SHEET_PROSEDUR, 2, None, "Belum ada langkah; isi paling sedikit satu baris.")
        )
    return steps, rows


def _read_step(
    cells: dict[str, object], row: int, expected_no: int, errors: list[BarisGalat]
) -> dict[str, Any]:
    def fail(column: str, message: str) -> None:
        errors.append(_err(SHEET_PROSEDUR, row, column, message))

    number = _int(cells["No"], SHEET_PROSEDUR, row, "No", errors)
    if number is not None and number != expected_no:
        fail("No", f"Nomor langkah harus {expected_no} (langkah bernomor urut mulai 1).")
    for column in ("Uraian Prosedur", "Pelaksana"):
        if not _text(cells[column]):
            fail(column, f"{column} wajib diisi.")
    simbol_text = _key(_text(cells["Simbol"])) or Simbol.proses.value
    simbol = _SIMBOL_ALIASES.get(simbol_text)
    if simbol is None:
        fail(
            "Simbol",
            f"Simbol '{_text(cells['Simbol'])}' tidak dikenal; pilih terminator, proses, "
            "keputusan atau konektor.",
        )
    waktu_text = _text(cells["Waktu"])
    if waktu_text:
        try:
            parse_waktu(waktu_text)
        except WaktuTidakTerbaca as exc:
            fail("Waktu", str(exc).capitalize())
    targets = {
        column.lower(): _optional_int(cells[column], row, column, errors)
        for column in ("Ya", "Tidak")
    }
    return {
        "no": number if number is not None else expected_no,
        "uraian": _text(cells["Uraian Prosedur"]),
        "pelaksana": _text(cells["Pelaksana"]),
        "simbol": (simbol or Simbol.proses).value,
        **targets,
        "mutu_baku": {
            "kelengkapan": _text(cells["Kelengkapan"]),
            "waktu": waktu_text or None,
            "output": _text(cells["Output"]),
        },
        "keterangan": _text(cells["Keterangan"]),
    }


def _optional_int(value: object, row: int, column: str, errors: list[BarisGalat]) -> int | None:
    if _text(value) == "":
        return None
    number = _int(value, SHEET_PROSEDUR, row, column, errors)
    if number is not None and number < 1:
        errors.append(_err(SHEET_PROSEDUR, row, column, "Nomor langkah tujuan mulai dari 1."))
        return None
    return number


def _model_errors(
    exc: ValidationError, identity_rows: dict[str, int], step_rows: list[int]
) -> list[BarisGalat]:
    out = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        message = _message(error)
        if loc[:1] == ["langkah"] and len(loc) > 1 and loc[1].isdigit():
            index = int(loc[1])
            row = step_rows[index] if index < len(step_rows) else None
            column = _FIELD_COLUMN.get(loc[-1])
            out.append(_err(SHEET_PROSEDUR, row, column, message))
        elif loc[:1] == ["langkah"]:
            out.append(_err(SHEET_PROSEDUR, None, None, message))
        else:
            field = ".".join(part for part in loc if part != "identitas")
            out.append(_err(SHEET_IDENTITAS, identity_rows.get(field), "Isi", message))
    return out


_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "string_too_long": lambda ctx: (
        f"Teks terlalu panjang; paling banyak {ctx.get('max_length')} karakter."
    ),
    "string_too_short": lambda ctx: (
        f"Teks terlalu pendek; paling sedikit {ctx.get('min_length')} karakter."
    ),
    "too_long": lambda ctx: f"Terlalu banyak isian; paling banyak {ctx.get('max_length')}.",
    "enum": lambda ctx: f"Nilai tidak dikenal; pilih salah satu dari: {ctx.get('expected')}.",
    "greater_than_equal": lambda ctx: f"Nilai paling kecil {ctx.get('ge')}.",
    "less_than_equal": lambda ctx: f"Nilai paling besar {ctx.get('le')}.",
    "missing": lambda ctx: "Wajib diisi.",
}


def _message(error: Any) -> str:
    build = _MESSAGES.get(error["type"])
    if build is not None:
        return build(error.get("ctx") or {})
    return "Nilai tidak sah; periksa kembali isiannya."


def _err(sheet: str, row: int | None, column: str | None, message: str) -> BarisGalat:
    return BarisGalat(lembar=sheet, baris=row, kolom=column, pesan=message)


def _key(text: str) -> str:
    return " ".join(text.lower().split())
