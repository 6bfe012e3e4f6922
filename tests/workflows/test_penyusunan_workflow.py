"""Penyusunan in depth on the time-skipping server: records and the format choice, the Pasal 9
check, pengesahan by the right official, revisions, and actors forged by a direct client.

The review rounds and simulations are in tests/test_reviu_workflow.py."""

from datetime import date

from sqlmodel import Session, col, select
from temporalio.client import WorkflowHandle

from sop.document import FormatSop, NomorSop
from sop.evaluasi import HasilEvaluasi
from sop.fixtures import lampiran_2e_example
from sop.organisasi import Jabatan, LingkupSop
from sop.penyusunan import KonteksPenyusunan, PilihanFormat
from sop.peran import Peran
from sop.reviu import KeputusanReviu
from store.tables import DocumentVersion
from tests.support.lifecycle_driver import (
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
    run_moves,
    simulation,
    start_sop,
    step,
)
from tests.support.penyusunan_support import (
    answer,
    events_of,
    refused,
)
from wire.penyusunan import (
    FormatInput,
    KonteksInput,
    PengesahanInput,
    RoundDecisionInput,
    SimulationInput,
    SubmitReviewInput,
)
from wire.sop import ActionInput, Aktor, SaveDraftInput
from workflows.sop_lifecycle import SopLifecycleWorkflow

# Lampiran I 3.a-3.b and Pasal 7 ---------------------------------------------------------


async def test_information_and_alternative_are_recorded_not_stepped(ts_env, ts_worker, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    for event in [
        "selesaikan_pengumpulan_data",
        "selesaikan_persiapan",
        "nyatakan_diperlukan",
        "tetapkan_daftar_sop",
    ]:
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
        FormatSop.diagram_alir,
        FormatSop.langkah_sederhana,
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

    ok = FormatInput(
        aktor=AKTOR,
        pilihan=PilihanFormat(format=FormatSop.diagram_alir, alasan="Diminta pimpinan."),
    )
    await handle.execute_update(SopLifecycleWorkflow.choose_format, ok)
    stored = [e for e in events_of(engine, sop_id) if e.event == "pilihan_format"]
    assert stored[0].payload["mengikuti_rekomendasi"] is False
    assert stored[0].payload["rekomendasi"] == "langkah_sederhana"


# Pasal 9 ----------------------------------------------------------------------------------


async def test_pasal_9_failure_lists_each_missing_item(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_penulisan(handle)
    bare = lampiran_2e_example()
    bare.identitas.dasar_hukum = []
    for langkah in bare.langkah:
        langkah.mutu_baku.output = ""
    await handle.execute_update(
        SopLifecycleWorkflow.save_draft, SaveDraftInput(aktor=AKTOR, document=bare)
    )
    await run_moves(handle, moves_penulisan_to_pengesahan()[2:3])  # format
    await handle.execute_update(
        SopLifecycleWorkflow.submit_review, SubmitReviewInput(aktor=AKTOR, versi=1, pihak=["UMUM"])
    )
    await handle.execute_update(
        SopLifecycleWorkflow.answer_review, answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju)
    )
    before = len(events_of(engine, sop_id))
    cause = await refused(
        handle.execute_update(
            SopLifecycleWorkflow.record_simulation,
            SimulationInput(aktor=AKTOR, catatan=simulation()),
        )
    )
    problems = cause.details[0]["problems"]
    assert [p.split(":")[0] for p in problems] == [
        "Pasal 9 huruf a",
        "Pasal 9 huruf b",
        "Pasal 9 huruf c",
        "Pasal 9 huruf d",
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
    await handle.execute_update(
        SopLifecycleWorkflow.set_context, KonteksInput(aktor=AKTOR, konteks=konteks)
    )
    await run_moves(handle, moves[2:-1])


def decision(aktor: Aktor) -> PengesahanInput:
    return PengesahanInput(
        aktor=aktor,
        keputusan="sahkan",
        nomor_keputusan="188.45/1/2026",
        tanggal_keputusan=date(2026, 11, 26),
    )


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
        cause = await refused(
            handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, decision(aktor))
        )
        assert cause.type == "Forbidden", aktor
        assert "Kepala Bagian" in cause.message
    missing = decision(KABAG_UMUM).model_copy(update={"nomor_keputusan": None})
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, missing))
    assert "nomor dan tanggal keputusan" in cause.message

    result = await handle.execute_update(
        SopLifecycleWorkflow.decide_pengesahan, decision(KABAG_UMUM)
    )
    assert result.step == "perencanaan"
    view = await handle.query(SopLifecycleWorkflow.view)
    assert view.pengesahan and view.pengesahan.nomor_keputusan == "188.45/1/2026"
    assert "Pasal 11 ayat (1)" in view.pengesahan.dasar
    assert (view.tanggal_pengesahan, view.tanggal_revisi) == (date(2026, 11, 26), None)


async def test_lintas_skpd_needs_the_bupati(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await _to_pengesahan(handle, LingkupSop.lintas_skpd)
    cause = await refused(
        handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, decision(KABAG_UMUM))
    )
    assert "Bupati" in cause.message
    bupati = Aktor(
        nama="H. Abdul Hadi",
        jabatan="Bupati Balangan",
        unit="SETDA",
        kode_jabatan=Jabatan.bupati,
        peran=[Peran.pengesah],
    )
    returned = PengesahanInput(
        aktor=bupati,
        keputusan="kembalikan",
        alasan="Langkah 4 belum menyebut batas waktu disposisi.",
    )
    result = await handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, returned)
    assert result.step == "penulisan"
    back = [e for e in events_of(engine, sop_id) if e.event == "kembalikan_ke_penulisan"][0]
    assert back.payload["alasan"].startswith("Langkah 4") and back.actor_nama == bupati.nama


