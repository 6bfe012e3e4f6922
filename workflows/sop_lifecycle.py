"""SopLifecycleWorkflow: one durable workflow per SOP, for the SOP's whole life."""

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from sop.peristiwa import CAMPAIGN_EVENTS, Peristiwa
    from wire.penyusunan import (
        AlternatifInput,
        FormatInput,
        InformasiInput,
        KonteksInput,
        PengesahanInput,
        ReviewAnswerInput,
        ReviewAssignInput,
        RoundDecisionInput,
        SimulationInput,
        SubmitReviewInput,
    )
    from wire.sop import (
        AcknowledgeInput,
        ActionInput,
        ActionResult,
        DasarHukumChange,
        EvaluationInput,
        MonitoringInput,
        PlanInput,
        RegisterInput,
        SaveDraftInput,
        SopState,
        SopView,
        TrainingInput,
    )
    from wire.start import SOP_WORKFLOW, workflow_id_for
    from workflows.history_export import start_history_export

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.guard import Guard
from workflows.ledger import Ledger, answered_once, unless_retry
from workflows.penerapan_monev import PenerapanMonev
from workflows.penyusunan import Penyusunan
from workflows.reviu import ReviewRound
from workflows.view import View

__all__ = ["SopLifecycleWorkflow", "workflow_id_for"]


