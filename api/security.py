"""Signed tokens (JWT, HS256): pure functions, no database (password hashes: ``store.passwords``).

Access tokens are short-lived and checked on every request; refresh tokens live longer, are
recorded in ``refresh_tokens`` and may be used once (``api.auth_service`` rotates them).
"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Literal

import jwt
from pydantic import BaseModel, ConfigDict

ALGORITHM = "HS256"
TokenType = Literal["access", "refresh"]
_REQUIRED_CLAIMS = ["sub", "username", "typ", "exp", "iat", "jti"]


class TokenClaims(BaseModel):
    """The claims Siklus SOP puts in every token."""

    model_config = ConfigDict(frozen=True)

    sub: str
    """The user's id."""
    username: str
    typ: TokenType
    exp: datetime
    iat: datetime
    jti: str


class InvalidToken(Exception):
    """The token is malformed, tampered with, expired, or of the wrong type."""


def create_token(
    *,
    user_id: str,
    username: str,
    typ: TokenType,
    lifetime: timedelta,
    key: str,
    now: datetime | None = None,
) -> tuple[str, TokenClaims]:
    """A signed token and its claims; ``now`` lets tests make tokens that are already expired."""
    issued = (now or datetime.now(UTC)).replace(microsecond=0)
    claims = TokenClaims(
        sub=user_id,
        username=username,
        typ=typ,
        iat=issued,
        exp=issued + lifetime,
        jti=uuid.uuid4().hex,
    )
    payload = {
        **claims.model_dump(exclude={"iat", "exp"}),
        "iat": int(claims.iat.timestamp()),
        "exp": int(claims.exp.timestamp()),
    }
    return jwt.encode(payload, key, algorithm=ALGORITHM), claims


def decode_token(token: str, key: str, typ: TokenType) -> TokenClaims:
    """Verify signature, expiry and type; raise ``InvalidToken`` otherwise.

    Only HS256 is accepted, so a token with ``alg: none`` or another algorithm is refused.
    """
    try:
        payload = jwt.decode(
            token, key, algorithms=[ALGORITHM], options={"require": _REQUIRED_CLAIMS}
        )
        claims = TokenClaims(
            **{
                **payload,
                "iat": datetime.fromtimestamp(payload["iat"], UTC),
                "exp": datetime.fromtimestamp(payload["exp"], UTC),
            }
        )
    except (jwt.PyJWTError, ValueError, TypeError) as err:
        raise InvalidToken(str(err)) from err
    if claims.typ != typ:
        raise InvalidToken(f"token {claims.typ}, bukan {typ}")
    return claims
