"""Penerapan (Lampiran I 4.a-4.d) and monitoring (4.e.a): the records kept on the way."""

from enum import StrEnum

from pydantic import Field

from sop.strict import ClosedModel
from sop.teks import Tanggal


class Prioritas(StrEnum):
    tinggi = "tinggi"
    sedang = "sedang"
    rendah = "rendah"


class CaraPenerapan(StrEnum):
    """Lampiran I 4.a.9): all at once, or staged over a period."""

    sekaligus = "sekaligus"
    bertahap = "bertahap"


class RencanaPenerapan(ClosedModel):
    """Lampiran I 4.a: priority, target units and pelaksana, training, rollout."""

    prioritas: Prioritas = Prioritas.sedang
    unit_sasaran: list[str] = Field(min_length=1, max_length=100, description="Kode unit kerja")
    pelaksana: list[str] = Field(min_length=1, max_length=50, description="Jabatan pelaksana")
    perlu_pelatihan: bool = False
    cara_penerapan: CaraPenerapan = CaraPenerapan.sekaligus
    catatan: str = Field(default="", max_length=4000)


class SesiPelatihan(ClosedModel):
    """Lampiran I 4.d: one training session and who attended."""

    tanggal: Tanggal
    tempat: str = Field(min_length=1, max_length=200)
    materi: str = Field(default="", max_length=2000)
    peserta: list[str] = Field(min_length=1, max_length=500, description="Nama peserta hadir")


class MetodeMonitoring(StrEnum):
    """Lampiran I 4.e.a."""

    observasi = "observasi"
    wawancara = "wawancara"
    diskusi_kelompok = "diskusi_kelompok"
    pengarahan = "pengarahan"


class CatatanMonitoring(ClosedModel):
    tanggal: Tanggal
    metode: MetodeMonitoring
    temuan: str = Field(min_length=1, max_length=4000)
    tindak_lanjut: str = Field(default="", max_length=4000)
