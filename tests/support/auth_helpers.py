"""Signing in over HTTP in tests, and forging tokens to prove the API refuses them."""

import base64
import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx

from api.security import TokenType, create_token
from config import get_settings, signing_key
from store.seed_users import DEMO_PASSWORD, demo_user

TOKEN_URL = "/api/v1/auth/token"


async def token_pair(
    api: httpx.AsyncClient, username: str, password: str = DEMO_PASSWORD
) -> dict[str, Any]:
    """POST /auth/token as a form (the OAuth2 password flow); asserts it succeeded."""
    response = await api.post(TOKEN_URL, data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


async def sign_in(
    api: httpx.AsyncClient, username: str, password: str = DEMO_PASSWORD
) -> dict[str, str]:
    """Headers of a signed-in request as ``username`` (a demo user unless a password is given).

    Needs the ``demo_users`` fixture for demo users.
    """
    return bearer((await token_pair(api, username, password))["access_token"])


def forge(
    username: str,
    *,
    user_id: str | None = None,
    typ: TokenType = "access",
    now: datetime | None = None,
    lifetime: timedelta = timedelta(minutes=15),
    key: str | None = None,
) -> str:
    """A token made outside the API: with the test key by default, any time, any lifetime."""
    return create_token(
        user_id=user_id or demo_user(username).id,
        username=username,
        typ=typ,
        lifetime=lifetime,
        key=key or signing_key(get_settings()),
        now=now,
    )[0]


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(part: str) -> dict[str, Any]:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def unsigned(token: str) -> str:
    """The same claims under ``alg: none`` and no signature."""
    _, payload, _ = token.split(".")
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{payload}."


def with_claims(token: str, **claims: Any) -> str:
    """The token's header and signature around changed claims (a tampered token)."""
    header, payload, signature = token.split(".")
    return f"{header}.{_b64({**_unb64(payload), **claims})}.{signature}"


def with_other_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    flipped = "A" if signature[0] != "A" else "B"
    return f"{header}.{payload}.{flipped}{signature[1:]}"


def unique(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}"
