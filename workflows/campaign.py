"""CampaignWorkflow: a coordinator's SOP drafting campaign across many units."""

import asyncio
from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import kampanye
    from wire.campaign import (
        CampaignInput,
        CampaignState,
        CampaignUnitState,
        CampaignView,
        CloseCampaignInput,
        DecideInput,
        DecideResult,
        PenanggungJawab,
        RegisterCampaignInput,
        SubmitKebutuhanInput,
        SubmitResult,
    )
    from wire.campaign_activities import CLOSE_CAMPAIGN_REPORT, CloseReportInput

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.campaign_guard import CampaignGuard
from workflows.campaign_ledger import CampaignLedger
from workflows.campaign_needs import NeedsBook, sop_id_for
from workflows.campaign_reminders import ReminderClock
from workflows.projecting import project

__all__ = ["CampaignWorkflow", "sop_id_for", "workflow_id_for"]


@workflow.defn
class CampaignWorkflow:
    """A kampanye penyusunan SOP (Pasal 8, Lampiran I 1-2, Lampiran II.A, Pasal 14).

    Design:
    - The coordinator starts it with the participating units, a deadline (default the end of
      the current year, WITA) and each unit's penanggung jawab (default Pasal 8 ayat (7)-(9)).
      ``register`` (also run by ``run`` itself) projects the campaign and tells every unit.
    - Units submit their needs form (``submit_kebutuhan``); the coordinator accepts or returns
      rows in batches (``decide``) and finally closes the campaign (``close``).
    - The class only composes; each concern is a part it holds, and every update/validator
      pair is a short delegation to them:
        ``CampaignGuard``   whether an update may happen now (authority, open, known rows);
        ``CampaignLedger``  commits: ``seq``, the projection activity, results by update id;
        ``NeedsBook``       the rows: forms, decisions, the batches of SOP starts;
        ``ReminderClock``   the H-30/H-7/deadline reminders and when to wake for them.
      All parts share one ``CampaignState``: the state carried across continue-as-new.
    - Handlers are serialised by one lock and re-check the state under it; each awaits one
      idempotent projection activity, so the API reads the effect when the update answers.
    - Progress is answered from the read model, never by querying workflows.
    - The workflow continues as new when Temporal suggests it or after
      ``max_updates_per_run`` updates (Temporal allows 2,000 per run), carrying its state.
      Temporal admits at most 10 updates in flight per workflow: the API retries briefly
      when it is refused (and while a run rolls over), so many units may submit at once.
    - Closing waits for every accepted row's SOP, then writes the Pasal 14 report.
    - The commands the workflow issues (activities, their order and inputs, timers,
      continue-as-new) are what running campaigns replay against: the committed histories
      ``tests/histories/campaign_*.json`` guard them.
    """

    @workflow.init
    def __init__(self, request: CampaignInput) -> None:
        # Validators and handlers may run before ``run`` starts: everything is set up here.
        self._input = request.model_copy(update={"carried": None})
        self._state = request.carried or _initial_state(request)
        self._lock = asyncio.Lock()
        self._updates = 0
        self._guard = CampaignGuard(self._state)
        self._ledger = CampaignLedger(self._state)
        self._needs = NeedsBook(self._state)
        self._clock = ReminderClock(self._state)

    @workflow.run
    async def run(self, request: CampaignInput) -> CampaignView:
        await self._register()
        while True:
            if self._needs.pending_rows():
                await self._needs.start_pending_sops()
                continue
            if self._state.close_requested:
                break
            if self._should_continue_as_new():
                await self._roll_over()
                continue
            reminder = self._clock.next()
            try:
                await workflow.wait_condition(
                    self._has_work, timeout=self._clock.wake_up_in(reminder)
                )
            except TimeoutError:
                assert reminder is not None
                await self._clock.send(reminder.kind)
        await self._close()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._view()

    # ----------------------------------------------------------------- updates

    @workflow.update
    async def register(self, request: RegisterCampaignInput) -> CampaignView:
        self._updates += 1
        await self._register()
        return self._view()

    @workflow.update
    async def submit_kebutuhan(self, request: SubmitKebutuhanInput) -> SubmitResult:
        """A unit's Lampiran II.A form: new rows to be decided, and SOPs to be reviewed."""
        earlier = self._ledger.earlier_result()
        if earlier is not None:
            return earlier
        self._updates += 1
        async with self._lock:
            self._guard.check_submit(request)
            submission, result = self._needs.add_form(request)
            await self._ledger.commit("kebutuhan_disampaikan", submission=submission)
            self._ledger.remember(result)
            return result

    @submit_kebutuhan.validator
    def _validate_submit(self, request: SubmitKebutuhanInput) -> None:
        if self._ledger.earlier_result() is None:
            self._guard.may_submit(request)

    @workflow.update
    async def decide(self, request: DecideInput) -> DecideResult:
        """Accept or return rows; accepted rows are queued for their SOP workflows."""
        self._updates += 1
        async with self._lock:
            self._guard.check_decide(request)
            record, result = self._needs.decide(request)
            if record is not None:
                await self._ledger.commit("kebutuhan_diputuskan", decisions=record)
            self._needs.queue_starts(request, result)
            return result

    @decide.validator
    def _validate_decide(self, request: DecideInput) -> None:
        self._guard.may_decide(request)

    @workflow.update
    async def close(self, request: CloseCampaignInput) -> CampaignView:
        """Close the campaign once every accepted row has its SOP; writes the Pasal 14 report."""
        self._updates += 1
        if not self._state.close_requested:
            self._state.close_requested = True
            self._state.closed_by = request.aktor
        await workflow.wait_condition(lambda: self._guard.closed)
        return self._view()

    @close.validator
    def _validate_close(self, request: CloseCampaignInput) -> None:
        self._guard.may_close(request)

    # ----------------------------------------------------------------- queries

    @workflow.query
    def view(self) -> CampaignView:
        return self._view()

    # ----------------------------------------------------------------- run steps

    async def _register(self) -> None:
        async with self._lock:
            await self._ledger.register()

    def _has_work(self) -> bool:
        return (
            bool(self._state.pending)
            or self._state.close_requested
            or self._should_continue_as_new()
        )

    def _should_continue_as_new(self) -> bool:
        return (
            workflow.info().is_continue_as_new_suggested()
            or self._updates >= self._input.max_updates_per_run
        )

    async def _roll_over(self) -> None:
        """Refuse new updates, let the accepted ones finish, then continue as new.

        Rows accepted meanwhile must get their SOPs first: the loop starts them and comes back.
        """
        self._guard.rollover = True
        await workflow.wait_condition(workflow.all_handlers_finished)
        if not self._needs.pending_rows():
            next_state = self._state.model_copy(update={"run": self._state.run + 1}, deep=True)
            workflow.continue_as_new(self._input.model_copy(update={"carried": next_state}))
        self._guard.rollover = False

    async def _close(self) -> None:
        async with self._lock:
            self._state.closed_at = workflow.now()
            await self._ledger.commit("kampanye_ditutup")
            report = CloseReportInput(
                campaign_id=self._state.campaign_id,
                nama=self._state.nama,
                coordinator_unit=self._state.coordinator_unit,
                occurred_at=workflow.now(),
            )
            await project(CLOSE_CAMPAIGN_REPORT, report, timedelta(minutes=5))
            self._guard.closed = True

    def _view(self) -> CampaignView:
        state = self._state
        by_status: dict[str, int] = {"diusulkan": 0, "diterima": 0, "dikembalikan": 0}
        started = 0
        for row in state.rows.values():
            by_status[row.status] += 1
            started += row.started
        return CampaignView(
            campaign_id=state.campaign_id,
            nama=state.nama,
            deadline=state.deadline,
            status="ditutup" if self._guard.closed else "berjalan",
            run=state.run,
            units=len(state.units),
            rows=len(state.rows),
            rows_by_status=by_status,
            sops_started=started,
            sops_pending_start=self._needs.pending_rows(),
            reminders_done=list(state.reminders_done),
        )


def _initial_state(request: CampaignInput) -> CampaignState:
    """The first run's state: the deadline and each unit's penanggung jawab, defaulted."""
    started_at = workflow.now()
    deadline = request.deadline or kampanye.default_deadline(
        started_at.astimezone(kampanye.WITA).date()
    )
    units: dict[str, CampaignUnitState] = {}
    for unit in request.units:
        penanggung_jawab = unit.penanggung_jawab
        if penanggung_jawab is None:
            pejabat = kampanye.default_penanggung_jawab(unit.jenis)
            penanggung_jawab = PenanggungJawab(jabatan=pejabat.sebutan, dasar=pejabat.dasar)
        units[unit.code] = CampaignUnitState(
            code=unit.code, name=unit.name, jenis=unit.jenis, penanggung_jawab=penanggung_jawab
        )
    return CampaignState(
        campaign_id=request.campaign_id,
        nama=request.nama,
        deadline=deadline,
        koordinator=request.koordinator,
        coordinator_unit=request.coordinator_unit,
        started_at=started_at,
        units=units,
    )


def workflow_id_for(campaign_id: str) -> str:
    """The workflow id of a campaign: the campaign id alone finds its workflow."""
    return f"campaign-{campaign_id}"
