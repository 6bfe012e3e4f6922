"""Inputs of the projection activities. Pure pydantic, so workflows can import them freely."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

RECORD_TRANSITION = "record_transition"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentVersionRecord(_Model):
    version: int
    revision: int
    content: dict
    content_hash: str
    saved_by: str


class NotificationRecord(_Model):
    recipient_unit: str
    recipient_jabatan: str | None = None
    kind: str
    subject: str
    body: str = ""


class SopSnapshot(_Model):
    """The SOP projection row as it stands after the transition."""

    unit_code: str
    nama_sop: str
    stage: str
    step: str
    allowed_events: list[str]
    revision: int
    cycle: int
    current_version: int | None
    effective_version: int | None
    tanggal_berlaku: date | None
    last_evaluation: date | None
    evaluation_due: date | None
    campaign_id: str | None = None
    kebutuhan_id: str | None = None


class TransitionRecord(_Model):
    """One committed action, written in one database transaction.

    ``(sop_id, seq)`` identifies it: writing the same record twice is a no-op, which makes the
    activity safe to retry after a crash between the commit and the activity's completion.
    """

    sop_id: str
    workflow_id: str
    seq: int
    cycle: int
    run_id: str
    event: str
    from_step: str | None
    to_step: str
    from_stage: str | None
    to_stage: str
    actor_nama: str
    actor_nip: str | None
    actor_jabatan: str | None
    actor_unit: str | None
    note: str
    document_version: int | None
    document_hash: str | None
    idempotency_key: str | None
    occurred_at: datetime
    snapshot: SopSnapshot
    document: DocumentVersionRecord | None = None
    notifications: list[NotificationRecord] = []
