"""An aiosmtpd handler that keeps the messages it receives, for assertions."""

from email import message_from_bytes, policy
from email.message import EmailMessage

from config import Settings


class MailSink:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.settings = Settings()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd API)
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def for_sop(self, sop_id: str, kind: str | None = None) -> list[EmailMessage]:
        return [
            m
            for m in self.messages
            if m["X-Siklus-SOP"] == sop_id and (kind is None or m["X-Siklus-Kind"] == kind)
        ]
