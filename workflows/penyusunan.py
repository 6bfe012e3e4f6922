"""The penyusunan records of SopLifecycleWorkflow (Lampiran I 3, Pasal 7, 9 and 11)."""

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sop import simulasi
    from sop.document import SopDocument
    from sop.organisasi import JenisUnit, check_lingkup
    from sop.pasal7 import rekomendasi_format
    from sop.pasal9 import (
        KonteksSyarat,
        SyaratGagal,
        ada_keterkaitan,
        syarat_dokumen,
        syarat_konteks,
        urutkan,
    )
    from sop.pasal11 import pejabat_pengesah
    from sop.penyusunan import format_problem
    from sop.peristiwa import Peristiwa as P
    from sop.validation import validate_procedure
    from sop.wewenang import pengesah_refusal
    from wire.payloads import (
        FormatPayload,
        HasilSimulasiPayload,
        PengembalianPayload,
        PengesahanPayload,
        SimulasiPayload,
    )
    from wire.penyusunan import (
        AlternatifInput,
        FormatInput,
        InformasiInput,
        KonteksInput,
        PengesahanInput,
        SimulationInput,
    )
    from wire.penyusunan_state import DraftFacts, Pengesahan
    from wire.projection import DocumentVersionRecord
    from wire.sop import ActionResult, SaveDraftInput, SopState

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.guard import Guard
from workflows.ledger import Ledger


