"""The ledger of SopLifecycleWorkflow: the one way an action reaches the read model."""

import asyncio
import functools
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from sop.pemberitahuan import notifications_for, sosialisasi
    from sop.peristiwa import NEW_CYCLE_EVENTS, RIPPLE_EVENTS, Peristiwa
    from sop.waktu import WITA
    from wire.penyusunan_state import PenyusunanState
    from wire.projection import (
        DELIVER_NOTIFICATIONS,
        NOTIFY_RELATED,
        RECORD_SNAPSHOT,
        RECORD_TRANSITION,
        RECORD_TRANSITIONS,
        DeliveryRequest,
        DocumentVersionRecord,
        NotificationRecord,
        RelatedChange,
        SnapshotRecord,
        TransitionBatch,
        TransitionRecord,
    )
    from wire.sop import ActionResult, Aktor, SopState

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows import update_results
from workflows.projecting import project
from workflows.view import View

RECENT_RESULTS_KEPT = 100


class Ledger:
    """Numbers, projects and remembers every committed action of one SOP.

    Design:
    - ``commit`` is the only path to the read model: it numbers the record with ``seq`` (carried
      across runs, so the event table never has a gap or a duplicate), builds the snapshot,
      upserts the search attributes and awaits the projection activity. Revised or retired
      SOPs ripple to related SOPs right after (two more activities).
    - ``move`` is ``commit`` for a chart event: it steps the chart and applies the data that
      changes with the event (dates, versions, the revision), then commits.
    - ``lock`` serialises every handler: an update re-checks its rules under it, since
      earlier updates may have changed the state after its validator ran.
    - ``recent_results`` (in the carried state, so it survives continue-as-new) answers a
      retried update with its first result; the decorators ``answered_once`` and
      ``unless_retry`` are the one place that asks it.
    - ``changed`` wakes the run loop after a commit; ``new_cycle`` tells it to continue as new.
    """

    def __init__(self, state: SopState, view: View) -> None:
        self._state = state
        self._view = view
        self.lock = asyncio.Lock()
        self.changed = False
        self.new_cycle = False

    # ----------------------------------------------------------------- idempotency

    def update_id(self) -> str | None:
        return update_results.update_id()

    def is_retry(self) -> bool:
        """This update's id has already been applied (a client retry, perhaps after
        continue-as-new): it is answered again, never re-judged or re-applied."""
        return self.update_id() in self._state.recent_results

    def earlier_result(self) -> ActionResult | None:
        return update_results.earlier(self._state.recent_results)

    def remember(self, result: ActionResult) -> None:
        update_results.remember(self._state.recent_results, result, RECENT_RESULTS_KEPT)

    # ----------------------------------------------------------------- commit

    async def move(
        self,
        event: Peristiwa,
        aktor: Aktor,
        note: str,
        payload: dict | None = None,
        notifications: list[NotificationRecord] | None = None,
    ) -> ActionResult:
        """Step the chart by ``event`` (already judged legal) and commit it, under the lock."""
        state = self._state
        from_step = state.step
        state.step = lifecycle.apply(from_step, event)
        apply_event(state, event, today())
        result = await self.commit(
            event, from_step, aktor, note, payload=payload, notifications=notifications
        )
        if event in NEW_CYCLE_EVENTS:
            self.new_cycle = True
        return result

    async def record(
        self,
        kind: Peristiwa,
        aktor: Aktor,
        note: str,
        payload: dict | None = None,
        notifications: list[NotificationRecord] | None = None,
    ) -> ActionResult:
        """Commit a record that leaves the SOP at its step."""
        return await self.commit(
            kind, self._state.step, aktor, note, payload=payload, notifications=notifications
        )

    async def commit(
        self,
        event: str,
        from_step: str | None,
        aktor: Aktor,
        note: str,
        document: DocumentVersionRecord | None = None,
        payload: dict | None = None,
        notifications: list[NotificationRecord] | None = None,
    ) -> ActionResult:
        # Only members of the table of events are committed (tests/test_peristiwa.py).
        event = Peristiwa(event).value
        record = self.next_record(event, from_step, aktor, note, document, payload, notifications)
        await project(RECORD_TRANSITION, record)
        state = self._state
        if event in RIPPLE_EVENTS:
            # Tell the owners of SOPs that list this one under keterkaitan (Pasal 9 d).
            await project(
                NOTIFY_RELATED,
                RelatedChange(
                    sop_id=state.sop_id, seq=state.seq, nama_sop=state.nama_sop, event=event
                ),
                timedelta(seconds=60),
            )
            # The ripple's inbox rows were written after the event's own: email them too.
            await project(
                DELIVER_NOTIFICATIONS,
                DeliveryRequest(sop_id=state.sop_id, seq=state.seq),
                timedelta(seconds=60),
            )
        return self._view.result(event, from_step)

    async def commit_quietly(self, records: list[TransitionRecord]) -> None:
        """Project several records that notify nobody in one activity (one transaction)."""
        await project(RECORD_TRANSITIONS, TransitionBatch(records=records))

    async def project_snapshot(self) -> None:
        """Bring the SOP row up to this run's state without an event (a new cycle begins)."""
        state = self._state
        await project(
            RECORD_SNAPSHOT,
            SnapshotRecord(
                sop_id=state.sop_id,
                workflow_id=workflow.info().workflow_id,
                seq=state.seq,
                occurred_at=workflow.now(),
                snapshot=self._view.snapshot(),
            ),
        )

    def next_record(
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
        event = Peristiwa(event)
        state = self._state
        state.seq += 1
        if notifications is None:
            notifications = self._notifications(event.value)
        record = TransitionRecord(
            sop_id=state.sop_id,
            workflow_id=workflow.info().workflow_id,
            seq=state.seq,
            cycle=state.cycle,
            run_id=workflow.info().run_id,
            event=event.value,
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
            idempotency_key=self.update_id(),
            occurred_at=workflow.now(),
            snapshot=self._view.snapshot(),
            payload=payload,
            document=document,
            notifications=notifications,
        )
        self._view.upsert_search_attributes()
        self.changed = True
        return record

    def _notifications(self, event: str) -> list[NotificationRecord]:
        state = self._state
        if event == Peristiwa.sosialisasikan and state.rencana is not None:
            rencana = state.rencana
            return sosialisasi(state.nama_sop, rencana.unit_sasaran, rencana.pelaksana)
        return notifications_for(event, state.step, state.sop_id, state.nama_sop, state.unit_code)


def today() -> date:
    """The regency's calendar day (WITA) at this point of the workflow's time."""
    return workflow.now().astimezone(WITA).date()


def apply_event(state: SopState, event: str, on: date) -> None:
    """The data that changes with a chart event (dates, versions, revision)."""
    if event == Peristiwa.sahkan:
        state.approved_version = state.current_version
    elif event == Peristiwa.berlakukan:
        state.effective_version = state.approved_version
        state.tanggal_berlaku = on
        state.acknowledged_by = []
        _start_evaluation_cycle(state, on)
    elif event == Peristiwa.tetap_berlaku:
        state.last_evaluation = on
        _start_evaluation_cycle(state, on)
    elif event == Peristiwa.revisi:
        # The effective version stays in force until the revision is approved; the
        # revision gets its own implementation plan and training.
        state.last_evaluation = on
        state.revision += 1
        state.rencana = None
        state.training_sessions = 0
        # Drafting starts again; the scope, the context and the round numbering carry over.
        state.penyusunan = PenyusunanState(
            konteks=state.penyusunan.konteks,
            ronde_terakhir=state.penyusunan.ronde_terakhir,
        )
        _start_evaluation_cycle(state, on)


def _start_evaluation_cycle(state: SopState, on: date) -> None:
    # Reminders count from the new base date; an early due date has been answered.
    state.last_reminder = on
    state.early_due = None


# ----------------------------------------------------------------- idempotent updates


class _HasLedger(Protocol):
    _ledger: Ledger


W = TypeVar("W", bound=_HasLedger)
Handler = Callable[[W, Any], Awaitable[ActionResult]]


def answered_once(handler: Handler[W]) -> Handler[W]:
    """An update handler that applies once per update id: a retry gets the first result.

    This replaces the check every handler used to repeat; the result is remembered in the
    carried state, so a retry after continue-as-new is answered too.
    """

    @functools.wraps(handler)
    async def once(self: W, request: Any) -> ActionResult:
        earlier = self._ledger.earlier_result()
        if earlier is not None:
            return earlier
        result = await handler(self, request)
        self._ledger.remember(result)
        return result

    return once


def unless_retry(validator: Callable[[W, Any], None]) -> Callable[[W, Any], None]:
    """An update validator that lets a retry of an applied update through unjudged, so the
    handler can answer it again (the SOP may have moved on since)."""

    @functools.wraps(validator)
    def check(self: W, request: Any) -> None:
        if not self._ledger.is_retry():
            validator(self, request)

    return check
