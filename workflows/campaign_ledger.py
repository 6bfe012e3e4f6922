"""The ledger of CampaignWorkflow: every committed change, numbered, projected once."""

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop.pemberitahuan import NotificationRecord
    from sop.pemberitahuan_kampanye import start_notification
    from wire.campaign import CampaignState, SubmitResult
    from wire.campaign_activities import (
        RECORD_CAMPAIGN,
        CampaignHeader,
        CampaignRecord,
        CampaignUnitRecord,
        DecisionsRecord,
        SubmissionRecord,
    )

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows import update_results
from workflows.projecting import project

RECENT_SUBMISSIONS_KEPT = 200
"""Submission results remembered by update id, so a retry in a later run gets the same rows."""


class CampaignLedger:
    """Commits the campaign's changes to the read model.

    Design:
    - ``commit`` numbers a change (``seq``, carried across runs) and awaits one projection
      activity that writes it in one transaction keyed by ``(campaign_id, seq)``: a retried
      activity writes nothing twice, and the API reads the effect as soon as the update
      answers. The caller holds the workflow's lock, so numbers follow the commit order.
    - ``register`` is the first commit: the campaign, its units and the notice to every unit
      (Lampiran I 1.a). It happens once, whoever asks first (``run`` or the update).
    - Temporal deduplicates an update id within a run only. A needs form retried after the
      run continued as new would add its rows twice, so the ledger remembers the last
      results by update id (``earlier_result`` is the one check, used by validator and
      handler alike).
    """

    def __init__(self, state: CampaignState) -> None:
        self._state = state

    async def register(self) -> None:
        """Project the campaign and tell every unit, once; the caller holds the lock."""
        state = self._state
        if state.registered:
            return
        state.registered = True
        units = [
            CampaignUnitRecord(unit_code=u.code, penanggung_jawab=u.penanggung_jawab)
            for u in state.units.values()
        ]
        notes: list[NotificationRecord] = [
            start_notification(u.code, u.penanggung_jawab.jabatan, state.nama, state.deadline)
            for u in state.units.values()
        ]
        await self.commit("kampanye_dimulai", units=units, notifications=notes)

    async def commit(
        self,
        event: str,
        units: list[CampaignUnitRecord] | None = None,
        submission: SubmissionRecord | None = None,
        decisions: DecisionsRecord | None = None,
        notifications: list[NotificationRecord] | None = None,
    ) -> None:
        self._state.seq += 1
        record = CampaignRecord(
            campaign_id=self._state.campaign_id,
            workflow_id=workflow.info().workflow_id,
            seq=self._state.seq,
            event=event,
            occurred_at=workflow.now(),
            header=self._header(),
            units=units or [],
            submission=submission,
            decisions=decisions,
            notifications=notifications or [],
        )
        await project(RECORD_CAMPAIGN, record, timedelta(minutes=2))

    # ------------------------------------------------------------- idempotency

    def earlier_result(self) -> SubmitResult | None:
        """The result this update id already had (in this run or an earlier one), if any."""
        return update_results.earlier(self._state.recent_submissions)

    def remember(self, result: SubmitResult) -> None:
        """Keep the result under the current update id; the oldest ones are forgotten."""
        update_results.remember(self._state.recent_submissions, result, RECENT_SUBMISSIONS_KEPT)

    # ------------------------------------------------------------- helpers

    def _header(self) -> CampaignHeader:
        state = self._state
        return CampaignHeader(
            nama=state.nama,
            deadline=state.deadline,
            status="ditutup" if state.closed_at else "berjalan",
            koordinator=state.koordinator,
            coordinator_unit=state.coordinator_unit,
            started_at=state.started_at,
            closed_at=state.closed_at,
        )


