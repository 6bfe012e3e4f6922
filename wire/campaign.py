"""Inputs, state and outputs of CampaignWorkflow: one model per workflow, update and query.

Pure pydantic (no Temporal, no database), shared by the API, the worker and the tests.
"""

from datetime import date, datetime
from typing import Literal

from pydantic import Field, model_validator

from sop.organisasi import BAGIAN_ORGANISASI
from sop.strict import ClosedModel
from wire.sop import Aktor, NoteFields

RowStatus = Literal["diusulkan", "diterima", "dikembalikan"]

MAX_ROWS_PER_SUBMISSION = 1000
MAX_DECISIONS_PER_UPDATE = 5000



class PenanggungJawab(ClosedModel):
    """Who runs the drafting in a unit (Pasal 8 ayat (7)-(9) by default)."""

    jabatan: str = Field(min_length=1, max_length=200)
    nama: str | None = Field(default=None, max_length=200)
    nip: str | None = Field(default=None, pattern=r"^\d{18}$")
    dasar: str | None = Field(default=None, max_length=100)


class CampaignUnitInput(ClosedModel):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    jenis: str = Field(min_length=1, max_length=40)
    penanggung_jawab: PenanggungJawab | None = None
    """None: the default of Pasal 8 ayat (7)-(9) for the unit type."""


class CampaignInput(ClosedModel):
    """What the coordinator decides when starting a campaign (the workflow's start input)."""

    campaign_id: str = Field(min_length=1, max_length=64)
    nama: str = Field(min_length=3, max_length=300)
    units: list[CampaignUnitInput] = Field(min_length=1)
    deadline: date | None = None
    """None: the end of the current year in Asia/Makassar. Deliberately not bounded here: a start
    input the worker cannot decode fails every workflow task. The API bounds it (``api.masukan``)
    and the reminder clock computes nothing it cannot (``workflows.campaign_reminders``)."""
    koordinator: Aktor
    coordinator_unit: str = BAGIAN_ORGANISASI
    max_updates_per_run: int = Field(default=1000, ge=2, le=1500)
    """Continue as new after this many updates (Temporal refuses more than 2,000 per run)."""
    carried: "CampaignState | None" = None
    """Set by continue-as-new: the state the previous run ended with."""


class KebutuhanInput(ClosedModel):
    """One row of the Lampiran II.A form."""

    kegiatan: str = Field(min_length=3, max_length=1000, description="Kegiatan sesuai uraian tugas")
    judul: str = Field(min_length=3, max_length=300, description="Judul SOP yang diusulkan")
    perkiraan_output: str = Field(min_length=1, max_length=1000, description="Perkiraan output")


class SopReviuInput(ClosedModel):
    """An existing SOP the unit lists for review (Lampiran I 2.c)."""

    nama_sop: str = Field(min_length=3, max_length=300)
    nomor_sop: str | None = Field(default=None, max_length=100)
    sop_id: str | None = Field(default=None, max_length=64)
    catatan: str = Field(default="", max_length=1000)


class SubmitKebutuhanFields(ClosedModel):
    """Formulir identifikasi kebutuhan SOP (Lampiran II.A) dan daftar SOP untuk direviu."""

    rows: list[KebutuhanInput] = Field(default_factory=list, max_length=MAX_ROWS_PER_SUBMISSION)
    sop_reviu: list[SopReviuInput] = Field(default_factory=list, max_length=1000)

    @model_validator(mode="after")
    def _not_empty(self) -> "SubmitKebutuhanFields":
        if not self.rows and not self.sop_reviu:
            raise ValueError("isi paling sedikit satu baris kebutuhan atau satu SOP untuk direviu")
        return self


class SubmitKebutuhanInput(SubmitKebutuhanFields):
    """A unit's form as the campaign receives it: the API's body, the unit and the actor."""

    unit_code: str = Field(min_length=1, max_length=40)
    aktor: Aktor


class Decision(ClosedModel):
    row_id: str = Field(min_length=1, max_length=64)
    diterima: bool
    alasan: str = Field(default="", max_length=1000)

    @model_validator(mode="after")
    def _reason_when_returned(self) -> "Decision":
        if not self.diterima and len(self.alasan.strip()) < 3:
            raise ValueError(f"baris {self.row_id}: alasan pengembalian wajib diisi")
        return self


class DecideInput(ClosedModel):
    aktor: Aktor
    decisions: list[Decision] = Field(min_length=1, max_length=MAX_DECISIONS_PER_UPDATE)


class RegisterCampaignInput(ClosedModel):
    aktor: Aktor


class CloseCampaignInput(NoteFields):
    aktor: Aktor


class RowState(ClosedModel):
    """What the workflow keeps of a needs row: enough to decide and to start its SOP."""

    unit_code: str
    judul: str
    status: RowStatus = "diusulkan"
    started: bool = False


class PendingStart(ClosedModel):
    """Accepted rows whose SOP workflows are still to be started, with who accepted them."""

    aktor: Aktor
    row_ids: list[str]


class CampaignUnitState(ClosedModel):
    code: str
    name: str
    jenis: str
    penanggung_jawab: PenanggungJawab
    rows_submitted: int = 0


class SubmitResult(ClosedModel):
    unit_code: str
    row_ids: list[str]


class DecideResult(ClosedModel):
    accepted: list[str]
    returned: list[str]
    unchanged: list[str]


class CampaignState(ClosedModel):
    """Everything a run needs to resume the campaign; carried across continue-as-new."""

    campaign_id: str
    nama: str
    deadline: date
    koordinator: Aktor
    coordinator_unit: str
    started_at: datetime
    units: dict[str, CampaignUnitState]
    registered: bool = False
    seq: int = 0
    run: int = 1
    next_row: int = 0
    rows: dict[str, RowState] = Field(default_factory=dict)
    pending: list[PendingStart] = Field(default_factory=list)
    reminders_done: list[str] = Field(default_factory=list)
    close_requested: bool = False
    closed_by: Aktor | None = None
    closed_at: datetime | None = None
    recent_submissions: dict[str, SubmitResult] = Field(default_factory=dict)


class CampaignView(ClosedModel):
    """What the view query and the updates that change the campaign return."""

    campaign_id: str
    nama: str
    deadline: date
    status: Literal["berjalan", "ditutup"]
    run: int
    units: int
    rows: int
    rows_by_status: dict[str, int]
    sops_started: int
    sops_pending_start: int
    reminders_done: list[str]


CampaignInput.model_rebuild()
