"""The evaluation form of Lampiran I 4.e.b) and Pasal 13 ayat (2).

Seven questions on the substance of the SOP and six on its implementation, each answered
with a rating and notes. The evaluator is Bagian Organisasi or an independent body appointed by
the Pemerintah Daerah (Pasal 13 (2)); the SOP's drafter takes part (Lampiran I 4.e.b, last
paragraph). The outcome decides the SOP's next cycle.
"""

from enum import StrEnum

from pydantic import Field, model_validator

from sop.strict import ClosedModel
from sop.teks import Tanggal

PERTANYAAN_SUBSTANSI: tuple[str, ...] = (
    "Sejauhmana SOP yang diterapkan dapat mendorong peningkatan kinerja individual, unit kerja "
    "dan organisasi secara keseluruhan.",
    "Sejauhmana SOP yang diterapkan mampu dipahami dan dilaksanakan dengan baik oleh pelaksana.",
    "Sejauhmana setiap orang yang ditugasi melaksanakan prosedur tertentu sudah mampu "
    "melaksanakannya dengan baik.",
    "Sejauhmana diperlukan penyempurnaan-penyempurnaan terhadap SOP yang telah diterapkan atau "
    "bahkan sejauhmana diperlukan SOP yang baru.",
    "Sejauhmana SOP yang diterapkan mampu mengatasi berbagai masalah yang akan dipecahkan "
    "melalui penerapan SOP.",
    "Sejauhmana SOP yang diterapkan mampu menjawab tantangan perubahan lingkungan organisasi.",
    "Sejauhmana SOP yang diterapkan dapat berjalan secara sinergis satu dengan yang lainnya.",
)

PERTANYAAN_PROSES: tuple[str, ...] = (
    "Sejauhmana strategi penerapan yang telah dilakukan berhasil mendorong penerapan SOP secara "
    "benar.",
    "Sejauhmana tingkat penerimaan para pelaksana terhadap SOP yang telah diterapkan.",
    "Sejauhmana tim-tim yang telah dibentuk mampu bekerja secara efektif dari mulai proses "
    "penilaian kebutuhan sampai pada proses monitoring.",
    "Sejauhmana mekanisme supervisi mampu berjalan dengan baik.",
    "Sejauhmana pelatihan-pelatihan diberikan kepada para pelaksana secara benar sehingga mampu "
    "memperlancar proses penerapan.",
    "Sejauhmana resiko-resiko akibat perubahan SOP dapat ditangani secara baik.",
)


class Evaluator(StrEnum):
    """Pasal 13 ayat (2)."""

    bagian_organisasi = "bagian_organisasi"
    lembaga_independen = "lembaga_independen"


class HasilEvaluasi(StrEnum):
    """The three outcomes; each is also the event the lifecycle chart takes."""

    tetap_berlaku = "tetap_berlaku"
    revisi = "revisi"
    dicabut = "cabut"


class Jawaban(ClosedModel):
    nilai: int = Field(ge=1, le=5, description="1 = sangat kurang ... 5 = sangat baik")
    catatan: str = Field(default="", max_length=2000)


class FormEvaluasi(ClosedModel):
    tanggal: Tanggal
    evaluator: Evaluator
    nama_evaluator: str = Field(min_length=1, max_length=200)
    penyusun_terlibat: str = Field(
        min_length=1, max_length=200, description="Penyusun SOP yang ikut mengevaluasi"
    )
    substansi: list[Jawaban] = Field(min_length=7, max_length=7)
    proses: list[Jawaban] = Field(min_length=6, max_length=6)
    hasil: HasilEvaluasi
    usulan_sop_baru: str | None = Field(default=None, max_length=300)
    catatan: str = Field(default="", max_length=4000)

    @model_validator(mode="after")
    def _independent_body_named(self) -> "FormEvaluasi":
        if self.evaluator is Evaluator.lembaga_independen and len(self.nama_evaluator) < 3:
            raise ValueError("nama lembaga independen harus ditulis lengkap")
        return self

    def summary(self) -> str:
        mean_s = sum(j.nilai for j in self.substansi) / len(self.substansi)
        mean_p = sum(j.nilai for j in self.proses) / len(self.proses)
        text = (
            f"Evaluasi oleh {self.nama_evaluator} ({self.evaluator.value}) bersama "
            f"{self.penyusun_terlibat}: nilai substansi {mean_s:.1f}, proses {mean_p:.1f}; "
            f"hasil {self.hasil.name}."
        )
        if self.usulan_sop_baru:
            text += f" Usulan SOP baru: {self.usulan_sop_baru}."
        return text
