"""Inputs of the projection activities. Pure pydantic, so workflows can import them freely."""

from datetime import date, datetime

from sop.pemberitahuan import NotificationRecord
from sop.strict import ClosedModel

RECORD_TRANSITION = "record_transition"
RECORD_TRANSITIONS = "record_transitions"
RECORD_SNAPSHOT = "record_snapshot"
DELIVER_NOTIFICATIONS = "deliver_notifications"
NOTIFY_RELATED = "notify_related_sops"
SEND_DIGEST = "send_overdue_digest"


class DocumentVersionRecord(ClosedModel):
    version: int
    revision: int
    content: dict
    content_hash: str
    saved_by: str


class SopSnapshot(ClosedModel):
    """The SOP's fields, declared once: the projection row as it stands after a transition.

    The workflow sends it with every record; the read-model table ``store.tables.Sop`` inherits
    these fields (adding its identity, bookkeeping and how each column is stored) and so does the
    API's ``api.schemas.SopOut``. It stays plain pydantic because workflows import it and must not
    import SQLModel.
    """

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
    lingkup: str = "unit"
    nomor_sop: str | None = None
    tanggal_pengesahan: date | None = None
    tanggal_revisi: date | None = None
    nomor_keputusan: str | None = None


class TransitionRecord(ClosedModel):
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
    payload: dict | None = None
    document: DocumentVersionRecord | None = None
    notifications: list[NotificationRecord] = []


class SnapshotRecord(ClosedModel):
    """The SOP row as a new run begins it (a new evaluation cycle), with no event of its own.

    ``seq`` is the last record the run carries: the row is refreshed only if nothing newer
    (a later seq, or the same seq in a later cycle) has been written, so it never moves back.
    """

    sop_id: str
    workflow_id: str
    seq: int
    occurred_at: datetime
    snapshot: SopSnapshot


class TransitionBatch(ClosedModel):
    """Consecutive records of one SOP, written in one transaction."""

    records: list[TransitionRecord]


class DeliveryRequest(ClosedModel):
    """Email the notifications written with the event ``(sop_id, seq)`` (any not sent yet)."""

    sop_id: str
    seq: int


class RelatedChange(ClosedModel):
    """An SOP was revised or retired: tell the owners of SOPs that list it under keterkaitan."""

    sop_id: str
    seq: int
    nama_sop: str
    event: str


class DigestRequest(ClosedModel):
    """The digest of one day (WITA); ``on`` is filled in by the workflow when omitted."""

    on: date | None = None
