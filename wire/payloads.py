"""The payload of every record kind the SOP workflow commits, as one typed model per shape.

The workflow builds one of these and commits ``model.model_dump(mode="json")``: the
``TransitionRecord.payload`` stays a plain dict on the wire and in the event table, and the
JSON is exactly what the dicts written before these models produced (same keys, values and
types), so stored rows and recorded histories keep their meaning. Readers parse a stored
payload back with ``parse_payload`` instead of reading it by key.

Where a domain model is the whole payload (a monitoring note, the evaluation form ...) the
domain model is the payload model; the others are declared here.

Two kinds have had more than one shape, and ``parse_payload`` accepts each:

- a simulation's outcome: flat for ``catatan_simulasi`` (the SOP stays), nested under
  ``"simulasi"`` for the events it sends (``ajukan_pengesahan``, ``perbaiki_tulisan``,
  ``kembali_ke_analisis``, ``kembali_ke_pengumpulan_informasi``); ``simulasi_of`` returns the
  flat record from either;
- ``sahkan``: early records have no ``pejabat``, ``jabatan`` or ``penugasan``;
- ``perbaiki_tulisan``: a simulation's outcome (``{"simulasi": ...}``) or the result of a
  review round that asked for changes (``ronde``, ``hasil``, ``komentar`` ...).
"""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, field_serializer

from sop.document import FormatSop
from sop.evaluasi import FormEvaluasi
from sop.penerapan import CatatanMonitoring, RencanaPenerapan, SesiPelatihan
from sop.pengingat import Pengingat
from sop.penyusunan import CatatanInformasi, KonteksPenyusunan, PilihanAlternatif, PilihanFormat
from sop.peristiwa import Peristiwa
from sop.reviu import JawabanReviu, RondeReviu
from sop.simulasi import CatatanSimulasi
from sop.strict import ClosedModel
from wire.sop import DasarHukumChange, PenugasanAktor

HasilRonde = Literal["disetujui", "perlu_perbaikan"]


class FormatPayload(PilihanFormat):
    """``pilihan_format`` (Pasal 7): the choice, against the recommendation for the draft."""

    versi: int
    rekomendasi: FormatSop
    rekomendasi_alasan: str
    mengikuti_rekomendasi: bool


class SimulasiPayload(CatatanSimulasi):
    """One simulation (Lampiran I 3.d.2) of the version under review."""

    versi: int | None = None


class HasilSimulasiPayload(ClosedModel):
    """An event a simulation's outcome sends: the simulation, nested."""

    simulasi: SimulasiPayload


class PengembalianPayload(ClosedModel):
    """``kembalikan_ke_penulisan``: the official's reasons (Pasal 11)."""

    alasan: str


class PengesahanPayload(ClosedModel):
    """``sahkan``: the Keputusan, and both the person and the office (a Plt./Plh. signs in the
    office's name). Records written before the person and office were kept lack them (the
    actor columns of the event row still name the person)."""

    versi: int | None
    revisi: int
    nomor_keputusan: str | None
    tanggal_keputusan: date | None
    pejabat: str | None = None
    jabatan: str | None = None
    penugasan: PenugasanAktor | None = None


class PengajuanReviuPayload(ClosedModel):
    """``ajukan_reviu``: the round as opened."""

    ronde: RondeReviu


class JawabanReviuPayload(JawabanReviu):
    """``jawaban_reviu``: one party's answer in a round."""

    ronde: int
    versi: int
    pihak: str


class DelegasiReviuPayload(ClosedModel):
    """``delegasi_reviu``: the task of ``pihak`` now answered by the user ``kepada``."""

    ronde: int
    pihak: str
    kepada: str
    kepada_nama: str


class PerpanjanganReviuPayload(ClosedModel):
    """``perpanjangan_reviu``: the round's new deadline."""

    ronde: int
    batas_waktu: datetime

    @field_serializer("batas_waktu")
    def _iso(self, value: datetime) -> str:
        # Written with datetime.isoformat() ("+00:00"), not pydantic's "Z": keep the text.
        return value.isoformat()


