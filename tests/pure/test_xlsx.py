"""Excel export/import of an SOP document (sop.xlsx) and its JSON Schema (sop.schema)."""

import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from sop.document import SopDocument
from sop.fixtures import lampiran_2e_example
from sop.schema import SCHEMA_ID, document_json_schema
from sop.xlsx import COLUMNS, SHEET_IDENTITAS, SHEET_PROSEDUR, export_xlsx, import_xlsx

FIXTURES = Path(__file__).parents[1] / "support" / "fixtures"
DOCS = ["keputusan_izin_usaha", "konektor_pengarsipan", "rusak_pelaksana_tidak_dikenal"]


def load(name: str) -> SopDocument:
    return SopDocument.model_validate_json((FIXTURES / f"{name}.json").read_text("utf-8"))


def edited(doc: SopDocument, changes: dict[tuple[str, str], object]) -> bytes:
    """The exported workbook with some cells overwritten, as a user would."""
    book = load_workbook(io.BytesIO(export_xlsx(doc)))
    for (sheet, cell), value in changes.items():
        book[sheet][cell] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["lampiran_2e", *DOCS])
def test_round_trip_gives_an_equal_document(name: str) -> None:
    doc = lampiran_2e_example() if name == "lampiran_2e" else load(name)
    result = import_xlsx(export_xlsx(doc))
    assert result.galat == []
    assert result.ok
    assert result.document == doc
    assert result.document.content_hash() == doc.content_hash()


def test_layout_of_the_sheets() -> None:
    doc = load("keputusan_izin_usaha")
    book = load_workbook(io.BytesIO(export_xlsx(doc)))
    assert book.sheetnames == [SHEET_IDENTITAS, SHEET_PROSEDUR]
    procedure = book[SHEET_PROSEDUR]
    assert [c.value for c in procedure[1]] == COLUMNS
    assert procedure.max_row == 1 + len(doc.langkah)
    assert [c.value for c in procedure[4]] == [
        3,
        "Apakah berkas permohonan lengkap?",
        "Kasubbag",
        "keputusan",
        5,
        4,
        None,
        "30 Menit",
        None,
        None,
    ]
    identity = book[SHEET_IDENTITAS]
    numbers = [identity.cell(r, 1).value for r in range(2, identity.max_row + 1)]
    assert [n for n in numbers if n] == [str(n) for n in range(1, 15)]  # Lampiran II.C items
    labels = {identity.cell(r, 2).value: identity.cell(r, 3).value for r in range(2, 30)}
    assert labels["Nama SOP"] == "Penerbitan Surat Izin Usaha"
    assert labels["Peralatan / Perlengkapan"] == "Komputer\nPrinter\nATK"
    assert labels["Pelaksana"] == "Kepala Dinas\nKasubbag\nStaf"
    assert labels["Tanggal Pengesahan"] == datetime(2024, 9, 2)


def test_user_friendly_spellings_are_read() -> None:
    doc = lampiran_2e_example()
    data = edited(
        doc,
        {
            (SHEET_PROSEDUR, "D2"): "Mulai",
            (SHEET_PROSEDUR, "D10"): "SELESAI",
            (SHEET_PROSEDUR, "D3"): None,  # empty simbol means proses
            (SHEET_PROSEDUR, "H3"): "30 menit",
            (SHEET_PROSEDUR, "A4"): 3.0,
        },
    )
    result = import_xlsx(data)
    assert result.galat == []
    assert result.document == doc


def test_columns_may_be_reordered_and_empty_rows_are_skipped() -> None:
    doc = load("keputusan_izin_usaha")
    book = load_workbook(io.BytesIO(export_xlsx(doc)))
    sheet = book[SHEET_PROSEDUR]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    book.remove(sheet)
    sheet = book.create_sheet(SHEET_PROSEDUR)
    for index, row in enumerate(rows):
        sheet.append(list(reversed(row)))
        if index == 3:
            sheet.append([None] * len(row))
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_xlsx(buffer.getvalue())
    assert result.galat == []
    assert result.document == doc


