"""Lampiran I 3.a-3.c: what the drafter records while writing an SOP.

- 3.a: information is gathered with named techniques (brainstorming, focus group discussion,
  wawancara, survei, benchmark, telaahan dokumen); each use is recorded with its date,
  participants and findings.
- 3.b: the analysis ends in one chosen alternative: penyempurnaan prosedur yang sudah ada,
  standardisasi prosedur yang sudah berjalan tetapi belum distandarkan, or prosedur baru.
- Pasal 7: the drafter confirms the recommended format or overrides it with a reason.
- Pasal 8 and 9: the scope (lingkup) of the SOP and the context its requirements need (tugas
  pokok dan fungsi, "tidak ada SOP terkait", the needs-identification entry).
"""

from enum import StrEnum

from pydantic import Field

from sop.document import FormatSop
from sop.organisasi import LingkupSop
from sop.strict import StrictModel
from sop.teks import Tanggal


class TeknikPengumpulan(StrEnum):
    """Lampiran I 3.a 1)-5) (benchmark is named in the PermenPAN-RB 35/2012 guideline)."""

    brainstorming = "brainstorming"
    focus_group_discussion = "focus_group_discussion"
    wawancara = "wawancara"
    survei = "survei"
    benchmark = "benchmark"
    telaahan_dokumen = "telaahan_dokumen"


class CatatanInformasi(StrictModel):
    """One use of an information-gathering technique (Lampiran I 3.a)."""

    teknik: TeknikPengumpulan
    tanggal: Tanggal
    peserta: list[str] = Field(min_length=1, max_length=200)
    temuan: str = Field(min_length=1, max_length=4000)


class Alternatif(StrEnum):
    """Lampiran I 3.b: the kinds of procedure the analysis may choose."""

    penyempurnaan_prosedur = "penyempurnaan_prosedur"
    """Penyempurnaan prosedur yang sudah ada sebelumnya."""
    standardisasi_prosedur = "standardisasi_prosedur"
    """Prosedur yang sudah ada (berjalan) namun belum distandarkan."""
    prosedur_baru = "prosedur_baru"
    """Prosedur yang belum ada sama sekali."""


class PilihanAlternatif(StrictModel):
    """The chosen alternative, with the reasons the analysis found."""

    alternatif: Alternatif
    alasan: str = Field(min_length=1, max_length=4000)


class PilihanFormat(StrictModel):
    """Pasal 7: the format the drafter settles on. A reason is required to override."""

    format: FormatSop
    alasan: str = Field(default="", max_length=2000)


class KonteksPenyusunan(StrictModel):
    """Facts about the SOP that the document itself does not carry (Pasal 8, 9 and 11)."""

    lingkup: LingkupSop = LingkupSop.unit
    tugas_pokok_fungsi: str | None = Field(
        default=None, max_length=2000, description="Tugas pokok dan fungsi yang dijabarkan SOP"
    )
    tidak_ada_keterkaitan: bool = Field(
        default=False, description="Penyusun menyatakan tidak ada SOP lain yang terkait"
    )
    identifikasi_kebutuhan: str | None = Field(
        default=None,
        max_length=300,
        description="Rujukan ke baris identifikasi kebutuhan SOP (Lampiran II.A)",
    )


def format_problem(
    pilihan: PilihanFormat, draft_format: FormatSop, rekomendasi: FormatSop
) -> str | None:
    """Why a format choice cannot be recorded, or ``None``."""
    if pilihan.format is not draft_format:
        return (
            f"Format pada draf tersimpan adalah '{draft_format.value}'; simpan draf dengan "
            f"format '{pilihan.format.value}' terlebih dahulu, lalu tetapkan formatnya."
        )
    if pilihan.format is not rekomendasi and not pilihan.alasan:
        return (
            f"Format yang dianjurkan Pasal 7 untuk draf ini adalah '{rekomendasi.value}'; "
            "tuliskan alasan bila memilih format lain."
        )
    return None
