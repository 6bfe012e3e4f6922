"""Test helpers that drive SopLifecycleWorkflow directly through a Temporal client."""

import asyncio
from datetime import date

from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle

from config import get_settings
from sop import lifecycle
from sop.evaluasi import Evaluator, FormEvaluasi, HasilEvaluasi, Jawaban
from sop.fixtures import lampiran_2e_example
from sop.penerapan import RencanaPenerapan, SesiPelatihan
from workflows.history_export import export_workflow_id
from workflows.models import (
    ActionInput,
    ActionResult,
    Aktor,
    EvaluationInput,
    PlanInput,
    RegisterInput,
    SaveDraftInput,
    SopState,
    TrainingInput,
)
from workflows.sop_lifecycle import SopLifecycleWorkflow, workflow_id_for

AKTOR = Aktor(nama="Rina Penyusun", nip="199001012015022001", jabatan="Analis", unit="UMUM")

TO_PENULISAN = [
    "selesaikan_pengumpulan_data",
    "selesaikan_persiapan",
    "nyatakan_diperlukan",
    "tetapkan_daftar_sop",
    "selesaikan_pengumpulan_informasi",
    "pilih_alternatif",
]
PENULISAN_TO_BERLAKU = [
    "ajukan_reviu",
    "ajukan_pengesahan",
    "sahkan",
    "rencana_penerapan",
    "sosialisasikan",
    "distribusikan",
    "mulai_pelatihan",
    "sesi_pelatihan",
    "berlakukan",
]

RENCANA = RencanaPenerapan(
    unit_sasaran=["UMUM", "ORG"], pelaksana=["Staf", "Kasubbag"], perlu_pelatihan=True
)


def evaluation_form(hasil: HasilEvaluasi, tanggal: date | None = None) -> FormEvaluasi:
    return FormEvaluasi(
        tanggal=tanggal or date(2026, 11, 27),
        evaluator=Evaluator.bagian_organisasi,
        nama_evaluator="Bagian Organisasi Setda",
        penyusun_terlibat="Rina Penyusun",
        substansi=[Jawaban(nilai=4) for _ in range(7)],
        proses=[Jawaban(nilai=3, catatan="cukup") for _ in range(6)],
        hasil=hasil,
    )


async def start_sop(client: Client, sop_id: str, unit_code: str = "UMUM") -> WorkflowHandle:
    handle = await client.start_workflow(
        SopLifecycleWorkflow.run,
        SopState(
            sop_id=sop_id,
            unit_code=unit_code,
            nama_sop="Pelayanan Administrasi Surat Masuk dan Surat Keluar",
            step=lifecycle.initial_step(),
            unit_jenis="bagian",
        ),
        id=workflow_id_for(sop_id),
        task_queue=get_settings().task_queue,
    )
    await handle.execute_update(
        SopLifecycleWorkflow.register, RegisterInput(aktor=AKTOR), id="register"
    )
    return handle


async def act(handle: WorkflowHandle, event: str, update_id: str | None = None) -> ActionResult:
    return await handle.execute_update(
        SopLifecycleWorkflow.act, ActionInput(event=event, aktor=AKTOR), id=update_id
    )


async def next_run(client: Client, handle: WorkflowHandle, run_id: str) -> WorkflowHandle:
    """The handle of the run that follows ``run_id``, once that run has continued as new.

    An update answers before its run closes; querying in between can hit the closing run.
    """
    old = client.get_workflow_handle(handle.id, run_id=run_id)
    await _closed(old)
    # Let the closed run's history export finish in real time too: on the time-skipping
    # server a later sleep would skip past its activity timeout while it is still working.
    await _closed(client.get_workflow_handle(export_workflow_id(run_id)))
    return client.get_workflow_handle(handle.id)


async def _closed(handle: WorkflowHandle) -> None:
    for _ in range(200):
        if (await handle.describe()).status != WorkflowExecutionStatus.RUNNING:
            return
        await asyncio.sleep(0.05)


async def evaluate(handle: WorkflowHandle, hasil: HasilEvaluasi) -> ActionResult:
    return await handle.execute_update(
        SopLifecycleWorkflow.submit_evaluation,
        EvaluationInput(aktor=AKTOR, form=evaluation_form(hasil)),
    )


async def step(handle: WorkflowHandle, event: str) -> ActionResult:
    """An action, or one of the records that penerapan requires on the way."""
    if event == "rencana_penerapan":
        return await handle.execute_update(
            SopLifecycleWorkflow.set_plan, PlanInput(aktor=AKTOR, rencana=RENCANA)
        )
    if event == "sesi_pelatihan":
        sesi = SesiPelatihan(tanggal=date(2026, 12, 1), tempat="Aula Setda", peserta=["Ani"])
        return await handle.execute_update(
            SopLifecycleWorkflow.record_training, TrainingInput(aktor=AKTOR, sesi=sesi)
        )
    return await act(handle, event)


async def save_draft(handle: WorkflowHandle) -> ActionResult:
    return await handle.execute_update(
        SopLifecycleWorkflow.save_draft,
        SaveDraftInput(aktor=AKTOR, document=lampiran_2e_example()),
    )


async def drive_to_berlaku(handle: WorkflowHandle) -> ActionResult:
    for event in TO_PENULISAN:
        await act(handle, event)
    await save_draft(handle)
    result = None
    for event in PENULISAN_TO_BERLAKU:
        result = await step(handle, event)
    assert result is not None
    return result


async def settle(handle: WorkflowHandle, condition, seconds: float = 10.0):  # type: ignore[no-untyped-def]
    """Poll the view until ``condition(view)`` holds: after a time skip, the timers have fired
    but their workflow tasks and activities may still be running."""
    view = None
    for _ in range(int(seconds / 0.05)):
        view = await handle.query(SopLifecycleWorkflow.view)
        if condition(view):
            return view
        await asyncio.sleep(0.05)
    raise AssertionError(f"condition not reached; last view: {view}")
