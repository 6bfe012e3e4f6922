"""CampaignWorkflow: a coordinator's SOP drafting campaign across many units."""

import asyncio
import uuid
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from sop import kampanye
    from sop.pemberitahuan import NotificationRecord
    from sop.pemberitahuan_kampanye import start_notification
    from sop.peran import Peran
    from sop.wewenang import Tindakan, role_refusal
    from wire.campaign import (
        CampaignInput,
        CampaignState,
        CampaignUnitState,
        CampaignView,
        CloseCampaignInput,
        DecideInput,
        DecideResult,
        PenanggungJawab,
        PendingStart,
        RegisterCampaignInput,
        RowState,
        SubmitKebutuhanInput,
        SubmitResult,
    )
    from wire.campaign_activities import (
        CLOSE_CAMPAIGN_REPORT,
        RECORD_CAMPAIGN,
        SEND_CAMPAIGN_REMINDERS,
        START_CAMPAIGN_SOPS,
        CampaignHeader,
        CampaignRecord,
        CampaignUnitRecord,
        CloseReportInput,
        DecisionsRecord,
        NewRowRecord,
        ReminderInput,
        ReminderResult,
        SopToStart,
        StartSopsInput,
        StartSopsResult,
        SubmissionRecord,
    )
    from wire.sop import Aktor

SOP_ID_NAMESPACE = uuid.UUID("3c8e4a57-2f0d-4d6b-9b8e-6a0f5d1c2b39")
"""SOP ids of accepted rows are uuid5(namespace, row id): the row alone finds its SOP."""

START_BATCH_SIZE = 100
"""SOPs started by one activity."""
PARALLEL_START_BATCHES = 4
"""Start activities in flight at once: far below the 2,000 pending-activities limit."""
RECENT_SUBMISSIONS_KEPT = 200

_PROJECTION_RETRY = RetryPolicy(maximum_interval=timedelta(minutes=1))


