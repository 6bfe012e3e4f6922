"""Sign-in and token rotation, shared by every API replica through the database.

- Refused sign-ins are recorded in ``signin_failures`` and counted inside
  ``signin_window_minutes`` three ways: the account from this address
  (``signin_max_failures``), the account from every address
  (``signin_max_failures_per_account``) and this address across every account
  (``signin_max_failures_per_address``). When a count is at its limit the next attempt it
  covers gets 429, even with the right password, until its oldest counted failure leaves the
  window. So one mistyping user behind a kantor's NAT locks only her own account at that
  address; guessing one account from many addresses, or many accounts from one, is stopped.
- Each sign-in issues an access token and a refresh token; the refresh token is recorded and
  may be used once. Using it again (a copy in other hands) ends every session of the account.
"""

import math
from datetime import UTC, datetime, timedelta
from typing import NoReturn

from fastapi import HTTPException, status
from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from api.auth import BEARER, inactive
from api.security import InvalidToken, TokenClaims, TokenType, create_token, decode_token
from api.user_schemas import TokenOut
from config import Settings, signing_key
from store.passwords import burn_verification, hash_password, needs_rehash, verify_password
from store.user_queries import user_by_username
from store.user_tables import RefreshToken, SigninFailure, User

WRONG_CREDENTIALS = "Nama pengguna atau kata sandi salah."
INVALID_REFRESH = (
    "Token penyegar (refresh token) tidak sah, kedaluwarsa atau sudah dipakai; masuk kembali "
    "melalui POST /api/v1/auth/token."
)
REUSED_REFRESH = (
    "Token penyegar ini sudah pernah dipakai; demi keamanan semua sesi akun ini diakhiri. "
    "Masuk kembali melalui POST /api/v1/auth/token."
)


def as_utc(moment: datetime) -> datetime:
    # SQLite returns naive timestamps; every timestamp we store is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def normalize_username(username: str) -> str:
    return username.strip().lower()[:80]


def _refuse(message: str) -> NoReturn:
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, message, headers=BEARER)


def retry_after(
    session: Session, settings: Settings, username: str, address: str, now: datetime
) -> int | None:
    """Seconds until a sign-in for ``username`` from ``address`` is allowed again, or None."""
    window = timedelta(minutes=settings.signin_window_minutes)
    cutoff = now - window
    by_user = col(SigninFailure.username) == username
    by_address = col(SigninFailure.address) == address
    checks = (
        ((by_user, by_address), settings.signin_max_failures),
        ((by_user,), settings.signin_max_failures_per_account),
        ((by_address,), settings.signin_max_failures_per_address),
    )
    waits: list[int] = []
    for where, limit in checks:
        recent = (*where, col(SigninFailure.at) > cutoff)
        count = session.exec(select(func.count()).select_from(SigninFailure).where(*recent)).one()
        if count < limit:
            continue
        # Allowed again once the count drops below the limit.
        blocking = session.exec(
            select(SigninFailure.at)
            .where(*recent)
            .order_by(col(SigninFailure.at))
            .offset(count - limit)
            .limit(1)
        ).one()
        waits.append(max(1, math.ceil((as_utc(blocking) + window - now).total_seconds())))
    return max(waits) if waits else None


def _too_many(seconds: int) -> NoReturn:
    minutes = max(1, math.ceil(seconds / 60))
    raise HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        f"Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {minutes} menit.",
        headers={"Retry-After": str(seconds)},
    )


def issue_tokens(
    session: Session, settings: Settings, user: User, now: datetime
) -> tuple[TokenOut, str]:
    """A fresh access and refresh token, and the refresh token's id (recorded; caller commits)."""
    key = signing_key(settings)

    def token(typ: TokenType, lifetime: timedelta) -> tuple[str, TokenClaims]:
        return create_token(
            user_id=user.id, username=user.username, typ=typ, lifetime=lifetime, key=key, now=now
        )

    access, _ = token("access", timedelta(minutes=settings.access_token_minutes))
    refresh, claims = token("refresh", timedelta(days=settings.refresh_token_days))
    session.add(
        RefreshToken(jti=claims.jti, user_id=user.id, issued_at=claims.iat, expires_at=claims.exp)
    )
    tokens = TokenOut(
        access_token=access,
        refresh_token=refresh,
        expires_in=settings.access_token_minutes * 60,
    )
    return tokens, claims.jti


def sign_in(
    session: Session, settings: Settings, username: str, password: str, address: str
) -> TokenOut:
    """Check the password (within the rate limit) and issue tokens; 401/403/429 otherwise."""
    now = datetime.now(UTC)
    username = normalize_username(username)
    wait = retry_after(session, settings, username, address, now)
    if wait is not None:
        _too_many(wait)
    user = user_by_username(session, username)
    if user is None:
        burn_verification(password)
    if user is None or not verify_password(user.password_hash, password):
        session.add(SigninFailure(username=username, address=address, at=now))
        session.commit()
        _refuse(WRONG_CREDENTIALS)
    if not user.active:
        inactive(user.username)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
    # A successful sign-in forgives the account's earlier failures (not the address's).
    session.exec(delete(SigninFailure).where(col(SigninFailure.username) == username))
    tokens, _ = issue_tokens(session, settings, user, now)
    session.commit()
    return tokens


def refresh_claims(settings: Settings, token: str) -> TokenClaims:
    """The verified claims of a refresh token (signature, expiry, type), else 401."""
    try:
        return decode_token(token, signing_key(settings), "refresh")
    except InvalidToken:
        _refuse(INVALID_REFRESH)


def revoke_all(session: Session, user_id: str, now: datetime) -> None:
    session.exec(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=now)
    )


def rotate(session: Session, settings: Settings, claims: TokenClaims) -> TokenOut:
    """Trade a recorded, unused refresh token for a new pair; the old one is spent."""
    now = datetime.now(UTC)
    row = session.get(RefreshToken, claims.jti)
    if row is None or row.user_id != claims.sub:
        _refuse(INVALID_REFRESH)
    if row.revoked_at is not None:
        if row.replaced_by is not None:
            revoke_all(session, row.user_id, now)
            session.commit()
            _refuse(REUSED_REFRESH)
        _refuse(INVALID_REFRESH)
    if as_utc(row.expires_at) <= now:
        _refuse(INVALID_REFRESH)
    user = session.get(User, row.user_id)
    if user is None:
        _refuse(INVALID_REFRESH)
    if not user.active:
        inactive(user.username)
    tokens, new_jti = issue_tokens(session, settings, user, now)
    # Conditional, so two replicas racing on the same token cannot both rotate it.
    spent = session.exec(
        update(RefreshToken)
        .where(col(RefreshToken.jti) == row.jti, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=now, replaced_by=new_jti)
    )
    if spent.rowcount != 1:
        session.rollback()
        _refuse(INVALID_REFRESH)
    session.commit()
    return tokens
