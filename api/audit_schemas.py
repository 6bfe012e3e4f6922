"""Response bodies of the audit endpoints (timeline, search, histories)."""

from pydantic import BaseModel

from api.schemas import EventOut, UtcDatetime


class AuditEventOut(EventOut):
    """One row of the audit log, with what links it to its run and its hash chain."""

    sop_id: str
    run_id: str
    idempotency_key: str | None
    prev_hash: str | None
    row_hash: str | None


class AuditEventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[AuditEventOut]


class RunHistoryOut(BaseModel):
    """A retained Temporal history of one closed run (download it by ``run_id``)."""

    run_id: str
    workflow_id: str
    cycle: int
    status: str
    event_count: int
    sha256: str
    started_at: UtcDatetime | None
    closed_at: UtcDatetime | None
    exported_at: UtcDatetime
