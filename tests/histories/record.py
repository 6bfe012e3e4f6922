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
from sop.reviu import JawabanReviu, KeputusanReviu, KomentarReviu
from sop.simulasi import HasilSimulasi
from store.engine import make_engine
from store.migrate import upgrade
from store.seed import seed_units
from tests.support.lifecycle_driver import (
    AKTOR,
    KABAG_UMUM,
    KOORDINATOR,
    PENERAPAN_EVENTS,
    REVIEWER_UMUM,
    act,
    drive_to_berlaku,
    evaluate,
    moves_penulisan_to_pengesahan,
    moves_to_penulisan,
    run_moves,
    settle,
    simulation,
    start_sop,
    step,
)
from wire import search_attributes as sa
from wire.penyusunan import (
    PengesahanInput,
    ReviewAnswerInput,
    RoundDecisionInput,
    SimulationInput,
    SubmitReviewInput,
)
from worker import build_worker
from workflows.sop_lifecycle import SopLifecycleWorkflow

HERE = Path(__file__).resolve().parent


async def _first_run(env: WorkflowEnvironment, handle: WorkflowHandle, name: str) -> None:
    history = await env.client.get_workflow_handle(
        handle.id, run_id=handle.first_execution_run_id or handle.result_run_id
    ).fetch_history()
    (HERE / f"{name}.json").write_text(history.to_json(), encoding="utf-8")


async def submit(handle: WorkflowHandle, versi: int) -> None:
    await handle.execute_update(SopLifecycleWorkflow.submit_review, SubmitReviewInput(
        aktor=AKTOR, versi=versi, pihak=["UMUM", "ORG"]))


async def review(
    handle: WorkflowHandle, ronde: int, versi: int, changes: bool = False,
    submitted: bool = False,
) -> None:
    if not submitted:
        await submit(handle, versi)
    keputusan = KeputusanReviu.perlu_perbaikan if changes else KeputusanReviu.setuju
    komentar = [KomentarReviu(langkah=2, teks="Perjelas.")] if changes else []
    for aktor, pihak in ((REVIEWER_UMUM, "UMUM"), (KOORDINATOR, "ORG")):
        await handle.execute_update(SopLifecycleWorkflow.answer_review, ReviewAnswerInput(
            aktor=aktor, ronde=ronde, pihak=pihak,
            jawaban=JawabanReviu(keputusan=keputusan, komentar=komentar)))


async def simulate(handle: WorkflowHandle, hasil: HasilSimulasi) -> None:
    await handle.execute_update(SopLifecycleWorkflow.record_simulation,
                                SimulationInput(aktor=AKTOR, catatan=simulation(hasil)))


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

        # 2. Duplicate update ids, every back-edge of penyusunan, a review deadline that
        #    passes, and a revision.
        handle = await start_sop(env.client, uuid.uuid4().hex)
        for index, move in enumerate(moves_to_penulisan()):
            await handle.execute_update(move.update, move.arg, id=f"k-{index}")
        await handle.execute_update(move.update, move.arg, id=f"k-{index}")  # a retry
        drafting = moves_penulisan_to_pengesahan()
        draft, context, choose_format = drafting[0], drafting[1], drafting[2]
        await run_moves(handle, [draft, context, choose_format])
        await review(handle, 1, 1, changes=True)  # back to penulisan
        await run_moves(handle, [draft, choose_format])
        await review(handle, 2, 2)
        await simulate(handle, HasilSimulasi.kembali_ke_analisis)
        await run_moves(handle, moves_to_penulisan()[-1:])
        await submit(handle, 2)
        await env.sleep(timedelta(days=8))  # reminder, then the deadline
        await settle(handle, lambda v: v.penyusunan.ronde.status == "lewat_batas")
        await handle.execute_update(SopLifecycleWorkflow.decide_round, RoundDecisionInput(
            aktor=KOORDINATOR, ronde=3, keputusan="tutup"))
        await simulate(handle, HasilSimulasi.ulangi_simulasi)
        await simulate(handle, HasilSimulasi.lanjut_pengesahan)
        await handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, PengesahanInput(
            aktor=KABAG_UMUM, keputusan="kembalikan", alasan="Lengkapi langkah 4."))
        await submit(handle, 2)
        await review(handle, 4, 2, submitted=True)
        await simulate(handle, HasilSimulasi.lanjut_pengesahan)
        await run_moves(handle, drafting[-1:])
        for event in [*PENERAPAN_EVENTS, "mulai_evaluasi"]:
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
