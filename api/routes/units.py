"""/api/v1/units and /api/v1/inbox: the organisation and its notifications."""

from typing import Annotated

from fastapi import Query
from sqlmodel import col, select

from api.auth import aktor_for
from api.deps import CurrentUser, SessionDep, forbid, signed_in_router
from api.schemas import NotificationOut, UnitOut
from sop.peran import Peran, spans_units
from store.tables import Notification, Unit

router = signed_in_router("/api/v1", "organisasi")


@router.get("/units", response_model=list[UnitOut])
def list_units(session: SessionDep) -> list[Unit]:
    return list(session.exec(select(Unit).order_by(Unit.jenis, Unit.code)).all())


@router.get("/inbox", response_model=list[NotificationOut])
def inbox(
    session: SessionDep,
    user: CurrentUser,
    unit: Annotated[
        str | None,
        Query(min_length=1, max_length=40, description="Kode unit kerja; bawaan: unit Anda"),
    ] = None,
    sop_id: Annotated[str | None, Query(max_length=64, description="Hanya untuk SOP ini")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[Notification]:
    """Notifications for a unit (your own unless your role spans units), newest first."""
    # Reading the inbox of an appointment's unit, the person reads it in that office.
    aktor = aktor_for(user, unit)
    unit = unit or aktor.unit or user.unit_code
    reads_all = spans_units(aktor.peran, aktor.unit) or Peran.auditor in aktor.peran
    if unit not in (aktor.unit, user.unit_code) and not reads_all:
        forbid(f"Anda hanya dapat membaca kotak masuk unit Anda ({aktor.unit}).")
    query = select(Notification).where(Notification.recipient_unit == unit)
    if sop_id:
        query = query.where(Notification.sop_id == sop_id)
    query = (
        query
        .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
        .limit(limit)
    )
    return list(session.exec(query).all())
