"""Start the SOP workflows of accepted needs rows, in batches, from an activity.

Not child workflows: an SOP outlives its campaign, and a campaign of thousands of SOPs must
never meet the 2,000 pending-children limit. Idempotent: the workflow id derives from the row
id (USE_EXISTING), and the ``register`` update has a fixed id, so a retried batch starts and
registers nothing twice. The SOP workflow is started by name (``wire.start``): activities never
import workflow code.
"""

import asyncio

from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import WorkflowAlreadyStartedError

from sop import lifecycle
from wire.campaign_activities import (
    START_CAMPAIGN_SOPS,
    SopToStart,
    StartSopsInput,
    StartSopsResult,
)
from wire.sop import Aktor, RegisterInput, SopState
from wire.start import register_sop, start_sop

CONCURRENCY = 25
"""SOPs started and registered at once by one batch."""


class CampaignSopActivities:
    """Activities bound to the worker's Temporal client and task queue."""

    def __init__(self, client: Client, task_queue: str | None = None) -> None:
        self._client = client
        self._task_queue = task_queue

    @activity.defn(name=START_CAMPAIGN_SOPS)
    async def start_campaign_sops(self, request: StartSopsInput) -> StartSopsResult:
        semaphore = asyncio.Semaphore(CONCURRENCY)
        done = 0

        async def one(item: SopToStart) -> str:
            nonlocal done
            async with semaphore:
                await self._start_and_register(request.campaign_id, request.aktor, item)
            done += 1
            activity.heartbeat(done)
            return item.row_id

        registered = await asyncio.gather(*(one(item) for item in request.sops))
        return StartSopsResult(registered=list(registered))

    async def _start_and_register(self, campaign_id: str, aktor: Aktor, item: SopToStart) -> None:
        state = SopState(
            sop_id=item.sop_id,
            unit_code=item.unit_code,
            unit_jenis=item.unit_jenis,
            nama_sop=item.judul,
            step=lifecycle.initial_step(),
            campaign_id=campaign_id,
            kebutuhan_id=item.row_id,
        )
        try:
            handle = await start_sop(self._client, state, task_queue=self._task_queue)
        except WorkflowAlreadyStartedError:
            return  # the SOP was started, registered and has since ended its life
        await register_sop(
            handle,
            RegisterInput(
                aktor=aktor,
                note=f"Dibuat dari baris identifikasi kebutuhan {item.row_id} "
                f"yang diterima dalam kampanye {campaign_id}.",
            ),
        )
