"""Reminders for a due evaluation (Pasal 13 ayat (1), Pasal 12 ayat (1)), and who gets them.

Schedule: 30 days before the due date, on the due date, then every 14 days while the
evaluation is overdue. Escalation is cumulative, so nobody lower stops being told:
the head of the unit always (Pasal 12 (1): Kepala SKPD/Unit Kerja must monitor and evaluate);
Bagian Organisasi too once more than 30 days overdue (Pasal 13 (2): the unit that evaluates);
the Sekretaris Daerah too once more than 90 days overdue.
"""

from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from sop.organisasi import BAGIAN_ORGANISASI

FIRST_REMINDER_DAYS_BEFORE = 30
OVERDUE_REMINDER_EVERY_DAYS = 14
ESCALATE_TO_BAGIAN_ORGANISASI_AFTER_DAYS = 30
ESCALATE_TO_SEKRETARIS_DAERAH_AFTER_DAYS = 90

BAGIAN_ORGANISASI_UNIT = BAGIAN_ORGANISASI
SEKRETARIAT_DAERAH_UNIT = "SETDA"


class Tingkat(StrEnum):
    kepala_unit = "kepala_unit"
    bagian_organisasi = "bagian_organisasi"
    sekretaris_daerah = "sekretaris_daerah"


class Penerima(BaseModel):
    model_config = ConfigDict(frozen=True)

    unit: str
    jabatan: str
    tingkat: Tingkat


class Pengingat(BaseModel):
    """One reminder: when, how late, and to whom."""

    model_config = ConfigDict(frozen=True)

    tanggal: date
    hari_terlambat: int
    """Negative before the due date."""
    penerima: list[Penerima]


def reminder_dates(due: date):  # type: ignore[no-untyped-def]
    """The endless schedule: due-30, due, due+14, due+28, ..."""
    yield due - timedelta(days=FIRST_REMINDER_DAYS_BEFORE)
    day = due
    while True:
        yield day
        day += timedelta(days=OVERDUE_REMINDER_EVERY_DAYS)


def next_reminder_date(due: date, after: date | None) -> date:
    """The first reminder date strictly after ``after`` (the last one sent, or the cycle start)."""
    for day in reminder_dates(due):
        if after is None or day > after:
            return day
    raise AssertionError("unreachable: the schedule is endless")


# Who is told besides the head of the unit, once the evaluation is more than so many days late.
_ESKALASI: tuple[tuple[int, str, str, Tingkat], ...] = (
    (
        ESCALATE_TO_BAGIAN_ORGANISASI_AFTER_DAYS,
        BAGIAN_ORGANISASI_UNIT,
        "Kepala Bagian Organisasi",
        Tingkat.bagian_organisasi,
    ),
    (
        ESCALATE_TO_SEKRETARIS_DAERAH_AFTER_DAYS,
        SEKRETARIAT_DAERAH_UNIT,
        "Sekretaris Daerah",
        Tingkat.sekretaris_daerah,
    ),
)


def recipients(
    days_overdue: int, unit_code: str, kepala_unit: str = "Kepala Unit Kerja"
) -> list[Penerima]:
    people = [Penerima(unit=unit_code, jabatan=kepala_unit, tingkat=Tingkat.kepala_unit)]
    people += [
        Penerima(unit=unit, jabatan=jabatan, tingkat=tingkat)
        for after_days, unit, jabatan, tingkat in _ESKALASI
        if days_overdue > after_days
    ]
    return people


def reminder_on(day: date, due: date, unit_code: str, kepala_unit: str) -> Pengingat:
    overdue = (day - due).days
    return Pengingat(
        tanggal=day, hari_terlambat=overdue, penerima=recipients(overdue, unit_code, kepala_unit)
    )


def reminder_text(nama_sop: str, reminder: Pengingat, due: date) -> tuple[str, str]:
    """Subject and body of a reminder, in Bahasa Indonesia."""
    if reminder.hari_terlambat < 0:
        subject = f'Evaluasi SOP "{nama_sop}" jatuh tempo {due:%d-%m-%Y}'
        lead = f"Evaluasi berkala jatuh tempo dalam {-reminder.hari_terlambat} hari."
    elif reminder.hari_terlambat == 0:
        subject = f'Evaluasi SOP "{nama_sop}" jatuh tempo hari ini'
        lead = "Evaluasi berkala jatuh tempo hari ini."
    else:
        subject = f'Evaluasi SOP "{nama_sop}" terlambat {reminder.hari_terlambat} hari'
        lead = f"Evaluasi berkala telah terlambat {reminder.hari_terlambat} hari."
    body = (
        f"{lead} Pasal 13 ayat (1) Perbup Balangan 6/2013 mewajibkan evaluasi SOP paling "
        "sedikit satu kali dalam dua tahun. Lengkapi formulir evaluasi di Siklus SOP."
    )
    return subject, body
