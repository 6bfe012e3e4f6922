"""Fault (a): the worker dies (SIGKILL) mid-batch; a new worker finishes every SOP exactly once."""

import asyncio

from tests.support.fault_driver import exactly_once_problems, kill_mid_batch
from tests.support.stack import Stack

BATCH = 20


async def test_worker_killed_mid_batch_loses_and_duplicates_nothing(stack: Stack) -> None:
    async def restart() -> None:
        stack.start_worker()
        await asyncio.to_thread(stack.wait_worker)

    killed_at, batch = await kill_mid_batch(stack, "worker", restart, BATCH)

    assert killed_at < batch.total_moves, "the kill must land mid-batch"
    assert exactly_once_problems(stack.read_model_db, batch.sop_ids) == []
