"""Every closed SOP run's Temporal history is kept in the store (time-skipping
server)."""

import asyncio
from datetime import timedelta

from sqlmodel import Session, select
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from activities.history_export import HistoryExportActivities
from sop.evaluasi import HasilEvaluasi
from store.tables import RunHistory
from tests.support.lifecycle_driver import act, drive_to_berlaku, evaluate, start_sop
from wire.history import HistoryExportInput
from worker import WORKFLOWS


async def exported(engine, run_id: str) -> RunHistory:
    for _ in range(200):
        with Session(engine) as session:
            row = session.exec(select(RunHistory).where(RunHistory.run_id == run_id)).first()
        if row is not None:
            return row
        await asyncio.sleep(0.1)
    raise AssertionError(f"history of run {run_id} was not exported")


async def test_continue_as_new_exports_the_closed_run_once(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    first_run = (await handle.describe()).run_id
    await act(handle, "mulai_evaluasi")
    await evaluate(handle, HasilEvaluasi.tetap_berlaku)

    row = await exported(engine, first_run)
    assert (row.sop_id, row.cycle, row.status) == (sop_id, 1, "CONTINUED_AS_NEW")
    history = WorkflowHistory.from_json(handle.id, row.history_json)
    assert len(history.events) == row.event_count
    assert history.events[-1].event_type == (
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
    )
    live = await ts_env.client.get_workflow_handle(handle.id, run_id=first_run).fetch_history()
    assert history.events == live.events

    # The exported history replays against today's code (the patched branch is deterministic).
    replayer = Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter)
    result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is None

    # Exporting again (a retried activity) writes nothing.
    request = HistoryExportInput(
        sop_id=sop_id, workflow_id=handle.id, run_id=first_run, cycle=1
    )
    assert await HistoryExportActivities(ts_env.client, engine).export_run_history(request) is False
    with Session(engine) as session:
        rows = session.exec(select(RunHistory).where(RunHistory.run_id == first_run)).all()
    assert len(rows) == 1


async def test_completed_run_is_exported(ts_env, ts_worker, engine, sop_id):
    handle = await start_sop(ts_env.client, sop_id)
    for event in ["selesaikan_pengumpulan_data", "selesaikan_persiapan"]:
        await act(handle, event)
    await act(handle, "nyatakan_tidak_diperlukan")
    await handle.result()
    run_id = handle.first_execution_run_id or handle.result_run_id
    assert run_id

    row = await exported(engine, run_id)
    assert row.status == "COMPLETED"
    history = WorkflowHistory.from_json(handle.id, row.history_json)
    assert history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
    # The export must not leave the time-skipping server unable to skip time (a child workflow
    # outliving its parent did: every later env.sleep timed out).
    await asyncio.wait_for(ts_env.sleep(timedelta(days=400)), timeout=10)
