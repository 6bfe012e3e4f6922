"""The state and shared machinery of SopLifecycleWorkflow: commit, views (rules: sop_rules)."""

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from sop.pemberitahuan import notifications_for
    from sop.waktu import WITA
    from wire import search_attributes as sa
    from wire.penyusunan_state import PenyusunanState
    from wire.projection import (
        DELIVER_NOTIFICATIONS,
        NOTIFY_RELATED,
        RECORD_TRANSITION,
        RECORD_TRANSITIONS,
        DeliveryRequest,
        DocumentVersionRecord,
        NotificationRecord,
        RelatedChange,
        SopSnapshot,
        TransitionBatch,
        TransitionRecord,
    )
    from wire.sop import (
        ActionResult,
        Aktor,
        SopState,
        SopView,
    )


# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.sop_rules import SopRules

RECENT_RESULTS_KEPT = 100

# Persiapan and penilaian kebutuhan, as a campaign completes them for the SOPs it creates.
CAMPAIGN_EVENTS = (
    "selesaikan_pengumpulan_data",
    "selesaikan_persiapan",
    "nyatakan_diperlukan",
    "tetapkan_daftar_sop",
)

# A revised or retired SOP ripples to the SOPs that list it under keterkaitan.
RIPPLE_EVENTS = frozenset({"revisi", "cabut"})

# A projection is one small transaction: if an attempt takes longer, the worker is gone or the
# database is stuck, and a fresh attempt is the quickest way on.
PROJECTION_TIMEOUT = timedelta(seconds=10)

# A database outage must not lose a record: keep retrying, ever more slowly.
_PROJECTION_RETRY = RetryPolicy(maximum_interval=timedelta(minutes=1))

# Outcomes of monev after which the SOP starts a new cycle in a fresh run.
NEW_CYCLE_EVENTS = frozenset({"tetap_berlaku", "revisi"})


