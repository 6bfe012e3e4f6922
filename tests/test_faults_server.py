"""Fault (b): the Temporal dev server dies (SIGKILL) mid-batch and restarts on the same SQLite
file and port; every SOP completes exactly once."""

import asyncio
import uuid

from tests.fault_driver import Batch, connect_to, exactly_once_problems
from tests.stack import Stack

BATCH = 20


async def test_server_killed_mid_batch_loses_and_duplicates_nothing(stack: Stack) -> None:
    client = await connect_to(stack.temporal_address)
    batch = Batch(client, [uuid.uuid4().hex for _ in range(BATCH)])
    running = asyncio.create_task(batch.run(within=50))

    await batch.reached(0.4)
    stack.kill("temporal")
    killed_at = batch.done_moves
    # Same --db-filename and port: the worker and the client reconnect by themselves.
    await asyncio.to_thread(stack.start_server)
    await running

    assert killed_at < batch.total_moves, "the kill must land mid-batch"
    assert exactly_once_problems(stack.read_model_db, batch.sop_ids) == []
