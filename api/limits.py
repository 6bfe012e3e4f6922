"""Request body size limits: a civil servant's mistake (or anyone's flood) cannot exhaust the
API's memory. A pure ASGI middleware, so streamed bodies without Content-Length are counted too.

JSON bodies are limited to ``MAX_JSON_BYTES`` (an SOP of 500 steps is about 300 KB); uploads to
``MAX_UPLOAD_BYTES`` (the import endpoint checks its own 2 MB file limit as well).
"""

import json

from starlette.types import Message, Receive, Scope, Send

from api.middleware import HttpMiddleware

MAX_JSON_BYTES = 1_000_000
MAX_UPLOAD_BYTES = 3_000_000


class BodyTooLarge(Exception):
    pass


def _limit(scope: Scope) -> int:
    for name, value in scope.get("headers", []):
        if name == b"content-type" and value.startswith(b"multipart/"):
            return MAX_UPLOAD_BYTES
    return MAX_JSON_BYTES


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "detail": f"Isi permintaan lebih dari {limit // 1000} KB; perkecil isinya "
            "(misalnya pecah dokumen atau berkas menjadi beberapa bagian)."
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = _limit(scope)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, limit)
