"""Penerapan and monev of SopLifecycleWorkflow (Lampiran I 4, Pasal 12-13)."""

from datetime import date, datetime

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from sop.organisasi import JenisUnit, judul_kepala
    from sop.pengingat import reminder_on, reminder_text
    from sop.peristiwa import Peristiwa as P
    from wire.projection import NotificationRecord
    from wire.sop import (
        SYSTEM_AKTOR,
        AcknowledgeInput,
        ActionResult,
        DasarHukumChange,
        EvaluationInput,
        MonitoringInput,
        PlanInput,
        SopState,
        TrainingInput,
    )
    from workflows import evaluation_clock as clock

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.guard import Guard
from workflows.ledger import Ledger, today
from workflows.view import View


class PenerapanMonev:
    """The records of penerapan and monev (plan, training, acknowledgements, monitoring, the
    evaluation form), the dasar-hukum signal, and the monev clock with its reminders.

    The clock's arithmetic is pure (``workflows.evaluation_clock``); this part only asks it
    for the next wake-up and acts when the run loop wakes: it raises the due evaluation
    (Pasal 13 (1)) and sends the reminder that has come (``sop.pengingat``). Submitting the
    evaluation form ends the cycle, which stops the reminders at once.
    """

    def __init__(self, state: SopState, ledger: Ledger, guard: Guard, view: View) -> None:
        self._state = state
        self._ledger = ledger
        self._guard = guard
        self._view = view

    # Lampiran I 4.a-4.e records ------------------------------------------------------

    def check_plan(self, request: PlanInput) -> None:
        self._guard.check_record(P.rencana_penerapan, request.aktor)

    async def set_plan(self, request: PlanInput) -> ActionResult:
        """Lampiran I 4.a: the implementation plan."""
        async with self._ledger.lock:
            self.check_plan(request)
            self._state.rencana = request.rencana
            payload = request.rencana.model_dump(mode="json")
            return await self._ledger.record(P.rencana_penerapan, request.aktor, "", payload)

    def check_training(self, request: TrainingInput) -> None:
        self._guard.check_record(P.sesi_pelatihan, request.aktor)

    async def record_training(self, request: TrainingInput) -> ActionResult:
        """Lampiran I 4.d: one training session with its attendance."""
        sesi = request.sesi
        note = f"Pelatihan {sesi.tanggal:%d-%m-%Y} di {sesi.tempat}, {len(sesi.peserta)} peserta."
        async with self._ledger.lock:
            self.check_training(request)
            self._state.training_sessions += 1
            payload = sesi.model_dump(mode="json")
            return await self._ledger.record(P.sesi_pelatihan, request.aktor, note, payload)

    def check_acknowledge(self, request: AcknowledgeInput) -> None:
        self._guard.check_record(P.pernyataan_paham, request.aktor)

    async def acknowledge(self, request: AcknowledgeInput) -> ActionResult:
        """A pelaksana has read and understood the SOP."""
        note = request.note or "Menyatakan telah membaca dan memahami SOP."
        async with self._ledger.lock:
            self.check_acknowledge(request)
            if request.aktor.nama not in self._state.acknowledged_by:
                self._state.acknowledged_by.append(request.aktor.nama)
            return await self._ledger.record(P.pernyataan_paham, request.aktor, note)

    def check_monitoring(self, request: MonitoringInput) -> None:
        self._guard.check_record(P.catatan_monitoring, request.aktor)

    async def record_monitoring(self, request: MonitoringInput) -> ActionResult:
        """Lampiran I 4.e.a: observation, interview, group discussion or briefing."""
        catatan = request.catatan
        note = f"Monitoring ({catatan.metode.value}) {catatan.tanggal:%d-%m-%Y}: {catatan.temuan}"
        async with self._ledger.lock:
            self.check_monitoring(request)
            payload = catatan.model_dump(mode="json")
            return await self._ledger.record(P.catatan_monitoring, request.aktor, note, payload)

    def check_evaluation(self, request: EvaluationInput) -> None:
        self._guard.check_action(request.form.hasil.value, request.aktor, dedicated=True)

    async def submit_evaluation(self, request: EvaluationInput) -> ActionResult:
        """Lampiran I 4.e.b and Pasal 13: the form decides the outcome of the cycle."""
        form = request.form
        async with self._ledger.lock:
            self.check_evaluation(request)
            payload = form.model_dump(mode="json")
            return await self._ledger.move(
                P(form.hasil.value), request.aktor, form.summary(), payload
            )

    async def dasar_hukum_changed(self, change: DasarHukumChange) -> None:
        """A regulation the SOP cites was amended or revoked: its evaluation is due now."""
        async with self._ledger.lock:
            if self._view.is_finished():
                return
            on = today()
            self._state.early_due = min(self._state.early_due or on, on)
            note = (
                f"Dasar hukum '{change.peraturan}' {change.perubahan}; evaluasi SOP "
                f"dimajukan ke {on:%d-%m-%Y}. {change.keterangan}"
            ).strip()
            payload = change.model_dump(mode="json")
            await self._ledger.record(P.dasar_hukum_berubah, SYSTEM_AKTOR, note, payload)

    # ----------------------------------------------------------------- timer

    def next_wake(self) -> datetime | None:
        return clock.next_wake(
            self._state.step, self._view.evaluation_due(), self._state.last_reminder
        )

    async def on_timer(self) -> None:
        """Raise the due evaluation, then send the reminder that has come, if any."""
        async with self._ledger.lock:
            due = self._view.evaluation_due()
            step = self._state.step
            if due is None or self._ledger.new_cycle or step not in clock.MONEV_STEPS:
                return
            now = workflow.now()
            if step == "monitoring" and now >= clock.at_workday_start(due):
                # The timer's own chart event: no person acts, so no guard.
                self._state.step = lifecycle.apply(step, P.evaluasi_jatuh_tempo)
                note = f"Evaluasi berkala jatuh tempo {due:%d-%m-%Y} (Pasal 13 ayat (1))."
                await self._ledger.commit(P.evaluasi_jatuh_tempo, step, SYSTEM_AKTOR, note)
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
        await self._ledger.record(
            P.pengingat_evaluasi,
            SYSTEM_AKTOR,
            f"{subject}. Dikirim kepada {to}.",
            reminder.model_dump(mode="json"),
            notifications=notes,
        )

    def _kepala_unit(self) -> str:
        jenis = self._state.unit_jenis
        return judul_kepala(JenisUnit(jenis)) if jenis else "Kepala Unit Kerja"
