"""HistoryExportWorkflow: copies the history of one closed SOP run into the store."""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from wire.history import (
        EXPORT_RUN_HISTORY,
        HISTORY_EXPORT_WORKFLOW,
        START_HISTORY_EXPORT,
        HistoryExportInput,
        export_workflow_id,
    )

__all__ = ["HistoryExportWorkflow", "export_workflow_id", "start_history_export"]


# Named from wire/, where the activity that starts it by name reads the same constant.
@workflow.defn(name=HISTORY_EXPORT_WORKFLOW)
class HistoryExportWorkflow:
    """Keeps one run's full Temporal history after the namespace retention deletes it.

    Design:
    - A run cannot export its own history (it is final only once the run is closed), hence a
      separate workflow. Just before it continues as new or completes, ``SopLifecycleWorkflow``
      starts this one through a short activity (``start_history_export`` below).
    - Not a child workflow: a child started with ``ParentClosePolicy.ABANDON`` that outlives its
      parent leaves the time-skipping test server unable to skip time again (every later
      ``env.sleep`` times out), and the export needs nothing from a parent/child link.
    - The id is ``export-<run_id>``: deterministic, so a retried start can never export a run
      twice (``USE_EXISTING``); the activity is idempotent on ``run_id`` as well.
    - The activity waits until the run is closed (polling briefly, then by retries with
      backoff), then stores ``fetch_history().to_json()`` in ``run_histories``. Retries never
      stop: a database outage must not lose the evidence. Only a run already deleted by
      retention fails the export (``HistoryGone``), since nothing is left to keep.
    - Runs closed from outside (terminated, timed out) do not reach this code; they are out of
      scope here.
    """

    @workflow.run
    async def run(self, request: HistoryExportInput) -> bool:
        return await workflow.execute_activity(
            EXPORT_RUN_HISTORY,
            request,
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=1),
                maximum_interval=timedelta(minutes=5),
                non_retryable_error_types=["HistoryGone"],
            ),
        )


async def start_history_export(sop_id: str, cycle: int) -> None:
    """From inside an SOP run that is about to close: have this very run exported."""
    info = workflow.info()
    request = HistoryExportInput(
        sop_id=sop_id, workflow_id=info.workflow_id, run_id=info.run_id, cycle=cycle
    )
    await workflow.execute_activity(
        START_HISTORY_EXPORT,
        request,
        start_to_close_timeout=timedelta(seconds=30),
        retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
    )
