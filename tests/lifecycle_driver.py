"""Test helpers that drive SopLifecycleWorkflow directly through a Temporal client."""

from temporalio.client import Client, WorkflowHandle

from config import get_settings
from sop import lifecycle
from sop.fixtures import lampiran_2e_example
from workflows.models import (
    ActionInput,
    ActionResult,
    Aktor,
    RegisterInput,
    SaveDraftInput,
    SopState,
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
    "sosialisasikan",
    "distribusikan",
    "mulai_pelatihan",
    "berlakukan",
]


async def start_sop(client: Client, sop_id: str, unit_code: str = "UMUM") -> WorkflowHandle:
    handle = await client.start_workflow(
        SopLifecycleWorkflow.run,
        SopState(
            sop_id=sop_id,
            unit_code=unit_code,
            nama_sop="Pelayanan Administrasi Surat Masuk dan Surat Keluar",
            step=lifecycle.initial_step(),
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
        result = await act(handle, event)
    assert result is not None
    return result
