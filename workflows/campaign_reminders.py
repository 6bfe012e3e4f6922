"""The reminder clock of CampaignWorkflow: H-30, H-7 and the deadline."""

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import kampanye
    from wire.campaign import CampaignState
    from wire.campaign_activities import SEND_CAMPAIGN_REMINDERS, ReminderInput, ReminderResult

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.projecting import project


class ReminderClock:
    """When the campaign must next wake up to remind, and the reminding itself.

    Design:
    - The schedule is the pure ``sop.kampanye.reminder_schedule`` of the deadline; the clock
      only remembers which reminders are done (in the carried state), so a new run after
      continue-as-new resumes the same schedule.
    - ``wake_up_in`` is what the run loop waits for at most (None: nothing left to send).
      Who is behind is decided by the activity from the read model, never by the workflow,
      and the activity records each reminder under a unique key.
    """

    def __init__(self, state: CampaignState) -> None:
        self._state = state

    def next(self) -> kampanye.Reminder | None:
        try:
            schedule = kampanye.reminder_schedule(self._state.deadline)
        except OverflowError:
            # A deadline at the edge of the calendar (only a client bypassing the API can set
            # one) has no reminders: the campaign still serves every update and query.
            return None
        for reminder in schedule:
            if reminder.kind in self._state.reminders_done:
                continue
            # A reminder whose day had passed when the campaign started is not sent.
            passed = reminder.fire_at <= self._state.started_at
            if passed and reminder.kind != kampanye.KIND_DEADLINE:
                continue
            return reminder
        return None

    def wake_up_in(self, reminder: kampanye.Reminder | None) -> timedelta | None:
        """How long to wait for ``reminder``: at least a second, so a late one still fires."""
        if reminder is None:
            return None
        return max(reminder.fire_at - workflow.now(), timedelta(seconds=1))

    async def send(self, kind: str) -> None:
        state = self._state
        request = ReminderInput(
            campaign_id=state.campaign_id,
            nama=state.nama,
            kind=kind,
            deadline=state.deadline,
            coordinator_unit=state.coordinator_unit,
            occurred_at=workflow.now(),
        )
        await project(SEND_CAMPAIGN_REMINDERS, request, timedelta(minutes=2), ReminderResult)
        state.reminders_done.append(kind)
