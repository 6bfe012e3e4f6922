"""Who is calling: the bearer token → the signed-in ``Pengguna`` → the ``Aktor`` of an action.

Routes declare ``CurrentUser`` (any signed-in user) or ``Depends(require_roles(...))``; both
are re-exported by ``api.deps``. A workflow action is then performed as
``aktor_for(user, sop_unit)``, never as an actor named in the request body.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, NoReturn

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.security import InvalidToken, decode_token
from api.user_schemas import Pengguna, PenugasanOut
from config import Settings, get_settings, signing_key
from sop.peran import Peran
from sop.waktu import WITA
from store.user_queries import active_penugasan_all
from store.user_tables import Penugasan, User
from wire.sop import Aktor, PenugasanAktor

TOKEN_URL = "/api/v1/auth/token"
INVALID_TOKEN_MESSAGE = (
    "Token tidak sah atau kedaluwarsa; masuk kembali melalui POST /api/v1/auth/token."
)
MISSING_TOKEN_MESSAGE = (
    "Belum masuk: kirim header 'Authorization: Bearer <token>' yang diperoleh dari "
    "POST /api/v1/auth/token."
)
BEARER = {"WWW-Authenticate": "Bearer"}
PREFIX_PENUGASAN = {"plt": "Plt.", "plh": "Plh."}

oauth2_scheme = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)


def unauthorized(message: str = INVALID_TOKEN_MESSAGE) -> NoReturn:
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, message, headers=BEARER)


def inactive(username: str) -> NoReturn:
    raise HTTPException(
        status.HTTP_403_FORBIDDEN,
        f"Akun '{username}' dinonaktifkan; hubungi admin Siklus SOP.",
    )


def today_wita() -> date:
    """Today in Kabupaten Balangan, the day an appointment is in force or not."""
    return datetime.now(WITA).date()


def pengguna_of(
    user: User, penugasan: Penugasan | None, aktif: list[Penugasan] | None = None
) -> Pengguna:
    """The API's view of a user row and the appointments in force (``penugasan``: the latest
    started)."""
    aktif = aktif if aktif is not None else ([penugasan] if penugasan else [])
    return Pengguna(
        id=user.id,
        username=user.username,
        nama=user.nama,
        nip=user.nip,
        jabatan=user.jabatan,
        kode_jabatan=user.kode_jabatan,
        unit_code=user.unit_code,
        roles=user.roles,
        penugasan=PenugasanOut.model_validate(penugasan, from_attributes=True)
        if penugasan
        else None,
        penugasan_aktif=[PenugasanOut.model_validate(p, from_attributes=True) for p in aktif],
    )


def load_pengguna(engine: Engine, user_id: str) -> Pengguna | None:
    """The user with today's (WITA) appointment; None if there is no such user."""
    with Session(engine) as session:
        user = session.get(User, user_id)
        if user is None:
            return None
        if not user.active:
            inactive(user.username)
        aktif = active_penugasan_all(session, user.id, today_wita())
        return pengguna_of(user, aktif[0] if aktif else None, aktif)


def get_current_user(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Pengguna:
    """The signed-in user: a valid access token of an existing, active user (else 401/403).

    A sync dependency, so FastAPI runs its short database read in a worker thread.
    """
    if not token:
        unauthorized(MISSING_TOKEN_MESSAGE)
    try:
        claims = decode_token(token, signing_key(settings), "access")
    except InvalidToken:
        unauthorized()
    # The access log names who was refused (see api.access_log).
    request.state.username = claims.username
    pengguna = load_pengguna(request.app.state.engine, claims.sub)
    if pengguna is None:
        unauthorized()
    return pengguna


CurrentUser = Annotated[Pengguna, Depends(get_current_user)]


def require_roles(*roles: Peran) -> Callable[[Pengguna], Pengguna]:
    """A dependency that lets through users holding at least one of ``roles`` (else 403).

    Use as ``Annotated[Pengguna, Depends(require_roles(Peran.admin))]``.
    """
    allowed = frozenset(Peran(role) for role in roles)
    needed = ", ".join(Peran(role).value for role in roles)

    def check(user: CurrentUser) -> Pengguna:
        if allowed.isdisjoint(user.roles):
            held = ", ".join(role.value for role in user.roles) or "tanpa peran"
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"Peran Anda ({held}) tidak berwenang untuk tindakan ini; "
                f"diperlukan peran: {needed}.",
            )
        return user

    return check


def aktor_for(pengguna: Pengguna, sop_unit: str | None) -> Aktor:
    """The ``Aktor`` of an action on an SOP of ``sop_unit`` (``None``: not on an SOP).

    An appointment adds an office, it does not take the person's own: on an SOP of the unit of
    an appointment in force the person acts as "Plt./Plh. <office>" (the latest started, if
    several); everywhere else in her own office.
    """
    chosen = (
        None
        if sop_unit is None
        else next((p for p in pengguna.penugasan_aktif if p.unit_code == sop_unit), None)
    )
    return aktor_of(pengguna.model_copy(update={"penugasan": chosen}))


def aktor_of(pengguna: Pengguna) -> Aktor:
    """The ``Aktor`` an action is recorded under, signed for the workflow's validators."""
    from api.actor_claim import signed_aktor

    return signed_aktor(_unsigned_aktor_of(pengguna))


def _unsigned_aktor_of(pengguna: Pengguna) -> Aktor:
    """The ``Aktor`` an action is recorded under, before ``api.actor_claim`` signs it.

    With a Plt./Plh. appointment in force, the person acts in the office's name: the office's
    unit and ``kode_jabatan``, the title "Plt. <office>", and the appointment itself. Otherwise
    the person's own office. The roles are the person's own in both cases.
    """
    base = {
        "nama": pengguna.nama,
        "nip": pengguna.nip,
        "username": pengguna.username,
        "peran": list(pengguna.roles),
    }
    penugasan = pengguna.penugasan
    if penugasan is None:
        return Aktor(
            **base,
            jabatan=pengguna.jabatan,
            unit=pengguna.unit_code,
            kode_jabatan=pengguna.kode_jabatan,
        )
    return Aktor(
        **base,
        jabatan=f"{PREFIX_PENUGASAN[penugasan.jenis]} {penugasan.jabatan}",
        unit=penugasan.unit_code,
        kode_jabatan=penugasan.kode_jabatan,
        penugasan=PenugasanAktor(
            jenis=penugasan.jenis,
            nomor_keputusan=penugasan.nomor_keputusan,
            sampai=penugasan.sampai,
        ),
    )
