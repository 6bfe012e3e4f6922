"""The review round of SopLifecycleWorkflow (Lampiran I 3.d.1)."""

from datetime import datetime, timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from sop.organisasi import BAGIAN_ORGANISASI
    from sop.pemberitahuan import to_units
    from sop.peristiwa import Peristiwa as P
    from sop.reviu import PENGINGAT_SEBELUM, RondeReviu, TugasReviu
    from sop.waktu import WITA
    from sop.wewenang import answer_refusal, assign_refusal, round_decision_refusal
    from wire.payloads import (
        BatasReviuPayload,
        DelegasiReviuPayload,
        JawabanReviuPayload,
        KomentarPihak,
        PengajuanReviuPayload,
        PengingatReviuPayload,
        PerbaikanReviuPayload,
        PerpanjanganReviuPayload,
        ReviuSelesaiPayload,
    )
    from wire.penyusunan import (
        ReviewAnswerInput,
        ReviewAssignInput,
        RoundDecisionInput,
        SubmitReviewInput,
    )
    from wire.sop import SYSTEM_AKTOR, ActionResult, Aktor, SopState

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.guard import Guard
from workflows.ledger import Ledger


class ReviewRound:
    """Circulates one saved version to every party at once, collects the answers, keeps the
    deadline and closes the round.

    The round lives in the carried state (``state.penyusunan.ronde``): parties, answers,
    deadline. Its timer is the workflow's own (the run loop waits for the earliest wake-up of
    all parts, ``next_wake``), so a deadline is kept even if no one opens the application for
    a week. Each ``check_*`` is the validator of an update and runs again under the lock in
    its handler.
    """

    def __init__(self, state: SopState, ledger: Ledger, guard: Guard) -> None:
        self._state = state
        self._ledger = ledger
        self._guard = guard

    # ----------------------------------------------------------------- submit

    def check_submit(self, request: SubmitReviewInput) -> None:
        self._guard.check_action(P.ajukan_reviu, request.aktor, dedicated=True)
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
        self._guard.refuse(problems)

    async def submit(self, request: SubmitReviewInput) -> ActionResult:
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
        subject = f'Permintaan reviu draf SOP "{self._state.nama_sop}" versi {request.versi}'
        body = (
            f"Berikan jawaban setuju atau perlu perbaikan paling lambat "
            f"{_local(batas):%d-%m-%Y %H:%M} WITA."
        )
        note = (
            f"Reviu ronde {nomor} atas draf versi {request.versi}, kepada "
            f"{', '.join(request.pihak)}; batas {_local(batas):%d-%m-%Y}."
        )
        payload = PengajuanReviuPayload(ronde=ronde).model_dump(mode="json")
        async with self._ledger.lock:
            self.check_submit(request)
            penyusunan = self._state.penyusunan
            penyusunan.ronde = ronde
            penyusunan.ronde_terakhir = nomor
            penyusunan.simulasi = 0
            return await self._ledger.move(
                P.ajukan_reviu,
                request.aktor,
                note,
                payload,
                notifications=to_units(request.pihak, "reviu", subject, body),
            )

    # ----------------------------------------------------------------- answer

    def check_answer(self, request: ReviewAnswerInput) -> None:
        self._guard.check_record(P.jawaban_reviu, request.aktor)
        ronde = self._open_round(request.ronde)
        tugas = ronde.tugas_of(request.pihak)
        if tugas is None:
            self._guard.refuse(
                [f"Unit {request.pihak} bukan pihak pereviu pada ronde {ronde.nomor}."]
            )
            return
        if tugas.keputusan is not None:
            self._guard.refuse([f"Unit {request.pihak} sudah menjawab reviu ronde {ronde.nomor}."])
        aktor = request.aktor
        refusal = answer_refusal(tugas, aktor.peran, aktor.unit, aktor.username)
        self._guard.refuse([refusal] if refusal else [], kind="Forbidden")
        draft = self._state.penyusunan.draft
        bad = [
            k.langkah
            for k in request.jawaban.komentar
            if k.langkah and draft and k.langkah > draft.jumlah_langkah
        ]
        if bad:
            self._guard.refuse([f"Komentar menunjuk langkah yang tidak ada pada draf: {bad}."])

    async def answer(self, request: ReviewAnswerInput) -> ActionResult:
        """A party answers setuju or perlu perbaikan; the last answer closes the round."""
        async with self._ledger.lock:
            self.check_answer(request)
            ronde = self._open_round(request.ronde)
            tugas = ronde.tugas_of(request.pihak)
            assert tugas is not None
            jawaban = request.jawaban
            tugas.keputusan = jawaban.keputusan
            tugas.komentar = list(jawaban.komentar)
            tugas.dijawab_oleh = request.aktor.nama
            payload = JawabanReviuPayload(
                ronde=ronde.nomor, versi=ronde.versi, pihak=request.pihak, **dict(jawaban)
            ).model_dump(mode="json")
            note = f"Jawaban reviu {request.pihak}: {jawaban.keputusan.value}."
            result = await self._ledger.record(P.jawaban_reviu, request.aktor, note, payload)
            if not ronde.belum_menjawab():
                result = await self._close(ronde, "Semua pihak telah menjawab.")
            return result

    # ----------------------------------------------------------------- assign

    def check_assign(self, request: ReviewAssignInput) -> None:
        self._guard.check_record(P.delegasi_reviu, request.aktor)
        tugas = self._open_round(request.ronde).tugas_of(request.pihak)
        if tugas is None or tugas.keputusan is not None:
            self._guard.refuse([f"Tidak ada tugas reviu {request.pihak} yang belum dijawab."])
            return
        aktor = request.aktor
        refusal = assign_refusal(
            tugas, aktor.peran, aktor.unit, aktor.username, self._state.unit_code
        )
        self._guard.refuse([refusal] if refusal else [], kind="Forbidden")

    async def assign(self, request: ReviewAssignInput) -> ActionResult:
        """The assignee delegates the task, or the coordinator reassigns it."""
        note = f"Tugas reviu {request.pihak} dialihkan kepada {request.kepada_nama}."
        payload = DelegasiReviuPayload(
            ronde=request.ronde,
            pihak=request.pihak,
            kepada=request.kepada,
            kepada_nama=request.kepada_nama,
        ).model_dump(mode="json")
        async with self._ledger.lock:
            self.check_assign(request)
            tugas = self._open_round(request.ronde).tugas_of(request.pihak)
            assert tugas is not None
            tugas.ditugaskan_kepada = request.kepada
            return await self._ledger.record(P.delegasi_reviu, request.aktor, note, payload)

    # ----------------------------------------------------------------- decide

    def check_decide(self, request: RoundDecisionInput) -> None:
        aktor = request.aktor
        # The role first (any reviewer-side role may ask), then the round, then whether this
        # actor coordinates it: a round that does not exist is a 409 for everyone.
        self._guard.check_record(P.perpanjangan_reviu, aktor)
        self._open_round(request.ronde)
        refusal = round_decision_refusal(aktor.peran, aktor.unit, self._state.unit_code)
        self._guard.refuse([refusal] if refusal else [], kind="Forbidden")

    async def decide(self, request: RoundDecisionInput) -> ActionResult:
        """The coordinator extends the round or closes it (usually after the deadline)."""
        async with self._ledger.lock:
            self.check_decide(request)
            ronde = self._open_round(request.ronde)
            if request.keputusan == "tutup":
                silent = ronde.belum_menjawab()
                note = "Ronde ditutup oleh koordinator" + (
                    f"; tidak menjawab: {', '.join(silent)}." if silent else "."
                )
                return await self._close(ronde, note, request.aktor)
            start = max(ronde.batas_waktu, workflow.now())
            ronde.batas_waktu = start + timedelta(days=request.tambah_hari)
            ronde.status = "berjalan"
            ronde.pengingat_terkirim = ronde.batas_waktu - PENGINGAT_SEBELUM <= workflow.now()
            note = f"Batas reviu diperpanjang sampai {_local(ronde.batas_waktu):%d-%m-%Y}."
            payload = PerpanjanganReviuPayload(
                ronde=ronde.nomor, batas_waktu=ronde.batas_waktu
            ).model_dump(mode="json")
            return await self._ledger.record(P.perpanjangan_reviu, request.aktor, note, payload)

    # ----------------------------------------------------------------- the round's end

    def _open_round(self, nomor: int) -> RondeReviu:
        ronde = self._state.penyusunan.ronde
        if ronde is None or ronde.nomor != nomor or ronde.status == "selesai":
            self._guard.refuse([f"Tidak ada ronde reviu {nomor} yang sedang berjalan."])
        assert ronde is not None
        return ronde

    async def _close(
        self, ronde: RondeReviu, note: str, aktor: Aktor = SYSTEM_AKTOR
    ) -> ActionResult:
        """End the round (under the lock). Changes asked by anyone send the draft back."""
        ronde.status = "selesai"
        ronde.hasil = ronde.hasil_sekarang()
        silent = ronde.belum_menjawab()
        if ronde.hasil == "disetujui":
            payload = ReviuSelesaiPayload(
                ronde=ronde.nomor, versi=ronde.versi, hasil=ronde.hasil, tidak_menjawab=silent
            ).model_dump(mode="json")
            note = f"Reviu ronde {ronde.nomor} selesai: disetujui. {note}"
            return await self._ledger.record(P.reviu_selesai, aktor, note, payload)
        komentar = [
            KomentarPihak(pihak=t.pihak, langkah=k.langkah, teks=k.teks)
            for t in ronde.tugas
            for k in t.komentar
        ]
        from_step = self._state.step
        # The round's result moves the chart by itself: not a person's action, no guard.
        self._state.step = lifecycle.apply(from_step, P.perbaiki_tulisan)
        payload = PerbaikanReviuPayload(
            ronde=ronde.nomor,
            versi=ronde.versi,
            hasil=ronde.hasil,
            tidak_menjawab=silent,
            komentar=komentar,
        ).model_dump(mode="json")
        subject = f'Draf SOP "{self._state.nama_sop}" perlu perbaikan hasil reviu'
        notes = to_units(
            [self._state.unit_code],
            "hasil_reviu",
            subject,
            f"{len(komentar)} komentar dari ronde {ronde.nomor}.",
        )
        return await self._ledger.commit(
            P.perbaiki_tulisan,
            from_step,
            aktor,
            f"Reviu ronde {ronde.nomor} meminta perbaikan; {len(komentar)} komentar. {note}",
            payload=payload,
            notifications=notes,
        )

    # ----------------------------------------------------------------- timer

    def next_wake(self) -> datetime | None:
        """The reminder moment, then the deadline, of the running round."""
        ronde = self._state.penyusunan.ronde
        if ronde is None or ronde.status != "berjalan" or self._state.step != "pengujian_reviu":
            return None
        if not ronde.pengingat_terkirim and ronde.belum_menjawab():
            return ronde.batas_waktu - PENGINGAT_SEBELUM
        return ronde.batas_waktu

    async def on_timer(self) -> None:
        """Remind silent parties 2 days before the deadline; at it, tell the coordinator."""
        async with self._ledger.lock:
            ronde = self._state.penyusunan.ronde
            wake = self.next_wake()
            now = workflow.now()
            if ronde is None or wake is None or now < wake:
                return
            silent = ronde.belum_menjawab()
            ronde.pengingat_terkirim = True
            if now >= ronde.batas_waktu:
                ronde.status = "lewat_batas"
                subject = (
                    f'Batas reviu draf SOP "{self._state.nama_sop}" terlewati; '
                    f"belum menjawab: {', '.join(silent)}"
                )
                body = "Perpanjang atau tutup ronde reviu ini melalui Siklus SOP."
                recipients = list(dict.fromkeys([BAGIAN_ORGANISASI, self._state.unit_code]))
                payload = BatasReviuPayload(ronde=ronde.nomor, tidak_menjawab=silent)
                await self._ledger.record(
                    P.batas_reviu_lewat,
                    SYSTEM_AKTOR,
                    subject,
                    payload.model_dump(mode="json"),
                    notifications=to_units(recipients, "batas_reviu", subject, body),
                )
                return
            subject = f'Pengingat: reviu draf SOP "{self._state.nama_sop}" belum dijawab'
            body = f"Batas waktu {_local(ronde.batas_waktu):%d-%m-%Y %H:%M} WITA."
            reminder = PengingatReviuPayload(ronde=ronde.nomor, kepada=silent)
            await self._ledger.record(
                P.pengingat_reviu,
                SYSTEM_AKTOR,
                f"{subject}; dikirim kepada {', '.join(silent)}.",
                reminder.model_dump(mode="json"),
                notifications=to_units(silent, "pengingat_reviu", subject, body),
            )


def _local(moment: datetime) -> datetime:
    return moment.astimezone(WITA)