class ReviuSelesaiPayload(ClosedModel):
    """``reviu_selesai``: the round ended approved; who stayed silent."""

    ronde: int
    versi: int
    hasil: HasilRonde
    tidak_menjawab: list[str]


class KomentarPihak(ClosedModel):
    pihak: str
    langkah: int | None
    teks: str


class PerbaikanReviuPayload(ReviuSelesaiPayload):
    """``perbaiki_tulisan`` after a round that asked for changes: every comment, by party."""

    komentar: list[KomentarPihak]


class BatasReviuPayload(ClosedModel):
    """``batas_reviu_lewat``: the deadline passed with these parties silent."""

    ronde: int
    tidak_menjawab: list[str]


class PengingatReviuPayload(ClosedModel):
    """``pengingat_reviu``: the silent parties reminded before the deadline."""

    ronde: int
    kepada: list[str]


P = Peristiwa

SIMULATED: frozenset[str] = frozenset(
    {
        P.ajukan_pengesahan,
        P.perbaiki_tulisan,
        P.kembali_ke_analisis,
        P.kembali_ke_pengumpulan_informasi,
    }
)
"""Events a simulation's outcome sends (their payload nests the simulation)."""

PAYLOADS: dict[str, type[BaseModel]] = {
    P.catatan_informasi: CatatanInformasi,
    P.pilih_alternatif: PilihanAlternatif,
    P.konteks_penyusunan: KonteksPenyusunan,
    P.pilihan_format: FormatPayload,
    P.ajukan_reviu: PengajuanReviuPayload,
    P.jawaban_reviu: JawabanReviuPayload,
    P.delegasi_reviu: DelegasiReviuPayload,
    P.perpanjangan_reviu: PerpanjanganReviuPayload,
    P.pengingat_reviu: PengingatReviuPayload,
    P.batas_reviu_lewat: BatasReviuPayload,
    P.reviu_selesai: ReviuSelesaiPayload,
    P.catatan_simulasi: SimulasiPayload,
    **{event: HasilSimulasiPayload for event in SIMULATED},
    P.sahkan: PengesahanPayload,
    P.kembalikan_ke_penulisan: PengembalianPayload,
    P.rencana_penerapan: RencanaPenerapan,
    P.sesi_pelatihan: SesiPelatihan,
    P.catatan_monitoring: CatatanMonitoring,
    P.dasar_hukum_berubah: DasarHukumChange,
    P.pengingat_evaluasi: Pengingat,
    **{event: FormEvaluasi for event in (P.tetap_berlaku, P.revisi, P.cabut)},
}
"""The payload model of every kind committed with a payload; any other kind has none."""


def payload_model(kind: str, payload: dict) -> type[BaseModel] | None:
    """The model a stored payload of ``kind`` parses with (``perbaiki_tulisan`` has two)."""
    if kind == P.perbaiki_tulisan and "simulasi" not in payload:
        return PerbaikanReviuPayload
    return PAYLOADS.get(kind)


def parse_payload(kind: str, payload: dict | None) -> BaseModel | None:
    """The typed payload of a stored record; ``None`` when the kind carries none.

    Tolerant of the shapes described in this module's docstring: ``perbaiki_tulisan`` parses
    as a simulation outcome or as a review result, by the shape it has.
    """
    if payload is None:
        return None
    model = payload_model(kind, payload)
    if model is None:
        return None
    return model.model_validate(payload)


def simulasi_of(kind: str, payload: dict | None) -> SimulasiPayload | None:
    """The simulation a record holds, flat (``catatan_simulasi``) or nested (an event it sent);
    ``None`` when the record is no simulation."""
    parsed = parse_payload(kind, payload)
    if isinstance(parsed, HasilSimulasiPayload):
        return parsed.simulasi
    if isinstance(parsed, SimulasiPayload):
        return parsed
    return None
