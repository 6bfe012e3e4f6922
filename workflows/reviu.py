"""Review circulation of SopLifecycleWorkflow (Lampiran I 3.d.1).

The round lives in the workflow's state: parties, answers, deadline. Its timers are the
workflow's own (the run loop waits for the earliest of the review and monev moments), so a
deadline is kept even if no one opens the application for a week.
"""

from datetime import datetime, timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from sop.pemberitahuan import BAGIAN_ORGANISASI, NotificationRecord
    from sop.peran import Peran
    from sop.reviu import PENGINGAT_SEBELUM, RondeReviu, TugasReviu
    from sop.waktu import WITA
    from wire.penyusunan import (
        ReviewAnswerInput,
        ReviewAssignInput,
        RoundDecisionInput,
        SubmitReviewInput,
    )
    from wire.sop import SYSTEM_AKTOR, ActionResult, Aktor

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.penerapan_monev import PenerapanMonevHandlers

_REVIEWERS = frozenset({Peran.reviewer, Peran.koordinator})


class ReviuHandlers(PenerapanMonevHandlers):
    """Submit a version for review, answer, delegate, extend or close, and the deadline."""

    @workflow.update
    async def submit_review(self, request: SubmitReviewInput) -> ActionResult:
        """Circulate one saved version to every party at once, with a deadline."""
        now = workflow.now()
        batas = now + timedelta(days=request.batas_hari)
        nomor = self._state.penyusunan.ronde_terakhir + 1
        ronde = RondeReviu(
            nomor=nomor,
            versi=request.versi,
            dibuka=now,
            batas_waktu=batas,
            tugas=[TugasReviu(pihak=pihak) for pihak in request.pihak],
            # A round shorter than the reminder lead time gets no reminder.
            pengingat_terkirim=batas - PENGINGAT_SEBELUM <= now,
        )

        def apply() -> None:
            self._state.penyusunan.ronde = ronde
            self._state.penyusunan.ronde_terakhir = nomor
            self._state.penyusunan.simulasi = 0

        subject = f'Permintaan reviu draf SOP "{self._state.nama_sop}" versi {request.versi}'
        body = (
            f"Berikan jawaban setuju atau perlu perbaikan paling lambat "
            f"{self._local(batas):%d-%m-%Y %H:%M} WITA."
        )
        return await self._transition(
            "ajukan_reviu",
            request.aktor,
            f"Reviu ronde {nomor} atas draf versi {request.versi}, kepada "
            f"{', '.join(request.pihak)}; batas {self._local(batas):%d-%m-%Y}.",
            payload={"ronde": ronde.model_dump(mode="json")},
            dedicated=True,
            checks=lambda: self._check_submit(request),
            apply=apply,
            notifications=self._to_parties(request.pihak, "reviu", subject, body),
        )

    @submit_review.validator
    def _validate_submit_review(self, request: SubmitReviewInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        self._check_action("ajukan_reviu", dedicated=True, aktor=request.aktor)
        self._check_submit(request)

    def _check_submit(self, request: SubmitReviewInput) -> None:
        state = self._state
        problems = []
        if request.versi != state.current_version:
            problems.append(
                f"Yang diedarkan adalah draf tersimpan terakhir (versi {state.current_version}); "
                f"versi {request.versi} bukan draf terakhir."
            )
        elif state.penyusunan.pilihan_format_versi != request.versi:
            problems.append(
                "Format SOP untuk draf ini belum ditetapkan (Pasal 7); tetapkan format melalui "
                "POST .../format sebelum draf diedarkan."
            )
        if len(set(request.pihak)) != len(request.pihak):
            problems.append("Daftar pihak pereviu memuat unit yang sama lebih dari sekali.")
        self._refuse(problems)

    @workflow.update
    async def answer_review(self, request: ReviewAnswerInput) -> ActionResult:
        """A party answers setuju or perlu perbaikan; the last answer closes the round."""
        key = self._idempotency_key()
        if key in self._state.recent_results:
            return self._state.recent_results[key]
        async with self._lock:
            self._check_record("jawaban_reviu", request.aktor)
            self._check_answer(request)
            ronde = self._open_round(request.ronde)
            tugas = ronde.tugas_of(request.pihak)
            assert tugas is not None
            jawaban = request.jawaban
            tugas.keputusan = jawaban.keputusan
            tugas.komentar = list(jawaban.komentar)
            tugas.dijawab_oleh = request.aktor.nama
            payload = {
                "ronde": ronde.nomor,
                "versi": ronde.versi,
                "pihak": request.pihak,
                **jawaban.model_dump(mode="json"),
            }
            note = f"Jawaban reviu {request.pihak}: {jawaban.keputusan.value}."
            step = self._state.step
            result = await self._commit("jawaban_reviu", step, request.aktor, note, payload=payload)
            if not ronde.belum_menjawab():
                result = await self._close_round(ronde, "Semua pihak telah menjawab.")
            self._remember(key, result)
            return result

    @answer_review.validator
    def _validate_answer_review(self, request: ReviewAnswerInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        self._check_record("jawaban_reviu", request.aktor)
        self._check_answer(request)

    def _check_answer(self, request: ReviewAnswerInput) -> None:
        ronde = self._open_round(request.ronde)
        tugas = ronde.tugas_of(request.pihak)
        if tugas is None:
            self._refuse([f"Unit {request.pihak} bukan pihak pereviu pada ronde {ronde.nomor}."])
            return
        if tugas.keputusan is not None:
            self._refuse([f"Unit {request.pihak} sudah menjawab reviu ronde {ronde.nomor}."])
        if not self._may_answer(tugas, request.aktor):
            self._refuse([self._not_assignee(tugas)], kind="Forbidden")
        bad = [
            k.langkah
            for k in request.jawaban.komentar
            if k.langkah
            and self._state.penyusunan.draft
            and k.langkah > self._state.penyusunan.draft.jumlah_langkah
        ]
        if bad:
            self._refuse([f"Komentar menunjuk langkah yang tidak ada pada draf: {bad}."])

    @workflow.update
    async def assign_review(self, request: ReviewAssignInput) -> ActionResult:
        """The assignee delegates the task, or the coordinator reassigns it."""

        def apply() -> None:
            tugas = self._open_round(request.ronde).tugas_of(request.pihak)
            assert tugas is not None
            tugas.ditugaskan_kepada = request.kepada

        self._check_assign(request)
        note = f"Tugas reviu {request.pihak} dialihkan kepada {request.kepada_nama}."
        payload = request.model_dump(mode="json", exclude={"aktor"})
        return await self._record("delegasi_reviu", request.aktor, note, payload, apply)

    @assign_review.validator
    def _validate_assign_review(self, request: ReviewAssignInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        self._check_record("delegasi_reviu", request.aktor)
        self._check_assign(request)

    def _check_assign(self, request: ReviewAssignInput) -> None:
        tugas = self._open_round(request.ronde).tugas_of(request.pihak)
        if tugas is None or tugas.keputusan is not None:
            self._refuse([f"Tidak ada tugas reviu {request.pihak} yang belum dijawab."])
            return
        if not (self._may_answer(tugas, request.aktor) or self._is_coordinator(request.aktor)):
            self._refuse(
                ["Hanya penerima tugas reviu atau koordinator yang dapat mengalihkannya."],
                kind="Forbidden",
            )

    @workflow.update
    async def decide_round(self, request: RoundDecisionInput) -> ActionResult:
        """The coordinator extends the round or closes it (usually after the deadline)."""
        key = self._idempotency_key()
        if key in self._state.recent_results:
            return self._state.recent_results[key]
        async with self._lock:
            self._check_record("perpanjangan_reviu", request.aktor)
            self._check_decide(request)
            ronde = self._open_round(request.ronde)
            if request.keputusan == "tutup":
                silent = ronde.belum_menjawab()
                note = "Ronde ditutup oleh koordinator" + (
                    f"; tidak menjawab: {', '.join(silent)}." if silent else "."
                )
                result = await self._close_round(ronde, note, request.aktor)
            else:
                start = max(ronde.batas_waktu, workflow.now())
                ronde.batas_waktu = start + timedelta(days=request.tambah_hari)
                ronde.status = "berjalan"
                ronde.pengingat_terkirim = ronde.batas_waktu - PENGINGAT_SEBELUM <= workflow.now()
                note = f"Batas reviu diperpanjang sampai {self._local(ronde.batas_waktu):%d-%m-%Y}."
                payload = {"ronde": ronde.nomor, "batas_waktu": ronde.batas_waktu.isoformat()}
                result = await self._commit(
                    "perpanjangan_reviu", self._state.step, request.aktor, note, payload=payload
                )
            self._remember(key, result)
            return result

    @decide_round.validator
    def _validate_decide_round(self, request: RoundDecisionInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        self._check_record("perpanjangan_reviu", request.aktor)
        self._check_decide(request)

    def _check_decide(self, request: RoundDecisionInput) -> None:
        self._open_round(request.ronde)
        if not self._is_coordinator(request.aktor):
            self._refuse(
                ["Hanya koordinator penyusunan SOP yang dapat memperpanjang atau menutup reviu."],
                kind="Forbidden",
            )

    # ----------------------------------------------------------------- round helpers

    def _open_round(self, nomor: int) -> RondeReviu:
        ronde = self._state.penyusunan.ronde
        if ronde is None or ronde.nomor != nomor or ronde.status == "selesai":
            self._refuse([f"Tidak ada ronde reviu {nomor} yang sedang berjalan."])
        assert ronde is not None
        return ronde

    def _may_answer(self, tugas: TugasReviu, aktor: Aktor) -> bool:
        if tugas.ditugaskan_kepada is not None:
            return aktor.username == tugas.ditugaskan_kepada
        return aktor.unit == tugas.pihak and bool(_REVIEWERS & set(aktor.peran))

    def _not_assignee(self, tugas: TugasReviu) -> str:
        if tugas.ditugaskan_kepada is not None:
            return f"Tugas reviu unit {tugas.pihak} telah dialihkan kepada pengguna lain."
        return f"Reviu unit {tugas.pihak} dijawab oleh pereviu dari unit {tugas.pihak}."

    def _is_coordinator(self, aktor: Aktor) -> bool:
        return Peran.koordinator in aktor.peran and aktor.unit in (
            BAGIAN_ORGANISASI,
            self._state.unit_code,
        )

    async def _close_round(
        self, ronde: RondeReviu, note: str, aktor: Aktor = SYSTEM_AKTOR
    ) -> ActionResult:
        """End the round (under the lock). Changes asked by anyone send the draft back."""
        ronde.status = "selesai"
        ronde.hasil = ronde.hasil_sekarang()
        silent = ronde.belum_menjawab()
        if ronde.hasil == "disetujui":
            payload = {
                "ronde": ronde.nomor,
                "versi": ronde.versi,
                "hasil": ronde.hasil,
                "tidak_menjawab": silent,
            }
            note = f"Reviu ronde {ronde.nomor} selesai: disetujui. {note}"
            return await self._commit(
                "reviu_selesai", self._state.step, aktor, note, payload=payload
            )
        komentar = [
            {"pihak": t.pihak, "langkah": k.langkah, "teks": k.teks}
            for t in ronde.tugas
            for k in t.komentar
        ]
        from_step = self._state.step
        self._state.step = lifecycle.apply(from_step, "perbaiki_tulisan")
        payload = {
            "ronde": ronde.nomor,
            "versi": ronde.versi,
            "hasil": ronde.hasil,
            "tidak_menjawab": silent,
            "komentar": komentar,
        }
        subject = f'Draf SOP "{self._state.nama_sop}" perlu perbaikan hasil reviu'
        notes = self._to_parties(
            [self._state.unit_code],
            "hasil_reviu",
            subject,
            f"{len(komentar)} komentar dari ronde {ronde.nomor}.",
        )
        return await self._commit(
            "perbaiki_tulisan",
            from_step,
            aktor,
            f"Reviu ronde {ronde.nomor} meminta perbaikan; {len(komentar)} komentar. {note}",
            payload=payload,
            notifications=notes,
        )

    # ----------------------------------------------------------------- timer

    def _review_wake(self) -> datetime | None:
        ronde = self._state.penyusunan.ronde
        if ronde is None or ronde.status != "berjalan" or self._state.step != "pengujian_reviu":
            return None
        if not ronde.pengingat_terkirim and ronde.belum_menjawab():
            return ronde.batas_waktu - PENGINGAT_SEBELUM
        return ronde.batas_waktu

    async def _on_review_timer(self) -> None:
        """Remind silent parties 2 days before the deadline; at it, tell the coordinator."""
        async with self._lock:
            ronde = self._state.penyusunan.ronde
            wake = self._review_wake()
            now = workflow.now()
            if ronde is None or wake is None or now < wake:
                return
            silent = ronde.belum_menjawab()
            step = self._state.step
            if now >= ronde.batas_waktu:
                ronde.status = "lewat_batas"
                ronde.pengingat_terkirim = True
                subject = (
                    f'Batas reviu draf SOP "{self._state.nama_sop}" terlewati; '
                    f"belum menjawab: {', '.join(silent)}"
                )
                body = "Perpanjang atau tutup ronde reviu ini melalui Siklus SOP."
                recipients = list(dict.fromkeys([BAGIAN_ORGANISASI, self._state.unit_code]))
                await self._commit(
                    "batas_reviu_lewat",
                    step,
                    SYSTEM_AKTOR,
                    subject,
                    payload={"ronde": ronde.nomor, "tidak_menjawab": silent},
                    notifications=self._to_parties(recipients, "batas_reviu", subject, body),
                )
                return
            ronde.pengingat_terkirim = True
            subject = f'Pengingat: reviu draf SOP "{self._state.nama_sop}" belum dijawab'
            body = f"Batas waktu {self._local(ronde.batas_waktu):%d-%m-%Y %H:%M} WITA."
            await self._commit(
                "pengingat_reviu",
                step,
                SYSTEM_AKTOR,
                f"{subject}; dikirim kepada {', '.join(silent)}.",
                payload={"ronde": ronde.nomor, "kepada": silent},
                notifications=self._to_parties(silent, "pengingat_reviu", subject, body),
            )

    def _to_parties(
        self, units: list[str], kind: str, subject: str, body: str
    ) -> list[NotificationRecord]:
        return [
            NotificationRecord(recipient_unit=unit, kind=kind, subject=subject, body=body)
            for unit in units
        ]

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(WITA)
