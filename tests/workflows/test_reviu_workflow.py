"""Review circulation and simulation on the time-skipping server (Lampiran I 3.d): rounds with
their parties, delegation, deadline and reminders, and simulations whose outcome moves the SOP."""

from datetime import timedelta

from sop.fixtures import lampiran_2e_example
from sop.reviu import KeputusanReviu, KomentarReviu
from sop.simulasi import HasilSimulasi
from tests.support.lifecycle_driver import (
    AKTOR,
    KOORDINATOR,
    REVIEWER_UMUM,
    moves_penulisan_to_pengesahan,
    reviewer_of,
    run_moves,
    settle,
    simulation,
    start_sop,
)
from tests.support.penyusunan_support import (
    answer,
    events_of,
    notifications_of,
    refused,
    to_submitted,
)
from wire.penyusunan import (
    ReviewAssignInput,
    RoundDecisionInput,
    SimulationInput,
    SubmitReviewInput,
)
from wire.sop import SaveDraftInput
from workflows.sop_lifecycle import SopLifecycleWorkflow

# Lampiran I 3.d.1: review circulation -----------------------------------------------------


async def test_one_of_three_reviewers_asks_for_changes(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await to_submitted(handle, ["UMUM", "KEU", "ORG"])
    view = await handle.query(SopLifecycleWorkflow.view)
    ronde = view.penyusunan.ronde
    assert ronde and (ronde.nomor, ronde.versi, ronde.status) == (1, 1, "berjalan")
    assert ronde.batas_waktu - ronde.dibuka == timedelta(days=7)
    assert notifications_of(engine, sop_id, "reviu") == ["KEU", "ORG", "UMUM"]

    await handle.execute_update(
        SopLifecycleWorkflow.answer_review, answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju)
    )
    changes = [
        KomentarReviu(langkah=3, teks="Paraf Kabag belum disebut."),
        KomentarReviu(teks="Tambahkan format lembar disposisi."),
    ]
    await handle.execute_update(
        SopLifecycleWorkflow.answer_review,
        answer(reviewer_of("KEU"), "KEU", KeputusanReviu.perlu_perbaikan, komentar=changes),
    )
    # Still waiting for the coordinator: the SOP stays under review.
    assert (await handle.query(SopLifecycleWorkflow.view)).step == "pengujian_reviu"
    result = await handle.execute_update(
        SopLifecycleWorkflow.answer_review, answer(KOORDINATOR, "ORG", KeputusanReviu.setuju)
    )
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
    await handle.execute_update(
        SopLifecycleWorkflow.save_draft, SaveDraftInput(aktor=AKTOR, document=lampiran_2e_example())
    )
    cause = await refused(handle.execute_update(SopLifecycleWorkflow.submit_review, stale))
    assert "versi 2" in cause.message
    await run_moves(handle, moves_penulisan_to_pengesahan()[2:3])  # format for version 2
    await handle.execute_update(
        SopLifecycleWorkflow.submit_review, SubmitReviewInput(aktor=AKTOR, versi=2, pihak=["UMUM"])
    )
    ronde = (await handle.query(SopLifecycleWorkflow.view)).penyusunan.ronde
    assert ronde and (ronde.nomor, ronde.versi) == (2, 2)


async def test_only_the_party_or_its_delegate_answers(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await to_submitted(handle, ["UMUM", "ORG"])
    # A reviewer of another unit cannot answer for UMUM, nor can a drafter of UMUM.
    for aktor in (reviewer_of("KEU"), AKTOR):
        cause = await refused(
            handle.execute_update(
                SopLifecycleWorkflow.answer_review, answer(aktor, "UMUM", KeputusanReviu.setuju)
            )
        )
        assert cause.type == "Forbidden"
    # The UMUM reviewer delegates to a colleague; then only the colleague may answer.
    delegate = AKTOR.model_copy(update={"username": "dewi", "nama": "Dewi"})
    await handle.execute_update(
        SopLifecycleWorkflow.assign_review,
        ReviewAssignInput(
            aktor=REVIEWER_UMUM, ronde=1, pihak="UMUM", kepada="dewi", kepada_nama="Dewi"
        ),
    )
    cause = await refused(
        handle.execute_update(
            SopLifecycleWorkflow.answer_review, answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju)
        )
    )
    assert cause.type == "Forbidden"
    # The coordinator may reassign; a stranger may not.
    cause = await refused(
        handle.execute_update(
            SopLifecycleWorkflow.assign_review,
            ReviewAssignInput(
                aktor=reviewer_of("KEU"), ronde=1, pihak="UMUM", kepada="x", kepada_nama="X"
            ),
        )
    )
    assert cause.type == "Forbidden"
    await handle.execute_update(
        SopLifecycleWorkflow.answer_review, answer(delegate, "UMUM", KeputusanReviu.setuju)
    )
    rows = [e for e in events_of(engine, sop_id) if e.event in ("delegasi_reviu", "jawaban_reviu")]
    assert [(e.event, e.actor_nama) for e in rows] == [
        ("delegasi_reviu", REVIEWER_UMUM.nama),
        ("jawaban_reviu", "Dewi"),
    ]


async def test_deadline_passes_with_one_reviewer_silent(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await to_submitted(handle, ["UMUM", "KEU", "ORG"])
    await handle.execute_update(
        SopLifecycleWorkflow.answer_review, answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju)
    )
    await handle.execute_update(
        SopLifecycleWorkflow.answer_review, answer(KOORDINATOR, "ORG", KeputusanReviu.setuju)
    )

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
    await handle.execute_update(
        SopLifecycleWorkflow.decide_round, decide.model_copy(update={"aktor": KOORDINATOR})
    )
    view = await handle.query(SopLifecycleWorkflow.view)
    assert view.penyusunan.ronde.status == "berjalan"
    # Closing without the silent answer: the others agreed, so the round is approved.
    result = await handle.execute_update(
        SopLifecycleWorkflow.decide_round,
        RoundDecisionInput(aktor=KOORDINATOR, ronde=1, keputusan="tutup"),
    )
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
    await handle.execute_update(
        SopLifecycleWorkflow.answer_review, answer(REVIEWER_UMUM, "UMUM", KeputusanReviu.setuju)
    )

    again = SimulationInput(aktor=AKTOR, catatan=simulation(HasilSimulasi.ulangi_simulasi))
    assert (await handle.execute_update(SopLifecycleWorkflow.record_simulation, again)).step == (
        "pengujian_reviu"
    )
    result = await handle.execute_update(SopLifecycleWorkflow.record_simulation, early)
    assert result.step == "analisis_alternatif"
    rows = [
        e
        for e in events_of(engine, sop_id)
        if e.event in ("catatan_simulasi", "kembali_ke_analisis")
    ]
    assert [e.event for e in rows] == ["catatan_simulasi", "kembali_ke_analisis"]
    sim = rows[1].payload["simulasi"]
    assert sim["versi"] == 1 and sim["langkah"][0]["waktu_nyata"]["jumlah"] == 20
