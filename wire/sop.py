"""Inputs and outputs of SopLifecycleWorkflow: one model per workflow, update and query.

These cross the wire through the pydantic data converter, so the API, the worker and the tests
share them. Nothing here imports Temporal or the database.
"""

from datetime import date
from typing import Literal

from pydantic import Field

from sop.document import SopDocument
from sop.evaluasi import FormEvaluasi
from sop.organisasi import BAGIAN_ORGANISASI, Jabatan
from sop.penerapan import CatatanMonitoring, RencanaPenerapan, SesiPelatihan
from sop.peran import Peran
from sop.strict import ClosedModel
from wire.penyusunan_state import Pengesahan, PenyusunanState


class PenugasanAktor(ClosedModel):
    """A Plt./Plh. appointment under which the person acts in an office's name."""

    jenis: Literal["plt", "plh"]
    nomor_keputusan: str = Field(min_length=1, max_length=200)
    sampai: date


class Aktor(ClosedModel):
    """Who performs an action: the person, their office and roles.

    The API builds it from the signed-in user, never from a request body; the workflow judges
    its authority in every validator.
    """

    nama: str = Field(min_length=1, max_length=200, examples=["Siti Rahmah"])
    nip: str | None = Field(
        default=None,
        pattern=r"^\d{18}$",
        description="NIP, 18 angka",
        examples=["198001012005012001"],
    )
    jabatan: str = Field(min_length=1, max_length=200, examples=["Kepala Bagian Organisasi"])
    unit: str | None = Field(default=None, max_length=40, examples=[BAGIAN_ORGANISASI])
    username: str | None = Field(default=None, max_length=80)
    peran: list[Peran] = Field(default_factory=list)
    kode_jabatan: Jabatan | None = Field(
        default=None, description="Jabatan struktural yang dipegang, relatif terhadap unit."
    )
    penugasan: PenugasanAktor | None = Field(
        default=None, description="Plt./Plh.: orang ini bertindak atas nama jabatan tersebut."
    )
    klaim: str | None = Field(
        default=None,
        max_length=200,
        description="Tanda tangan API atas data aktor ini (``wire.klaim``); diisi oleh API.",
    )


SYSTEM_AKTOR = Aktor(nama="Siklus SOP", jabatan="Sistem")


class ActionResult(ClosedModel):
    """The outcome of an update: where the SOP is now and what may happen next."""

    sop_id: str
    event: str
    seq: int
    from_step: str | None
    step: str
    stage: str
    allowed_events: list[str]
    document_version: int | None = None


class SopState(ClosedModel):
    """Everything a run needs to resume an SOP; carried across continue-as-new."""

    sop_id: str
    unit_code: str
    nama_sop: str
    step: str
    cycle: int = 1
    revision: int = 0
    seq: int = 0
    registered: bool = False
    current_version: int | None = None
    current_hash: str | None = None
    approved_version: int | None = None
    effective_version: int | None = None
    tanggal_berlaku: date | None = None
    last_evaluation: date | None = None
    evaluation_interval_months: int = Field(default=24, ge=1, le=24)
    unit_jenis: str | None = None
    # Penerapan (Lampiran I 4.a-4.d)
    rencana: RencanaPenerapan | None = None
    training_sessions: int = 0
    acknowledged_by: list[str] = Field(default_factory=list)
    # Monev: reminders sent up to this date; an earlier due date forced by a changed
    # dasar hukum (both reset when a new evaluation cycle starts).
    last_reminder: date | None = None
    early_due: date | None = None
    # Set when a drafting campaign created the SOP from an accepted needs row (Pasal 9 e).
    campaign_id: str | None = None
    kebutuhan_id: str | None = None
    # Penyusunan of the current revision (Lampiran I 3) and the approvals so far (Pasal 11).
    penyusunan: PenyusunanState = Field(default_factory=PenyusunanState)
    pengesahan: Pengesahan | None = None
    tanggal_pengesahan: date | None = None
    tanggal_revisi: date | None = None
    nomor_sop: str | None = None
    # Results of recent idempotent updates, so a retry after continue-as-new still
    # answers with the original result instead of applying the action again.
    recent_results: dict[str, ActionResult] = Field(default_factory=dict)


# An update's input is its fields plus the actor. The API's request body is the ``...Fields``
# base (the API fills ``aktor`` from the signed-in user), so each shape is declared once.


class NoteFields(ClosedModel):
    note: str = Field(default="", max_length=4000)


class RegisterInput(NoteFields):
    aktor: Aktor


class ActionInput(NoteFields):
    event: str = Field(min_length=1, max_length=60)
    aktor: Aktor


class SaveDraftFields(ClosedModel):
    document: SopDocument
    note: str = Field(default="", max_length=4000)


class SaveDraftInput(SaveDraftFields):
    aktor: Aktor


class PlanFields(ClosedModel):
    rencana: RencanaPenerapan


class PlanInput(PlanFields):
    aktor: Aktor


class TrainingFields(ClosedModel):
    sesi: SesiPelatihan


class TrainingInput(TrainingFields):
    aktor: Aktor


class AcknowledgeInput(NoteFields):
    """A pelaksana states they have read and understood the effective SOP (Lampiran I 4.d)."""

    aktor: Aktor


class MonitoringFields(ClosedModel):
    catatan: CatatanMonitoring


class MonitoringInput(MonitoringFields):
    aktor: Aktor


class EvaluationFields(ClosedModel):
    form: FormEvaluasi


class EvaluationInput(EvaluationFields):
    aktor: Aktor


class DasarHukumChange(ClosedModel):
    """A regulation cited under dasar hukum was amended or revoked: evaluate early."""

    peraturan: str = Field(min_length=3, max_length=500)
    perubahan: str = Field(pattern="^(diubah|dicabut)$")
    keterangan: str = Field(default="", max_length=2000)


class SopView(ClosedModel):
    """What the view query returns: the live state of one SOP."""

    sop_id: str
    unit_code: str
    nama_sop: str
    stage: str
    step: str
    allowed_events: list[str]
    cycle: int
    revision: int
    seq: int
    current_version: int | None
    effective_version: int | None
    tanggal_berlaku: date | None
    last_evaluation: date | None
    evaluation_due: date | None
    campaign_id: str | None = None
    kebutuhan_id: str | None = None
    rencana: RencanaPenerapan | None = None
    training_sessions: int = 0
    acknowledged_by: list[str] = Field(default_factory=list)
    penyusunan: PenyusunanState = Field(default_factory=PenyusunanState)
    pengesahan: Pengesahan | None = None
    tanggal_pengesahan: date | None = None
    tanggal_revisi: date | None = None
    nomor_sop: str | None = None
