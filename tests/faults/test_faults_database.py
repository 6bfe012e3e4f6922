"""Fault (c): the read model's database fails every projection write for a while; the activities
retry and the read model converges to what the workflows say.

The outage is real to the worker: its pooled connections stay open, but the table every
projection writes first (``sop_events``) is renamed away, so each write fails with
``OperationalError: no such table`` (as a database that refuses statements would), until it is
renamed back.
"""

import asyncio
import sqlite3
import uuid
from pathlib import Path

from temporalio.api.enums.v1 import EventType

from tests.support.consistency import read_model_mismatches
from tests.support.fault_driver import Batch, connect_to, exactly_once_problems
from tests.support.stack import Stack
from wire.start import workflow_id_for

BATCH = 12
OUTAGE_SECONDS = 5.0


def _rename(db_path: Path, old: str, new: str) -> None:
    with sqlite3.connect(db_path, timeout=30) as db:
        db.execute(f"ALTER TABLE {old} RENAME TO {new}")


async def _max_activity_attempt(client, sop_ids: list[str]) -> int:  # type: ignore[no-untyped-def]
    attempts = [1]
    for sop_id in sop_ids:
        history = await client.get_workflow_handle(workflow_id_for(sop_id)).fetch_history()
        attempts += [
            e.activity_task_started_event_attributes.attempt
            for e in history.events
            if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
        ]
    return max(attempts)


async def test_projection_outage_retries_and_read_model_converges(stack: Stack) -> None:
    client = await connect_to(stack.temporal_address)
    batch = Batch(client, [uuid.uuid4().hex for _ in range(BATCH)])
    running = asyncio.create_task(batch.run(within=50))

    await batch.reached(0.3)
    await asyncio.to_thread(_rename, stack.read_model_db, "sop_events", "sop_events_offline")
    await asyncio.sleep(OUTAGE_SECONDS)
    stalled_at = batch.done_moves
    await asyncio.to_thread(_rename, stack.read_model_db, "sop_events_offline", "sop_events")
    await running

    assert stalled_at < batch.total_moves
    assert "no such table: sop_events" in stack.log("worker"), "the outage must reach the worker"
    assert await _max_activity_attempt(client, batch.sop_ids) > 1, "activities must have retried"
    assert exactly_once_problems(stack.read_model_db, batch.sop_ids) == []
    assert await read_model_mismatches(client, stack.read_model_db, batch.sop_ids) == []
