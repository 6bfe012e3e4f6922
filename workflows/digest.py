"""The daily digest of overdue evaluations for Bagian Organisasi (Pasal 13 ayat (2))."""

from datetime import timedelta

from temporalio import workflow
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleCalendarSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleRange,
    ScheduleSpec,
)

with workflow.unsafe.imports_passed_through():
    from sop.waktu import WITA
    from wire.projection import SEND_DIGEST, DigestRequest

DIGEST_SCHEDULE_ID = "siklus-ringkasan-evaluasi-harian"
DIGEST_TIME_ZONE = "Asia/Makassar"  # Kabupaten Balangan (WITA)


@workflow.defn
class OverdueDigestWorkflow:
    """One digest: list every SOP whose evaluation is overdue, send it to Bagian Organisasi.

    A Temporal Schedule starts it every morning (no home-made cron). The date of the run, in
    WITA, keys the digest so a retried or double-triggered run sends it once.
    """

    @workflow.run
    async def run(self, request: DigestRequest) -> int:
        today = workflow.now().astimezone(WITA).date()
        return await workflow.execute_activity(
            SEND_DIGEST,
            DigestRequest(on=request.on or today),
            result_type=int,
            start_to_close_timeout=timedelta(minutes=2),
        )


async def ensure_digest_schedule(client: Client, task_queue: str) -> None:
    """Create the daily schedule at 08:00 WITA if it does not exist yet (idempotent)."""
    schedule = Schedule(
        action=ScheduleActionStartWorkflow(
            OverdueDigestWorkflow.run,
            DigestRequest(),
            id="ringkasan-evaluasi",
            task_queue=task_queue,
        ),
        spec=ScheduleSpec(
            calendars=[ScheduleCalendarSpec(hour=[ScheduleRange(8)], minute=[ScheduleRange(0)])],
            time_zone_name=DIGEST_TIME_ZONE,
        ),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP),
    )
    try:
        await client.create_schedule(DIGEST_SCHEDULE_ID, schedule)
    except ScheduleAlreadyRunningError:
        pass
