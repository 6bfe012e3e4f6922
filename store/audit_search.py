"""Questions auditors ask of the audit log, one SOP or across all of them.

Dates are calendar days in Balangan (WITA): "2026" means 1 January 2026 00:00 WITA up to
1 January 2027 00:00 WITA, whatever the server's zone.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from sop.lifecycle import FINAL_STATES
from sop.strict import ClosedModel
from sop.waktu import WITA
from store.tables import Sop, SopEvent

MAX_EXPORT_ROWS = 100_000
"""An export larger than this is refused: narrow the filter instead."""


class EventFilter(ClosedModel):
    """Filters of the audit log; every field is optional and they combine with AND."""

    sop_id: str | None = None
    events: list[str] = Field(default_factory=list, description="Jenis peristiwa (salah satu)")
    actor: str | None = Field(default=None, description="Nama (sebagian) atau NIP pelaku")
    jabatan: str | None = Field(default=None, description="Jabatan pelaku (sebagian)")
    actor_unit: str | None = Field(default=None, description="Unit kerja pelaku")
    unit: str | None = Field(default=None, description="Unit kerja pemilik SOP")
    date_from: date | None = Field(default=None, description="Sejak tanggal ini (WITA)")
    date_to: date | None = Field(default=None, description="Sampai tanggal ini (WITA), inklusif")


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=WITA)


def _contains(column: Any, text: str) -> ColumnElement[bool]:
    return func.lower(column).contains(text.lower(), autoescape=True)


def filtered(f: EventFilter) -> SelectOfScalar[SopEvent]:
    """SELECT of the events matching ``f`` (unordered)."""
    query = select(SopEvent)
    if f.sop_id:
        query = query.where(SopEvent.sop_id == f.sop_id)
    if f.events:
        query = query.where(col(SopEvent.event).in_(f.events))
    if f.actor:
        query = query.where(
            (col(SopEvent.actor_nip) == f.actor) | _contains(SopEvent.actor_nama, f.actor)
        )
    if f.jabatan:
        query = query.where(_contains(SopEvent.actor_jabatan, f.jabatan))
    if f.actor_unit:
        query = query.where(SopEvent.actor_unit == f.actor_unit)
    if f.unit:
        query = query.join(Sop, col(Sop.id) == col(SopEvent.sop_id)).where(Sop.unit_code == f.unit)
    if f.date_from:
        query = query.where(col(SopEvent.occurred_at) >= _start_of(f.date_from))
    if f.date_to:
        query = query.where(col(SopEvent.occurred_at) < _start_of(f.date_to + timedelta(days=1)))
    return query


def count_events(session: Session, f: EventFilter) -> int:
    return session.exec(select(func.count()).select_from(filtered(f).subquery())).one()


def find_events(
    session: Session, f: EventFilter, limit: int = MAX_EXPORT_ROWS, offset: int = 0
) -> list[SopEvent]:
    """Matching events: one SOP in seq order, or across SOPs in time order."""
    order = (
        (col(SopEvent.seq),)
        if f.sop_id
        else (col(SopEvent.occurred_at), col(SopEvent.sop_id), col(SopEvent.seq))
    )
    query = filtered(f).order_by(*order).offset(offset).limit(limit)
    return list(session.exec(query).all())


class OverdueEvaluation(BaseModel):
    sop_id: str
    unit_code: str
    nama_sop: str
    stage: str
    step: str
    evaluation_due: date
    days_overdue: int


def overdue_evaluations(session: Session, min_days: int, as_of: date) -> list[OverdueEvaluation]:
    """SOPs still in force whose evaluation (Pasal 13) is more than ``min_days`` late."""
    cutoff = as_of - timedelta(days=min_days)
    query = (
        select(Sop)
        .where(col(Sop.evaluation_due).is_not(None), col(Sop.evaluation_due) < cutoff)
        .where(col(Sop.step).not_in(FINAL_STATES))
        .order_by(col(Sop.evaluation_due), col(Sop.id))
    )
    # Every field but the two computed here is the SOP row's column of the same name.
    copied = set(OverdueEvaluation.model_fields) - {"sop_id", "days_overdue"}
    return [
        OverdueEvaluation(
            sop_id=row.id,
            days_overdue=(as_of - row.evaluation_due).days,
            **row.model_dump(include=copied),
        )
        for row in session.exec(query).all()
        if row.evaluation_due is not None
    ]
