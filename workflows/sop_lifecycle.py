"""SopLifecycleWorkflow: one durable workflow per SOP, for the SOP's whole life."""

import asyncio
from datetime import UTC, date, datetime, time, timedelta, timezone

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from activities.models import (
        RECORD_TRANSITION,
        DocumentVersionRecord,
        SopSnapshot,
        TransitionRecord,
    )
    from sop import lifecycle
    from sop.pasal13 import evaluation_due
    from sop.preconditions import SopFacts, action_problems, save_draft_problems
    from workflows import search_attributes as sa
    from workflows.models import (
        SYSTEM_AKTOR,
        ActionInput,
        ActionResult,
        Aktor,
        RegisterInput,
        SaveDraftInput,
        SopState,
        SopView,
    )
    from workflows.notifications import notifications_for

WITA = timezone(timedelta(hours=8), "WITA")
"""Kabupaten Balangan's time zone (Asia/Makassar, no daylight saving)."""

EVALUATION_REMINDER_TIME = time(8, 0)
"""Local time at which a due evaluation is raised: the start of the working day."""

RECENT_RESULTS_KEPT = 100

# Persiapan and penilaian kebutuhan, as a campaign completes them for the SOPs it creates.
CAMPAIGN_EVENTS = (
    "selesaikan_pengumpulan_data",
    "selesaikan_persiapan",
    "nyatakan_diperlukan",
    "tetapkan_daftar_sop",
)

# Outcomes of monev after which the SOP starts a new cycle in a fresh run.
NEW_CYCLE_EVENTS = frozenset({"tetap_berlaku", "revisi"})