async def test_plt_signs_in_the_office_name(ts_env, ts_worker, engine, sop_id):
    from wire.sop import PenugasanAktor

    handle = await start_sop(ts_env.client, sop_id)
    await _to_pengesahan(handle)
    plt = Aktor(
        nama="Drs. Yusuf",
        jabatan="Plt. Kepala Bagian Umum",
        unit="UMUM",
        kode_jabatan=Jabatan.kepala_skpd,
        peran=[Peran.pelaksana],
        penugasan=PenugasanAktor(
            jenis="plt", nomor_keputusan="821/7/BKPSDM/2026", sampai=date(2026, 12, 31)
        ),
    )
    await handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, decision(plt))
    signed = [e for e in events_of(engine, sop_id) if e.event == "sahkan"][0]
    assert (signed.actor_nama, signed.actor_jabatan) == ("Drs. Yusuf", "Plt. Kepala Bagian Umum")


# Revisions --------------------------------------------------------------------------------


async def test_revision_keeps_number_and_earlier_versions(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    numbered = lampiran_2e_example()
    numbered.identitas.nomor_sop = NomorSop(
        no_komponen="100", unit_kerja="SETDA", bagian="UMUM", no_urut=7
    )
    await drive_to_penulisan(handle)
    moves = moves_penulisan_to_pengesahan()
    moves[0] = moves[0].__class__(
        moves[0].events, moves[0].update, SaveDraftInput(aktor=AKTOR, document=numbered)
    )
    await run_moves(handle, moves)
    for event in PENERAPAN_EVENTS:
        await step(handle, event)
    first = await handle.query(SopLifecycleWorkflow.view)
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
    cause = await refused(
        handle.execute_update(
            SopLifecycleWorkflow.save_draft, SaveDraftInput(aktor=AKTOR, document=renumbered)
        )
    )
    assert "100/SETDA/UMUM/007" in cause.message
    revised = numbered.model_copy(deep=True)
    revised.langkah[0].uraian += " (termasuk surat elektronik)"
    moves = moves_penulisan_to_pengesahan(version=2, rounds_before=1)
    moves[0] = moves[0].__class__(
        moves[0].events, moves[0].update, SaveDraftInput(aktor=AKTOR, document=revised)
    )
    moves[-1] = moves[-1].__class__(
        moves[-1].events,
        moves[-1].update,
        PengesahanInput(
            aktor=KABAG_UMUM,
            keputusan="sahkan",
            nomor_keputusan="188.45/2/2027",
            tanggal_keputusan=date(2027, 1, 5),
        ),
    )
    await run_moves(handle, moves)
    view = await handle.query(SopLifecycleWorkflow.view)
    # Revision approved; the first version stays in force until the revision is put in force.
    assert (view.tanggal_pengesahan, view.tanggal_revisi) == (date(2026, 11, 25), date(2027, 1, 5))
    assert (view.current_version, view.effective_version, view.revision) == (2, 1, 1)
    assert view.nomor_sop == "100/SETDA/UMUM/007"
    with Session(engine) as session:
        versions = session.exec(
            select(DocumentVersion)
            .where(DocumentVersion.sop_id == sop_id)
            .order_by(col(DocumentVersion.version))
        ).all()
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


# A client that talks to Temporal directly with a forged actor -------------------------------


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
        cause = await refused(
            handle.execute_update(
                SopLifecycleWorkflow.act,
                ActionInput(event="selesaikan_pengumpulan_data", aktor=aktor),
            )
        )
        assert cause.type == "Forbidden", aktor
    assert [e.event for e in events_of(engine, sop_id)] == ["dibuat"]
    # The Bagian Organisasi's coordinator spans units; the unit's own drafter may act.
    await handle.execute_update(
        SopLifecycleWorkflow.act,
        ActionInput(event="selesaikan_pengumpulan_data", aktor=KOORDINATOR),
    )
    await act(handle, "selesaikan_persiapan")


async def test_authority_is_judged_before_the_step(ts_env, ts_worker, engine, sop_id):
    """An actor who may not act is refused (403) whatever the step, before the chart (409)."""
    handle = await start_sop(ts_env.client, sop_id)
    nobody = AKTOR.model_copy(update={"peran": [Peran.auditor]})
    cause = await refused(
        handle.execute_update(SopLifecycleWorkflow.act, ActionInput(event="sahkan", aktor=nobody))
    )
    assert cause.type == "Forbidden"
    await drive_to_penulisan(handle)
    # Pasal 11 is authority: the drafter is refused as pengesah before "not at this step".
    cause = await refused(
        handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, decision(AKTOR))
    )
    assert cause.type == "Forbidden"
    # Deciding a round: the role first (an auditor is refused), then the round itself (none is
    # open, whoever asks), and only then whether the actor coordinates it.
    cause = await refused(
        handle.execute_update(
            SopLifecycleWorkflow.decide_round,
            RoundDecisionInput(aktor=nobody, ronde=1, keputusan="tutup"),
        )
    )
    assert cause.type == "Forbidden"
    cause = await refused(
        handle.execute_update(
            SopLifecycleWorkflow.decide_round,
            RoundDecisionInput(aktor=AKTOR, ronde=1, keputusan="tutup"),
        )
    )
    assert cause.type == "IllegalTransition"
    # An actor who may act still gets the chart's answer.
    cause = await refused(act(handle, "sahkan"))
    assert cause.type == "IllegalTransition"
    assert [e.event for e in events_of(engine, sop_id)][-1] == "pilih_alternatif"
