"""Request and response bodies of sign-in, users, Plt./Plh. appointments and the access log.

Requests refuse unknown fields and strip whitespace (``StrictModel``); no response ever
carries a password hash.
"""

from datetime import date, datetime, timedelta
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from api.schemas import UtcDatetime
from sop.organisasi import Jabatan
from sop.peran import Peran
from sop.strict import StrictModel
from sop.waktu import WITA

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,79}$"
NIP_PATTERN = r"^\d{18}$"
PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 200
# Leaves room for the "Plt. "/"Plh. " prefix within Aktor.jabatan's 200 characters.
OFFICE_TITLE_MAX_LENGTH = 190


def _unique_roles(roles: list[Peran]) -> list[Peran]:
    return list(dict.fromkeys(roles))


class UserCreate(StrictModel):
    username: str = Field(
        pattern=USERNAME_PATTERN,
        description="3-80 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.",
        examples=["siti.rahmah"],
    )
    password: str = Field(min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH)
    nama: str = Field(min_length=1, max_length=200, examples=["Siti Rahmah, S.KM"])
    nip: str | None = Field(default=None, pattern=NIP_PATTERN, description="NIP, 18 angka")
    jabatan: str = Field(
        min_length=1, max_length=200, examples=["Kepala Seksi Pelayanan Kesehatan"]
    )
    kode_jabatan: Jabatan | None = None
    unit_code: str = Field(min_length=1, max_length=40, examples=["DINKES"])
    roles: list[Peran] = Field(min_length=1, max_length=len(Peran))
    active: bool = True

    @field_validator("roles")
    @classmethod
    def _roles(cls, roles: list[Peran]) -> list[Peran]:
        return _unique_roles(roles)


class UserUpdate(StrictModel):
    """Only the fields sent are changed; ``kode_jabatan`` and ``nip`` may be set to null."""

    nama: str | None = Field(default=None, min_length=1, max_length=200)
    nip: str | None = Field(default=None, pattern=NIP_PATTERN)
    jabatan: str | None = Field(default=None, min_length=1, max_length=200)
    kode_jabatan: Jabatan | None = None
    unit_code: str | None = Field(default=None, min_length=1, max_length=40)
    roles: list[Peran] | None = Field(default=None, min_length=1, max_length=len(Peran))
    active: bool | None = None
    password: str | None = Field(
        default=None, min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH
    )

    @field_validator("roles")
    @classmethod
    def _roles(cls, roles: list[Peran] | None) -> list[Peran] | None:
        return None if roles is None else _unique_roles(roles)

    @model_validator(mode="after")
    def _required_not_null(self) -> Self:
        for name in ("nama", "jabatan", "unit_code", "roles", "active", "password"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} tidak boleh kosong (null)")
        return self


class _UserFields(BaseModel):
    """Who a user is: the person, their own office and unit, their roles."""

    id: str
    username: str
    nama: str
    nip: str | None
    jabatan: str
    kode_jabatan: Jabatan | None
    unit_code: str
    roles: list[Peran]


class UserOut(_UserFields):
    active: bool
    created_at: UtcDatetime
    updated_at: UtcDatetime


PENUGASAN_PAST_DAYS = 366
PENUGASAN_FUTURE_DAYS = 2 * 366
"""The period of a Plt./Plh. appointment lies within a year back and two years ahead."""


class PenugasanCreate(StrictModel):
    jenis: Literal["plt", "plh"] = Field(description="plt: Pelaksana Tugas; plh: Pelaksana Harian")
    unit_code: str = Field(min_length=1, max_length=40, examples=["DINKES"])
    kode_jabatan: Jabatan | None = Field(default=None, examples=["kepala_skpd"])
    jabatan: str = Field(
        min_length=1,
        max_length=OFFICE_TITLE_MAX_LENGTH,
        description='Sebutan jabatan yang dijalankan, tanpa "Plt."/"Plh.".',
        examples=["Kepala Dinas Kesehatan"],
    )
    mulai: date
    sampai: date
    nomor_keputusan: str = Field(min_length=1, max_length=200, examples=["800/123/BKPSDM/2026"])

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.sampai < self.mulai:
            raise ValueError("tanggal sampai tidak boleh sebelum tanggal mulai")
        today = datetime.now(WITA).date()
        earliest = today - timedelta(days=PENUGASAN_PAST_DAYS)
        latest = today + timedelta(days=PENUGASAN_FUTURE_DAYS)
        if self.mulai < earliest or self.sampai > latest:
            raise ValueError(
                f"masa penugasan harus di antara {earliest:%d-%m-%Y} (satu tahun lalu) dan "
                f"{latest:%d-%m-%Y} (dua tahun ke depan); penugasan yang lebih lama dicatat "
                "ulang dengan keputusan baru"
            )
        return self


class PenugasanAkhiri(StrictModel):
    """Why an appointment ends early or is cancelled (recorded with who and when)."""

    alasan: str = Field(
        min_length=1, max_length=500, examples=["Pejabat definitif telah dilantik."]
    )


class PenugasanOut(BaseModel):
    id: str
    user_id: str
    jenis: Literal["plt", "plh"]
    unit_code: str
    kode_jabatan: Jabatan | None
    jabatan: str
    mulai: date
    sampai: date
    nomor_keputusan: str
    created_by: str
    created_at: UtcDatetime
    ended_at: UtcDatetime | None = Field(
        default=None, description="Kapan diakhiri lebih awal atau dibatalkan."
    )
    ended_by: str | None = None
    end_reason: str | None = None
    cancelled: bool = Field(default=False, description="Dibatalkan sebelum masanya mulai.")


class Pengguna(_UserFields):
    """The signed-in user as routes see it: own office and roles, and today's appointment."""

    model_config = ConfigDict(frozen=True)

    penugasan: PenugasanOut | None = Field(
        default=None, description="Penugasan Plt./Plh. yang berlaku hari ini (WITA), bila ada."
    )
    penugasan_aktif: list[PenugasanOut] = Field(
        default_factory=list,
        description="Semua penugasan Plt./Plh. yang berlaku hari ini (WITA). Jabatan sendiri "
        "tetap dipegang; pada SOP unit penugasan, tindakan dilakukan atas nama jabatan itu.",
    )


class TokenOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Umur access token, dalam detik.")


class RefreshRequest(StrictModel):
    refresh_token: str = Field(min_length=1, max_length=2000)


class AccessLogOut(BaseModel):
    id: int
    at: UtcDatetime
    username: str | None
    address: str
    method: str
    path: str
    status: int
    reason: str
