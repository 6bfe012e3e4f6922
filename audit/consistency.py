"""Does the read model say what Temporal says? Compare every SOP's row with its workflow.

Temporal is the source of truth. For a running SOP the truth is its ``view`` query; for a
completed one, its final result (the same ``SopView``). Other closed runs (terminated, failed,
timed out) and workflows no longer in Temporal (deleted after retention) are skipped with a
note: there is nothing authoritative left to compare with.
"""

import asyncio
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.service import RPCError, RPCStatusCode

from store.tables import Sop
from wire.sop import SopView
from wire.start import VIEW_QUERY

QUERY_TIMEOUT_SECONDS = 10.0
RECHECK_DELAY_SECONDS = 0.5
# Fields of the read model row mirrored from the view (same name), plus seq -> last_seq.
RENAMED = {"seq": "last_seq"}


class Difference(BaseModel):
    sop_id: str
    field: str
    temporal: Any
    read_model: Any


class Skipped(BaseModel):
    sop_id: str
    reason: str


class ConsistencyReport(BaseModel):
    ok: bool
    checked: int
    differences: list[Difference]
    skipped: list[Skipped]


def mirrored_fields() -> dict[str, str]:
    """View field -> read-model column, for every field both sides have."""
    columns = set(Sop.model_fields)
    pairs = {name: RENAMED.get(name, name) for name in SopView.model_fields}
    return {view: row for view, row in pairs.items() if row in columns and view != "sop_id"}


def compare(view: SopView, row: Sop) -> list[Difference]:
    differences = []
    for view_field, row_field in mirrored_fields().items():
        truth = to_jsonable_python(getattr(view, view_field))
        projected = to_jsonable_python(getattr(row, row_field))
        if truth != projected:
            differences.append(
                Difference(sop_id=row.id, field=row_field, temporal=truth, read_model=projected)
            )
    return differences


async def _temporal_view(client: Client, workflow_id: str) -> SopView | str:
    """The SOP's state in Temporal, or the reason it cannot be compared."""
    handle = client.get_workflow_handle(workflow_id, result_type=SopView)
    try:
        status = (await handle.describe()).status
        if status == WorkflowExecutionStatus.RUNNING:
            return await asyncio.wait_for(
                handle.query(VIEW_QUERY, result_type=SopView), QUERY_TIMEOUT_SECONDS
            )
        if status == WorkflowExecutionStatus.COMPLETED:
            return await handle.result()
        name = status.name if status else "UNKNOWN"
        return f"workflow berstatus {name}; tidak ada keadaan akhir untuk dibandingkan."
    except RPCError as err:
        if err.status == RPCStatusCode.NOT_FOUND:
            return "workflow tidak ada lagi di Temporal (lewat masa retensi?)."
        return f"Temporal menolak permintaan: {err.message}"
    except TimeoutError:
        return f"query view tidak dijawab dalam {QUERY_TIMEOUT_SECONDS:.0f} detik (worker mati?)."


def _rows(engine: Engine, sop_ids: list[str] | None) -> dict[str, Sop]:
    with Session(engine) as session:
        query = select(Sop)
        if sop_ids is not None:
            query = query.where(col(Sop.id).in_(sop_ids))
        return {row.id: row for row in session.exec(query).all()}


async def _check_one(
    client: Client, engine: Engine, row: Sop
) -> tuple[list[Difference], Skipped | None]:
    for attempt in range(2):
        view = await _temporal_view(client, row.workflow_id)
        if isinstance(view, str):
            return [], Skipped(sop_id=row.id, reason=view)
        differences = compare(view, row)
        if not differences or attempt == 1:
            return differences, None
        # An action may have committed between the query and the read: look once more.
        await asyncio.sleep(RECHECK_DELAY_SECONDS)
        fresh = (await asyncio.to_thread(_rows, engine, [row.id])).get(row.id)
        if fresh is None:
            return [], Skipped(sop_id=row.id, reason="baris read model terhapus saat diperiksa.")
        row = fresh
    return [], None


async def check_consistency(
    client: Client, engine: Engine, sop_ids: Iterable[str] | None = None, concurrency: int = 16
) -> ConsistencyReport:
    """Compare each SOP (all, or ``sop_ids``) in Temporal with its read-model row."""
    wanted = list(sop_ids) if sop_ids is not None else None
    rows = await asyncio.to_thread(_rows, engine, wanted)
    gate = asyncio.Semaphore(concurrency)

    async def bounded(row: Sop) -> tuple[list[Difference], Skipped | None]:
        async with gate:
            return await _check_one(client, engine, row)

    results = await asyncio.gather(*(bounded(row) for row in rows.values()))
    differences = [d for found, _ in results for d in found]
    skipped = [s for _, s in results if s is not None]
    skipped += [
        Skipped(sop_id=sop_id, reason="tidak ada baris di read model.")
        for sop_id in wanted or []
        if sop_id not in rows
    ]
    return ConsistencyReport(
        ok=not differences, checked=len(rows), differences=differences, skipped=skipped
    )
