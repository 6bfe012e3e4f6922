"""Inputs and outputs of the campaign activities. Pure pydantic, so workflows can import them."""

from datetime import date, datetime

from pydantic import Field

from sop.pemberitahuan import NotificationRecord
from sop.strict import ClosedModel
from wire.campaign import KebutuhanInput, PenanggungJawab, SopReviuInput
from wire.sop import Aktor

RECORD_CAMPAIGN = "record_campaign"
START_CAMPAIGN_SOPS = "start_campaign_sops"
SEND_CAMPAIGN_REMINDERS = "send_campaign_reminders"
CLOSE_CAMPAIGN_REPORT = "close_campaign_report"



class CampaignHeader(ClosedModel):
    nama: str
    deadline: date
    status: str
    koordinator: Aktor
    coordinator_unit: str
    started_at: datetime
    closed_at: datetime | None = None


class CampaignUnitRecord(ClosedModel):
    unit_code: str
    penanggung_jawab: PenanggungJawab


class NewRowRecord(ClosedModel):
    id: str
    unit_code: str
    no: int
    sop_id: str
    row: KebutuhanInput


class SubmissionRecord(ClosedModel):
    unit_code: str
    aktor: Aktor
    rows: list[NewRowRecord]
    sop_reviu: list[SopReviuInput]


class DecisionsRecord(ClosedModel):
    aktor: Aktor
    accepted: list[str] = Field(default_factory=list)
    returned: dict[str, str] = Field(default_factory=dict)
    """Row id -> reason."""


class CampaignRecord(ClosedModel):
    """One committed change of a campaign, written in one transaction.

    ``(campaign_id, seq)`` identifies it: the campaign row remembers the last seq written, so
    writing the same record twice is a no-op.
    """

    campaign_id: str
    workflow_id: str
    seq: int
    event: str
    occurred_at: datetime
    header: CampaignHeader
    units: list[CampaignUnitRecord] = Field(default_factory=list)
    submission: SubmissionRecord | None = None
    decisions: DecisionsRecord | None = None
    notifications: list[NotificationRecord] = Field(default_factory=list)


class SopToStart(ClosedModel):
    row_id: str
    sop_id: str
    unit_code: str
    judul: str
    unit_jenis: str | None = None


class StartSopsInput(ClosedModel):
    campaign_id: str
    aktor: Aktor
    sops: list[SopToStart]


class StartSopsResult(ClosedModel):
    registered: list[str]
    """Row ids whose SOP workflow runs and is registered."""


class ReminderInput(ClosedModel):
    campaign_id: str
    nama: str
    kind: str
    deadline: date
    coordinator_unit: str
    occurred_at: datetime


class LateUnit(ClosedModel):
    unit_code: str
    reasons: list[str]


class ReminderResult(ClosedModel):
    late: list[LateUnit]


class CloseReportInput(ClosedModel):
    campaign_id: str
    nama: str
    coordinator_unit: str
    occurred_at: datetime
