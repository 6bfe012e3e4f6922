"""Penerapan and monev handlers of SopLifecycleWorkflow (Lampiran I 4, Pasal 12-13)."""

from datetime import date, datetime

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from sop.organisasi import JenisUnit, judul_kepala
    from sop.pengingat import reminder_on, reminder_text
    from wire.projection import (
        NotificationRecord,
    )
    from wire.sop import (
        SYSTEM_AKTOR,
        AcknowledgeInput,
        ActionResult,
        DasarHukumChange,
        EvaluationInput,
        MonitoringInput,
        PlanInput,
        TrainingInput,
    )
    from workflows import evaluation_clock as clock

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.sop_base import SopWorkflowBase


class PenerapanMonevHandlers(SopWorkflowBase):
    """Updates that record penerapan and monev (plan, training, acknowledgements, monitoring,
    the evaluation form), the dasar-hukum signal, and the monev clock with its reminders."""

    # Penerapan and monev records (Lampiran I 4.a-4.e) --------------------------------

    @workflow.update
    async def set_plan(self, request: PlanInput) -> ActionResult:
        """Lampiran I 4.a: the implementation plan."""

        def apply() -> None:
            self._state.rencana = request.rencana

        payload = request.rencana.model_dump(mode="json")
        return await self._record("rencana_penerapan", request.aktor, "", payload, apply)

    @set_plan.validator
    def _validate_set_plan(self, request: PlanInput) -> None:
        self._check_record("rencana_penerapan", request.aktor)

    @workflow.update
    async def record_training(self, request: TrainingInput) -> ActionResult:
        """Lampiran I 4.d: one training session with its attendance."""

        def apply() -> None:
            self._state.training_sessions += 1

        sesi = request.sesi
        note = f"Pelatihan {sesi.tanggal:%d-%m-%Y} di {sesi.tempat}, {len(sesi.peserta)} peserta."
        payload = sesi.model_dump(mode="json")
        return await self._record("sesi_pelatihan", request.aktor, note, payload, apply)

    @record_training.validator
    def _validate_record_training(self, request: TrainingInput) -> None:
        self._check_record("sesi_pelatihan", request.aktor)

    @workflow.update
    async def acknowledge(self, request: AcknowledgeInput) -> ActionResult:
        """A pelaksana has read and understood the SOP."""

        def apply() -> None:
            if request.aktor.nama not in self._state.acknowledged_by:
                self._state.acknowledged_by.append(request.aktor.nama)

        note = request.note or "Menyatakan telah membaca dan memahami SOP."
        return await self._record("pernyataan_paham", request.aktor, note, None, apply)

    @acknowledge.validator
    def _validate_acknowledge(self, request: AcknowledgeInput) -> None:
        self._check_record("pernyataan_paham", request.aktor)

    @workflow.update
    async def record_monitoring(self, request: MonitoringInput) -> ActionResult:
        """Lampiran I 4.e.a: observation, interview, group discussion or briefing."""
        catatan = request.catatan
        note = f"Monitoring ({catatan.metode.value}) {catatan.tanggal:%d-%m-%Y}: {catatan.temuan}"
        payload = catatan.model_dump(mode="json")
        return await self._record("catatan_monitoring", request.aktor, note, payload, lambda: None)

    @record_monitoring.validator
    def _validate_record_monitoring(self, request: MonitoringInput) -> None:
        self._check_record("catatan_monitoring", request.aktor)

    @workflow.update
    async def submit_evaluation(self, request: EvaluationInput) -> ActionResult:
        """Lampiran I 4.e.b and Pasal 13: the form decides the outcome of the cycle."""
        form = request.form
        return await self._transition(
            form.hasil.value,
            request.aktor,
            form.summary(),
            payload=form.model_dump(mode="json"),
            dedicated=True,
        )

    @submit_evaluation.validator
    def _validate_submit_evaluation(self, request: EvaluationInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        self._check_action(request.form.hasil.value, dedicated=True, aktor=request.aktor)

    @workflow.signal
    async def dasar_hukum_changed(self, change: DasarHukumChange) -> None:
        """A regulation the SOP cites was amended or revoked: its evaluation is due now."""
        async with self._lock:
            if self._is_finished():
                return
            today = self._today()
            self._state.early_due = min(self._state.early_due or today, today)
            note = (
                f"Dasar hukum '{change.peraturan}' {change.perubahan}; evaluasi SOP "
                f"dimajukan ke {today:%d-%m-%Y}. {change.keterangan}"
            ).strip()
            await self._commit(
                "dasar_hukum_berubah",
                self._state.step,
                SYSTEM_AKTOR,
                note,
                payload=change.model_dump(mode="json"),
            )

    # ----------------------------------------------------------------- timer

    def _evaluation_due_date(self) -> date | None:
        state = self._state
        return clock.due_date(
            state.tanggal_berlaku,
            state.last_evaluation,
            state.evaluation_interval_months,
            state.early_due,
        )

    def _monev_wake(self) -> datetime | None:
        return clock.next_wake(
            self._state.step, self._evaluation_due_date(), self._state.last_reminder
        )

    async def _on_monev_timer(self) -> None:
        """Raise the due evaluation, then send the reminder that has come, if any."""
        async with self._lock:
            due = self._evaluation_due_date()
            if due is None or self._new_cycle or self._state.step not in clock.MONEV_STEPS:
                return
            now = workflow.now()
            if self._state.step == "monitoring" and now >= clock.at_workday_start(due):
                from_step = self._state.step
                self._state.step = lifecycle.apply(from_step, "evaluasi_jatuh_tempo")
                note = f"Evaluasi berkala jatuh tempo {due:%d-%m-%Y} (Pasal 13 ayat (1))."
                await self._commit("evaluasi_jatuh_tempo", from_step, SYSTEM_AKTOR, note)
            day = clock.latest_reminder_due(due, self._state.last_reminder, now)
            if day is not None:
                await self._send_reminder(day, due)

    async def _send_reminder(self, day: date, due: date) -> None:
        state = self._state
        state.last_reminder = day
        reminder = reminder_on(day, due, state.unit_code, self._kepala_unit())
        subject, body = reminder_text(state.nama_sop, reminder, due)
        notes = [
            NotificationRecord(
                recipient_unit=p.unit,
                recipient_jabatan=p.jabatan,
                kind="pengingat_evaluasi",
                subject=subject,
                body=body,
            )
            for p in reminder.penerima
        ]
        to = ", ".join(f"{p.jabatan} ({p.unit})" for p in reminder.penerima)
        await self._commit(
            "pengingat_evaluasi",
            state.step,
            SYSTEM_AKTOR,
            f"{subject}. Dikirim kepada {to}.",
            payload=reminder.model_dump(mode="json"),
            notifications=notes,
        )

    def _kepala_unit(self) -> str:
        jenis = self._state.unit_jenis
        return judul_kepala(JenisUnit(jenis)) if jenis else "Kepala Unit Kerja"
