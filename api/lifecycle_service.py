"""The API's side of SopLifecycleWorkflow: start it, send it updates, translate its refusals.

Routes stay thin; everything that talks to Temporal for an SOP is here. The workflow judges
every action (role, unit, step, rule) in its update validator; a refusal comes back as the
status of ``_STATUS_BY_TYPE`` with the workflow's own message.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import HTTPException, status
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.service import RPCError, RPCStatusCode

from api.schemas import ActionOut
from api.workflow_calls import id_for_key, raise_refusal, starting
from sop import lifecycle
from sop.organisasi import LingkupSop
from sop.penyusunan import KonteksPenyusunan
from wire.penyusunan_state import PenyusunanState
from wire.sop import ActionInput, ActionResult, Aktor, RegisterInput, SopState
from wire.start import register_sop, start_sop, workflow_id_for
from workflows.sop_lifecycle import SopLifecycleWorkflow

_IDEMPOTENCY_NAMESPACE = uuid.UUID("6f1d2b1e-5b8a-4c0e-9a51-5a1f0c2d7e10")

# Refusals by the workflow and the HTTP status each one becomes.
_STATUS_BY_TYPE = {
    "Forbidden": status.HTTP_403_FORBIDDEN,
    "IllegalTransition": status.HTTP_409_CONFLICT,
    "PreconditionFailed": status.HTTP_409_CONFLICT,
    "InvalidInput": status.HTTP_422_UNPROCESSABLE_CONTENT,
    "CycleRollover": status.HTTP_409_CONFLICT,
}


def new_sop_id(idempotency_key: str | None) -> str:
    """A fresh id, or the same id for the same Idempotency-Key (so a retried create is one SOP)."""
    return id_for_key(_IDEMPOTENCY_NAMESPACE, idempotency_key)


async def create_sop(
    client: Client,
    sop_id: str,
    unit_code: str,
    nama_sop: str,
    aktor: Aktor,
    note: str,
    evaluation_interval_months: int,
    unit_jenis: str | None = None,
    lingkup: LingkupSop = LingkupSop.unit,
) -> ActionResult:
    state = SopState(
        sop_id=sop_id,
        unit_code=unit_code,
        unit_jenis=unit_jenis,
        nama_sop=nama_sop,
        step=lifecycle.initial_step(),
        evaluation_interval_months=evaluation_interval_months,
        penyusunan=PenyusunanState(konteks=KonteksPenyusunan(lingkup=lingkup)),
    )
    with starting(f"SOP {sop_id} sudah ada dan telah selesai; gunakan Idempotency-Key lain."):
        handle = await start_sop(client, state)
    # The register update writes the read model before we answer, so the client can GET it
    # immediately; a retried create registers once.
    with _answering():
        return await register_sop(handle, RegisterInput(aktor=aktor, note=note))


async def perform_action(
    client: Client, sop_id: str, event: str, aktor: Aktor, note: str, idempotency_key: str | None
) -> ActionOut:
    result = await run_update(
        client,
        sop_id,
        SopLifecycleWorkflow.act,
        ActionInput(event=event, aktor=aktor, note=note),
        update_id=idempotency_key,
    )
    if result.event != event:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Idempotency-Key ini sudah dipakai untuk aksi '{result.event}'; "
            "gunakan kunci baru untuk aksi lain.",
        )
    return ActionOut(**result.model_dump())


async def send(
    client: Client, sop_id: str, update: Any, arg: Any, update_id: str | None
) -> ActionOut:
    """One update as the HTTP answer: where the SOP is now and what may happen next."""
    result = await run_update(client, sop_id, update, arg, update_id)
    return ActionOut(**result.model_dump())


async def run_update(
    client: Client, sop_id: str, update: Any, arg: Any, update_id: str | None
) -> ActionResult:
    """Send one update to the SOP's workflow; its refusal becomes the HTTP answer."""
    handle = client.get_workflow_handle(workflow_id_for(sop_id))
    with _answering():
        return await handle.execute_update(update, arg, id=update_id or str(uuid.uuid4()))


@contextmanager
def _answering() -> Iterator[None]:
    try:
        yield
    except WorkflowUpdateFailedError as err:
        raise_refusal(err.cause, _STATUS_BY_TYPE, "Aksi gagal diproses")
    except RPCError as err:
        if err.status == RPCStatusCode.NOT_FOUND:
            raise HTTPException(
                status.HTTP_409_CONFLICT,
                "Proses SOP ini sudah selesai (tidak diperlukan atau dicabut); "
                "tidak ada aksi yang dapat dilakukan lagi.",
            ) from err
        raise