@workflow.defn(name=SOP_WORKFLOW)
class SopLifecycleWorkflow:
    """The Siklus SOP of one SOP (Pasal 10), as a durable Temporal workflow.

    Design:
    - Composed of parts it holds, each a plain object over the one carried ``SopState`` (in
      the style of samples-python's ``updatable_timer``): the ``Ledger`` commits (``seq``,
      the projection activities, the lock, the results of recent updates), the ``Guard``
      refuses (chart, preconditions, authority), ``Penyusunan`` and ``ReviewRound`` record
      drafting and review, ``PenerapanMonev`` records penerapan and monev and keeps the
      evaluation clock, and the ``View`` answers the query, the snapshot and the search
      attributes. Every update below is a validator/handler pair that delegates to one part.
    - The lifecycle rules live in the pure ``sop.lifecycle`` chart. The workflow stores only
      the current step and rehydrates the chart from it for every decision, so the chart is
      never a second copy of state that could drift.
    - Every human action is an update. Its validator rejects, before anything reaches the
      history, an actor without authority (403), an event the chart does not allow now, or
      failed preconditions; the client gets an ``ApplicationError`` with the allowed events.
    - Handlers are serialised by the ledger's lock: an action re-checks its rules under the
      lock, then awaits one projection activity that writes the event row, any document
      version and the SOP row in one idempotent database transaction.
    - A retried update (same update id) is answered with its first result, across runs too
      (``answered_once``, ``unless_retry``).
    - The run loop sleeps until the earliest wake-up any part asks for: a review round's
      reminder or deadline, the monev reminders and due date (Pasal 13).
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
        self._view = View(self._state)
        self._ledger = Ledger(self._state, self._view)
        self._guard = Guard(self._state, self._ledger)
        self._penyusunan = Penyusunan(self._state, self._ledger, self._guard)
        self._reviu = ReviewRound(self._state, self._ledger, self._guard)
        self._monev = PenerapanMonev(self._state, self._ledger, self._guard, self._view)
        self._view.upsert_search_attributes()

    @workflow.run
    async def run(self, state: SopState) -> SopView:
        ledger = self._ledger
        if workflow.info().continued_run_id is not None and workflow.patched(
            "project-new-cycle"
        ):
            # A new evaluation cycle begins: the read model shows it now, not at the next event.
            async with ledger.lock:
                await ledger.project_snapshot()
        while not self._view.is_finished() and not ledger.new_cycle:
            try:
                await workflow.wait_condition(
                    lambda: ledger.changed or ledger.new_cycle or self._view.is_finished(),
                    timeout=self._time_until_next_wake(),
                )
            except TimeoutError:
                # The order of the parts is the order of their commands in the history.
                await self._reviu.on_timer()
                await self._monev.on_timer()
            ledger.changed = False
        if workflow.patched("export-history"):
            # This run is about to close: keep its history beyond retention.
            await start_history_export(self._state.sop_id, self._state.cycle)
        # Let in-flight updates finish and report before the run closes.
        await workflow.wait_condition(workflow.all_handlers_finished)
        if ledger.new_cycle:
            workflow.continue_as_new(
                self._state.model_copy(update={"cycle": self._state.cycle + 1}, deep=True)
            )
        return self._view.view()

    def _time_until_next_wake(self) -> timedelta | None:
        """The earliest wake-up any part asks for."""
        if self._ledger.new_cycle:
            return None
        wakes = [w for w in (self._reviu.next_wake(), self._monev.next_wake()) if w is not None]
        if not wakes:
            return None
        return max(min(wakes) - workflow.now(), timedelta(seconds=1))

    # ----------------------------------------------------------------- register and act

    @workflow.update
    async def register(self, request: RegisterInput) -> ActionResult:
        """First action: project the new SOP into the read model (once, by its flag)."""
        async with self._ledger.lock:
            if self._state.registered:
                return self._view.result(Peristiwa.dibuat, None)
            self._state.registered = True
            if not self._state.campaign_id:
                return await self._ledger.commit(
                    Peristiwa.dibuat, None, request.aktor, request.note
                )
            await self._register_from_campaign(request)
            return self._view.result(CAMPAIGN_EVENTS[-1], "daftar_sop")

    @register.validator
    def _validate_register(self, request: RegisterInput) -> None:
        # A campaign's SOPs are registered by the campaign, which its coordinator started.
        if not self._state.registered and not self._state.campaign_id:
            self._guard.authorize(Peristiwa.dibuat, request.aktor)

    async def _register_from_campaign(self, request: RegisterInput) -> None:
        """Persiapan and penilaian kebutuhan were done by the campaign: record each step.

        All five records go in one activity: a campaign registers thousands of SOPs at once.
        """
        ledger = self._ledger
        records = [ledger.next_record(Peristiwa.dibuat, None, request.aktor, request.note)]
        note = (
            f"Dilakukan melalui kampanye {self._state.campaign_id} "
            f"(baris identifikasi kebutuhan {self._state.kebutuhan_id})."
        )
        for event in CAMPAIGN_EVENTS:
            from_step = self._state.step
            self._state.step = lifecycle.apply(from_step, event)
            records.append(ledger.next_record(event, from_step, request.aktor, note))
        await ledger.commit_quietly(records)

    @workflow.update
    @answered_once
    async def act(self, request: ActionInput) -> ActionResult:
        """A chart event without a record of its own (``sop.peristiwa.jalur``)."""
        async with self._ledger.lock:
            self._guard.check_action(request.event, request.aktor)
            return await self._ledger.move(Peristiwa(request.event), request.aktor, request.note)

    @act.validator
    @unless_retry
    def _validate_act(self, request: ActionInput) -> None:
        self._guard.check_action(request.event, request.aktor)

    # ----------------------------------------------------------------- penyusunan

    @workflow.update
    @answered_once
    async def save_draft(self, request: SaveDraftInput) -> ActionResult:
        return await self._penyusunan.save_draft(request)

    @save_draft.validator
    @unless_retry
    def _validate_save_draft(self, request: SaveDraftInput) -> None:
        self._penyusunan.check_draft(request)

    @workflow.update
    @answered_once
    async def record_information(self, request: InformasiInput) -> ActionResult:
        """Lampiran I 3.a: one use of an information-gathering technique."""
        return await self._penyusunan.record_information(request)

    @record_information.validator
    @unless_retry
    def _validate_record_information(self, request: InformasiInput) -> None:
        self._penyusunan.check_information(request)

    @workflow.update
    @answered_once
    async def choose_alternative(self, request: AlternatifInput) -> ActionResult:
        """Lampiran I 3.b: the analysis ends in one chosen alternative."""
        return await self._penyusunan.choose_alternative(request)

    @choose_alternative.validator
    @unless_retry
    def _validate_choose_alternative(self, request: AlternatifInput) -> None:
        self._penyusunan.check_alternative(request)

    @workflow.update
    @answered_once
    async def set_context(self, request: KonteksInput) -> ActionResult:
        """Scope and context of the SOP (Pasal 8, 9 and 11), while it is being drafted."""
        return await self._penyusunan.set_context(request)

    @set_context.validator
    @unless_retry
    def _validate_set_context(self, request: KonteksInput) -> None:
        self._penyusunan.check_context(request)

    @workflow.update
    @answered_once
    async def choose_format(self, request: FormatInput) -> ActionResult:
        """Pasal 7: the drafter confirms the recommended format or overrides it."""
        return await self._penyusunan.choose_format(request)

    @choose_format.validator
    @unless_retry
    def _validate_choose_format(self, request: FormatInput) -> None:
        self._penyusunan.check_format(request)

    @workflow.update
    @answered_once
    async def record_simulation(self, request: SimulationInput) -> ActionResult:
        """Lampiran I 3.d.2-3: one simulation; its outcome may move the SOP on or back."""
        return await self._penyusunan.record_simulation(request)

    @record_simulation.validator
    @unless_retry
    def _validate_record_simulation(self, request: SimulationInput) -> None:
        self._penyusunan.check_simulation(request)

    @workflow.update
    @answered_once
    async def decide_pengesahan(self, request: PengesahanInput) -> ActionResult:
        """Pasal 11: the competent official signs the version, or returns it with reasons."""
        return await self._penyusunan.decide_pengesahan(request)

    @decide_pengesahan.validator
    @unless_retry
    def _validate_decide_pengesahan(self, request: PengesahanInput) -> None:
        self._penyusunan.check_pengesahan(request)

    # ----------------------------------------------------------------- review round

    @workflow.update
    @answered_once
    async def submit_review(self, request: SubmitReviewInput) -> ActionResult:
        """Lampiran I 3.d.1: circulate one saved version to every party, with a deadline."""
        return await self._reviu.submit(request)

    @submit_review.validator
    @unless_retry
    def _validate_submit_review(self, request: SubmitReviewInput) -> None:
        self._reviu.check_submit(request)

    @workflow.update
    @answered_once
    async def answer_review(self, request: ReviewAnswerInput) -> ActionResult:
        return await self._reviu.answer(request)

    @answer_review.validator
    @unless_retry
    def _validate_answer_review(self, request: ReviewAnswerInput) -> None:
        self._reviu.check_answer(request)

    @workflow.update
    @answered_once
    async def assign_review(self, request: ReviewAssignInput) -> ActionResult:
        return await self._reviu.assign(request)

    @assign_review.validator
    @unless_retry
    def _validate_assign_review(self, request: ReviewAssignInput) -> None:
        self._reviu.check_assign(request)

    @workflow.update
    @answered_once
    async def decide_round(self, request: RoundDecisionInput) -> ActionResult:
        return await self._reviu.decide(request)

    @decide_round.validator
    @unless_retry
    def _validate_decide_round(self, request: RoundDecisionInput) -> None:
        self._reviu.check_decide(request)

    # ----------------------------------------------------------------- penerapan and monev

    @workflow.update
    @answered_once
    async def set_plan(self, request: PlanInput) -> ActionResult:
        return await self._monev.set_plan(request)

    @set_plan.validator
    @unless_retry
    def _validate_set_plan(self, request: PlanInput) -> None:
        self._monev.check_plan(request)

    @workflow.update
    @answered_once
    async def record_training(self, request: TrainingInput) -> ActionResult:
        return await self._monev.record_training(request)

    @record_training.validator
    @unless_retry
    def _validate_record_training(self, request: TrainingInput) -> None:
        self._monev.check_training(request)

    @workflow.update
    @answered_once
    async def acknowledge(self, request: AcknowledgeInput) -> ActionResult:
        return await self._monev.acknowledge(request)

    @acknowledge.validator
    @unless_retry
    def _validate_acknowledge(self, request: AcknowledgeInput) -> None:
        self._monev.check_acknowledge(request)

    @workflow.update
    @answered_once
    async def record_monitoring(self, request: MonitoringInput) -> ActionResult:
        return await self._monev.record_monitoring(request)

    @record_monitoring.validator
    @unless_retry
    def _validate_record_monitoring(self, request: MonitoringInput) -> None:
        self._monev.check_monitoring(request)

    @workflow.update
    @answered_once
    async def submit_evaluation(self, request: EvaluationInput) -> ActionResult:
        return await self._monev.submit_evaluation(request)

    @submit_evaluation.validator
    @unless_retry
    def _validate_submit_evaluation(self, request: EvaluationInput) -> None:
        self._monev.check_evaluation(request)

    @workflow.signal
    async def dasar_hukum_changed(self, change: DasarHukumChange) -> None:
        """A regulation the SOP cites was amended or revoked: its evaluation is due now."""
        await self._monev.dasar_hukum_changed(change)

    # ----------------------------------------------------------------- query

    @workflow.query
    def view(self) -> SopView:
        return self._view.view()