@workflow.defn
class CampaignWorkflow:
    """A kampanye penyusunan SOP (Pasal 8, Lampiran I 1-2, Lampiran II.A, Pasal 14).

    Design:
    - The coordinator starts it with the participating units, a deadline (default the end of
      the current year, WITA) and each unit's penanggung jawab (default Pasal 8 ayat (7)-(9)).
      ``register`` (also run by ``run`` itself) projects the campaign and tells every unit.
    - Units submit their needs form (``submit_kebutuhan``); the coordinator accepts or returns
      rows in batches (``decide``). Validators refuse unknown units and rows, decided rows and
      closed campaigns before anything reaches the history. Each update awaits one idempotent
      projection activity keyed by ``(campaign_id, seq)``, so the API reads its effect at once.
    - An accepted row becomes an SOP: the main loop hands accepted rows in batches to an
      activity that starts ``SopLifecycleWorkflow`` (workflow id derived from the row id,
      USE_EXISTING) and sends its ``register`` update (id "register"): retrying a batch starts
      and registers nothing twice. SOPs are not child workflows, so the 2,000 pending-children
      limit never applies and they outlive the campaign.
    - Progress is answered from the read model, never by querying workflows. Timers send the
      H-30 and H-7 reminders and, when the deadline has passed, the list of late units to the
      coordinator; an activity decides who is behind from the read model and records each
      reminder.
    - The workflow keeps only what it decides with (row status, title, SOP started) in
      ``CampaignState`` and continues as new when Temporal suggests it or after
      ``max_updates_per_run`` updates (Temporal allows 2,000 per run), carrying that state.
    - Temporal admits at most 10 updates in flight per workflow: the API retries briefly when
      it is refused (and while a run rolls over), so many units may submit at once.
    - Closing waits for every accepted row's SOP, then writes the Pasal 14 report.
    """

    @workflow.init
    def __init__(self, request: CampaignInput) -> None:
        self._input = request.model_copy(update={"carried": None})
        self._state = request.carried or self._initial_state(request)
        self._lock = asyncio.Lock()
        self._updates = 0
        self._rollover = False
        self._closed = False

    @workflow.run
    async def run(self, request: CampaignInput) -> CampaignView:
        await self._ensure_registered()
        while True:
            if self._pending_rows():
                await self._start_pending_sops()
                continue
            if self._state.close_requested:
                break
            if self._should_continue_as_new():
                self._rollover = True
                await workflow.wait_condition(workflow.all_handlers_finished)
                if not self._pending_rows():
                    workflow.continue_as_new(
                        self._input.model_copy(update={"carried": self._next_run_state()})
                    )
                self._rollover = False
                continue
            reminder = self._next_reminder()
            timeout = None
            if reminder is not None:
                timeout = max(reminder.fire_at - workflow.now(), timedelta(seconds=1))
            try:
                await workflow.wait_condition(self._has_work, timeout=timeout)
            except TimeoutError:
                assert reminder is not None
                await self._send_reminders(reminder.kind)
        await self._close()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._view()

    # ----------------------------------------------------------------- updates

    @workflow.update
    async def register(self, request: RegisterCampaignInput) -> CampaignView:
        self._updates += 1
        await self._ensure_registered()
        return self._view()

    @workflow.update
    async def submit_kebutuhan(self, request: SubmitKebutuhanInput) -> SubmitResult:
        """A unit's Lampiran II.A form: new rows to be decided, and SOPs to be reviewed."""
        key = self._update_id()
        if key in self._state.recent_submissions:
            return self._state.recent_submissions[key]
        self._updates += 1
        async with self._lock:
            self._check_submit(request)
            unit = self._state.units[request.unit_code]
            new_rows: list[NewRowRecord] = []
            for form_row in request.rows:
                self._state.next_row += 1
                unit.rows_submitted += 1
                row_id = f"{self._state.campaign_id}-{self._state.next_row:05d}"
                sop_id = sop_id_for(row_id)
                self._state.rows[row_id] = RowState(
                    unit_code=request.unit_code, judul=form_row.judul
                )
                new_rows.append(
                    NewRowRecord(
                        id=row_id,
                        unit_code=request.unit_code,
                        no=unit.rows_submitted,
                        sop_id=sop_id,
                        row=form_row,
                    )
                )
            submission = SubmissionRecord(
                unit_code=request.unit_code,
                aktor=request.aktor,
                rows=new_rows,
                sop_reviu=request.sop_reviu,
            )
            await self._record("kebutuhan_disampaikan", submission=submission)
            result = SubmitResult(unit_code=request.unit_code, row_ids=[r.id for r in new_rows])
            self._remember(key, result)
            return result

    @submit_kebutuhan.validator
    def _validate_submit(self, request: SubmitKebutuhanInput) -> None:
        if self._update_id() in self._state.recent_submissions:
            return
        self._check_submit(request)
        self._check_authority(request.aktor, request.unit_code)

    @workflow.update
    async def decide(self, request: DecideInput) -> DecideResult:
        """Accept or return rows; accepted rows are queued for their SOP workflows."""
        self._updates += 1
        async with self._lock:
            self._check_decide(request)
            accepted: list[str] = []
            returned: dict[str, str] = {}
            unchanged: list[str] = []
            for decision in request.decisions:
                row = self._state.rows[decision.row_id]
                status = "diterima" if decision.diterima else "dikembalikan"
                if row.status == status:
                    unchanged.append(decision.row_id)
                    continue
                row.status = status
                if decision.diterima:
                    accepted.append(decision.row_id)
                else:
                    returned[decision.row_id] = decision.alasan.strip()
            if accepted or returned:
                record = DecisionsRecord(aktor=request.aktor, accepted=accepted, returned=returned)
                await self._record("kebutuhan_diputuskan", decisions=record)
            if accepted:
                self._state.pending.append(PendingStart(aktor=request.aktor, row_ids=accepted))
            return DecideResult(accepted=accepted, returned=list(returned), unchanged=unchanged)

    @decide.validator
    def _validate_decide(self, request: DecideInput) -> None:
        self._check_decide(request)
        self._check_authority(request.aktor)

    @workflow.update
    async def close(self, request: CloseCampaignInput) -> CampaignView:
        """Close the campaign once every accepted row has its SOP; writes the Pasal 14 report."""
        self._updates += 1
        if not self._state.close_requested:
            self._state.close_requested = True
            self._state.closed_by = request.aktor
        await workflow.wait_condition(lambda: self._closed)
        return self._view()

    @close.validator
    def _validate_close(self, request: CloseCampaignInput) -> None:
        self._check_open(allow_closing=True)
        self._check_authority(request.aktor)

    # ----------------------------------------------------------------- queries

    @workflow.query
    def view(self) -> CampaignView:
        return self._view()

    # ----------------------------------------------------------------- rules

    def _check_open(self, allow_closing: bool = False) -> None:
        if self._closed or (self._state.close_requested and not allow_closing):
            raise ApplicationError("Kampanye sudah ditutup.", type="CampaignClosed")
        if self._rollover:
            raise ApplicationError(
                "Kampanye sedang berpindah ke run baru; ulangi permintaan sebentar lagi.",
                type="CampaignRollover",
            )

    def _check_authority(self, aktor: Aktor, unit_code: str | None = None) -> None:
        """Defence in depth (issue 7): the API checked the signed-in user already; a client
        talking to Temporal directly is refused here. A unit's form comes from its drafters
        (or the Bagian Organisasi); decisions and closing from a coordinator. Validators only:
        accepted updates are never re-judged on replay."""
        if unit_code is not None:
            refusal = role_refusal(Tindakan.draf, aktor.peran, aktor.unit, unit_code)
        elif Peran.koordinator not in aktor.peran:
            refusal = "Hanya koordinator yang dapat memutuskan atau menutup kampanye."
        else:
            refusal = None
        if refusal:
            raise ApplicationError(refusal, type="Forbidden")

    def _check_submit(self, request: SubmitKebutuhanInput) -> None:
        self._check_open()
        if request.unit_code not in self._state.units:
            raise ApplicationError(
                f"Unit kerja '{request.unit_code}' bukan peserta kampanye ini.",
                {"units": sorted(self._state.units)},
                type="UnitNotInCampaign",
            )

    def _check_decide(self, request: DecideInput) -> None:
        self._check_open()
        unknown = [d.row_id for d in request.decisions if d.row_id not in self._state.rows]
        if unknown:
            raise ApplicationError(
                f"{len(unknown)} baris kebutuhan tidak dikenal dalam kampanye ini: "
                + ", ".join(unknown[:10]),
                {"unknown_rows": unknown},
                type="UnknownRow",
            )
        seen: dict[str, bool] = {}
        conflicts: list[str] = []
        for decision in request.decisions:
            status = self._state.rows[decision.row_id].status
            decided_other_way = status != "diusulkan" and (status == "diterima") != (
                decision.diterima
            )
            twice_differently = seen.get(decision.row_id, decision.diterima) != decision.diterima
            if decided_other_way or twice_differently:
                conflicts.append(decision.row_id)
            seen[decision.row_id] = decision.diterima
        if conflicts:
            raise ApplicationError(
                f"{len(conflicts)} baris sudah diputuskan lain dan tidak dapat diubah: "
                + ", ".join(conflicts[:10]),
                {"conflicting_rows": conflicts},
                type="RowAlreadyDecided",
            )

    # ----------------------------------------------------------------- SOP starts

    def _pending_rows(self) -> int:
        return sum(len(p.row_ids) for p in self._state.pending)

    def _unit_jenis(self, unit_code: str) -> str | None:
        unit = self._state.units.get(unit_code)
        return unit.jenis if unit else None

    async def _start_pending_sops(self) -> None:
        """Start up to PARALLEL_START_BATCHES batches of SOPs, then mark them started."""
        batches: list[StartSopsInput] = []
        while self._state.pending and len(batches) < PARALLEL_START_BATCHES:
            head = self._state.pending[0]
            take, head.row_ids = head.row_ids[:START_BATCH_SIZE], head.row_ids[START_BATCH_SIZE:]
            if not head.row_ids:
                self._state.pending.pop(0)
            sops = [
                SopToStart(
                    row_id=row_id,
                    sop_id=sop_id_for(row_id),
                    unit_code=self._state.rows[row_id].unit_code,
                    judul=self._state.rows[row_id].judul,
                    unit_jenis=self._unit_jenis(self._state.rows[row_id].unit_code),
                )
                for row_id in take
            ]
            batches.append(
                StartSopsInput(campaign_id=self._state.campaign_id, aktor=head.aktor, sops=sops)
            )
        results: list[StartSopsResult] = await asyncio.gather(
            *(
                workflow.execute_activity(
                    START_CAMPAIGN_SOPS,
                    batch,
                    result_type=StartSopsResult,
                    start_to_close_timeout=timedelta(minutes=10),
                    heartbeat_timeout=timedelta(minutes=2),
                    retry_policy=_PROJECTION_RETRY,
                )
                for batch in batches
            )
        )
        for result in results:
            for row_id in result.registered:
                row = self._state.rows[row_id]
                # The SOP holds its title now: keep the carried state small (2 MB payloads).
                row.started, row.judul = True, ""

    # ----------------------------------------------------------------- reminders

    def _next_reminder(self) -> kampanye.Reminder | None:
        for reminder in kampanye.reminder_schedule(self._state.deadline):
            if reminder.kind in self._state.reminders_done:
                continue
            # A reminder whose day had passed when the campaign started is not sent.
            passed = reminder.fire_at <= self._state.started_at
            if passed and reminder.kind != kampanye.KIND_DEADLINE:
                continue
            return reminder
        return None

    async def _send_reminders(self, kind: str) -> None:
        request = ReminderInput(
            campaign_id=self._state.campaign_id,
            nama=self._state.nama,
            kind=kind,
            deadline=self._state.deadline,
            coordinator_unit=self._state.coordinator_unit,
            occurred_at=workflow.now(),
        )
        await workflow.execute_activity(
            SEND_CAMPAIGN_REMINDERS,
            request,
            result_type=ReminderResult,
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=_PROJECTION_RETRY,
        )
        self._state.reminders_done.append(kind)

    def _has_work(self) -> bool:
        return (
            bool(self._state.pending)
            or self._state.close_requested
            or self._should_continue_as_new()
        )

    # ----------------------------------------------------------------- close

    async def _close(self) -> None:
        async with self._lock:
            self._state.closed_at = workflow.now()
            await self._record("kampanye_ditutup")
            await workflow.execute_activity(
                CLOSE_CAMPAIGN_REPORT,
                CloseReportInput(
                    campaign_id=self._state.campaign_id,
                    nama=self._state.nama,
                    coordinator_unit=self._state.coordinator_unit,
                    occurred_at=workflow.now(),
                ),
                start_to_close_timeout=timedelta(minutes=5),
                retry_policy=_PROJECTION_RETRY,
            )
            self._closed = True

    # ----------------------------------------------------------------- projection

    async def _ensure_registered(self) -> None:
        async with self._lock:
            if self._state.registered:
                return
            self._state.registered = True
            units = [
                CampaignUnitRecord(unit_code=u.code, penanggung_jawab=u.penanggung_jawab)
                for u in self._state.units.values()
            ]
            notes: list[NotificationRecord] = [
                start_notification(
                    u.code, u.penanggung_jawab.jabatan, self._state.nama, self._state.deadline
                )
                for u in self._state.units.values()
            ]
            await self._record("kampanye_dimulai", units=units, notifications=notes)

    async def _record(
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
        await workflow.execute_activity(
            RECORD_CAMPAIGN,
            record,
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=_PROJECTION_RETRY,
        )

    # ----------------------------------------------------------------- helpers

    @staticmethod
    def _initial_state(request: CampaignInput) -> CampaignState:
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

    def _should_continue_as_new(self) -> bool:
        return (
            workflow.info().is_continue_as_new_suggested()
            or self._updates >= self._input.max_updates_per_run
        )

    def _next_run_state(self) -> CampaignState:
        return self._state.model_copy(update={"run": self._state.run + 1}, deep=True)

    def _update_id(self) -> str | None:
        info = workflow.current_update_info()
        return info.id if info else None

    def _remember(self, key: str | None, result: SubmitResult) -> None:
        if key is None:
            return
        recent = self._state.recent_submissions
        recent[key] = result
        while len(recent) > RECENT_SUBMISSIONS_KEPT:
            del recent[next(iter(recent))]

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
            status="ditutup" if self._closed else "berjalan",
            run=state.run,
            units=len(state.units),
            rows=len(state.rows),
            rows_by_status=by_status,
            sops_started=started,
            sops_pending_start=self._pending_rows(),
            reminders_done=list(state.reminders_done),
        )


def sop_id_for(row_id: str) -> str:
    """The SOP id of a needs row: deterministic, so a retried start finds the same SOP."""
    return uuid.uuid5(SOP_ID_NAMESPACE, row_id).hex


def workflow_id_for(campaign_id: str) -> str:
    return f"campaign-{campaign_id}"
