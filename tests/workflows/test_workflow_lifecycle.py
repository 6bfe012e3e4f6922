"""SopLifecycleWorkflow on the time-skipping server: cycle, timer, continue-as-new, refusals."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowExecutionStatus, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError

from sop.evaluasi import HasilEvaluasi
from sop.pasal13 import evaluation_due
from store.tables import DocumentVersion, Notification, Sop, SopEvent
from tests.support.lifecycle_driver import (
    PENERAPAN_EVENTS,
    PENYUSUNAN_EVENTS,
    TO_PENULISAN,
    act,
    drive_to_berlaku,
    drive_to_penulisan,
    evaluate,
    next_run,
    save_draft,
    start_sop,
)
from workflows.sop_lifecycle import SopLifecycleWorkflow


def events_of(engine, sop_id: str) -> list[SopEvent]:
    with Session(engine) as session:
        query = select(SopEvent).where(SopEvent.sop_id == sop_id).order_by(SopEvent.seq)
        return list(session.exec(query).all())


async def test_full_cycle_projects_every_transition(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    result = await drive_to_berlaku(handle)

    assert (result.stage, result.step) == ("monev", "monitoring")
    view = await handle.query(SopLifecycleWorkflow.view)
    assert view.effective_version == 1
    assert view.tanggal_berlaku is not None
    assert view.evaluation_due == evaluation_due(view.tanggal_berlaku, 24)

    rows = events_of(engine, sop_id)
    assert [r.event for r in rows] == [
        "dibuat",
        *TO_PENULISAN,
        *PENYUSUNAN_EVENTS,
        *PENERAPAN_EVENTS,
    ]
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    sahkan = next(r for r in rows if r.event == "sahkan")
    assert (sahkan.from_step, sahkan.to_step, sahkan.to_stage) == (
        "pengesahan",
        "perencanaan",
        "penerapan",
    )
    assert sahkan.document_version == 1 and sahkan.document_hash
    with Session(engine) as session:
        sop = session.get(Sop, sop_id)
        assert sop is not None
        assert (sop.stage, sop.step, sop.last_seq) == ("monev", "monitoring", len(rows))
        assert sop.allowed_events == ["mulai_evaluasi"]
        versions = session.exec(
            select(DocumentVersion).where(DocumentVersion.sop_id == sop_id)
        ).all()
        assert [v.version for v in versions] == [1]


async def test_illegal_update_is_rejected_before_history(ts_env, ts_worker, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    before = len((await handle.fetch_history()).events)

    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await act(handle, "sahkan")

    cause = caught.value.cause
    assert isinstance(cause, ApplicationError)
    assert cause.type == "IllegalTransition"
    assert cause.details[0]["allowed_events"] == ["selesaikan_pengumpulan_data"]
    new_events = (await handle.fetch_history()).events[before:]
    # The time-skipping server has no speculative workflow tasks, so it may log one empty
    # workflow task; nothing of the update itself (accepted, activity, completed) is written.
    # The dev-server test in test_api_e2e.py asserts the history does not grow at all.
    assert {e.event_type for e in new_events} <= {
        EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    }


async def test_precondition_refuses_review_without_a_draft(ts_env, ts_worker, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_penulisan(handle)
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await act(handle, "ajukan_reviu")
    assert caught.value.cause.type == "PreconditionFailed"
    assert "simpan draf" in caught.value.cause.message


async def test_draft_only_while_drafting(ts_env, ts_worker, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await save_draft(handle)
    assert caught.value.cause.type == "IllegalTransition"
    assert "pengumpulan_data" in caught.value.cause.message


async def test_same_update_id_applies_once(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    first = await act(handle, "selesaikan_pengumpulan_data", update_id="key-1")
    again = await act(handle, "selesaikan_pengumpulan_data", update_id="key-1")
    assert again == first
    assert [r.event for r in events_of(engine, sop_id)] == ["dibuat", "selesaikan_pengumpulan_data"]


async def test_two_year_timer_raises_the_evaluation(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    view = await handle.query(SopLifecycleWorkflow.view)
    assert view.step == "monitoring"

    await ts_env.sleep(timedelta(days=365))
    assert (await handle.query(SopLifecycleWorkflow.view)).step == "monitoring"
    await ts_env.sleep(timedelta(days=367))

    view = await handle.query(SopLifecycleWorkflow.view)
    assert view.step == "evaluasi"
    rows = events_of(engine, sop_id)
    assert [r.event for r in rows[-3:]] == [
        "pengingat_evaluasi",
        "evaluasi_jatuh_tempo",
        "pengingat_evaluasi",
    ]
    last = rows[-2]
    assert (last.actor_nama, last.to_step) == ("Siklus SOP", "evaluasi")
    assert last.occurred_at.date() >= view.evaluation_due - timedelta(days=1)
    with Session(engine) as session:
        told = session.exec(
            select(Notification.recipient_unit).where(
                Notification.sop_id == sop_id, Notification.kind == "pengingat_evaluasi"
            )
        ).all()
    # 30 days before and on the due date: the head of the unit only.
    assert told == ["UMUM", "UMUM"]


async def test_tetap_berlaku_continues_as_new_with_state(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    first_run = (await handle.describe()).run_id
    await act(handle, "mulai_evaluasi")
    before = await handle.query(SopLifecycleWorkflow.view)

    result = await evaluate(handle, HasilEvaluasi.tetap_berlaku)
    assert result.step == "monitoring"

    latest = await next_run(ts_env.client, handle, first_run)
    old = ts_env.client.get_workflow_handle(handle.id, run_id=first_run)
    assert (await old.describe()).status == WorkflowExecutionStatus.CONTINUED_AS_NEW
    view = await latest.query(SopLifecycleWorkflow.view)
    assert (await latest.describe()).run_id != first_run
    assert view.cycle == before.cycle + 1
    assert view.seq == before.seq + 1
    assert view.effective_version == 1
    assert view.last_evaluation is not None
    assert view.evaluation_due == evaluation_due(view.last_evaluation, 24)
    # The new run keeps numbering events where the old one stopped: no gap, no duplicate.
    await act(latest, "mulai_evaluasi")
    rows = events_of(engine, sop_id)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert [r.cycle for r in rows[-2:]] == [1, 2]


async def test_revisi_returns_to_penyusunan_keeping_the_effective_version(
    ts_env, ts_worker, engine, sop_id
):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    first_run = (await handle.describe()).run_id
    await act(handle, "mulai_evaluasi")
    await evaluate(handle, HasilEvaluasi.revisi)

    latest = await next_run(ts_env.client, handle, first_run)
    view = await latest.query(SopLifecycleWorkflow.view)
    assert (view.stage, view.step, view.revision) == ("penyusunan", "pengumpulan_informasi", 1)
    assert view.effective_version == 1
    assert view.tanggal_berlaku is not None


async def test_tidak_diperlukan_ends_the_workflow(ts_env, ts_worker, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    for event in ["selesaikan_pengumpulan_data", "selesaikan_persiapan"]:
        await act(handle, event)
    await act(handle, "nyatakan_tidak_diperlukan")
    final = await handle.result()
    assert (final.stage, final.step, final.allowed_events) == (
        "tidak_diperlukan",
        "tidak_diperlukan",
        [],
    )


def test_evaluation_due_is_two_years_by_default():
    assert evaluation_due(date(2026, 11, 27)) == date(2028, 11, 27)


async def test_campaign_sop_records_persiapan_and_penilaian_as_done(ts_env, ts_worker, engine):
    from config import get_settings
    from sop.peristiwa import CAMPAIGN_EVENTS
    from tests.support.lifecycle_driver import AKTOR
    from wire.sop import RegisterInput, SopState
    from workflows.sop_lifecycle import workflow_id_for

    sop_id = "kampanye-" + __import__("uuid").uuid4().hex[:8]
    handle = await ts_env.client.start_workflow(
        SopLifecycleWorkflow.run,
        SopState(
            sop_id=sop_id,
            unit_code="DINKES",
            nama_sop="Pelayanan Rujukan",
            step="pengumpulan_data",
            campaign_id="K-2026",
            kebutuhan_id="K-2026-7",
        ),
        id=workflow_id_for(sop_id),
        task_queue=get_settings().task_queue,
    )
    result = await handle.execute_update(
        SopLifecycleWorkflow.register, RegisterInput(aktor=AKTOR), id="register"
    )
    assert (result.stage, result.step) == ("penyusunan", "pengumpulan_informasi")
    rows = events_of(engine, sop_id)
    assert [r.event for r in rows] == ["dibuat", *CAMPAIGN_EVENTS]
    assert all("K-2026-7" in r.note for r in rows[1:])
    with Session(engine) as session:
        sop = session.get(Sop, sop_id)
        assert sop is not None and (sop.campaign_id, sop.kebutuhan_id) == ("K-2026", "K-2026-7")
