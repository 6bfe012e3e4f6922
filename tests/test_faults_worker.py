"""Fault (a): the worker dies (SIGKILL) mid-batch; a new worker finishes every SOP exactly once."""

import asyncio
import uuid

from tests.fault_driver import Batch, connect_to, exactly_once_problems
from tests.stack import Stack

BATCH = 20


async def test_worker_killed_mid_batch_loses_and_duplicates_nothing(stack: Stack) -> None:
    client = await connect_to(stack.temporal_address)
    batch = Batch(client, [uuid.uuid4().hex for _ in range(BATCH)])
    running = asyncio.create_task(batch.run(within=50))

    await batch.reached(0.4)
    stack.kill("worker")
    killed_at = batch.done_moves
    stack.start_worker()
    await asyncio.to_thread(stack.wait_worker)
    await running

    assert killed_at < batch.total_moves, "the kill must land mid-batch"
    assert exactly_once_problems(stack.read_model_db, batch.sop_ids) == []
