"""/api/v1/users: accounts and Plt./Plh. appointments, for the admin only."""

from collections.abc import Callable
from datetime import date
from typing import Annotated, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query, status
from sqlmodel import Session, col, select

from api import user_service as service
from api.auth import today_wita
from api.deps import AdminUser, SessionDep
from api.user_schemas import (
    Pengguna,
    PenugasanAkhiri,
    PenugasanCreate,
    PenugasanOut,
    UserCreate,
    UserOut,
    UserUpdate,
)
from sop.peran import Peran
from store.user_queries import current_penugasan, penugasan_of
from store.user_tables import Penugasan, User

router = APIRouter(prefix="/api/v1/users", tags=["pengguna"])

T = TypeVar("T")


def _run(action: Callable[[], T]) -> T:
    try:
        return action()
    except service.UserRefused as refused:
        raise HTTPException(refused.status_code, refused.message) from refused


@router.post("", response_model=UserOut, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, session: SessionDep, _admin: AdminUser) -> User:
    return _run(lambda: service.create_user(session, body))


@router.get("", response_model=list[UserOut])
def list_users(
    session: SessionDep,
    _admin: AdminUser,
    unit: Annotated[str | None, Query(max_length=40, description="Kode unit kerja")] = None,
    role: Annotated[Peran | None, Query(description="Hanya pemegang peran ini")] = None,
    active: Annotated[bool | None, Query(description="Hanya akun aktif/nonaktif")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> list[User]:
    query = select(User)
    if unit:
        query = query.where(User.unit_code == unit)
    if active is not None:
        query = query.where(User.active == active)
    users = list(session.exec(query.order_by(col(User.username))).all())
    if role is not None:
        # Roles are a JSON list; filtered here so SQLite and PostgreSQL behave the same.
        users = [user for user in users if role.value in user.roles]
    return users[offset : offset + limit]


@router.get("/penugasan", response_model=list[PenugasanOut])
def list_current_penugasan(session: SessionDep, _admin: AdminUser) -> list[Penugasan]:
    """Every Plt./Plh. appointment in force today (WITA) or still to begin, earliest first."""
    return current_penugasan(session, today_wita())


@router.get("/{user_id}", response_model=UserOut)
def get_user(user_id: str, session: SessionDep, _admin: AdminUser) -> User:
    return _run(lambda: service.get_user(session, user_id))


@router.patch("/{user_id}", response_model=UserOut)
def update_user(user_id: str, body: UserUpdate, session: SessionDep, _admin: AdminUser) -> User:
    return _run(lambda: service.update_user(session, user_id, body))


@router.post(
    "/{user_id}/penugasan", response_model=PenugasanOut, status_code=status.HTTP_201_CREATED
)
def add_penugasan(
    user_id: str, body: PenugasanCreate, session: SessionDep, admin: AdminUser
) -> Penugasan:
    """Record a Plt./Plh. appointment: from ``mulai`` to ``sampai`` (inclusive, WITA dates)
    the user acts in the office's name."""
    return _run(lambda: service.add_penugasan(session, user_id, body, admin.username))


@router.get("/{user_id}/penugasan", response_model=list[PenugasanOut])
def list_penugasan(user_id: str, session: SessionDep, _admin: AdminUser) -> list[Penugasan]:
    def action() -> list[Penugasan]:
        service.get_user(session, user_id)
        return penugasan_of(session, user_id)

    return _run(action)


PenugasanId = Annotated[str, Path(min_length=1, max_length=32)]


@router.post("/{user_id}/penugasan/{penugasan_id}/akhiri", response_model=PenugasanOut)
def end_penugasan(
    user_id: str,
    penugasan_id: PenugasanId,
    body: PenugasanAkhiri,
    session: SessionDep,
    admin: AdminUser,
) -> Penugasan:
    """End an appointment in force before its ``sampai``: recorded with who, when and why;
    from now on the user acts in her own office only."""
    return _close(service.end_penugasan, user_id, penugasan_id, body, session, admin)


@router.post("/{user_id}/penugasan/{penugasan_id}/batalkan", response_model=PenugasanOut)
def cancel_penugasan(
    user_id: str,
    penugasan_id: PenugasanId,
    body: PenugasanAkhiri,
    session: SessionDep,
    admin: AdminUser,
) -> Penugasan:
    """Cancel an appointment whose period has not begun (recorded with who, when and why)."""
    return _close(service.cancel_penugasan, user_id, penugasan_id, body, session, admin)


def _close(
    close: Callable[[Session, str, str, str, str, date], Penugasan],
    user_id: str,
    penugasan_id: str,
    body: PenugasanAkhiri,
    session: Session,
    admin: Pengguna,
) -> Penugasan:
    """Ending and cancelling differ only in their rule (the service's); both are recorded."""
    return _run(
        lambda: close(session, user_id, penugasan_id, body.alasan, admin.username, today_wita())
    )
