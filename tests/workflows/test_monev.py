"""Monev on the time-skipping server: years of evaluation cycles, reminders that escalate."""

import asyncio
from datetime import timedelta

from sqlmodel import Session, select

from sop.evaluasi import HasilEvaluasi
from sop.pengingat import reminder_dates
from store.tables import Notification, SopEvent
from tests.support.lifecycle_driver import (
    act,
    drive_to_berlaku,
    evaluate,
    next_run,
    settle,
    start_sop,
)
from wire.sop import DasarHukumChange
from workflows.sop_lifecycle import SopLifecycleWorkflow


def rows(engine, sop_id: str, event: str | None = None) -> list[SopEvent]:
    with Session(engine) as session:
        query = select(SopEvent).where(SopEvent.sop_id == sop_id)
        if event:
            query = query.where(SopEvent.event == event)
        return list(session.exec(query.order_by(SopEvent.seq)).all())


async def test_six_years_three_cycles_continue_as_new(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    for cycle in (1, 2, 3):
        view = await handle.query(SopLifecycleWorkflow.view)
        assert view.cycle == cycle and view.step == "monitoring"
        await ts_env.sleep(timedelta(days=732))
        await settle(handle, lambda v: v.step == "evaluasi")
        run_id = (await handle.describe()).run_id
        await evaluate(handle, HasilEvaluasi.tetap_berlaku)
        handle = await next_run(ts_env.client, handle, run_id)

    view = await handle.query(SopLifecycleWorkflow.view)
    assert (view.cycle, view.step, view.effective_version) == (4, "monitoring", 1)
    history = rows(engine, sop_id)
    assert [r.seq for r in history] == list(range(1, len(history) + 1))
    assert [r.event for r in history if r.event in {"evaluasi_jatuh_tempo", "tetap_berlaku"}] == [
        "evaluasi_jatuh_tempo",
        "tetap_berlaku",
    ] * 3
    assert sorted({r.cycle for r in history}) == [1, 2, 3]
    evaluations = [r for r in history if r.event == "tetap_berlaku"]
    assert all(r.payload and len(r.payload["substansi"]) == 7 for r in evaluations)


async def test_reminders_escalate_when_an_evaluation_is_100_days_late(
    ts_env, ts_worker, engine, smtp, sop_id
):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    due = (await handle.query(SopLifecycleWorkflow.view)).evaluation_due
    assert due is not None

    await ts_env.sleep(timedelta(days=731 + 100))
    await settle(handle, lambda v: v.seq >= 20 and v.step == "evaluasi")
    for _ in range(200):  # the last reminder's email follows its event row
        if len(smtp.for_sop(sop_id, "pengingat_evaluasi")) >= 15:
            break
        await asyncio.sleep(0.05)

    reminders = rows(engine, sop_id, "pengingat_evaluasi")
    late = [r.payload["hari_terlambat"] for r in reminders]
    assert late == [-30, 0, 14, 28, 42, 56, 70, 84, 98]
    recipients = [[p["unit"] for p in r.payload["penerima"]] for r in reminders]
    # UMUM is a Bagian of the Setda: its head is the Kepala Bagian (sop.organisasi).
    assert reminders[0].payload["penerima"][0]["jabatan"] == "Kepala Bagian"
    assert recipients == [["UMUM"]] * 4 + [["UMUM", "ORG"]] * 4 + [["UMUM", "ORG", "SETDA"]]
    assert [r.payload["tanggal"] for r in reminders] == [
        d.isoformat() for d, _ in zip(reminder_dates(due), range(9), strict=False)
    ]
    # Each reminder reached the inbox and the mailbox of each recipient.
    with Session(engine) as session:
        inbox = session.exec(
            select(Notification).where(
                Notification.sop_id == sop_id, Notification.kind == "pengingat_evaluasi"
            )
        ).all()
    assert len(inbox) == 4 + 8 + 3
    mail = smtp.for_sop(sop_id, "pengingat_evaluasi")
    assert sorted(m["To"] for m in mail) == sorted(
        ["umum@siklus-sop.balangan.test"] * 9
        + ["org@siklus-sop.balangan.test"] * 5
        + ["setda@siklus-sop.balangan.test"]
    )
    assert "terlambat 98 hari" in mail[-1]["Subject"]

    # The evaluation lands: the reminders stop at once.
    run_id = (await handle.describe()).run_id
    await evaluate(handle, HasilEvaluasi.tetap_berlaku)
    handle = await next_run(ts_env.client, handle, run_id)
    await ts_env.sleep(timedelta(days=120))
    assert len(rows(engine, sop_id, "pengingat_evaluasi")) == 9
    assert len(smtp.for_sop(sop_id, "pengingat_evaluasi")) == 15


async def test_revision_keeps_the_old_version_in_force(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    await act(handle, "mulai_evaluasi")
    run_id = (await handle.describe()).run_id
    await evaluate(handle, HasilEvaluasi.revisi)
    handle = await next_run(ts_env.client, handle, run_id)

    view = await handle.query(SopLifecycleWorkflow.view)
    assert (view.stage, view.revision, view.effective_version) == ("penyusunan", 1, 1)
    # No evaluation clock runs while the revision is drafted.
    await ts_env.sleep(timedelta(days=800))
    assert (await handle.query(SopLifecycleWorkflow.view)).step == "pengumpulan_informasi"


async def test_dasar_hukum_amendment_pulls_the_evaluation_in(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    before = await handle.query(SopLifecycleWorkflow.view)

    await handle.signal(
        SopLifecycleWorkflow.dasar_hukum_changed,
        DasarHukumChange(
            peraturan="Peraturan Bupati Balangan Nomor 13 Tahun 2012",
            perubahan="diubah",
            keterangan="Diubah dengan Perbup 2026.",
        ),
    )
    await ts_env.sleep(timedelta(days=1))

    view = await settle(handle, lambda v: v.step == "evaluasi")
    assert view.evaluation_due is not None and before.evaluation_due is not None
    assert view.evaluation_due < before.evaluation_due
    changed = rows(engine, sop_id, "dasar_hukum_berubah")
    assert len(changed) == 1 and "Nomor 13 Tahun 2012" in changed[0].note
    assert changed[0].payload["perubahan"] == "diubah"


async def test_outcomes_need_the_evaluation_form(ts_env, ts_worker, sop_id):
    import pytest
    from temporalio.client import WorkflowUpdateFailedError

    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    await act(handle, "mulai_evaluasi")
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await act(handle, "cabut")
    assert "formulir evaluasi" in caught.value.cause.message
