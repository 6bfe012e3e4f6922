"""Creating and changing users and their Plt./Plh. appointments (API and CLI share this).

Refusals are ``UserRefused`` with an Indonesian message and the HTTP status that fits; the
routes turn them into HTTP errors, the CLI prints them.
"""

import uuid
from datetime import UTC, datetime

from fastapi import status
from sqlmodel import Session

from api.user_schemas import PenugasanCreate, UserCreate, UserUpdate
from sop.wewenang import jabatan_refusal
from store.passwords import hash_password
from store.tables import Unit
from store.user_queries import unit_exists, user_by_username
from store.user_tables import Penugasan, User


class UserRefused(Exception):
    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


def _check_unit(session: Session, code: str) -> None:
    if not unit_exists(session, code):
        raise UserRefused(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Unit kerja '{code}' tidak dikenal; lihat daftar unit di GET /api/v1/units.",
        )


def _check_office(session: Session, kode_jabatan: str | None, unit_code: str) -> None:
    unit = session.get(Unit, unit_code)
    refusal = jabatan_refusal(kode_jabatan, unit.jenis) if unit else None
    if refusal:
        raise UserRefused(status.HTTP_422_UNPROCESSABLE_CONTENT, refusal)


def create_user(session: Session, data: UserCreate) -> User:
    _check_unit(session, data.unit_code)
    _check_office(session, data.kode_jabatan, data.unit_code)
    if user_by_username(session, data.username) is not None:
        raise UserRefused(
            status.HTTP_409_CONFLICT, f"Nama pengguna '{data.username}' sudah dipakai."
        )
    user = User(
        id=uuid.uuid4().hex,
        **data.model_dump(exclude={"password"}, mode="json"),
        password_hash=hash_password(data.password),
    )
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


def get_user(session: Session, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UserRefused(status.HTTP_404_NOT_FOUND, f"Pengguna '{user_id}' tidak ditemukan.")
    return user


def update_user(session: Session, user_id: str, data: UserUpdate) -> User:
    """Apply the fields sent; deactivating a user also ends their refresh tokens' use
    (every request checks ``active``)."""
    user = get_user(session, user_id)
    changes = data.model_dump(exclude_unset=True, exclude={"password"}, mode="json")
    if "unit_code" in changes:
        _check_unit(session, changes["unit_code"])
    if "unit_code" in changes or "kode_jabatan" in changes:
        _check_office(
            session,
            changes.get("kode_jabatan", user.kode_jabatan),
            changes.get("unit_code", user.unit_code),
        )
    for name, value in changes.items():
        setattr(user, name, value)
    if data.password is not None:
        user.password_hash = hash_password(data.password)
    user.updated_at = datetime.now(UTC)
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


def add_penugasan(
    session: Session, user_id: str, data: PenugasanCreate, created_by: str
) -> Penugasan:
    get_user(session, user_id)
    _check_unit(session, data.unit_code)
    _check_office(session, data.kode_jabatan, data.unit_code)
    penugasan = Penugasan(
        id=uuid.uuid4().hex,
        user_id=user_id,
        **data.model_dump(),
        created_by=created_by,
    )
    session.add(penugasan)
    session.commit()
    session.refresh(penugasan)
    return penugasan
