"""Test helpers that drive CampaignWorkflow directly through a Temporal client."""

import asyncio
import uuid
from collections.abc import Callable
from datetime import date

from temporalio.client import Client, WorkflowHandle

from config import get_settings
from sop.peran import Peran
from wire.campaign import (
    CampaignInput,
    CampaignUnitInput,
    CampaignView,
    KebutuhanInput,
    RegisterCampaignInput,
)
from wire.sop import Aktor
from workflows.campaign import CampaignWorkflow, workflow_id_for

KOORDINATOR = Aktor(
    nama="Hj. Noor", jabatan="Kepala Bagian Organisasi", unit="ORG", peran=[Peran.koordinator]
)

UNITS = {
    "ORG": ("Bagian Organisasi Sekretariat Daerah", "bagian"),
    "UMUM": ("Bagian Umum Sekretariat Daerah", "bagian"),
    "DINKES": ("Dinas Kesehatan", "dinas"),
}


def row(judul: str) -> KebutuhanInput:
    return KebutuhanInput(
        kegiatan=f"Kegiatan untuk {judul}", judul=judul, perkiraan_output=f"Dokumen {judul}"
    )


async def start_campaign(
    client: Client,
    deadline: date | None,
    codes: list[str] | None = None,
    max_updates_per_run: int = 1000,
) -> WorkflowHandle:
    campaign_id = uuid.uuid4().hex
    units = [
        CampaignUnitInput(code=code, name=UNITS[code][0], jenis=UNITS[code][1])
        for code in (codes or list(UNITS))
    ]
    handle = await client.start_workflow(
        CampaignWorkflow.run,
        CampaignInput(
            campaign_id=campaign_id,
            nama="Penyusunan SOP Uji",
            units=units,
            deadline=deadline,
            koordinator=KOORDINATOR,
            max_updates_per_run=max_updates_per_run,
        ),
        id=workflow_id_for(campaign_id),
        task_queue=get_settings().task_queue,
    )
    await handle.execute_update(
        CampaignWorkflow.register, RegisterCampaignInput(aktor=KOORDINATOR), id="register"
    )
    return handle


async def wait_for(
    handle: WorkflowHandle, check: Callable[[CampaignView], bool], seconds: float = 60
) -> CampaignView:
    """Poll the view query (real time) until ``check`` holds."""
    view = await handle.query(CampaignWorkflow.view)
    for _ in range(int(seconds / 0.1)):
        if check(view):
            return view
        await asyncio.sleep(0.1)
        view = await handle.query(CampaignWorkflow.view)
    raise AssertionError(f"condition not reached: {view}")


async def poll(check: Callable[[], object], seconds: float = 30) -> object:
    """Poll a read-model check (real time) until it returns something truthy."""
    for _ in range(int(seconds / 0.1)):
        value = check()
        if value:
            return value
        await asyncio.sleep(0.1)
    raise AssertionError("read-model condition not reached")
