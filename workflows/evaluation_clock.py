"""When the monev timer of an SOP must wake, and why (Pasal 13 and the reminder schedule).

Pure and deterministic: the workflow passes in its state and ``workflow.now()``.
"""

from datetime import date, datetime, time

from sop.pasal13 import evaluation_due
from sop.pengingat import next_reminder_date
from sop.waktu import WITA

WORKDAY_START = time(8, 0)
"""Due evaluations and reminders are raised at the start of the working day."""

MONEV_STEPS = frozenset({"monitoring", "evaluasi"})


def at_workday_start(day: date) -> datetime:
    return datetime.combine(day, WORKDAY_START, tzinfo=WITA)


def due_date(
    tanggal_berlaku: date | None,
    last_evaluation: date | None,
    interval_months: int,
    early_due: date | None,
) -> date | None:
    """Pasal 13 (1): the later of tanggal berlaku and the last evaluation, plus the interval;
    earlier when a changed dasar hukum calls for an evaluation now."""
    bases = [d for d in (tanggal_berlaku, last_evaluation) if d]
    if not bases:
        return None
    due = evaluation_due(max(bases), interval_months)
    return min(due, early_due) if early_due else due


def next_wake(step: str, due: date | None, last_reminder: date | None) -> datetime | None:
    """The next moment the monev timer must fire (a reminder, or the due date itself)."""
    if due is None or step not in MONEV_STEPS:
        return None
    moments = [at_workday_start(next_reminder_date(due, last_reminder))]
    if step == "monitoring":
        moments.append(at_workday_start(due))
    return min(moments)


def latest_reminder_due(due: date, last_reminder: date | None, now: datetime) -> date | None:
    """The newest reminder date that has come by ``now``; older missed ones are skipped so a
    worker that was down for weeks sends one reminder, not a burst."""
    found = None
    day = next_reminder_date(due, last_reminder)
    while at_workday_start(day) <= now:
        found = day
        day = next_reminder_date(due, day)
    return found
