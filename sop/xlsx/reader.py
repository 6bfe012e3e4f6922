"""Reading an ``.xlsx`` workbook back into an SOP document, or every problem found in it."""

import io
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, ValidationError

from sop.document import FormatSop, JenisSop, Simbol, SopDocument
from sop.teks import forbidden_char, forbidden_message
from sop.waktu import WaktuTidakTerbaca, parse_waktu
from sop.xlsx.layout import COLUMNS, IDENTITY_ROWS, SHEET_IDENTITAS, SHEET_PROSEDUR

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
    for name in (SHEET_IDENTITAS, SHEET_PROSEDUR):
        _refuse_forbidden_chars(book[name], errors)
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


def _refuse_forbidden_chars(sheet: Worksheet, errors: list[BarisGalat]) -> None:
    """A cell holding a control or bidirectional formatting character (``sop.teks``)."""
    for cells in sheet.iter_rows():
        for cell in cells:
            if not isinstance(cell.value, str):
                continue
            char = forbidden_char(cell.value)
            if char is not None:
                column = str(cell.column_letter)
                errors.append(_err(sheet.title, cell.row, column, forbidden_message(
                    f"{column}{cell.row}", char)))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_identity(
    sheet: Worksheet, errors: list[BarisGalat]
) -> tuple[dict[str, Any], dict[str, int]]:
    by_label = {_key(label): (field, kind) for field, label, _, kind in IDENTITY_ROWS}
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
    header = {
        _key(_text(cell.value)): cell.column
        for cell in sheet[1]
        if _text(cell.value) and cell.column is not None
    }
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
    cells: Mapping[str, object], row: int, expected_no: int, errors: list[BarisGalat]
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
