"""Fault (b): the Temporal dev server dies (SIGKILL) mid-batch and restarts on the same SQLite
file and port; every SOP completes exactly once."""

import asyncio

from tests.support.fault_driver import exactly_once_problems, kill_mid_batch
from tests.support.stack import Stack

BATCH = 20


async def test_server_killed_mid_batch_loses_and_duplicates_nothing(stack: Stack) -> None:
    async def restart() -> None:
        # Same --db-filename and port: the worker and the client reconnect by themselves.
        await asyncio.to_thread(stack.start_server)

    killed_at, batch = await kill_mid_batch(stack, "temporal", restart, BATCH)

    assert killed_at < batch.total_moves, "the kill must land mid-batch"
    assert exactly_once_problems(stack.read_model_db, batch.sop_ids) == []
