"""Rules of an SOP drafting campaign (kampanye penyusunan SOP). Pure: no I/O, no clock.

- Pasal 8 ayat (2): drafting has a deadline; the campaign's default is the end of the year in
  which it starts (as ayat (2) set the end of 2013).
- Pasal 8 ayat (7)-(9): the person who runs the drafting in each unit, by unit type.
- Lampiran I 1.a: every participating unit is told that drafting begins.
- Reminders: units behind schedule are reminded 30 and 7 days before the deadline; at the
  deadline Bagian Organisasi receives the list of late units.
- Pasal 14: an SOP counts as approved once it has been disahkan (it reached penerapan or monev,
  or has an effective version while being revised).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sop.organisasi import JenisUnit, Pejabat
from sop.pasal8 import koordinator
from sop.waktu import WITA

"""Asia/Makassar as a fixed offset (no daylight saving), usable inside workflows."""

REMINDER_TIME = time(8, 0)
"""Reminders go out at the start of the working day."""

REMINDER_DAYS_BEFORE: tuple[int, ...] = (30, 7)

KIND_DEADLINE = "tenggat"

APPROVED_STAGES = frozenset({"penerapan", "monev", "dicabut"})
EFFECTIVE_STAGES = frozenset({"monev"})


@dataclass(frozen=True)
class Reminder:
    kind: str
    """``h-30``, ``h-7`` or ``tenggat``."""
    fire_at: datetime


def default_deadline(today: date) -> date:
    """Pasal 8 ayat (2) read for a campaign: the end of the year the campaign starts in."""
    return date(today.year, 12, 31)


def default_penanggung_jawab(jenis_unit: JenisUnit | str) -> Pejabat:
    """Pasal 8 ayat (7)-(9): Sekretaris, Kasubbag Tata Usaha or Kasubbag ketatausahaan."""
    return koordinator(JenisUnit(jenis_unit))


def reminder_schedule(deadline: date) -> list[Reminder]:
    """H-30 and H-7 at 08:00 WITA, and the deadline check when the deadline day has ended."""
    reminders = [
        Reminder(
            kind=f"h-{days}",
            fire_at=datetime.combine(deadline - timedelta(days=days), REMINDER_TIME, tzinfo=WITA),
        )
        for days in REMINDER_DAYS_BEFORE
    ]
    end_of_deadline = datetime.combine(deadline + timedelta(days=1), time(0), tzinfo=WITA)
    reminders.append(Reminder(kind=KIND_DEADLINE, fire_at=end_of_deadline))
    return reminders


def is_approved(stage: str, effective_version: int | None) -> bool:
    """Disahkan: past penyusunan, or in force while a revision is drafted."""
    return stage in APPROVED_STAGES or effective_version is not None


def is_effective(stage: str, effective_version: int | None) -> bool:
    """Berlaku: an effective version that has not been revoked."""
    return stage != "dicabut" and (stage in EFFECTIVE_STAGES or effective_version is not None)


def behind_reasons(submitted: bool, sops_not_approved: int) -> list[str]:
    """Why a unit is behind schedule (empty when it is on track)."""
    reasons: list[str] = []
    if not submitted:
        reasons.append("belum menyampaikan identifikasi kebutuhan SOP (Lampiran II.A)")
    if sops_not_approved:
        reasons.append(f"{sops_not_approved} SOP belum disahkan")
    return reasons
