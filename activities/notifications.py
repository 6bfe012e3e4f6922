"""Notification activities: email delivery of inbox rows and the keterkaitan ripple.

Email is the one side effect that cannot be undone, so delivery is an outbox: the projection
commits the inbox rows first, then this activity claims each row not yet marked
``emailed_at`` (an atomic UPDATE) and sends it; a failed send releases the claim for the
retry. Two attempts of the activity can therefore never mail the same row twice. The price: a
worker killed between claim and send loses that one email (the inbox row stays, and the next
reminder follows). Each message carries a stable Message-ID, so resends are recognisable.
"""

import logging
import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from temporalio import activity

from config import Settings
from sop.pengingat import BAGIAN_ORGANISASI_UNIT
from store.engine import EngineBound
from store.queries import effective_documents
from store.tables import Notification, Sop, Unit
from wire.projection import (
    DELIVER_NOTIFICATIONS,
    NOTIFY_RELATED,
    SEND_DIGEST,
    DeliveryRequest,
    DigestRequest,
    RelatedChange,
)

log = logging.getLogger(__name__)

_RIPPLE_TEXT = {
    "revisi": "sedang direvisi",
    "cabut": "telah dicabut",
}


class NotificationActivities(EngineBound):
    """Activities bound to one database engine and SMTP settings (tests bring their own)."""

    @activity.defn(name=DELIVER_NOTIFICATIONS)
    def deliver_notifications(self, request: DeliveryRequest) -> int:
        """Email the inbox rows of event ``(sop_id, seq)`` not sent yet; returns how many."""
        return self._email_pending(f"{request.sop_id}:{request.seq}:")

    def _email_pending(self, key_prefix: str) -> int:
        return email_pending(self.engine, self.settings, key_prefix)

    @activity.defn(name=NOTIFY_RELATED)
    def notify_related_sops(self, change: RelatedChange) -> int:
        """Tell the owners of effective SOPs whose keterkaitan names this SOP (Pasal 9 d)."""
        needle = change.nama_sop.casefold()
        written = 0
        with Session(self.engine) as session:
            candidates = session.exec(
                effective_documents().where(Sop.id != change.sop_id)
            ).all()
            for sop, version in candidates:
                related = version.content.get("identitas", {}).get("keterkaitan", [])
                if not any(needle in str(item).casefold() for item in related):
                    continue
                key = f"{change.sop_id}:{change.seq}:terkait:{sop.id}"
                exists = session.exec(
                    select(func.count()).where(Notification.dedupe_key == key)
                ).one()
                if exists:
                    continue
                session.add(
                    Notification(
                        dedupe_key=key,
                        recipient_unit=sop.unit_code,
                        sop_id=sop.id,
                        kind="sop_terkait_berubah",
                        subject=f"SOP terkait \"{change.nama_sop}\" "
                        f"{_RIPPLE_TEXT.get(change.event, 'berubah')}",
                        body=f"SOP \"{sop.nama_sop}\" mencantumkan SOP tersebut pada "
                        "keterkaitan; tinjau apakah SOP Anda perlu disesuaikan.",
                        created_at=datetime.now(UTC),
                    )
                )
                written += 1
            session.commit()
        return written


    @activity.defn(name=SEND_DIGEST)
    def send_overdue_digest(self, request: DigestRequest) -> int:
        """Write (once per day) and email the list of overdue evaluations to Bagian Organisasi.

        Returns how many SOPs the digest lists.
        """
        assert request.on is not None
        key = f"ringkasan:{request.on.isoformat()}"
        with Session(self.engine) as session:
            overdue = session.exec(
                select(Sop)
                .where(Sop.stage == "monev", col(Sop.evaluation_due) < request.on)
                .order_by(col(Sop.evaluation_due))
            ).all()
            lines = [
                f"- {s.nama_sop} ({s.unit_code}): jatuh tempo {s.evaluation_due:%d-%m-%Y}, "
                f"terlambat {(request.on - s.evaluation_due).days} hari"
                for s in overdue
                if s.evaluation_due is not None
            ]
            exists = session.exec(
                select(func.count()).where(Notification.dedupe_key == key)
            ).one()
            if not exists:
                session.add(
                    Notification(
                        dedupe_key=key,
                        recipient_unit=BAGIAN_ORGANISASI_UNIT,
                        recipient_jabatan="Kepala Bagian Organisasi",
                        kind="ringkasan_evaluasi",
                        subject=f"Ringkasan evaluasi SOP terlambat {request.on:%d-%m-%Y}: "
                        f"{len(lines)} SOP",
                        body="\n".join(lines) or "Tidak ada evaluasi SOP yang terlambat.",
                        created_at=datetime.now(UTC),
                    )
                )
                session.commit()
        self._email_pending(key)
        return len(lines)


def email_pending(engine: Engine, settings: Settings, key_prefix: str) -> int:
    """Email every inbox row whose dedupe key starts with ``key_prefix`` and is not sent yet."""
    if not settings.smtp_host:
        return 0
    sent = 0
    with Session(engine) as session:
        rows = session.exec(
            select(Notification.id, Unit.email)
            .join(Unit, col(Unit.code) == Notification.recipient_unit)
            .where(
                col(Notification.dedupe_key).startswith(key_prefix),
                col(Notification.emailed_at).is_(None),
                col(Unit.email).is_not(None),
            )
            .order_by(col(Notification.id))
        ).all()
        if not rows:
            return 0
        with _smtp(settings) as smtp:
            for note_id, address in rows:
                assert note_id is not None and address is not None  # the query selects them
                if not _claim(session, note_id):
                    continue  # another attempt of this activity is sending it
                note = session.get(Notification, note_id)
                assert note is not None
                try:
                    smtp.send_message(_message(settings, note, address))
                except Exception:
                    _release(session, note_id)
                    raise
                sent += 1
    return sent


def _claim(session: Session, note_id: int) -> bool:
    """Mark a row as emailed before sending it, atomically, so that two attempts of the
    activity (a timed-out one still running and its retry) never both send it."""
    result = session.execute(
        update(Notification)
        .where(col(Notification.id) == note_id, col(Notification.emailed_at).is_(None))
        .values(emailed_at=datetime.now(UTC))
    )
    session.commit()
    return result.rowcount == 1  # type: ignore[attr-defined]


def _release(session: Session, note_id: int) -> None:
    """Sending failed: let the retry send it."""
    session.execute(
        update(Notification).where(col(Notification.id) == note_id).values(emailed_at=None)
    )
    session.commit()


def _smtp(settings: Settings) -> smtplib.SMTP:
    assert settings.smtp_host is not None
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20)
    if settings.smtp_starttls:
        smtp.starttls()
    if settings.smtp_username and settings.smtp_password:
        smtp.login(settings.smtp_username, settings.smtp_password)
    return smtp


def _message(settings: Settings, note: Notification, address: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = address
    message["Subject"] = note.subject
    # Stable per inbox row: a resend after a crash is recognisably the same message.
    message["Message-ID"] = make_msgid(idstring=note.dedupe_key.replace(":", "."),
                                       domain="siklus-sop")
    message["X-Siklus-Kind"] = note.kind
    if note.sop_id:
        message["X-Siklus-SOP"] = note.sop_id
    greeting = f"Yth. {note.recipient_jabatan}," if note.recipient_jabatan else "Yth. Bapak/Ibu,"
    message.set_content(f"{greeting}\n\n{note.body}\n\n-- Siklus SOP Kabupaten Balangan\n")
    return message

