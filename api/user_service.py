"""Creating and changing users and their Plt./Plh. appointments (API and CLI share this).

Refusals are ``UserRefused`` with an Indonesian message and the HTTP status that fits; the
routes turn them into HTTP errors, the CLI prints them.
"""

import uuid
from datetime import UTC, date, datetime

from fastapi import status
from sqlmodel import Session

from api.user_schemas import PenugasanCreate, UserCreate, UserUpdate
from sop.organisasi import Jabatan, JenisUnit, sebutan_jabatan
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


def _check_title(session: Session, data: PenugasanCreate) -> None:
    """The title of an appointment names its office: it contains the office's title for the
    unit's type (``sop.organisasi.sebutan_jabatan``, e.g. "Kepala Dinas" for ``kepala_skpd``
    of a Dinas) and does not carry the "Plt."/"Plh." the record adds itself."""
    title = " ".join(data.jabatan.split())
    if title.lower().startswith(("plt", "plh", "pj.", "pj ")):
        raise UserRefused(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Sebutan jabatan '{title}' ditulis tanpa \"Plt.\"/\"Plh.\"; awalan itu "
            "ditambahkan sendiri menurut jenis penugasan.",
        )
    unit = session.get(Unit, data.unit_code)
    if data.kode_jabatan is None or unit is None:
        return
    expected = sebutan_jabatan(Jabatan(data.kode_jabatan), JenisUnit(unit.jenis))
    if expected.lower() not in title.lower():
        raise UserRefused(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Sebutan jabatan '{title}' tidak sesuai dengan jabatan '{data.kode_jabatan}' pada "
            f"unit {unit.code}: sebutannya harus memuat \"{expected}\" (misalnya "
            f"\"{expected} ...\" diikuti nama unitnya, {unit.name}).",
        )


def add_penugasan(
    session: Session, user_id: str, data: PenugasanCreate, created_by: str
) -> Penugasan:
    get_user(session, user_id)
    _check_unit(session, data.unit_code)
    _check_office(session, data.kode_jabatan, data.unit_code)
    _check_title(session, data)
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


def _penugasan(session: Session, user_id: str, penugasan_id: str) -> Penugasan:
    get_user(session, user_id)
    penugasan = session.get(Penugasan, penugasan_id)
    if penugasan is None or penugasan.user_id != user_id:
        raise UserRefused(
            status.HTTP_404_NOT_FOUND,
            f"Penugasan '{penugasan_id}' tidak ditemukan pada pengguna ini.",
        )
    if penugasan.ended_at is not None:
        done = "dibatalkan" if penugasan.cancelled else "diakhiri"
        raise UserRefused(
            status.HTTP_409_CONFLICT,
            f"Penugasan ini sudah {done} oleh {penugasan.ended_by}.",
        )
    return penugasan


def _close(
    session: Session, penugasan: Penugasan, by: str, alasan: str, cancelled: bool
) -> Penugasan:
    penugasan.ended_at = datetime.now(UTC)
    penugasan.ended_by = by
    penugasan.end_reason = alasan
    penugasan.cancelled = cancelled
    session.add(penugasan)
    session.commit()
    session.refresh(penugasan)
    return penugasan


def end_penugasan(
    session: Session, user_id: str, penugasan_id: str, alasan: str, by: str, today: date
) -> Penugasan:
    """End an appointment in force now: from this moment the user acts in her own office."""
    penugasan = _penugasan(session, user_id, penugasan_id)
    if penugasan.mulai > today:
        raise UserRefused(
            status.HTTP_409_CONFLICT,
            f"Penugasan ini baru mulai {penugasan.mulai:%d-%m-%Y}; batalkan saja melalui "
            ".../batalkan.",
        )
    if penugasan.sampai < today:
        raise UserRefused(
            status.HTTP_409_CONFLICT,
            f"Masa penugasan ini sudah berakhir {penugasan.sampai:%d-%m-%Y}.",
        )
    return _close(session, penugasan, by, alasan, cancelled=False)


def cancel_penugasan(
    session: Session, user_id: str, penugasan_id: str, alasan: str, by: str, today: date
) -> Penugasan:
    """Cancel an appointment whose period has not begun."""
    penugasan = _penugasan(session, user_id, penugasan_id)
    if penugasan.mulai <= today:
        raise UserRefused(
            status.HTTP_409_CONFLICT,
            f"Penugasan ini sudah mulai {penugasan.mulai:%d-%m-%Y}; akhiri melalui .../akhiri.",
        )
    return _close(session, penugasan, by, alasan, cancelled=True)