def test_malformed_procedure_rows_are_reported_by_row_and_column() -> None:
    data = edited(
        lampiran_2e_example(),
        {
            (SHEET_PROSEDUR, "H3"): "tiga puluh menit",  # unreadable waktu, row 3
            (SHEET_PROSEDUR, "D4"): "lingkaran",  # unknown simbol, row 4
            (SHEET_PROSEDUR, "B5"): None,  # missing uraian, row 5
            (SHEET_PROSEDUR, "A6"): "lima",  # bad number, row 6
            (SHEET_PROSEDUR, "A7"): 9,  # out of sequence, row 7
            (SHEET_PROSEDUR, "E8"): "x",  # bad target, row 8
            (SHEET_PROSEDUR, "H9"): 30,  # waktu without unit, row 9
        },
    )
    result = import_xlsx(data)
    assert result.document is None and not result.ok
    found = [(g.lembar, g.baris, g.kolom) for g in result.galat]
    assert found == [
        (SHEET_PROSEDUR, 3, "Waktu"),
        (SHEET_PROSEDUR, 4, "Simbol"),
        (SHEET_PROSEDUR, 5, "Uraian Prosedur"),
        (SHEET_PROSEDUR, 6, "No"),
        (SHEET_PROSEDUR, 7, "No"),
        (SHEET_PROSEDUR, 8, "Ya"),
        (SHEET_PROSEDUR, 9, "Waktu"),
    ]
    messages = {(g.baris, g.kolom): g.pesan for g in result.galat}
    assert "tidak terbaca" in messages[(3, "Waktu")]
    assert "'lingkaran' tidak dikenal" in messages[(4, "Simbol")]
    assert "wajib diisi" in messages[(5, "Uraian Prosedur")]
    assert "bukan bilangan bulat" in messages[(6, "No")]
    assert "harus 6" in messages[(7, "No")]
    assert str(result.galat[0]).startswith("Lembar 'Uraian Prosedur' baris 3 kolom Waktu: ")


def test_model_limits_are_reported_at_their_cell() -> None:
    data = edited(
        lampiran_2e_example(),
        {
            (SHEET_PROSEDUR, "I4"): "x" * 501,  # output longer than 500
            (SHEET_IDENTITAS, "C7"): 0,  # Nomor SOP - No Urut below 1
            (SHEET_IDENTITAS, "C4"): "01",
            (SHEET_IDENTITAS, "C5"): "SETDA",
            (SHEET_IDENTITAS, "C6"): "UM",
        },
    )
    result = import_xlsx(data)
    found = {(g.lembar, g.baris, g.kolom): g.pesan for g in result.galat}
    assert set(found) == {(SHEET_PROSEDUR, 4, "Output"), (SHEET_IDENTITAS, 7, "Isi")}
    assert "paling banyak 500" in found[(SHEET_PROSEDUR, 4, "Output")]
    assert "paling kecil 1" in found[(SHEET_IDENTITAS, 7, "Isi")]


def test_malformed_identity_sheet() -> None:
    data = edited(
        lampiran_2e_example(),
        {
            (SHEET_IDENTITAS, "C3"): None,  # Nama Unit Kerja is required
            (SHEET_IDENTITAS, "C8"): "kemarin",  # Tanggal Pembuatan
            (SHEET_IDENTITAS, "B25"): "Warna Sampul",  # unknown item
        },
    )
    result = import_xlsx(data)
    found = [(g.lembar, g.baris, g.kolom) for g in result.galat]
    assert (SHEET_IDENTITAS, 8, "Isi") in found
    assert (SHEET_IDENTITAS, 25, "Butir") in found
    assert (SHEET_IDENTITAS, 3, "Isi") in found
    assert len(found) == 3


def test_not_a_workbook_and_missing_sheets() -> None:
    result = import_xlsx(b"bukan berkas excel")
    assert result.document is None
    assert len(result.galat) == 1 and ".xlsx" in result.galat[0].pesan
    buffer = io.BytesIO()
    Workbook().save(buffer)
    result = import_xlsx(buffer.getvalue())
    assert {g.lembar for g in result.galat} == {SHEET_IDENTITAS, SHEET_PROSEDUR}


def test_missing_header_column() -> None:
    data = edited(lampiran_2e_example(), {(SHEET_PROSEDUR, "H1"): "Durasi"})
    result = import_xlsx(data)
    assert [(g.baris, g.kolom) for g in result.galat] == [(1, None)]
    assert "Waktu" in result.galat[0].pesan


def test_json_schema() -> None:
    schema = document_json_schema()
    assert schema["$id"] == SCHEMA_ID
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["title"]
    assert set(schema["required"]) == {"identitas"}
    assert {"identitas", "jenis", "format", "pelaksana", "langkah"} <= set(schema["properties"])
    assert "Langkah" in schema["$defs"] and "Waktu" in schema["$defs"]