@workflow.defn
class SopLifecycleWorkflow:
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
      last evaluation plus at most two years. When it fires, the SOP moves to evaluasi and
      the unit and Bagian Organisasi are told.
    - An evaluation that keeps the SOP (tetap berlaku) or sends it to revision ends the
      evaluation cycle: the workflow continues as new with its state carried in ``SopState``,
      so a run's history stays small however many years the SOP lives.
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
                    timeout=self._time_until_evaluation_due(),
                )
            except TimeoutError:
                await self._evaluation_due()
            self._changed = False
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
            result = await self._commit("dibuat", None, request.aktor, request.note)
            if self._state.campaign_id:
                result = await self._record_campaign_stages(request.aktor)
            return result

    async def _record_campaign_stages(self, aktor: Aktor) -> ActionResult:
        """Persiapan and penilaian kebutuhan were done by the campaign: record each step."""
        note = (
            f"Dilakukan melalui kampanye {self._state.campaign_id} "
            f"(baris identifikasi kebutuhan {self._state.kebutuhan_id})."
        )
        result = self._result("dibuat", None)
        for event in CAMPAIGN_EVENTS:
            from_step = self._state.step
            self._state.step = lifecycle.apply(from_step, event)
            result = await self._commit(event, from_step, aktor, note)
        return result

    @workflow.update
    async def act(self, request: ActionInput) -> ActionResult:
        key = self._idempotency_key()
        if key in self._state.recent_results:
            return self._state.recent_results[key]
        async with self._lock:
            # The validator ran before earlier updates finished; check again under the lock.
            self._check_action(request.event)
            from_step = self._state.step
            self._state.step = lifecycle.apply(from_step, request.event)
            self._on_transition(request.event)
            result = await self._commit(request.event, from_step, request.aktor, request.note)
            self._remember(key, result)
            if request.event in NEW_CYCLE_EVENTS:
                self._new_cycle = True
            return result

    @act.validator
    def _validate_act(self, request: ActionInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return  # a retry of an action already applied: answer it again
        self._check_action(request.event)

    @workflow.update
    async def save_draft(self, request: SaveDraftInput) -> ActionResult:
        key = self._idempotency_key()
        if key in self._state.recent_results:
            return self._state.recent_results[key]
        async with self._lock:
            self._check_save_draft()
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
            step = self._state.step
            result = await self._commit("simpan_draf", step, request.aktor, request.note, doc)
            self._remember(key, result)
            return result

    @save_draft.validator
    def _validate_save_draft(self, request: SaveDraftInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        self._check_save_draft()

    # ----------------------------------------------------------------- queries

    @workflow.query
    def view(self) -> SopView:
        return self._view()

    # ----------------------------------------------------------------- rules

    def _check_action(self, event: str) -> None:
        if self._new_cycle:
            raise ApplicationError(
                "SOP sedang memulai siklus baru; ulangi permintaan sebentar lagi.",
                type="CycleRollover",
            )
        allowed = self._allowed_events()
        if event not in allowed:
            raise ApplicationError(
                f"Aksi '{event}' tidak dapat dilakukan pada langkah '{self._state.step}'.",
                {"allowed_events": allowed, "step": self._state.step},
                type="IllegalTransition",
            )
        problems = action_problems(event, self._facts())
        if problems:
            raise ApplicationError(
                " ".join(problems),
                {"problems": problems, "allowed_events": allowed},
                type="PreconditionFailed",
            )

    def _check_save_draft(self) -> None:
        problems = save_draft_problems(self._facts())
        if problems:
            raise ApplicationError(
                " ".join(problems),
                {"problems": problems, "allowed_events": self._allowed_events()},
                type="IllegalTransition",
            )

    def _on_transition(self, event: str) -> None:
        """Data that changes with an event (dates, versions, revision)."""
        state = self._state
        today = self._today()
        if event == "sahkan":
            state.approved_version = state.current_version
        elif event == "berlakukan":
            state.effective_version = state.approved_version
            state.tanggal_berlaku = today
        elif event == "tetap_berlaku":
            state.last_evaluation = today
        elif event == "revisi":
            # The effective version stays in force until the revision is approved.
            state.last_evaluation = today
            state.revision += 1

    # ----------------------------------------------------------------- timer

    def _evaluation_due_date(self) -> date | None:
        # Pasal 13 (1): counted from the later of tanggal berlaku and the last evaluation.
        dates = [d for d in (self._state.tanggal_berlaku, self._state.last_evaluation) if d]
        if not dates:
            return None
        base = max(dates)
        return evaluation_due(base, self._state.evaluation_interval_months)

    def _time_until_evaluation_due(self) -> timedelta | None:
        due = self._evaluation_due_date()
        if due is None or self._state.step != "monitoring":
            return None
        fire_at = datetime.combine(due, EVALUATION_REMINDER_TIME, tzinfo=WITA)
        return max(fire_at - workflow.now(), timedelta(seconds=1))

    async def _evaluation_due(self) -> None:
        async with self._lock:
            if self._state.step != "monitoring" or self._new_cycle:
                return
            from_step = self._state.step
            self._state.step = lifecycle.apply(from_step, "evaluasi_jatuh_tempo")
            due = self._evaluation_due_date()
            note = f"Evaluasi berkala jatuh tempo {due:%d-%m-%Y} (Pasal 13 ayat (1))."
            await self._commit("evaluasi_jatuh_tempo", from_step, SYSTEM_AKTOR, note)

    # ----------------------------------------------------------------- commit

    async def _commit(
        self,
        event: str,
        from_step: str | None,
        aktor: Aktor,
        note: str,
        document: DocumentVersionRecord | None = None,
    ) -> ActionResult:
        state = self._state
        state.seq += 1
        record = TransitionRecord(
            sop_id=state.sop_id,
            workflow_id=workflow.info().workflow_id,
            seq=state.seq,
            cycle=state.cycle,
            run_id=workflow.info().run_id,
            event=event,
            from_step=from_step,
            to_step=state.step,
            from_stage=lifecycle.stage_of(from_step) if from_step else None,
            to_stage=lifecycle.stage_of(state.step),
            actor_nama=aktor.nama,
            actor_nip=aktor.nip,
            actor_jabatan=aktor.jabatan,
            actor_unit=aktor.unit,
            note=note,
            document_version=state.current_version,
            document_hash=state.current_hash,
            idempotency_key=self._idempotency_key(),
            occurred_at=workflow.now(),
            snapshot=self._snapshot(),
            document=document,
            notifications=notifications_for(
                event, state.step, state.sop_id, state.nama_sop, state.unit_code
            ),
        )
        self._upsert_search_attributes()
        self._changed = True
        await workflow.execute_activity(
            RECORD_TRANSITION,
            record,
            start_to_close_timeout=timedelta(seconds=30),
            # A database outage must not lose the record: keep retrying, ever more slowly.
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
        )
        return self._result(event, from_step)

    # ----------------------------------------------------------------- helpers

    def _is_finished(self) -> bool:
        return self._state.step in lifecycle.FINAL_STATES

    def _allowed_events(self) -> list[str]:
        return lifecycle.allowed_user_events(lifecycle.restore(self._state.step))

    def _facts(self) -> SopFacts:
        return SopFacts(step=self._state.step, current_version=self._state.current_version)

    def _today(self) -> date:
        return workflow.now().astimezone(WITA).date()

    def _idempotency_key(self) -> str | None:
        info = workflow.current_update_info()
        return info.id if info else None

    def _remember(self, key: str | None, result: ActionResult) -> None:
        if key is None:
            return
        recent = self._state.recent_results
        recent[key] = result
        while len(recent) > RECENT_RESULTS_KEPT:
            del recent[next(iter(recent))]

    def _result(self, event: str, from_step: str | None) -> ActionResult:
        return ActionResult(
            sop_id=self._state.sop_id,
            event=event,
            seq=self._state.seq,
            from_step=from_step,
            step=self._state.step,
            stage=lifecycle.stage_of(self._state.step),
            allowed_events=self._allowed_events(),
            document_version=self._state.current_version,
        )

    def _snapshot(self) -> SopSnapshot:
        view = self._view()
        return SopSnapshot(
            **view.model_dump(
                include={
                    "unit_code",
                    "nama_sop",
                    "stage",
                    "step",
                    "allowed_events",
                    "revision",
                    "cycle",
                    "current_version",
                    "effective_version",
                    "tanggal_berlaku",
                    "last_evaluation",
                    "evaluation_due",
                    "campaign_id",
                    "kebutuhan_id",
                }
            )
        )

    def _view(self) -> SopView:
        state = self._state
        return SopView(
            sop_id=state.sop_id,
            unit_code=state.unit_code,
            nama_sop=state.nama_sop,
            stage=lifecycle.stage_of(state.step),
            step=state.step,
            allowed_events=self._allowed_events(),
            cycle=state.cycle,
            revision=state.revision,
            seq=state.seq,
            current_version=state.current_version,
            effective_version=state.effective_version,
            tanggal_berlaku=state.tanggal_berlaku,
            last_evaluation=state.last_evaluation,
            evaluation_due=self._evaluation_due_date(),
            campaign_id=state.campaign_id,
            kebutuhan_id=state.kebutuhan_id,
        )

    def _next_cycle_state(self) -> SopState:
        return self._state.model_copy(update={"cycle": self._state.cycle + 1}, deep=True)

    def _upsert_search_attributes(self) -> None:
        due = self._evaluation_due_date()
        workflow.upsert_search_attributes(
            [
                sa.SOP_UNIT.value_set(self._state.unit_code),
                sa.SOP_STAGE.value_set(lifecycle.stage_of(self._state.step)),
                sa.SOP_STEP.value_set(self._state.step),
                sa.SOP_EVALUATION_DUE.value_set(datetime.combine(due, time(0), tzinfo=UTC))
                if due
                else sa.SOP_EVALUATION_DUE.value_unset(),
            ]
        )


def workflow_id_for(sop_id: str) -> str:
    """The workflow id of an SOP: deterministic, so the SOP id alone finds its workflow."""
    return f"sop-{sop_id}"
