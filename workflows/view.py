"""What SopLifecycleWorkflow shows of itself: the view query, the snapshot, search attributes."""

from datetime import UTC, date, datetime, time

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from wire import search_attributes as sa
    from wire.projection import SopSnapshot
    from wire.sop import ActionResult, SopState, SopView
    from workflows import evaluation_clock as clock


class View:
    """Reads the carried ``SopState`` and never changes it.

    Three readers see the SOP through it: the ``view`` query (``SopView``), the read model
    (``SopSnapshot`` in every committed record) and the visibility store (search attributes
    for unit, stage, step and evaluation due date). Computing them in one place keeps the
    three from disagreeing, for instance on the evaluation due date.
    """

    def __init__(self, state: SopState) -> None:
        self._state = state

    def allowed_events(self) -> list[str]:
        return lifecycle.allowed_user_events_at(self._state.step)

    def is_finished(self) -> bool:
        return self._state.step in lifecycle.FINAL_STATES

    def evaluation_due(self) -> date | None:
        state = self._state
        return clock.due_date(
            state.tanggal_berlaku,
            state.last_evaluation,
            state.evaluation_interval_months,
            state.early_due,
        )

    def result(self, event: str, from_step: str | None) -> ActionResult:
        """What an update answers: where the SOP is now and what may happen next."""
        state = self._state
        return ActionResult(
            sop_id=state.sop_id,
            event=str(event),  # a plain name on the wire, even for a Peristiwa member
            seq=state.seq,
            from_step=from_step,
            step=state.step,
            stage=lifecycle.stage_of(state.step),
            allowed_events=self.allowed_events(),
            document_version=state.current_version,
        )

    def view(self) -> SopView:
        state = self._state
        return SopView(
            sop_id=state.sop_id,
            unit_code=state.unit_code,
            nama_sop=state.nama_sop,
            stage=lifecycle.stage_of(state.step),
            step=state.step,
            allowed_events=self.allowed_events(),
            cycle=state.cycle,
            revision=state.revision,
            seq=state.seq,
            current_version=state.current_version,
            effective_version=state.effective_version,
            tanggal_berlaku=state.tanggal_berlaku,
            last_evaluation=state.last_evaluation,
            evaluation_due=self.evaluation_due(),
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

    def snapshot(self) -> SopSnapshot:
        """The SOP row of the read model as it stands after a record."""
        view = self.view()
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
            ),
        )

    def upsert_search_attributes(self) -> None:
        """A command in the history: issued at start and with every record, never elsewhere."""
        due = self.evaluation_due()
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
