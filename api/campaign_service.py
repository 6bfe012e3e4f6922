"""The API's side of CampaignWorkflow: start it, send it updates, translate its refusals.

The campaign judges who may submit a unit's form, decide rows and close (its validators); the
API only names the actor. Once the campaign has closed its workflow is gone and cannot refuse
anyone, so a route also passes ``closed_refusal``: what the same rule (``sop.wewenang``) says to
this actor, which is then the answer (403) instead of "closed" (409).
"""

import asyncio
import random
import uuid
from typing import Any

from fastapi import HTTPException, status
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from api.workflow_calls import id_for_key, raise_refusal, starting
from config import get_settings
from wire.campaign import CampaignInput, RegisterCampaignInput
from workflows.campaign import CampaignWorkflow, workflow_id_for

_IDEMPOTENCY_NAMESPACE = uuid.UUID("0b7f2a44-9d3e-4f61-8c25-7e4b1d9a6c03")

_STATUS_BY_TYPE = {
    "Forbidden": status.HTTP_403_FORBIDDEN,
    "UnitNotInCampaign": status.HTTP_422_UNPROCESSABLE_CONTENT,
    "UnknownRow": status.HTTP_404_NOT_FOUND,
    "RowAlreadyDecided": status.HTTP_409_CONFLICT,
    "CampaignClosed": status.HTTP_409_CONFLICT,
}
# Retried briefly: the run rolling over (continue-as-new) and Temporal's limit of 10 updates in
# flight per workflow (many units submitting at once).
_BUSY_RETRIES = 100
_BUSY_PAUSE_SECONDS = 0.1


def new_campaign_id(idempotency_key: str | None) -> str:
    """A fresh id, or the same id for the same Idempotency-Key (a retried start is one campaign)."""
    return id_for_key(_IDEMPOTENCY_NAMESPACE, idempotency_key)


async def start_campaign(client: Client, request: CampaignInput) -> None:
    closed = (
        f"Kampanye {request.campaign_id} sudah ada dan telah ditutup; "
        "gunakan Idempotency-Key lain."
    )
    with starting(closed):
        await client.start_workflow(
            CampaignWorkflow.run,
            request,
            id=workflow_id_for(request.campaign_id),
            task_queue=get_settings().task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )
    # Registration writes the read model before we answer, so a GET finds the campaign.
    await update(
        client,
        request.campaign_id,
        CampaignWorkflow.register,
        RegisterCampaignInput(aktor=request.koordinator),
        update_id="register",
    )


async def update(
    client: Client,
    campaign_id: str,
    method: Any,
    arg: Any,
    update_id: str | None = None,
    closed_refusal: str | None = None,
) -> Any:
    """Send an update; while the campaign is busy (rollover, updates in flight), retry."""
    handle = client.get_workflow_handle(workflow_id_for(campaign_id))
    update_id = update_id or str(uuid.uuid4())
    for _ in range(_BUSY_RETRIES):
        try:
            return await handle.execute_update(method, arg, id=update_id)
        except WorkflowUpdateFailedError as err:
            cause = err.cause
            if isinstance(cause, ApplicationError) and cause.type == "CampaignRollover":
                await _pause()
                continue
            raise_refusal(cause, _STATUS_BY_TYPE, "Permintaan gagal diproses")
        except RPCError as err:
            if err.status == RPCStatusCode.RESOURCE_EXHAUSTED:
                await _pause()
                continue
            if err.status == RPCStatusCode.NOT_FOUND:
                if closed_refusal:
                    raise HTTPException(status.HTTP_403_FORBIDDEN, closed_refusal) from err
                raise HTTPException(
                    status.HTTP_409_CONFLICT, "Kampanye sudah ditutup; tidak ada perubahan lagi."
                ) from err
            raise
    raise HTTPException(
        status.HTTP_503_SERVICE_UNAVAILABLE, "Kampanye sedang sibuk; ulangi sebentar lagi."
    )


async def _pause() -> None:
    await asyncio.sleep(_BUSY_PAUSE_SECONDS * (0.5 + random.random()))

