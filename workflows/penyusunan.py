"""Penyusunan handlers of SopLifecycleWorkflow (Lampiran I 3, Pasal 7, 9 and 11).

Information gathering, the chosen alternative, the drafting context, the format choice, the
simulations and the pengesahan. The review circulation is in ``workflows.reviu``.
"""

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
    from sop.validation import validate_procedure
    from sop.wewenang import pengesah_refusal
    from wire.penyusunan import (
        AlternatifInput,
        FormatInput,
        InformasiInput,
        KonteksInput,
        PengesahanInput,
        SimulationInput,
    )
    from wire.penyusunan_state import DraftFacts, Pengesahan
    from wire.sop import ActionResult

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.reviu import ReviuHandlers


class PenyusunanHandlers(ReviuHandlers):
    """Updates that record how an SOP is drafted, tested and signed."""

    # Lampiran I 3.a-3.b ------------------------------------------------------------

    @workflow.update
    async def record_information(self, request: InformasiInput) -> ActionResult:
        """Lampiran I 3.a: one use of an information-gathering technique."""
        catatan = request.catatan

        def apply() -> None:
            self._state.penyusunan.informasi += 1

        note = f"Pengumpulan informasi ({catatan.teknik.value}) {catatan.tanggal:%d-%m-%Y}."
        payload = catatan.model_dump(mode="json")
        return await self._record("catatan_informasi", request.aktor, note, payload, apply)

    @record_information.validator
    def _validate_record_information(self, request: InformasiInput) -> None:
        self._check_record("catatan_informasi", request.aktor)

    @workflow.update
    async def choose_alternative(self, request: AlternatifInput) -> ActionResult:
        """Lampiran I 3.b: the analysis ends in one chosen alternative."""
        pilihan = request.pilihan

        def apply() -> None:
            self._state.penyusunan.alternatif = pilihan

        return await self._transition(
            "pilih_alternatif",
            request.aktor,
            f"Alternatif dipilih: {pilihan.alternatif.value}. {pilihan.alasan}",
            payload=pilihan.model_dump(mode="json"),
            dedicated=True,
            apply=apply,
        )

    @choose_alternative.validator
    def _validate_choose_alternative(self, request: AlternatifInput) -> None:
        if self._idempotency_key() not in self._state.recent_results:
            self._check_action("pilih_alternatif", dedicated=True, aktor=request.aktor)

    @workflow.update
    async def set_context(self, request: KonteksInput) -> ActionResult:
        """Scope and context of the SOP (Pasal 8, 9 and 11), while it is being drafted."""

        def apply() -> None:
            self._state.penyusunan.konteks = request.konteks

        payload = request.konteks.model_dump(mode="json")
        return await self._record("konteks_penyusunan", request.aktor, "", payload, apply)

    @set_context.validator
    def _validate_set_context(self, request: KonteksInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        self._check_record("konteks_penyusunan", request.aktor)
        if self._state.unit_jenis:
            try:
                check_lingkup(JenisUnit(self._state.unit_jenis), request.konteks.lingkup)
            except ValueError as err:
                self._refuse([f"Lingkup SOP tidak sesuai: {err}."])

    # Pasal 7 -----------------------------------------------------------------------

    @workflow.update
    async def choose_format(self, request: FormatInput) -> ActionResult:
        """Pasal 7: the drafter confirms the recommended format or overrides it."""
        pilihan = request.pilihan
        draft = self._state.penyusunan.draft

        def apply() -> None:
            self._state.penyusunan.pilihan_format = pilihan
            self._state.penyusunan.pilihan_format_versi = self._state.current_version

        assert draft is not None  # the validator refused otherwise
        payload = {
            **pilihan.model_dump(mode="json"),
            "versi": draft.versi,
            "rekomendasi": draft.rekomendasi_format.value,
            "rekomendasi_alasan": draft.rekomendasi_alasan,
            "mengikuti_rekomendasi": pilihan.format is draft.rekomendasi_format,
        }
        note = f"Format {pilihan.format.value} ditetapkan untuk draf versi {draft.versi}."
        return await self._record("pilihan_format", request.aktor, note, payload, apply)

    @choose_format.validator
    def _validate_choose_format(self, request: FormatInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        self._check_record("pilihan_format", request.aktor)
        draft = self._state.penyusunan.draft
        if draft is None:
            self._refuse(["Belum ada draf tersimpan; simpan draf terlebih dahulu."])
            return
        problem = format_problem(request.pilihan, draft.format, draft.rekomendasi_format)
        self._refuse([problem] if problem else [])

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

    # Pasal 9 -----------------------------------------------------------------------

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

    # Lampiran I 3.d.2-3 ------------------------------------------------------------

    @workflow.update
    async def record_simulation(self, request: SimulationInput) -> ActionResult:
        """One simulation; its outcome may move the SOP on or back."""
        catatan = request.catatan
        event = simulasi.EVENT_HASIL[catatan.hasil]
        payload = {"versi": self._state.current_version, **catatan.model_dump(mode="json")}
        note = f"Simulasi {catatan.tanggal:%d-%m-%Y}: {catatan.temuan}"

        def apply() -> None:
            self._state.penyusunan.simulasi += 1

        if event is None:
            return await self._record("catatan_simulasi", request.aktor, note, payload, apply)
        return await self._transition(
            event,
            request.aktor,
            note,
            payload={"simulasi": payload},
            dedicated=True,
            checks=lambda: self._check_simulation(request),
            apply=apply,
        )

    @record_simulation.validator
    def _validate_record_simulation(self, request: SimulationInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        event = simulasi.EVENT_HASIL[request.catatan.hasil]
        if event is None:
            self._check_record("catatan_simulasi", request.aktor)
        else:
            self._check_action(event, dedicated=True, aktor=request.aktor)
        self._check_simulation(request)

    def _check_simulation(self, request: SimulationInput) -> None:
        penyusunan = self._state.penyusunan
        ronde = penyusunan.ronde
        if (
            ronde is None
            or ronde.versi != self._state.current_version
            or ronde.hasil != "disetujui"
        ):
            self._refuse(
                [
                    "Simulasi dilakukan setelah draf yang sama selesai direviu dan disetujui "
                    "para pihak (Lampiran I 3.d.1-2)."
                ]
            )
        draft = penyusunan.draft
        assert draft is not None
        count = draft.jumlah_langkah
        self._refuse(
            [
                f"Langkah {s.no} tidak ada pada draf versi {draft.versi} ({count} langkah)."
                for s in request.catatan.langkah
                if s.no > count
            ]
        )
        if request.catatan.hasil is simulasi.HasilSimulasi.lanjut_pengesahan:
            self._refuse([f"Pasal 9 huruf {g.huruf}: {g.pesan}" for g in self._syarat_problems()])

    # Pasal 11 ----------------------------------------------------------------------

    @workflow.update
    async def decide_pengesahan(self, request: PengesahanInput) -> ActionResult:
        """The competent official signs the version, or returns it with reasons."""
        if request.keputusan == "kembalikan":
            return await self._transition(
                "kembalikan_ke_penulisan",
                request.aktor,
                request.alasan,
                payload={"alasan": request.alasan},
                dedicated=True,
                checks=lambda: self._check_pengesahan(request),
            )
        payload = {
            "versi": self._state.current_version,
            "revisi": self._state.revision,
            "nomor_keputusan": request.nomor_keputusan,
            "tanggal_keputusan": request.tanggal_keputusan.isoformat()
            if request.tanggal_keputusan
            else None,
            # Both the person and the office: a Plt./Plh. signs in the office's name.
            "pejabat": request.aktor.nama,
            "jabatan": request.aktor.jabatan,
            "penugasan": request.aktor.penugasan.model_dump(mode="json")
            if request.aktor.penugasan
            else None,
        }
        return await self._transition(
            "sahkan",
            request.aktor,
            f"Ditetapkan dengan keputusan nomor {request.nomor_keputusan}.",
            payload=payload,
            dedicated=True,
            checks=lambda: self._check_pengesahan(request),
            apply=lambda: self._apply_pengesahan(request),
        )

    @decide_pengesahan.validator
    def _validate_decide_pengesahan(self, request: PengesahanInput) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        event = "sahkan" if request.keputusan == "sahkan" else "kembalikan_ke_penulisan"
        self._check_action(event, dedicated=True, aktor=request.aktor)
        self._check_pengesahan(request)

    def _check_pengesahan(self, request: PengesahanInput) -> None:
        state = self._state
        aktor = request.aktor
        refusal = pengesah_refusal(
            state.unit_jenis,
            state.penyusunan.konteks.lingkup,
            state.unit_code,
            aktor.kode_jabatan,
            aktor.unit,
        )
        self._refuse([refusal] if refusal else [], kind="Forbidden")
        problems = []
        if request.keputusan == "sahkan":
            if not request.nomor_keputusan or request.tanggal_keputusan is None:
                problems.append("Isi nomor dan tanggal keputusan yang menetapkan SOP ini.")
        elif not request.alasan.strip():
            problems.append("Tuliskan alasan pengembalian agar penyusun dapat memperbaikinya.")
        self._refuse(problems)

    def _apply_pengesahan(self, request: PengesahanInput) -> None:
        state = self._state
        assert request.nomor_keputusan and request.tanggal_keputusan
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
