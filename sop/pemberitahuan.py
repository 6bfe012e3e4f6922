"""Who is told what after a transition (the in-app inbox). Pure and deterministic."""

from sop.strict import ClosedModel


class NotificationRecord(ClosedModel):
    recipient_unit: str
    recipient_jabatan: str | None = None
    kind: str
    subject: str
    body: str = ""


BAGIAN_ORGANISASI = "ORG"
"""Unit code of Bagian Organisasi Sekretariat Daerah (Pasal 13 (2), Pasal 14)."""


def notifications_for(
    event: str, to_step: str, sop_id: str, nama_sop: str, unit_code: str
) -> list[NotificationRecord]:
    subject = _SUBJECTS.get(event)
    if subject is None:
        return []
    text = subject.format(nama=nama_sop)
    recipients = [unit_code]
    if event in _ALSO_BAGIAN_ORGANISASI and unit_code != BAGIAN_ORGANISASI:
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


_SUBJECTS: dict[str, str] = {
    "ajukan_reviu": "Draf SOP \"{nama}\" diajukan untuk reviu",
    "ajukan_pengesahan": "SOP \"{nama}\" menunggu pengesahan",
    "kembalikan_ke_penulisan": "SOP \"{nama}\" dikembalikan untuk diperbaiki",
    "sahkan": "SOP \"{nama}\" telah disahkan",
    "berlakukan": "SOP \"{nama}\" mulai berlaku",
    "evaluasi_jatuh_tempo": "Evaluasi SOP \"{nama}\" telah jatuh tempo (Pasal 13)",
    "revisi": "SOP \"{nama}\" masuk revisi",
    "cabut": "SOP \"{nama}\" dicabut",
}

_ALSO_BAGIAN_ORGANISASI = {"sahkan", "evaluasi_jatuh_tempo", "cabut"}
