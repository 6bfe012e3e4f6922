"""Record the histories that test_replay.py replays (run by hand, then commit the JSON).

    .venv/bin/python -m tests.histories.record

Re-record only on purpose: a history here stands for SOPs already running in production, and
replay failing against it means a change would break them (make such a change with
``workflow.patched``).
"""

import asyncio
import os
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import WorkflowHandle
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from config import get_settings
from deploy.binaries import temporal_test_server
from sop.evaluasi import HasilEvaluasi
from store.engine import make_engine
from store.migrate import upgrade
from store.seed import seed_units
from tests.lifecycle_driver import (
    TO_PENULISAN,
    act,
    drive_to_berlaku,
    evaluate,
    save_draft,
    settle,
    start_sop,
    step,
)
from worker import build_worker
from workflows import search_attributes as sa

HERE = Path(__file__).resolve().parent


async def _first_run(env: WorkflowEnvironment, handle: WorkflowHandle, name: str) -> None:
    history = await env.client.get_workflow_handle(
        handle.id, run_id=handle.first_execution_run_id or handle.result_run_id
    ).fetch_history()
    (HERE / f"{name}.json").write_text(history.to_json(), encoding="utf-8")


async def main() -> None:
    db = Path(tempfile.mkdtemp()) / "record.db"
    upgrade(f"sqlite:///{db}")
    engine = make_engine(f"sqlite:///{db}")
    seed_units(engine)
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter, test_server_existing_path=temporal_test_server()
    )
    await env.client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(
            namespace=env.client.namespace,
            search_attributes={
                k.name: IndexedValueType.ValueType(k.indexed_value_type.value) for k in sa.ALL
            },
        )
    )
    async with env, build_worker(env.client, get_settings().task_queue, engine):
        # 1. A whole first cycle: drafting, approval, berlaku, the 2-year timer, tetap berlaku.
        handle = await start_sop(env.client, uuid.uuid4().hex)
        await drive_to_berlaku(handle)
        await env.sleep(timedelta(days=800))
        await settle(handle, lambda v: v.step == "evaluasi")
        await evaluate(handle, HasilEvaluasi.tetap_berlaku)
        await _first_run(env, handle, "cycle_timer_tetap_berlaku")

        # 2. Refusals, a duplicate update id, back-edges, and a revision.
        handle = await start_sop(env.client, uuid.uuid4().hex)
        for event in TO_PENULISAN:
            await act(handle, event, update_id=f"k-{event}")
        await act(handle, TO_PENULISAN[-1], update_id=f"k-{TO_PENULISAN[-1]}")
        await save_draft(handle)
        for event in ["ajukan_reviu", "kembali_ke_analisis", "pilih_alternatif", "ajukan_reviu",
                      "ajukan_pengesahan", "kembalikan_ke_penulisan", "ajukan_reviu",
                      "ajukan_pengesahan", "sahkan", "rencana_penerapan", "sosialisasikan",
                      "distribusikan", "mulai_pelatihan", "sesi_pelatihan", "berlakukan",
                      "mulai_evaluasi"]:
            await step(handle, event)
        await evaluate(handle, HasilEvaluasi.revisi)
        await _first_run(env, handle, "backedges_revisi")

        # 3. Not needed: the workflow completes.
        handle = await start_sop(env.client, uuid.uuid4().hex)
        for event in ["selesaikan_pengumpulan_data", "selesaikan_persiapan",
                      "nyatakan_tidak_diperlukan"]:
            await act(handle, event)
        await handle.result()
        await _first_run(env, handle, "tidak_diperlukan")
    print("histories written to", HERE)


if __name__ == "__main__":
    asyncio.run(main())
    os._exit(0)
