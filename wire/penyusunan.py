"""Inputs of the penyusunan handlers (Lampiran I 3, Pasal 7, 9 and 11).

One input model per update; all cross the wire through the pydantic data converter. Where the
API's request body is the input minus the actor, the fields are a ``...Fields`` base of it.
"""

from typing import Literal

from pydantic import Field

from sop.organisasi import LingkupSop
from sop.penyusunan import (
    CatatanInformasi,
    KonteksPenyusunan,
    PilihanAlternatif,
    PilihanFormat,
)
from sop.reviu import BATAS_WAKTU_HARI, MAKS_PIHAK, JawabanReviu
from sop.simulasi import CatatanSimulasi
from sop.strict import ClosedModel
from sop.teks import Tanggal
from wire.sop import Aktor


class InformasiInput(ClosedModel):
    aktor: Aktor
    catatan: CatatanInformasi


class AlternatifInput(ClosedModel):
    aktor: Aktor
    pilihan: PilihanAlternatif


class PerubahanKonteks(ClosedModel):
    """A change to the drafting context: a field left out (or null) keeps its stored value;
    an empty text clears it."""

    lingkup: LingkupSop | None = Field(
        default=None, description="Lingkup SOP; bila tidak diisi, lingkup tersimpan tetap berlaku"
    )
    tugas_pokok_fungsi: str | None = Field(
        default=None, max_length=2000, description="Tugas pokok dan fungsi yang dijabarkan SOP"
    )
    tidak_ada_keterkaitan: bool | None = Field(
        default=None, description="Penyusun menyatakan tidak ada SOP lain yang terkait"
    )
    identifikasi_kebutuhan: str | None = Field(
        default=None,
        max_length=300,
        description="Rujukan ke baris identifikasi kebutuhan SOP (Lampiran II.A)",
    )

    def terapkan(self, konteks: KonteksPenyusunan) -> KonteksPenyusunan:
        """The stored context with the fields this change gives."""
        given = {k: v for k, v in self.model_dump().items() if v is not None}
        given = {k: (v or None) if isinstance(v, str) else v for k, v in given.items()}
        return konteks.model_copy(update=given)


class KonteksInput(ClosedModel):
    """Either a whole context (histories recorded before changes existed carry one) or a
    change merged by the workflow into the context it holds."""

    aktor: Aktor
    konteks: KonteksPenyusunan | None = None
    perubahan: PerubahanKonteks | None = None

    def hasil(self, stored: KonteksPenyusunan) -> KonteksPenyusunan:
        if self.konteks is not None:
            return self.konteks
        if self.perubahan is not None:
            return self.perubahan.terapkan(stored)
        return stored


class FormatInput(ClosedModel):
    aktor: Aktor
    pilihan: PilihanFormat


class SubmitReviewFields(ClosedModel):
    """What the drafter chooses for a review round: the version and the deadline."""

    versi: int = Field(ge=1, description="Versi draf yang diedarkan (draf tersimpan terakhir)")
    batas_hari: int = Field(default=BATAS_WAKTU_HARI, ge=1, le=60)


class SubmitReviewInput(SubmitReviewFields):
    """Send one saved version to the parties (unit codes) for review."""

    aktor: Aktor
    pihak: list[str] = Field(min_length=1, max_length=MAKS_PIHAK)


class ReviewAnswerInput(ClosedModel):
    aktor: Aktor
    ronde: int = Field(ge=1)
    pihak: str = Field(min_length=1, max_length=40)
    jawaban: JawabanReviu


class ReviewAssignFields(ClosedModel):
    pihak: str = Field(min_length=1, max_length=40)
    kepada: str = Field(min_length=1, max_length=80, description="Username penerima tugas")


class ReviewAssignInput(ReviewAssignFields):
    """A reviewer delegates their party's task, or the coordinator reassigns it."""

    aktor: Aktor
    ronde: int = Field(ge=1)
    kepada_nama: str = Field(min_length=1, max_length=200)


class RoundDecisionFields(ClosedModel):
    keputusan: Literal["perpanjang", "tutup"]
    tambah_hari: int = Field(default=BATAS_WAKTU_HARI, ge=1, le=60)


class RoundDecisionInput(RoundDecisionFields):
    """After the deadline the coordinator extends the round or closes it."""

    aktor: Aktor
    ronde: int = Field(ge=1)


class SimulationInput(ClosedModel):
    aktor: Aktor
    catatan: CatatanSimulasi


class PengesahanFields(ClosedModel):
    keputusan: Literal["sahkan", "kembalikan"]
    nomor_keputusan: str | None = Field(default=None, min_length=1, max_length=200)
    tanggal_keputusan: Tanggal | None = None
    alasan: str = Field(default="", max_length=4000)


class PengesahanInput(PengesahanFields):
    """The official's decision on the version submitted for pengesahan (Pasal 11)."""

    aktor: Aktor
