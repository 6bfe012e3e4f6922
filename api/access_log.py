"""The access log: every refused sign-in or refresh (401/429) and every 403, anywhere.

A pure ASGI middleware watches the status of each response, so a refusal is recorded however
it was produced. Each is written to the ``access_log`` table (shared by every replica, read at
GET /api/v1/access-log) and to the ``siklus.access`` logger. The user is the one the token or
the sign-in form named (``request.state.username``), when known.
"""

import json
import logging
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.types import Message, Receive, Scope, Send

from api.client_ip import client_address
from api.middleware import HttpMiddleware
from config import get_settings
from store.user_tables import AccessLog

logger = logging.getLogger("siklus.access")

SIGN_IN_PATHS = frozenset({"/api/v1/auth/token", "/api/v1/auth/refresh"})
SIGN_IN_REFUSALS = frozenset({401, 429})
_MAX_BODY = 4096
_MAX_REASON = 500


def is_logged(status: int, path: str) -> bool:
    """Refused sign-ins and refreshes, and every 403."""
    return status == 403 or (status in SIGN_IN_REFUSALS and path in SIGN_IN_PATHS)


def reason_of(body: bytes, status: int) -> str:
    """The ``detail`` message of an error body, or the bare status."""
    try:
        detail: Any = json.loads(body)["detail"]
    except (ValueError, KeyError, TypeError):
        return f"HTTP {status}"
    if isinstance(detail, dict):
        detail = detail.get("message", detail)
    return str(detail)[:_MAX_REASON]


def record(engine: Engine, entry: AccessLog) -> None:
    logger.warning(
        "ditolak %s %s -> %d (pengguna: %s, alamat: %s): %s",
        entry.method,
        entry.path,
        entry.status,
        entry.username or "-",
        entry.address,
        entry.reason,
    )
    try:
        with Session(engine) as session:
            session.add(entry)
            session.commit()
    except Exception:
        # The refusal itself stands; a database hiccup must not turn it into a 500.
        logger.exception("catatan akses tidak tersimpan")


def scope_address(scope: Scope) -> str:
    """The client address of a request (``api.client_ip``), with the app's settings."""
    app = scope["app"]
    settings = app.dependency_overrides.get(get_settings, get_settings)()
    client = scope.get("client")
    headers = scope.get("headers", [])
    forwarded = [v.decode("latin-1") for k, v in headers if k == b"x-forwarded-for"]
    return client_address(client[0] if client else None, forwarded, settings.trusted_proxies)


class AccessLogMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: dict[str, Any] = scope.setdefault("state", {})
        status = 0
        body = bytearray()

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body" and is_logged(status, scope["path"]):
                if len(body) < _MAX_BODY:
                    body.extend(message.get("body", b"")[: _MAX_BODY - len(body)])
            await send(message)

        await self.app(scope, receive, watch)
        if not is_logged(status, scope["path"]):
            return
        entry = AccessLog(
            at=datetime.now(UTC),
            username=(state.get("username") or None),
            address=scope_address(scope),
            method=scope["method"],
            path=scope["path"][:500],
            status=status,
            reason=reason_of(bytes(body), status),
        )
        await run_in_threadpool(record, scope["app"].state.engine, entry)


def install_access_log(app: FastAPI) -> None:
    app.add_middleware(AccessLogMiddleware)
