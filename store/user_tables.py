"""Tables of sign-in: users, their Plt./Plh. appointments, refresh tokens, refused
sign-ins (rate limiting) and the access log.

Everything lives in the database, so several API replicas share the rate limit, the rotation
of refresh tokens and the log.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from store.columns import timestamp, utcnow


class User(SQLModel, table=True):
    """A person who signs in: their own office, unit and roles (``sop.peran.Peran`` values)."""

    __tablename__ = "users"

    id: str = Field(primary_key=True, max_length=32)
    username: str = Field(max_length=80, unique=True)
    nama: str = Field(max_length=200)
    nip: str | None = Field(default=None, max_length=18)
    jabatan: str = Field(max_length=200)
    """Display title of the person's own office, e.g. "Kepala Seksi Pelayanan"."""
    kode_jabatan: str | None = Field(default=None, max_length=40)
    """``sop.organisasi.Jabatan`` value when the office has a role in the regulation."""
    unit_code: str = Field(foreign_key="units.code", index=True, max_length=40)
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = True
    password_hash: str = Field(max_length=200)
    created_at: datetime = timestamp(nullable=False, default=utcnow)
    updated_at: datetime = timestamp(nullable=False, default=utcnow)


class Penugasan(SQLModel, table=True):
    """A Plt./Plh. appointment: the user acts in an office's name from ``mulai`` to ``sampai``."""

    __tablename__ = "penugasan"

    id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32)
    jenis: str = Field(max_length=3)
    """``plt`` (Pelaksana Tugas) or ``plh`` (Pelaksana Harian)."""
    unit_code: str = Field(foreign_key="units.code", max_length=40)
    kode_jabatan: str | None = Field(default=None, max_length=40)
    jabatan: str = Field(max_length=200)
    """Display title of the office, e.g. "Kepala Dinas Kesehatan"."""
    mulai: date
    sampai: date
    nomor_keputusan: str = Field(max_length=200)
    created_by: str = Field(max_length=80)
    created_at: datetime = timestamp(nullable=False, default=utcnow)
    ended_at: datetime | None = timestamp(nullable=True)
    """When the admin ended it early (or cancelled it); from then on it is not in force."""
    ended_by: str | None = Field(default=None, max_length=80)
    end_reason: str | None = Field(default=None, max_length=500)
    cancelled: bool = False
    """Cancelled before its period began (rather than ended while in force)."""


class RefreshToken(SQLModel, table=True):
    """An issued refresh token; used once, then replaced by the next one (rotation)."""

    __tablename__ = "refresh_tokens"

    jti: str = Field(primary_key=True, max_length=64)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32)
    issued_at: datetime = timestamp(nullable=False, default=utcnow)
    expires_at: datetime = timestamp(nullable=False)
    revoked_at: datetime | None = timestamp(nullable=True)
    replaced_by: str | None = Field(default=None, max_length=64)


class SigninFailure(SQLModel, table=True):
    """One refused sign-in, counted per account and per client address for rate limiting."""

    __tablename__ = "signin_failures"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, index=True)
    address: str = Field(max_length=64, index=True)
    at: datetime = timestamp(nullable=False, index=True)


class AccessLog(SQLModel, table=True):
    """A refused request: failed sign-in or refresh, or an action the user may not take."""

    __tablename__ = "access_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = timestamp(nullable=False, index=True)
    username: str | None = Field(default=None, max_length=80, index=True)
    address: str = Field(max_length=64)
    method: str = Field(max_length=10)
    path: str = Field(max_length=500)
    status: int = Field(index=True)
    reason: str = Field(max_length=500)
