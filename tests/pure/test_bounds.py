"""What a text or a date given by a person may hold (``sop.teks``) and where the bounds apply."""

import io
from datetime import date

import pytest
from annotated_types import Ge, Le
from openpyxl import load_workbook
from pydantic import ValidationError

from sop.evaluasi import FormEvaluasi
from sop.fixtures import lampiran_2e_example
from sop.penerapan import CatatanMonitoring, SesiPelatihan
from sop.penyusunan import CatatanInformasi
from sop.simulasi import CatatanSimulasi
from sop.teks import TANGGAL_MAX, TANGGAL_MIN, forbidden_char, forbidden_message
from sop.xlsx import export_xlsx, import_xlsx
from sop.xlsx.layout import SHEET_PROSEDUR
from wire.penyusunan import PengesahanFields


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\u202a",
                                  "\u202e", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c"])
def test_control_and_bidi_characters_are_found(char):
    assert forbidden_char(f"Surat{char}Masuk") == char


def test_ordinary_text_is_clean():
    for text in ("Surat Masuk", "Baris satu\nbaris dua\r\n\tmenjorok", "Pelayanan Pasien Rawat"
                 " Inap — tahap 2 (≤ 15 menit) é ü ñ 中文", ""):
        assert forbidden_char(text) is None


def test_the_refusal_names_the_field_and_the_character():
    assert forbidden_message("nama_sop", "\u202e") == (
        "Kolom nama_sop memuat karakter kendali atau pengarah teks (U+202E) yang tidak "
        "diizinkan. Ketik ulang isinya tanpa menyalin dari sumber lain.")


FAR = date(9999, 12, 31)


@pytest.mark.parametrize("build", [
    lambda d: PengesahanFields(keputusan="sahkan", nomor_keputusan="1", tanggal_keputusan=d),
    lambda d: SesiPelatihan(tanggal=d, tempat="Aula", peserta=["Ani"]),
    lambda d: CatatanMonitoring(tanggal=d, metode="observasi", temuan="Baik"),
    lambda d: CatatanInformasi(teknik="wawancara", tanggal=d, peserta=["Ani"], temuan="Ada"),
])
def test_every_accepted_date_is_within_the_computable_range(build):
    """No date that reaches a workflow can make its arithmetic overflow."""
    build(TANGGAL_MIN)
    build(TANGGAL_MAX)
    for outside in (FAR, date(1, 1, 1), date(1999, 12, 31), date(2100, 1, 1)):
        with pytest.raises(ValidationError):
            build(outside)


def test_simulation_and_evaluation_dates_are_bounded():
    for model in (CatatanSimulasi, FormEvaluasi):
        assert model.model_fields["tanggal"].metadata == [Ge(TANGGAL_MIN), Le(TANGGAL_MAX)]


def test_an_xlsx_cell_with_an_override_is_a_row_error():
    book = load_workbook(io.BytesIO(export_xlsx(lampiran_2e_example())))
    book[SHEET_PROSEDUR]["B2"] = "Terima\u202esurat"
    out = io.BytesIO()
    book.save(out)
    result = import_xlsx(out.getvalue())
    assert result.document is None
    [error] = result.galat
    assert (error.lembar, error.baris, error.kolom) == (SHEET_PROSEDUR, 2, "B")
    assert "Kolom B2 memuat karakter kendali atau pengarah teks (U+202E)" in error.pesan
