"""SopLifecycleWorkflow: one durable workflow per SOP, for the SOP's whole life."""

import asyncio
from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from wire.projection import (
        DocumentVersionRecord,
    )
    from wire.sop import (
        ActionInput,
        ActionResult,
        RegisterInput,
        SaveDraftInput,
        SopState,
        SopView,
    )
    from workflows.history_export import start_history_export

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.penyusunan import PenyusunanHandlers
from workflows.sop_base import CAMPAIGN_EVENTS


@workflow.defn
class SopLifecycleWorkflow(PenyusunanHandlers):
    """The Siklus SOP of one SOP (Pasal 10), as a durable Temporal workflow.

    Design:
    - The lifecycle rules live in the pure ``sop.lifecycle.SopLifecycle`` chart. The workflow
      only stores the current step and rehydrates the chart from it for every decision, so
      the chart is never a second copy of state that could drift.
    - Every human action is an update. Its validator rejects, before anything reaches the
      history, an event the chart does not allow now or whose preconditions fail; the client
      gets an ``ApplicationError`` with the allowed events in its details.
    - Handlers are serialised by a lock: an action re-checks the chart under the lock, then
      awaits one projection activity that writes the event row, any document version and the
      SOP row in one idempotent database transaction. ``seq`` numbers every committed action
      across runs, so the read model can never hold a duplicate or a gap.
    - In monev a timer waits for the evaluation due date (Pasal 13): tanggal berlaku or the
      last evaluation plus at most two years (earlier when a cited regulation changes). It
      also wakes for each reminder of ``sop.pengingat`` (30 days before, on the day, then
      every 14 days, escalating); each reminder is an event, an inbox row and an email.
      Submitting the evaluation form ends the cycle, which stops the reminders at once.
    - Penyusunan (Lampiran I 3) is recorded, not just stepped through: information gathering,
      the chosen alternative, the format (Pasal 7), a review round per circulated version
      with its own deadline timer and reminders, simulations whose outcome moves the SOP,
      the Pasal 9 check before pengesahan, and pengesahan only by the official Pasal 11
      names (``workflows.penyusunan``, ``workflows.reviu``).
    - Records that do not move the SOP (implementation plan, training sessions,
      acknowledgements, monitoring notes) are updates too, so they share the lock, the
      numbering and the audit trail of transitions.
    - An evaluation that keeps the SOP (tetap berlaku) or sends it to revision ends the
      evaluation cycle: the workflow continues as new with its state carried in ``SopState``,
      so a run's history stays small however many years the SOP lives.
    - Before a run continues as new or completes, it starts ``HistoryExportWorkflow`` (through
      a short activity) that copies the closed run's full history into the store, so nothing is
      lost to Temporal's retention (behind the ``export-history`` patch for older runs).
    """

    @workflow.init
    def __init__(self, state: SopState) -> None:
        # Validators may run before run(): everything they read is set up here.
        self._state = state.model_copy(deep=True)
        self._lock = asyncio.Lock()
        self._changed = False
        self._new_cycle = False
        self._upsert_search_attributes()

    @workflow.run
    async def run(self, state: SopState) -> SopView:
        while not self._is_finished() and not self._new_cycle:
            try:
                await workflow.wait_condition(
                    lambda: self._changed or self._new_cycle or self._is_finished(),
                    timeout=self._time_until_next_wake(),
                )
            except TimeoutError:
                await self._on_review_timer()
                await self._on_monev_timer()
            self._changed = False
        if workflow.patched("export-history"):
            # This run is about to close: keep its history beyond retention (issue 6).
            await start_history_export(self._state.sop_id, self._state.cycle)
        # Let in-flight updates finish and report before the run closes.
        await workflow.wait_condition(workflow.all_handlers_finished)
        if self._new_cycle:
            workflow.continue_as_new(self._next_cycle_state())
        return self._view()

    # ----------------------------------------------------------------- updates

    @workflow.update
    async def register(self, request: RegisterInput) -> ActionResult:
        """First action: project the new SOP into the read model."""
        async with self._lock:
            if self._state.registered:
                return self._result("dibuat", None)
            self._state.registered = True
            if not self._state.campaign_id:
                return await self._commit("dibuat", None, request.aktor, request.note)
            await self._register_from_campaign(request)
            return self._result(CAMPAIGN_EVENTS[-1], "daftar_sop")

    @register.validator
    def _validate_register(self, request: RegisterInput) -> None:
        # A campaign's SOPs are registered by the campaign, which its coordinator started.
        if not self._state.registered and not self._state.campaign_id:
            self._check_authority("dibuat", request.aktor)

    async def _register_from_campaign(self, request: RegisterInput) -> None:
        """Persiapan and penilaian kebutuhan were done by the campaign: record each step.

        All five records go in one activity: a campaign registers thousands of SOPs at once.
        """
        records = [self._next_record("dibuat", None, request.aktor, request.note)]
        note = (
            f"Dilakukan melalui kampanye {self._state.campaign_id} "
            f"(baris identifikasi kebutuhan {self._state.kebutuhan_id})."
        )
        for event in CAMPAIGN_EVENTS:
            from_step = self._state.step
            self._state.step = lifecycle.apply(from_step, event)
            records.append(self._next_record(event, from_step, request.aktor, note))
        await self._commit_quietly(records)

    @workflow.update
    async def act(self, request: ActionInput) -> ActionResult:
        return await self._transition(request.event, request.aktor, request.note)

    @act.validator
    def _validate_act(self, request: ActionInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return  # a retry of an action already applied: answer it again
        self._check_action(request.event, aktor=request.aktor)

    @workflow.update
    async def save_draft(self, request: SaveDraftInput) -> ActionResult:
        key = self._idempotency_key()
        if key in self._state.recent_results:
            return self._state.recent_results[key]
        async with self._lock:
            self._check_authority("simpan_draf", request.aktor)
            self._check_save_draft()
            self._refuse(self._nomor_problems(request.document))
            version = (self._state.current_version or 0) + 1
            content = request.document.model_dump(mode="json")
            doc = DocumentVersionRecord(
                version=version,
                revision=self._state.revision,
                content=content,
                content_hash=request.document.content_hash(),
                saved_by=request.aktor.nama,
            )
            self._state.current_version = version
            self._state.current_hash = doc.content_hash
            self._state.penyusunan.draft = self._draft_facts(request.document, version)
            step = self._state.step
            result = await self._commit("simpan_draf", step, request.aktor, request.note, doc)
            self._remember(key, result)
            return result

    @save_draft.validator
    def _validate_save_draft(self, request: SaveDraftInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        self._check_authority("simpan_draf", request.aktor)
        self._check_save_draft()
        self._refuse(self._nomor_problems(request.document))

    def _time_until_next_wake(self) -> timedelta | None:
        """The earliest of the review deadline moments and the monev clock."""
        if self._new_cycle:
            return None
        wakes = [w for w in (self._review_wake(), self._monev_wake()) if w is not None]
        if not wakes:
            return None
        return max(min(wakes) - workflow.now(), timedelta(seconds=1))

    # ----------------------------------------------------------------- queries

    @workflow.query
    def view(self) -> SopView:
        return self._view()


def workflow_id_for(sop_id: str) -> str:
    """The workflow id of an SOP: deterministic, so the SOP id alone finds its workflow."""
    return f"sop-{sop_id}"
