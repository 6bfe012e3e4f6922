"""The read model and document store (SQLModel tables).

Temporal is the source of truth for process state; these tables are projections written only by
activities (``activities/projections.py``) and read by the API. Every projection write is keyed so
that running it twice writes nothing twice: events by ``(sop_id, seq)``, document versions by
``(sop_id, version)``, notifications by ``dedupe_key``.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.columns import timestamp, utcnow
from wire.projection import SopSnapshot


class Unit(SQLModel, table=True):
    """An SKPD or unit kerja of the Pemerintah Kabupaten (dinas, badan, kecamatan, UPT, ...)."""

    __tablename__ = "units"

    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200)
    jenis: str = Field(max_length=40, index=True)
    parent_code: str | None = Field(default=None, foreign_key="units.code", max_length=40)
    email: str | None = Field(default=None, max_length=200)


class Sop(SopSnapshot, SQLModel, table=True):  # type: ignore[misc]  # both bases set model_config
    """Projection of one SOP's process state, refreshed on every committed transition.

    The fields are those of ``wire.projection.SopSnapshot`` (the snapshot the workflow sends),
    inherited rather than copied: SQLModel 0.0.50 builds a column from every inherited pydantic
    field. What is declared here is only what the table adds (its key, workflow id, bookkeeping)
    and, for the inherited fields the database stores in a particular way, that way: length,
    index, foreign key, JSON. ``tests/test_api_shapes.py`` checks that these restatements keep
    the snapshot's types and that the columns match the Alembic migrations.
    """

    __tablename__ = "sops"

    id: str = Field(primary_key=True, max_length=64)
    workflow_id: str = Field(max_length=100, unique=True)
    last_seq: int = 0
    created_at: datetime = timestamp(nullable=False, default=utcnow)
    updated_at: datetime = timestamp(nullable=False, default=utcnow)
    # How the snapshot's fields are stored (names, types and defaults: SopSnapshot).
    unit_code: str = Field(foreign_key="units.code", index=True, max_length=40)
    nama_sop: str = Field(max_length=300)
    stage: str = Field(index=True, max_length=40)
    step: str = Field(max_length=60)
    allowed_events: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    revision: int = 0
    cycle: int = 1
    evaluation_due: date | None = Field(default=None, index=True)
    campaign_id: str | None = Field(default=None, index=True, max_length=64)
    kebutuhan_id: str | None = Field(default=None, max_length=64)
    lingkup: str = Field(default="unit", max_length=20)
    nomor_sop: str | None = Field(default=None, max_length=120)
    nomor_keputusan: str | None = Field(default=None, max_length=200)


class DocumentVersion(SQLModel, table=True):
    """An immutable saved draft of an SOP document, identified by its content hash."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("sop_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    sop_id: str = Field(foreign_key="sops.id", index=True, max_length=64)
    version: int
    revision: int = 0
    content: dict = Field(sa_column=Column(JSON, nullable=False))
    content_hash: str = Field(max_length=64, index=True)
    saved_by: str = Field(max_length=200)
    saved_at: datetime = timestamp(nullable=False)


class SopEvent(SQLModel, table=True):
    """One committed action on an SOP: who, when, from where to where, on which version."""

    __tablename__ = "sop_events"
    __table_args__ = (UniqueConstraint("sop_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    sop_id: str = Field(foreign_key="sops.id", index=True, max_length=64)
    seq: int
    cycle: int
    run_id: str = Field(max_length=64)
    event: str = Field(max_length=60, index=True)
    from_step: str | None = Field(default=None, max_length=60)
    to_step: str = Field(max_length=60)
    from_stage: str | None = Field(default=None, max_length=40)
    to_stage: str = Field(max_length=40)
    actor_nama: str = Field(max_length=200)
    actor_nip: str | None = Field(default=None, max_length=30)
    actor_jabatan: str | None = Field(default=None, max_length=200)
    actor_unit: str | None = Field(default=None, max_length=40)
    note: str = Field(default="", max_length=4000)
    document_version: int | None = None
    document_hash: str | None = Field(default=None, max_length=64)
    idempotency_key: str | None = Field(default=None, max_length=200)
    # Structured record of the action (plan, training, monitoring, evaluation form ...).
    payload: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    occurred_at: datetime = timestamp(nullable=False, index=True)
    # Hash chain per SOP (store.chain): the previous row's hash and this row's own.
    prev_hash: str | None = Field(default=None, max_length=64)
    row_hash: str | None = Field(default=None, max_length=64)


class Notification(SQLModel, table=True):
    """The in-app inbox: a message for a unit (and optionally one jabatan in it)."""

    __tablename__ = "notifications"

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(max_length=200, unique=True)
    recipient_unit: str = Field(index=True, max_length=40)
    recipient_jabatan: str | None = Field(default=None, max_length=200)
    sop_id: str | None = Field(default=None, foreign_key="sops.id", index=True, max_length=64)
    kind: str = Field(max_length=60)
    subject: str = Field(max_length=300)
    body: str = Field(default="", max_length=4000)
    created_at: datetime = timestamp(nullable=False)
    read_at: datetime | None = timestamp(nullable=True)
    emailed_at: datetime | None = timestamp(nullable=True)


class RunHistory(SQLModel, table=True):
    """The full Temporal history of one closed run of an SOP's workflow, kept after retention.

    Written once per run by ``activities.history_export``; ``run_id`` makes the export idempotent.
    """

    __tablename__ = "run_histories"

    id: int | None = Field(default=None, primary_key=True)
    # No foreign key: a history is evidence and must be storable even if the SOP row is not.
    sop_id: str = Field(index=True, max_length=64)
    workflow_id: str = Field(max_length=100)
    run_id: str = Field(max_length=64, unique=True)
    cycle: int
    status: str = Field(max_length=40)
    event_count: int
    sha256: str = Field(max_length=64)
    history_json: str = Field(sa_column=Column(Text, nullable=False))
    started_at: datetime | None = timestamp(nullable=True)
    closed_at: datetime | None = timestamp(nullable=True)
    exported_at: datetime = timestamp(nullable=False, default=utcnow)


# Campaign tables and the sign-in tables (users, appointments, tokens, access log) live in
# their own modules; importing them registers them on the metadata.
from store import campaign_tables, user_tables  # noqa: E402,F401