class Penyusunan:
    """Records how an SOP is drafted, tested and signed: information gathering, the chosen
    alternative, the drafting context, each saved draft, the format choice, simulations and
    the pengesahan. The review circulation is ``workflows.reviu.ReviewRound``.

    A saved draft is read once, when it is saved (``DraftFacts``): later rules (Pasal 7 and
    9, the steps a simulation or a comment may name) use those facts, so the workflow never
    keeps or reloads the document itself.
    """

    def __init__(self, state: SopState, ledger: Ledger, guard: Guard) -> None:
        self._state = state
        self._ledger = ledger
        self._guard = guard

    # Lampiran I 3.a-3.b ------------------------------------------------------------

    def check_information(self, request: InformasiInput) -> None:
        self._guard.check_record(P.catatan_informasi, request.aktor)

    async def record_information(self, request: InformasiInput) -> ActionResult:
        catatan = request.catatan
        note = f"Pengumpulan informasi ({catatan.teknik.value}) {catatan.tanggal:%d-%m-%Y}."
        async with self._ledger.lock:
            self.check_information(request)
            self._state.penyusunan.informasi += 1
            payload = catatan.model_dump(mode="json")
            return await self._ledger.record(P.catatan_informasi, request.aktor, note, payload)

    def check_alternative(self, request: AlternatifInput) -> None:
        self._guard.check_action(P.pilih_alternatif, request.aktor, dedicated=True)

    async def choose_alternative(self, request: AlternatifInput) -> ActionResult:
        pilihan = request.pilihan
        note = f"Alternatif dipilih: {pilihan.alternatif.value}. {pilihan.alasan}"
        async with self._ledger.lock:
            self.check_alternative(request)
            self._state.penyusunan.alternatif = pilihan
            payload = pilihan.model_dump(mode="json")
            return await self._ledger.move(P.pilih_alternatif, request.aktor, note, payload)

    def check_context(self, request: KonteksInput) -> None:
        self._guard.check_record(P.konteks_penyusunan, request.aktor)
        if self._state.unit_jenis:
            try:
                lingkup = request.hasil(self._state.penyusunan.konteks).lingkup
                check_lingkup(JenisUnit(self._state.unit_jenis), lingkup)
            except ValueError as err:
                self._guard.refuse([f"Lingkup SOP tidak sesuai: {err}."], kind="InvalidInput")

    async def set_context(self, request: KonteksInput) -> ActionResult:
        async with self._ledger.lock:
            # The scope rule reads only the unit's type, which no update changes.
            self._guard.check_record(P.konteks_penyusunan, request.aktor)
            # Merged here, under the lock, so two changes never overwrite each other's fields.
            before = self._state.penyusunan.konteks
            konteks = request.hasil(before)
            note = ""
            # A whole context (the older input) keeps its empty note, as its histories recorded.
            if request.perubahan is not None and konteks.lingkup is not before.lingkup:
                note = f"Lingkup diubah dari {before.lingkup.value} ke {konteks.lingkup.value}."
            self._state.penyusunan.konteks = konteks
            payload = konteks.model_dump(mode="json")
            return await self._ledger.record(P.konteks_penyusunan, request.aktor, note, payload)

    # Drafts and Pasal 7 ------------------------------------------------------------

    def check_draft(self, request: SaveDraftInput) -> None:
        self._guard.check_save_draft(request.aktor)
        self._guard.refuse(self._nomor_problems(request.document))

    async def save_draft(self, request: SaveDraftInput) -> ActionResult:
        async with self._ledger.lock:
            self.check_draft(request)
            state = self._state
            version = (state.current_version or 0) + 1
            doc = DocumentVersionRecord(
                version=version,
                revision=state.revision,
                content=request.document.model_dump(mode="json"),
                content_hash=request.document.content_hash(),
                saved_by=request.aktor.nama,
            )
            state.current_version = version
            state.current_hash = doc.content_hash
            state.penyusunan.draft = self._draft_facts(request.document, version)
            return await self._ledger.commit(
                P.simpan_draf, state.step, request.aktor, request.note, doc
            )

    def check_format(self, request: FormatInput) -> None:
        self._guard.check_record(P.pilihan_format, request.aktor)
        draft = self._state.penyusunan.draft
        if draft is None:
            self._guard.refuse(["Belum ada draf tersimpan; simpan draf terlebih dahulu."])
            return
        problem = format_problem(request.pilihan, draft.format, draft.rekomendasi_format)
        self._guard.refuse([problem] if problem else [])

    async def choose_format(self, request: FormatInput) -> ActionResult:
        """Pasal 7: the drafter confirms the recommended format or overrides it."""
        pilihan = request.pilihan
        draft = self._state.penyusunan.draft
        assert draft is not None  # the validator refused otherwise
        payload = FormatPayload(
            **dict(pilihan),
            versi=draft.versi,
            rekomendasi=draft.rekomendasi_format,
            rekomendasi_alasan=draft.rekomendasi_alasan,
            mengikuti_rekomendasi=pilihan.format is draft.rekomendasi_format,
        ).model_dump(mode="json")
        note = f"Format {pilihan.format.value} ditetapkan untuk draf versi {draft.versi}."
        async with self._ledger.lock:
            self._guard.check_record(P.pilihan_format, request.aktor)
            self._state.penyusunan.pilihan_format = pilihan
            self._state.penyusunan.pilihan_format_versi = self._state.current_version
            return await self._ledger.record(P.pilihan_format, request.aktor, note, payload)

    def _draft_facts(self, document: SopDocument, versi: int) -> DraftFacts:
        """Learn from a saved draft what later rules need (Pasal 7 and 9)."""
        rekomendasi = rekomendasi_format(document)
        struktur = [
            f"langkah {m.langkah}: {m.pesan}" if m.langkah else m.pesan
            for m in validate_procedure(document)
            if m.tingkat == "galat"
        ]
        nomor = document.identitas.nomor_sop
        return DraftFacts(
            versi=versi,
            format=document.format,
            rekomendasi_format=rekomendasi.format,
            rekomendasi_alasan=rekomendasi.alasan,
            jumlah_langkah=len(document.langkah),
            nomor_sop=str(nomor) if nomor else None,
            syarat_dokumen=syarat_dokumen(document, struktur),
            ada_keterkaitan=ada_keterkaitan(document),
        )

    def _nomor_problems(self, document: SopDocument) -> list[str]:
        """A revision keeps the SOP's number (Lampiran II.C item 3)."""
        nomor = document.identitas.nomor_sop
        if self._state.nomor_sop and nomor and str(nomor) != self._state.nomor_sop:
            return [
                f"Revisi SOP tetap memakai nomor {self._state.nomor_sop}; draf ini bernomor "
                f"{nomor}."
            ]
        return []

    # Lampiran I 3.d.2-3 and Pasal 9 ------------------------------------------------

    def check_simulation(self, request: SimulationInput) -> None:
        event = simulasi.EVENT_HASIL[request.catatan.hasil]
        if event is None:
            self._guard.check_record(P.catatan_simulasi, request.aktor)
        else:
            self._guard.check_action(event, request.aktor, dedicated=True)
        self._check_simulated_version(request)

    def _check_simulated_version(self, request: SimulationInput) -> None:
        penyusunan = self._state.penyusunan
        ronde = penyusunan.ronde
        if (
            ronde is None
            or ronde.versi != self._state.current_version
            or ronde.hasil != "disetujui"
        ):
            self._guard.refuse(
                [
                    "Simulasi dilakukan setelah draf yang sama selesai direviu dan disetujui "
                    "para pihak (Lampiran I 3.d.1-2)."
                ]
            )
        draft = penyusunan.draft
        assert draft is not None
        self._guard.refuse(
            simulasi.langkah_problems(draft.versi, draft.jumlah_langkah, request.catatan)
        )
        if request.catatan.hasil is simulasi.HasilSimulasi.lanjut_pengesahan:
            self._guard.refuse([g.teks for g in self._syarat_problems()])

    async def record_simulation(self, request: SimulationInput) -> ActionResult:
        """One simulation; its outcome may move the SOP on or back."""
        catatan = request.catatan
        event = simulasi.EVENT_HASIL[catatan.hasil]
        record = SimulasiPayload(versi=self._state.current_version, **dict(catatan))
        note = f"Simulasi {catatan.tanggal:%d-%m-%Y}: {catatan.temuan}"
        async with self._ledger.lock:
            if event is None:
                self._guard.check_record(P.catatan_simulasi, request.aktor)
                self._state.penyusunan.simulasi += 1
                payload = record.model_dump(mode="json")
                return await self._ledger.record(P.catatan_simulasi, request.aktor, note, payload)
            self.check_simulation(request)
            self._state.penyusunan.simulasi += 1
            nested = HasilSimulasiPayload(simulasi=record).model_dump(mode="json")
            return await self._ledger.move(P(event), request.aktor, note, nested)

    def _syarat_problems(self) -> list[SyaratGagal]:
        """Every unmet Pasal 9 requirement of the version under review.

        Items a and c and the structure were read from the document when it was saved
        (``DraftFacts``); b, d and e depend on the drafting context too, so they are read now.
        """
        state = self._state
        draft = state.penyusunan.draft
        konteks = state.penyusunan.konteks
        assert draft is not None
        context = KonteksSyarat(
            tugas_pokok_fungsi=konteks.tugas_pokok_fungsi,
            kebutuhan_id=state.kebutuhan_id or konteks.identifikasi_kebutuhan,
            keterkaitan_dipertimbangkan=konteks.tidak_ada_keterkaitan,
        )
        return urutkan(draft.syarat_dokumen + syarat_konteks(context, draft.ada_keterkaitan))

    # Pasal 11 ----------------------------------------------------------------------

    def check_pengesahan(self, request: PengesahanInput) -> None:
        state = self._state
        aktor = request.aktor
        event = P.sahkan if request.keputusan == "sahkan" else P.kembalikan_ke_penulisan
        # Pasal 11 is authority: judged with the roles, before the chart.
        refusal = pengesah_refusal(
            state.unit_jenis,
            state.penyusunan.konteks.lingkup,
            state.unit_code,
            aktor.kode_jabatan,
            aktor.unit,
        )
        self._guard.check_action(event, aktor, dedicated=True, refusal=refusal)
        problems = []
        if request.keputusan == "sahkan":
            if not request.nomor_keputusan or request.tanggal_keputusan is None:
                problems.append("Isi nomor dan tanggal keputusan yang menetapkan SOP ini.")
        elif not request.alasan.strip():
            problems.append("Tuliskan alasan pengembalian agar penyusun dapat memperbaikinya.")
        self._guard.refuse(problems)

    async def decide_pengesahan(self, request: PengesahanInput) -> ActionResult:
        """The competent official signs the version, or returns it with reasons."""
        aktor = request.aktor
        if request.keputusan == "kembalikan":
            payload = PengembalianPayload(alasan=request.alasan).model_dump(mode="json")
            async with self._ledger.lock:
                self.check_pengesahan(request)
                return await self._ledger.move(
                    P.kembalikan_ke_penulisan, aktor, request.alasan, payload
                )
        payload = PengesahanPayload(
            versi=self._state.current_version,
            revisi=self._state.revision,
            nomor_keputusan=request.nomor_keputusan,
            tanggal_keputusan=request.tanggal_keputusan,
            pejabat=aktor.nama,
            jabatan=aktor.jabatan,
            penugasan=aktor.penugasan,
        ).model_dump(mode="json")
        note = f"Ditetapkan dengan keputusan nomor {request.nomor_keputusan}."
        async with self._ledger.lock:
            self.check_pengesahan(request)
            self._apply_pengesahan(request)
            return await self._ledger.move(P.sahkan, aktor, note, payload)

    def _apply_pengesahan(self, request: PengesahanInput) -> None:
        state = self._state
        assert request.nomor_keputusan and request.tanggal_keputusan
        assert state.unit_jenis is not None  # Pasal 11 refused the decision otherwise
        pejabat = pejabat_pengesah(JenisUnit(state.unit_jenis), state.penyusunan.konteks.lingkup)
        state.pengesahan = Pengesahan(
            versi=state.current_version or 0,
            revisi=state.revision,
            nomor_keputusan=request.nomor_keputusan,
            tanggal_keputusan=request.tanggal_keputusan,
            pejabat_nama=request.aktor.nama,
            pejabat_jabatan=request.aktor.jabatan,
            dasar=f"{pejabat.keputusan}, {pejabat.dasar}",
        )
        if state.tanggal_pengesahan is None:
            state.tanggal_pengesahan = request.tanggal_keputusan
        else:
            state.tanggal_revisi = request.tanggal_keputusan
        draft = state.penyusunan.draft
        if draft and draft.nomor_sop:
            state.nomor_sop = draft.nomor_sop