class SopWorkflowBase(SopRules):
    """What every handler of the SOP workflow shares: the carried state, the lock, the rules
    that refuse an action, and ``_commit``, the one way an action reaches the read model.

    Not a workflow by itself; ``SopLifecycleWorkflow`` composes it with the handler mixins.
    """

    _state: SopState
    _lock: asyncio.Lock
    _changed: bool
    _new_cycle: bool

    async def _transition(
        self,
        event: str,
        aktor: Aktor,
        note: str,
        payload: dict | None = None,
        dedicated: bool = False,
        checks: Callable[[], None] | None = None,
        apply: Callable[[], None] | None = None,
        notifications: list[NotificationRecord] | None = None,
    ) -> ActionResult:
        """Move the chart by ``event`` and commit it.

        ``checks`` raises when a rule beyond the chart refuses (authority, Pasal 9 ...);
        ``apply`` changes state that goes with the event, before it is committed.
        """
        key = self._idempotency_key()
        if key in self._state.recent_results:
            return self._state.recent_results[key]
        async with self._lock:
            # The validator ran before earlier updates finished; check again under the lock.
            self._check_action(event, dedicated, aktor)
            if checks is not None:
                checks()
            from_step = self._state.step
            self._state.step = lifecycle.apply(from_step, event)
            self._on_transition(event)
            if apply is not None:
                apply()
            result = await self._commit(
                event, from_step, aktor, note, payload=payload, notifications=notifications
            )
            self._remember(key, result)
            if event in NEW_CYCLE_EVENTS:
                self._new_cycle = True
            return result

    async def _record(
        self,
        kind: str,
        aktor: Aktor,
        note: str,
        payload: dict | None,
        apply: Callable[[], None],
    ) -> ActionResult:
        key = self._idempotency_key()
        if key in self._state.recent_results:
            return self._state.recent_results[key]
        """Commit a record that does not move the SOP, after ``apply`` changed the state."""
        async with self._lock:
            self._check_record(kind, aktor)
            apply()
            result = await self._commit(kind, self._state.step, aktor, note, payload=payload)
            self._remember(key, result)
            return result

    def _on_transition(self, event: str) -> None:
        """Data that changes with an event (dates, versions, revision)."""
        state = self._state
        today = self._today()
        if event == "sahkan":
            state.approved_version = state.current_version
        elif event == "berlakukan":
            state.effective_version = state.approved_version
            state.tanggal_berlaku = today
            state.acknowledged_by = []
            self._start_evaluation_cycle(today)
        elif event == "tetap_berlaku":
            state.last_evaluation = today
            self._start_evaluation_cycle(today)
        elif event == "revisi":
            # The effective version stays in force until the revision is approved; the
            # revision gets its own implementation plan and training.
            state.last_evaluation = today
            state.revision += 1
            state.rencana = None
            state.training_sessions = 0
            # Drafting starts again; the scope, the context and the round numbering carry over.
            state.penyusunan = PenyusunanState(
                konteks=state.penyusunan.konteks,
                ronde_terakhir=state.penyusunan.ronde_terakhir,
            )
            self._start_evaluation_cycle(today)

    def _start_evaluation_cycle(self, today: date) -> None:
        # Reminders count from the new base date; an early due date has been answered.
        self._state.last_reminder = today
        self._state.early_due = None

    # ----------------------------------------------------------------- commit

    async def _commit(
        self,
        event: str,
        from_step: str | None,
        aktor: Aktor,
        note: str,
        document: DocumentVersionRecord | None = None,
        payload: dict | None = None,
        notifications: list[NotificationRecord] | None = None,
    ) -> ActionResult:
        record = self._next_record(event, from_step, aktor, note, document, payload, notifications)
        await workflow.execute_activity(
            RECORD_TRANSITION,
            record,
            start_to_close_timeout=PROJECTION_TIMEOUT,
            retry_policy=_PROJECTION_RETRY,
        )
        state = self._state
        if event in RIPPLE_EVENTS:
            # Tell the owners of SOPs that list this one under keterkaitan (Pasal 9 d).
            await workflow.execute_activity(
                NOTIFY_RELATED,
                RelatedChange(
                    sop_id=state.sop_id, seq=state.seq, nama_sop=state.nama_sop, event=event
                ),
                start_to_close_timeout=timedelta(seconds=60),
                retry_policy=_PROJECTION_RETRY,
            )
            # The ripple's inbox rows were written after the event's own: email them too.
            await workflow.execute_activity(
                DELIVER_NOTIFICATIONS,
                DeliveryRequest(sop_id=state.sop_id, seq=state.seq),
                start_to_close_timeout=timedelta(seconds=60),
                retry_policy=_PROJECTION_RETRY,
            )
        return self._result(event, from_step)

    async def _commit_quietly(self, records: list[TransitionRecord]) -> None:
        """Project several records that notify nobody in one activity (one transaction)."""
        await workflow.execute_activity(
            RECORD_TRANSITIONS,
            TransitionBatch(records=records),
            start_to_close_timeout=PROJECTION_TIMEOUT,
            retry_policy=_PROJECTION_RETRY,
        )

    def _next_record(
        self,
        event: str,
        from_step: str | None,
        aktor: Aktor,
        note: str,
        document: DocumentVersionRecord | None = None,
        payload: dict | None = None,
        notifications: list[NotificationRecord] | None = None,
    ) -> TransitionRecord:
        """Number the next committed action and describe it for the read model."""
        state = self._state
        state.seq += 1
        if notifications is None:
            notifications = self._notifications(event)
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
            payload=payload,
            document=document,
            notifications=notifications,
        )
        self._upsert_search_attributes()
        self._changed = True
        return record

    def _notifications(self, event: str) -> list[NotificationRecord]:
        state = self._state
        if event == "sosialisasikan" and state.rencana is not None:
            # Lampiran I 4.b: every target unit, addressed to each jabatan named as pelaksana.
            return [
                NotificationRecord(
                    recipient_unit=unit,
                    recipient_jabatan=jabatan,
                    kind="sosialisasi",
                    subject=f'Sosialisasi SOP "{state.nama_sop}"',
                    body="SOP ini akan diterapkan di unit Anda; pelajari dan nyatakan paham "
                    "melalui Siklus SOP.",
                )
                for unit in state.rencana.unit_sasaran
                for jabatan in state.rencana.pelaksana
            ]
        return notifications_for(event, state.step, state.sop_id, state.nama_sop, state.unit_code)

    # ----------------------------------------------------------------- helpers

    def _is_finished(self) -> bool:
        return self._state.step in lifecycle.FINAL_STATES

    def _today(self) -> date:
        return workflow.now().astimezone(WITA).date()

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
        state = self._state
        return SopSnapshot(
            lingkup=state.penyusunan.konteks.lingkup.value,
            nomor_sop=state.nomor_sop,
            tanggal_pengesahan=state.tanggal_pengesahan,
            tanggal_revisi=state.tanggal_revisi,
            nomor_keputusan=state.pengesahan.nomor_keputusan if state.pengesahan else None,
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
            rencana=state.rencana,
            training_sessions=state.training_sessions,
            acknowledged_by=list(state.acknowledged_by),
            penyusunan=state.penyusunan,
            pengesahan=state.pengesahan,
            tanggal_pengesahan=state.tanggal_pengesahan,
            tanggal_revisi=state.tanggal_revisi,
            nomor_sop=state.nomor_sop,
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
