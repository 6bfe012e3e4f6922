"""/api/v1/units and /api/v1/inbox: the organisation and its notifications."""

from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel import select

from api.deps import SessionDep
from api.schemas import NotificationOut, UnitOut
from store.tables import Notification, Unit

router = APIRouter(prefix="/api/v1", tags=["organisasi"])


@router.get("/units", response_model=list[UnitOut])
def list_units(session: SessionDep) -> list[Unit]:
    return list(session.exec(select(Unit).order_by(Unit.jenis, Unit.code)).all())


@router.get("/inbox", response_model=list[NotificationOut])
def inbox(
    session: SessionDep,
    unit: Annotated[str, Query(min_length=1, max_length=40, description="Kode unit kerja")],
    sop_id: Annotated[str | None, Query(max_length=64, description="Hanya untuk SOP ini")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[Notification]:
    """Notifications for a unit, newest first."""
    query = select(Notification).where(Notification.recipient_unit == unit)
    if sop_id:
        query = query.where(Notification.sop_id == sop_id)
    query = (
        query
        .order_by(Notification.created_at.desc(), Notification.id.desc())  # type: ignore[union-attr]
        .limit(limit)
    )
    return list(session.exec(query).all())
