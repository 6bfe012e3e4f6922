"""Keep the full Temporal history of every closed SOP run in the store (beyond retention).

Temporal deletes a closed run's history after the namespace retention (24 h on the dev server).
An auditor must still be able to read it years later, so this activity copies it, as
``WorkflowHistory.to_json()`` gives it, into ``run_histories``.
"""

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select
from temporalio import activity
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.workflowservice.v1 import DescribeWorkflowExecutionRequest
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from store.engine import EngineBound
from store.tables import RunHistory
from wire.history import (
    EXPORT_RUN_HISTORY,
    HISTORY_EXPORT_WORKFLOW,
    START_HISTORY_EXPORT,
    HistoryExportInput,
    export_workflow_id,
)

# The parent closes right after starting the export: wait briefly in the activity before
# falling back to a retry, so the common case needs one attempt.
CLOSE_POLLS = 25
CLOSE_POLL_INTERVAL = timedelta(milliseconds=200)


@dataclass(frozen=True)
class _ClosedRun:
    status: WorkflowExecutionStatus
    started_at: datetime | None
    closed_at: datetime | None


class HistoryExportActivities(EngineBound):
    """Activities bound to a Temporal client (to read histories) and a database engine."""

    def __init__(self, client: Client, engine: Engine | None = None) -> None:
        super().__init__(engine)
        self._client = client

    @activity.defn(name=START_HISTORY_EXPORT)
    async def start_history_export(self, request: HistoryExportInput) -> None:
        """Start ``HistoryExportWorkflow`` for one run (idempotent: its id is per run)."""
        await self._client.start_workflow(
            HISTORY_EXPORT_WORKFLOW,
            request,
            id=export_workflow_id(request.run_id),
            task_queue=activity.info().task_queue,
            # A retried start, or one after the export finished, is not a second export.
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        )

    @activity.defn(name=EXPORT_RUN_HISTORY)
    async def export_run_history(self, request: HistoryExportInput) -> bool:
        """Store the history of a closed run once. False when it was already stored.

        Raises a retryable ``RunStillOpen`` while the run is open (Temporal retries it with
        backoff), and a non-retryable ``HistoryGone`` when retention has already deleted it.
        """
        if await asyncio.to_thread(self._exported, request.run_id):
            return False
        handle = self._client.get_workflow_handle(request.workflow_id, run_id=request.run_id)
        description = await self._wait_until_closed(request)
        history = await handle.fetch_history()
        text = history.to_json()
        row = RunHistory(
            sop_id=request.sop_id,
            workflow_id=request.workflow_id,
            run_id=request.run_id,
            cycle=request.cycle,
            status=description.status.name,
            event_count=len(history.events),
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            history_json=text,
            started_at=description.started_at,
            closed_at=description.closed_at,
        )
        return await asyncio.to_thread(self._store, row)

    async def _wait_until_closed(self, request: HistoryExportInput) -> _ClosedRun:
        for _ in range(CLOSE_POLLS):
            run = await self._describe(request)
            if run.status != WorkflowExecutionStatus.RUNNING:
                return run
            await asyncio.sleep(CLOSE_POLL_INTERVAL.total_seconds())
        raise ApplicationError(f"Run {request.run_id} masih berjalan.", type="RunStillOpen")

    async def _describe(self, request: HistoryExportInput) -> _ClosedRun:
        # The raw RPC, not WorkflowHandle.describe(): the time-skipping server returns unset
        # datetime search attributes in a form the SDK cannot decode, and we need none of them.
        try:
            response = await self._client.workflow_service.describe_workflow_execution(
                DescribeWorkflowExecutionRequest(
                    namespace=self._client.namespace,
                    execution=WorkflowExecution(
                        workflow_id=request.workflow_id, run_id=request.run_id
                    ),
                )
            )
        except RPCError as err:
            if err.status == RPCStatusCode.NOT_FOUND:
                raise ApplicationError(
                    f"Riwayat run {request.run_id} sudah tidak ada di Temporal.",
                    type="HistoryGone",
                    non_retryable=True,
                ) from err
            raise
        info = response.workflow_execution_info
        return _ClosedRun(
            status=WorkflowExecutionStatus(info.status),
            started_at=info.start_time.ToDatetime(UTC) if info.HasField("start_time") else None,
            closed_at=info.close_time.ToDatetime(UTC) if info.HasField("close_time") else None,
        )

    def _exported(self, run_id: str) -> bool:
        with Session(self.engine) as session:
            query = select(RunHistory.id).where(RunHistory.run_id == run_id)
            return session.exec(query).first() is not None

    def _store(self, row: RunHistory) -> bool:
        with Session(self.engine) as session:
            session.add(row)
            try:
                session.commit()
            except IntegrityError:
                # Another attempt stored it first: the unique run_id keeps one copy.
                session.rollback()
                return False
        return True
