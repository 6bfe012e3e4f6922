"""Who is told what after a transition (the in-app inbox). Pure and deterministic."""

from sop.organisasi import BAGIAN_ORGANISASI
from sop.peristiwa import sifat
from sop.strict import ClosedModel


class NotificationRecord(ClosedModel):
    recipient_unit: str
    recipient_jabatan: str | None = None
    kind: str
    subject: str
    body: str = ""


def notifications_for(
    event: str, to_step: str, sop_id: str, nama_sop: str, unit_code: str
) -> list[NotificationRecord]:
    """The notifications of an event, by its subject in the table of events (``sop.peristiwa``):
    the owning unit, and the Bagian Organisasi for the events it follows."""
    row = sifat(event)
    if row is None or row.subjek is None:
        return []
    text = row.subjek.format(nama=nama_sop)
    recipients = [unit_code]
    if row.juga_bagian_organisasi and unit_code != BAGIAN_ORGANISASI:
        recipients.append(BAGIAN_ORGANISASI)
    return [
        NotificationRecord(
            recipient_unit=unit,
            kind=event,
            subject=text,
            body=f"SOP {sop_id} kini pada tahap {to_step.replace('_', ' ')}.",
        )
        for unit in recipients
    ]


def to_units(units: list[str], kind: str, subject: str, body: str) -> list[NotificationRecord]:
    """One notification per unit, all with the same text (review parties, the drafter)."""
    return [
        NotificationRecord(recipient_unit=unit, kind=kind, subject=subject, body=body)
        for unit in units
    ]


def sosialisasi(
    nama_sop: str, unit_sasaran: list[str], pelaksana: list[str]
) -> list[NotificationRecord]:
    """Lampiran I 4.b: every target unit, addressed to each jabatan named as pelaksana."""
    return [
        NotificationRecord(
            recipient_unit=unit,
            recipient_jabatan=jabatan,
            kind="sosialisasi",
            subject=f'Sosialisasi SOP "{nama_sop}"',
            body="SOP ini akan diterapkan di unit Anda; pelajari dan nyatakan paham "
            "melalui Siklus SOP.",
        )
        for unit in unit_sasaran
        for jabatan in pelaksana
    ]
