"""Penyusunan in depth on the time-skipping server (issue 3): records, review rounds with their
deadline, simulations, the Pasal 9 check, pengesahan by the right official, revisions."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError

from sop.document import FormatSop, NomorSop
from sop.evaluasi import HasilEvaluasi
from sop.fixtures import lampiran_2e_example
from sop.organisasi import Jabatan, LingkupSop
from sop.penyusunan import KonteksPenyusunan, PilihanFormat
from sop.peran import Peran
from sop.reviu import JawabanReviu, KeputusanReviu, KomentarReviu
from sop.simulasi import HasilSimulasi
from store.tables import DocumentVersion, Notification, SopEvent
from tests.lifecycle_driver import (
    AKTOR,
    KABAG_UMUM,
    KONTEKS,
    KOORDINATOR,
    PENERAPAN_EVENTS,
    REVIEWER_UMUM,
    act,
    drive_to_penulisan,
    evaluate,
    kepala_of,
    moves_penulisan_to_pengesahan,
    moves_to_penulisan,
    next_run,
    reviewer_of,
    run_moves,
    settle,
    simulation,
    start_sop,
    step,
)
from wire.penyusunan import (
    FormatInput,
    KonteksInput,
    PengesahanInput,
    ReviewAnswerInput,
    ReviewAssignInput,
    RoundDecisionInput,
    SimulationInput,
    SubmitReviewInput,
)
from wire.sop import ActionInput, Aktor, SaveDraftInput
from workflows.sop_lifecycle import SopLifecycleWorkflow


def events_of(engine, sop_id: str) -> list[SopEvent]:
    with Session(engine) as session:
        query = select(SopEvent).where(SopEvent.sop_id == sop_id).order_by(col(SopEvent.seq))
        return list(session.exec(query).all())


def notifications_of(engine, sop_id: str, kind: str) -> list[str]:
    with Session(engine) as session:
        query = select(Notification).where(
            Notification.sop_id == sop_id, Notification.kind == kind
        )
        return sorted(n.recipient_unit for n in session.exec(query).all())


async def refused(call) -> Exception:  # type: ignore[no-untyped-def]
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await call
    return caught.value.cause


async def to_submitted(handle: WorkflowHandle, pihak: list[str], batas_hari: int = 7) -> None:
    """From a fresh SOP to an open review round over version 1, sent to ``pihak``."""
    await drive_to_penulisan(handle)
    await run_moves(handle, moves_penulisan_to_pengesahan()[:3])  # draft, context, format
    await handle.execute_update(
        SopLifecycleWorkflow.submit_review,
        SubmitReviewInput(aktor=AKTOR, versi=1, pihak=pihak, batas_hari=batas_hari),
    )


def answer(aktor: Aktor, pihak: str, keputusan: KeputusanReviu, ronde: int = 1, **kw):  # type: ignore[no-untyped-def]
    komentar = kw.get("komentar", [])
    return ReviewAnswerInput(
        aktor=aktor, ronde=ronde, pihak=pihak,
        jawaban=JawabanReviu(keputusan=keputusan, komentar=komentar),
    )


# Lampiran I 3.a-3.b and Pasal 7 ---------------------------------------------------------


async def test_information_and_alternative_are_recorded_not_stepped(ts_env, ts_worker, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    for event in ["selesaikan_pengumpulan_data", "selesaikan_persiapan",
                  "nyatakan_diperlukan", "tetapkan_daftar_sop"]:
        await act(handle, event)
    cause = await refused(act(handle, "selesaikan_pengumpulan_informasi"))
    assert cause.type == "PreconditionFailed" and "Lampiran I 3.a" in cause.message
    # The records and choices of moves_to_penulisan, after the four steps already taken.
    moves = moves_to_penulisan()[4:]
    await run_moves(handle, moves[:2])
    cause = await refused(act(handle, "pilih_alternatif"))
    assert "POST .../alternatif" in cause.message
    result = await run_moves(handle, moves[2:])
    assert result.step == "penulisan"
    view = await handle.query(SopLifecycleWorkflow.view)
    assert view.penyusunan.informasi == 1
    assert view.penyusunan.alternatif and view.penyusunan.alternatif.alternatif.value == (
        "standardisasi_prosedur"
    )


async def test_format_choice_needs_a_reason_to_override(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_penulisan(handle)
    await run_moves(handle, moves_penulisan_to_pengesahan()[:1])  # saves the II.E example
    view = await handle.query(SopLifecycleWorkflow.view)
    draft = view.penyusunan.draft
    assert draft is not None
    assert (draft.format, draft.rekomendasi_format) == (
        FormatSop.diagram_alir, FormatSop.langkah_sederhana
    )
    assert "Pasal 7 ayat (3)" in draft.rekomendasi_alasan

    no_reason = FormatInput(aktor=AKTOR, pilihan=PilihanFormat(format=FormatSop.diagram_alir))
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.choose_format, no_reason))
    assert "alasan" in cause.message
    other = FormatInput(aktor=AKTOR, pilihan=PilihanFormat(format=FormatSop.grafik, alasan="x"))
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.choose_format, other))
    assert "simpan draf dengan format 'grafik'" in cause.message
    # Without a format, the draft cannot be circulated.
    submit = SubmitReviewInput(aktor=AKTOR, versi=1, pihak=["UMUM"])
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.submit_review, submit))
    assert "Pasal 7" in cause.message

    ok = FormatInput(aktor=AKTOR, pilihan=PilihanFormat(format=FormatSop.diagram_alir,
                                                        alasan="Diminta pimpinan."))
    await handle.execute_update(SopLifecycleWorkflow.choose_format, ok)
    stored = [e for e in events_of(engine, sop_id) if e.event == "pilihan_format"]
    assert stored[0].payload["mengikuti_rekomendasi"] is False
    assert stored[0].payload["rekomendasi"] == "langkah_sederhana"


# Lampiran I 3.d.1: review circulation -----------------------------------------------------


async def test_one_of_three_reviewers_asks_for_changes(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await to_submitted(handle, ["UMUM", "KEU", "ORG"])
    view = await handle.query(SopLifecycleWorkflow.view)
    ronde = view.penyusunan.ronde
    assert ronde and (ronde.nomor, ronde.versi, ronde.status) == (1, 1, "berjalan")
    assert ronde.batas_waktu - ronde.dibuka == timedelta(days=7)
    assert notifications_of(engine, sop_id, "reviu") == ["KEU", "ORG", "UMUM"]

    await handle.execute_update(SopLifecycleWorkflow.answer_review,
                                answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju))
    changes = [KomentarReviu(langkah=3, teks="Paraf Kabag belum disebut."),
               KomentarReviu(teks="Tambahkan format lembar disposisi.")]
    await handle.execute_update(
        SopLifecycleWorkflow.answer_review,
        answer(reviewer_of("KEU"), "KEU", KeputusanReviu.perlu_perbaikan, komentar=changes),
    )
    # Still waiting for the coordinator: the SOP stays under review.
    assert (await handle.query(SopLifecycleWorkflow.view)).step == "pengujian_reviu"
    result = await handle.execute_update(SopLifecycleWorkflow.answer_review,
                                         answer(KOORDINATOR, "ORG", KeputusanReviu.setuju))
    assert result.step == "penulisan"

    back = [e for e in events_of(engine, sop_id) if e.event == "perbaiki_tulisan"][-1]
    assert back.payload["hasil"] == "perlu_perbaikan"
    assert back.payload["komentar"] == [
        {"pihak": "KEU", "langkah": 3, "teks": "Paraf Kabag belum disebut."},
        {"pihak": "KEU", "langkah": None, "teks": "Tambahkan format lembar disposisi."},
    ]
    assert notifications_of(engine, sop_id, "hasil_reviu") == ["UMUM"]

    # The next submission is a new round tied to the new version.
    stale = SubmitReviewInput(aktor=AKTOR, versi=1, pihak=["UMUM"])
    await handle.execute_update(SopLifecycleWorkflow.save_draft,
                                SaveDraftInput(aktor=AKTOR, document=lampiran_2e_example()))
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.submit_review, stale))
    assert "versi 2" in cause.message
    await run_moves(handle, moves_penulisan_to_pengesahan()[2:3])  # format for version 2
    await handle.execute_update(SopLifecycleWorkflow.submit_review,
                                SubmitReviewInput(aktor=AKTOR, versi=2, pihak=["UMUM"]))
    ronde = (await handle.query(SopLifecycleWorkflow.view)).penyusunan.ronde
    assert ronde and (ronde.nomor, ronde.versi) == (2, 2)


async def test_only_the_party_or_its_delegate_answers(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await to_submitted(handle, ["UMUM", "ORG"])
    # A reviewer of another unit cannot answer for UMUM, nor can a drafter of UMUM.
    for aktor in (reviewer_of("KEU"), AKTOR):
        cause = await refused(handle.execute_update(
            SopLifecycleWorkflow.answer_review, answer(aktor, "UMUM", KeputusanReviu.setuju)))
        assert cause.type == "Forbidden"
    # The UMUM reviewer delegates to a colleague; then only the colleague may answer.
    delegate = AKTOR.model_copy(update={"username": "dewi", "nama": "Dewi"})
    await handle.execute_update(SopLifecycleWorkflow.assign_review, ReviewAssignInput(
        aktor=REVIEWER_UMUM, ronde=1, pihak="UMUM", kepada="dewi", kepada_nama="Dewi"))
    cause = await refused(handle.execute_update(
        SopLifecycleWorkflow.answer_review, answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju)))
    assert cause.type == "Forbidden"
    # The coordinator may reassign; a stranger may not.
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.assign_review,
        ReviewAssignInput(aktor=reviewer_of("KEU"), ronde=1, pihak="UMUM", kepada="x",
                          kepada_nama="X")))
    assert cause.type == "Forbidden"
    await handle.execute_update(SopLifecycleWorkflow.answer_review,
                                answer(delegate, "UMUM", KeputusanReviu.setuju))
    rows = [e for e in events_of(engine, sop_id) if e.event in ("delegasi_reviu", "jawaban_reviu")]
    assert [(e.event, e.actor_nama) for e in rows] == [
        ("delegasi_reviu", REVIEWER_UMUM.nama), ("jawaban_reviu", "Dewi")
    ]


async def test_deadline_passes_with_one_reviewer_silent(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await to_submitted(handle, ["UMUM", "KEU", "ORG"])
    await handle.execute_update(SopLifecycleWorkflow.answer_review,
                                answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju))
    await handle.execute_update(SopLifecycleWorkflow.answer_review,
                                answer(KOORDINATOR, "ORG", KeputusanReviu.setuju))

    # Two days before the deadline only the silent party is reminded.
    await ts_env.sleep(timedelta(days=5, hours=1))
    await settle(handle, lambda v: v.penyusunan.ronde.pengingat_terkirim)
    reminder = [e for e in events_of(engine, sop_id) if e.event == "pengingat_reviu"]
    assert len(reminder) == 1 and reminder[0].payload["kepada"] == ["KEU"]
    assert notifications_of(engine, sop_id, "pengingat_reviu") == ["KEU"]

    # At the deadline the coordinator is told who did not answer.
    await ts_env.sleep(timedelta(days=2))
    await settle(handle, lambda v: v.penyusunan.ronde.status == "lewat_batas")
    late = [e for e in events_of(engine, sop_id) if e.event == "batas_reviu_lewat"]
    assert late[0].payload["tidak_menjawab"] == ["KEU"] and "KEU" in late[0].note
    assert notifications_of(engine, sop_id, "batas_reviu") == ["ORG", "UMUM"]

    # Only the coordinator decides; extending reopens the round with a new deadline.
    decide = RoundDecisionInput(aktor=AKTOR, ronde=1, keputusan="perpanjang", tambah_hari=3)
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.decide_round, decide))
    assert cause.type == "Forbidden"
    await handle.execute_update(SopLifecycleWorkflow.decide_round,
                                decide.model_copy(update={"aktor": KOORDINATOR}))
    view = await handle.query(SopLifecycleWorkflow.view)
    assert view.penyusunan.ronde.status == "berjalan"
    # Closing without the silent answer: the others agreed, so the round is approved.
    result = await handle.execute_update(SopLifecycleWorkflow.decide_round, RoundDecisionInput(
        aktor=KOORDINATOR, ronde=1, keputusan="tutup"))
    assert result.step == "pengujian_reviu"
    done = [e for e in events_of(engine, sop_id) if e.event == "reviu_selesai"][0]
    assert (done.payload["hasil"], done.payload["tidak_menjawab"]) == ("disetujui", ["KEU"])


# Lampiran I 3.d.2-3: simulation -----------------------------------------------------------


async def test_simulation_sends_the_sop_back_to_analisis(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await to_submitted(handle, ["UMUM"])
    early = SimulationInput(aktor=AKTOR, catatan=simulation(HasilSimulasi.kembali_ke_analisis))
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.record_simulation, early))
    assert "selesai direviu" in cause.message  # review comes before simulation
    await handle.execute_update(SopLifecycleWorkflow.answer_review,
                                answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju))

    again = SimulationInput(aktor=AKTOR, catatan=simulation(HasilSimulasi.ulangi_simulasi))
    assert (await handle.execute_update(SopLifecycleWorkflow.record_simulation, again)).step == (
        "pengujian_reviu"
    )
    result = await handle.execute_update(SopLifecycleWorkflow.record_simulation, early)
    assert result.step == "analisis_alternatif"
    rows = [e for e in events_of(engine, sop_id) if e.event in (
        "catatan_simulasi", "kembali_ke_analisis")]
    assert [e.event for e in rows] == ["catatan_simulasi", "kembali_ke_analisis"]
    sim = rows[1].payload["simulasi"]
    assert sim["versi"] == 1 and sim["langkah"][0]["waktu_nyata"]["jumlah"] == 20


# Pasal 9 ----------------------------------------------------------------------------------


async def test_pasal_9_failure_lists_each_missing_item(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_penulisan(handle)
    bare = lampiran_2e_example()
    bare.identitas.dasar_hukum = []
    for langkah in bare.langkah:
        langkah.mutu_baku.output = ""
    await handle.execute_update(SopLifecycleWorkflow.save_draft,
                                SaveDraftInput(aktor=AKTOR, document=bare))
    await run_moves(handle, moves_penulisan_to_pengesahan()[2:3])  # format
    await handle.execute_update(SopLifecycleWorkflow.submit_review,
                                SubmitReviewInput(aktor=AKTOR, versi=1, pihak=["UMUM"]))
    await handle.execute_update(SopLifecycleWorkflow.answer_review,
                                answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju))
    before = len(events_of(engine, sop_id))
    cause = await refused(handle.execute_update(
        SopLifecycleWorkflow.record_simulation, SimulationInput(aktor=AKTOR, catatan=simulation())))
    problems = cause.details[0]["problems"]
    assert [p.split(":")[0] for p in problems] == [
        "Pasal 9 huruf a", "Pasal 9 huruf b", "Pasal 9 huruf c", "Pasal 9 huruf d",
        "Pasal 9 huruf e",
    ]
    # Nothing changed: no event, same step.
    assert len(events_of(engine, sop_id)) == before
    assert (await handle.query(SopLifecycleWorkflow.view)).step == "pengujian_reviu"


# Pasal 11 ---------------------------------------------------------------------------------


async def _to_pengesahan(handle: WorkflowHandle, lingkup: LingkupSop = LingkupSop.unit) -> None:
    await drive_to_penulisan(handle)
    moves = moves_penulisan_to_pengesahan()
    await run_moves(handle, moves[:1])
    konteks = KONTEKS.model_copy(update={"lingkup": lingkup})
    await handle.execute_update(SopLifecycleWorkflow.set_context,
                                KonteksInput(aktor=AKTOR, konteks=konteks))
    await run_moves(handle, moves[2:-1])


def decision(aktor: Aktor) -> PengesahanInput:
    return PengesahanInput(aktor=aktor, keputusan="sahkan", nomor_keputusan="188.45/1/2026",
                           tanggal_keputusan=date(2026, 11, 26))


async def test_only_the_pasal_11_official_signs(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await _to_pengesahan(handle)
    wrong = [
        AKTOR,  # the drafter
        kepala_of("KEU"),  # head of another Bagian
        KABAG_UMUM.model_copy(update={"kode_jabatan": Jabatan.sekretaris}),
        KABAG_UMUM.model_copy(update={"kode_jabatan": Jabatan.bupati, "unit": "SETDA"}),
    ]
    for aktor in wrong:
        cause = await refused(handle.execute_update(
            SopLifecycleWorkflow.decide_pengesahan, decision(aktor)))
        assert cause.type == "Forbidden", aktor
        assert "Kepala Bagian" in cause.message
    missing = decision(KABAG_UMUM).model_copy(update={"nomor_keputusan": None})
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, missing))
    assert "nomor dan tanggal keputusan" in cause.message

    result = await handle.execute_update(SopLifecycleWorkflow.decide_pengesahan,
                                         decision(KABAG_UMUM))
    assert result.step == "perencanaan"
    view = await handle.query(SopLifecycleWorkflow.view)
    assert view.pengesahan and view.pengesahan.nomor_keputusan == "188.45/1/2026"
    assert "Pasal 11 ayat (1)" in view.pengesahan.dasar
    assert (view.tanggal_pengesahan, view.tanggal_revisi) == (date(2026, 11, 26), None)


async def test_lintas_skpd_needs_the_bupati(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await _to_pengesahan(handle, LingkupSop.lintas_skpd)
    cause = await refused(handle.execute_update(
        SopLifecycleWorkflow.decide_pengesahan, decision(KABAG_UMUM)))
    assert "Bupati" in cause.message
    bupati = Aktor(nama="H. Abdul Hadi", jabatan="Bupati Balangan", unit="SETDA",
                   kode_jabatan=Jabatan.bupati, peran=[Peran.pengesah])
    returned = PengesahanInput(aktor=bupati, keputusan="kembalikan",
                               alasan="Langkah 4 belum menyebut batas waktu disposisi.")
    result = await handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, returned)
    assert result.step == "penulisan"
    back = [e for e in events_of(engine, sop_id) if e.event == "kembalikan_ke_penulisan"][0]
    assert back.payload["alasan"].startswith("Langkah 4") and back.actor_nama == bupati.nama


async def test_plt_signs_in_the_office_name(ts_env, ts_worker, engine, sop_id):
    from wire.sop import PenugasanAktor

    handle = await start_sop(ts_env.client, sop_id)
    await _to_pengesahan(handle)
    plt = Aktor(nama="Drs. Yusuf", jabatan="Plt. Kepala Bagian Umum", unit="UMUM",
                kode_jabatan=Jabatan.kepala_skpd, peran=[Peran.pelaksana],
                penugasan=PenugasanAktor(jenis="plt", nomor_keputusan="821/7/BKPSDM/2026",
                                         sampai=date(2026, 12, 31)))
    await handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, decision(plt))
    signed = [e for e in events_of(engine, sop_id) if e.event == "sahkan"][0]
    assert (signed.actor_nama, signed.actor_jabatan) == ("Drs. Yusuf", "Plt. Kepala Bagian Umum")


# Revisions --------------------------------------------------------------------------------


async def test_revision_keeps_number_and_earlier_versions(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    numbered = lampiran_2e_example()
    numbered.identitas.nomor_sop = NomorSop(no_komponen="100", unit_kerja="SETDA",
                                            bagian="UMUM", no_urut=7)
    await drive_to_penulisan(handle)
    moves = moves_penulisan_to_pengesahan()
    moves[0] = moves[0].__class__(moves[0].events, moves[0].update,
                                  SaveDraftInput(aktor=AKTOR, document=numbered))
    await run_moves(handle, moves)
    for event in PENERAPAN_EVENTS:
        await step(handle, event)
    first = (await handle.query(SopLifecycleWorkflow.view))
    assert (first.nomor_sop, first.effective_version) == ("100/SETDA/UMUM/007", 1)

    first_run = (await handle.describe()).run_id
    await act(handle, "mulai_evaluasi")
    await evaluate(handle, HasilEvaluasi.revisi)
    handle = await next_run(ts_env.client, handle, first_run)
    view = await handle.query(SopLifecycleWorkflow.view)
    assert (view.revision, view.step, view.effective_version) == (1, "pengumpulan_informasi", 1)

    await run_moves(handle, moves_to_penulisan()[4:])
    renumbered = numbered.model_copy(deep=True)
    renumbered.identitas.nomor_sop.no_urut = 8
    cause = await refused(handle.execute_update(
        SopLifecycleWorkflow.save_draft, SaveDraftInput(aktor=AKTOR, document=renumbered)))
    assert "100/SETDA/UMUM/007" in cause.message
    revised = numbered.model_copy(deep=True)
    revised.langkah[0].uraian += " (termasuk surat elektronik)"
    moves = moves_penulisan_to_pengesahan(version=2, rounds_before=1)
    moves[0] = moves[0].__class__(moves[0].events, moves[0].update,
                                  SaveDraftInput(aktor=AKTOR, document=revised))
    moves[-1] = moves[-1].__class__(moves[-1].events, moves[-1].update, PengesahanInput(
        aktor=KABAG_UMUM, keputusan="sahkan", nomor_keputusan="188.45/2/2027",
        tanggal_keputusan=date(2027, 1, 5)))
    await run_moves(handle, moves)
    view = await handle.query(SopLifecycleWorkflow.view)
    # Revision approved; the first version stays in force until the revision is put in force.
    assert (view.tanggal_pengesahan, view.tanggal_revisi) == (date(2026, 11, 25), date(2027, 1, 5))
    assert (view.current_version, view.effective_version, view.revision) == (2, 1, 1)
    assert view.nomor_sop == "100/SETDA/UMUM/007"
    with Session(engine) as session:
        versions = session.exec(select(DocumentVersion).where(
            DocumentVersion.sop_id == sop_id).order_by(col(DocumentVersion.version))).all()
        assert [(v.version, v.revision) for v in versions] == [(1, 0), (2, 1)]
        assert versions[0].content["langkah"][0]["uraian"] == numbered.langkah[0].uraian


async def test_context_scope_must_fit_the_unit(ts_env, ts_worker, sop_id):
    handle = await start_sop(ts_env.client, sop_id, unit_code="UMUM")
    await drive_to_penulisan(handle)
    # UMUM is a Bagian of the Setda, so lintas_bagian is possible; a Dinas could not.
    ok = KonteksInput(aktor=AKTOR, konteks=KonteksPenyusunan(lingkup=LingkupSop.lintas_bagian))
    await handle.execute_update(SopLifecycleWorkflow.set_context, ok)
    view = await handle.query(SopLifecycleWorkflow.view)
    assert view.penyusunan.konteks.lingkup is LingkupSop.lintas_bagian


# Issue 7: a client that talks to Temporal directly with a forged actor ----------------------


async def test_forged_actors_are_refused_by_the_workflow(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    forged = [
        AKTOR.model_copy(update={"unit": "DINKES"}),  # a drafter of another unit
        AKTOR.model_copy(update={"peran": []}),  # nobody
        AKTOR.model_copy(update={"peran": [Peran.admin]}),  # manages users, not SOPs
        AKTOR.model_copy(update={"peran": [Peran.auditor]}),  # reads, never acts
        KOORDINATOR.model_copy(update={"unit": "DINKES"}),  # a Sekretaris of another SKPD
    ]
    for aktor in forged:
        cause = await refused(handle.execute_update(
            SopLifecycleWorkflow.act,
            ActionInput(event="selesaikan_pengumpulan_data", aktor=aktor)))
        assert cause.type == "Forbidden", aktor
    assert [e.event for e in events_of(engine, sop_id)] == ["dibuat"]
    # The Bagian Organisasi's coordinator spans units; the unit's own drafter may act.
    await handle.execute_update(SopLifecycleWorkflow.act, ActionInput(
        event="selesaikan_pengumpulan_data", aktor=KOORDINATOR))
    await act(handle, "selesaikan_persiapan")
