"""The needs rows of CampaignWorkflow: units' forms, the coordinator's decisions, SOP starts."""

import asyncio
import uuid
from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from wire.campaign import (
        CampaignState,
        DecideInput,
        DecideResult,
        PendingStart,
        RowState,
        RowStatus,
        SubmitKebutuhanInput,
        SubmitResult,
    )
    from wire.campaign_activities import (
        START_CAMPAIGN_SOPS,
        DecisionsRecord,
        NewRowRecord,
        SopToStart,
        StartSopsInput,
        StartSopsResult,
        SubmissionRecord,
    )

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.projecting import PROJECTION_RETRY

SOP_ID_NAMESPACE = uuid.UUID("3c8e4a57-2f0d-4d6b-9b8e-6a0f5d1c2b39")
"""SOP ids of accepted rows are uuid5(namespace, row id): the row alone finds its SOP."""

START_BATCH_SIZE = 100
"""SOPs started by one activity."""
PARALLEL_START_BATCHES = 4
"""Start activities in flight at once: far below the 2,000 pending-activities limit."""


class NeedsBook:
    """The Lampiran II.A rows of a campaign, from a unit's form to the SOP they become.

    Design:
    - ``add_form`` and ``decide`` change the rows in memory and return what the ledger must
      commit; they never await, so the workflow decides when (and under which lock) the
      change is written.
    - An accepted row becomes an SOP, but not here and not as a child workflow: the row
      joins ``pending`` and the run loop hands pending rows in batches to an activity that
      starts ``SopLifecycleWorkflow`` by name (workflow id derived from the row id,
      USE_EXISTING) and registers it with a fixed update id. A retried batch starts and
      registers nothing twice, the 2,000 pending-children limit never applies, and the SOPs
      outlive the campaign.
    - The book keeps only what it decides with (row status, title until the SOP exists,
      whether it started), so the state carried across continue-as-new stays small.
    """

    def __init__(self, state: CampaignState) -> None:
        self._state = state

    def add_form(self, request: SubmitKebutuhanInput) -> tuple[SubmissionRecord, SubmitResult]:
        """Number the form's rows (across runs) and record them as proposed."""
        state = self._state
        unit = state.units[request.unit_code]
        new_rows: list[NewRowRecord] = []
        for form_row in request.rows:
            state.next_row += 1
            unit.rows_submitted += 1
            row_id = f"{state.campaign_id}-{state.next_row:05d}"
            state.rows[row_id] = RowState(unit_code=request.unit_code, judul=form_row.judul)
            new_rows.append(
                NewRowRecord(
                    id=row_id,
                    unit_code=request.unit_code,
                    no=unit.rows_submitted,
                    sop_id=sop_id_for(row_id),
                    row=form_row,
                )
            )
        submission = SubmissionRecord(
            unit_code=request.unit_code,
            aktor=request.aktor,
            rows=new_rows,
            sop_reviu=request.sop_reviu,
        )
        return submission, SubmitResult(
            unit_code=request.unit_code, row_ids=[r.id for r in new_rows]
        )

    def decide(self, request: DecideInput) -> tuple[DecisionsRecord | None, DecideResult]:
        """Apply the decisions; the record is None when none of them changes a row."""
        accepted: list[str] = []
        returned: dict[str, str] = {}
        unchanged: list[str] = []
        for decision in request.decisions:
            row = self._state.rows[decision.row_id]
            status: RowStatus = "diterima" if decision.diterima else "dikembalikan"
            if row.status == status:
                unchanged.append(decision.row_id)
                continue
            row.status = status
            if decision.diterima:
                accepted.append(decision.row_id)
            else:
                returned[decision.row_id] = decision.alasan.strip()
        record = None
        if accepted or returned:
            record = DecisionsRecord(aktor=request.aktor, accepted=accepted, returned=returned)
        result = DecideResult(accepted=accepted, returned=list(returned), unchanged=unchanged)
        return record, result

    def queue_starts(self, request: DecideInput, result: DecideResult) -> None:
        """Queue the SOPs of newly accepted rows, remembering who accepted them."""
        if result.accepted:
            self._state.pending.append(PendingStart(aktor=request.aktor, row_ids=result.accepted))

    # ------------------------------------------------------------- SOP starts

    def pending_rows(self) -> int:
        return sum(len(p.row_ids) for p in self._state.pending)

    async def start_pending_sops(self) -> None:
        """Start up to PARALLEL_START_BATCHES batches of SOPs, then mark them started."""
        batches: list[StartSopsInput] = []
        while self._state.pending and len(batches) < PARALLEL_START_BATCHES:
            head = self._state.pending[0]
            take, head.row_ids = head.row_ids[:START_BATCH_SIZE], head.row_ids[START_BATCH_SIZE:]
            if not head.row_ids:
                self._state.pending.pop(0)
            sops = [self._sop_to_start(row_id) for row_id in take]
            batches.append(
                StartSopsInput(campaign_id=self._state.campaign_id, aktor=head.aktor, sops=sops)
            )
        results: list[StartSopsResult] = await asyncio.gather(
            *(
                workflow.execute_activity(
                    START_CAMPAIGN_SOPS,
                    batch,
                    result_type=StartSopsResult,
                    start_to_close_timeout=timedelta(minutes=10),
                    heartbeat_timeout=timedelta(minutes=2),
                    retry_policy=PROJECTION_RETRY,
                )
                for batch in batches
            )
        )
        for result in results:
            for row_id in result.registered:
                row = self._state.rows[row_id]
                # The SOP holds its title now: keep the carried state small (2 MB payloads).
                row.started, row.judul = True, ""

    def _sop_to_start(self, row_id: str) -> SopToStart:
        row = self._state.rows[row_id]
        unit = self._state.units.get(row.unit_code)
        return SopToStart(
            row_id=row_id,
            sop_id=sop_id_for(row_id),
            unit_code=row.unit_code,
            judul=row.judul,
            unit_jenis=unit.jenis if unit else None,
        )


def sop_id_for(row_id: str) -> str:
    """The SOP id of a needs row: deterministic, so a retried start finds the same SOP."""
    return uuid.uuid5(SOP_ID_NAMESPACE, row_id).hex
