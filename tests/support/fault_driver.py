"""A batch of SOPs driven through penyusunan by a Temporal client that retries like a real one.

Every update carries a fixed id, so a retry after a crash (of the worker, the server or the
connection) is the same update: Temporal answers it from history if it was accepted, or runs
it for the first time if it was lost. The fault tests then check that the read model holds
exactly one event row per transition.
"""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from temporalio.client import (
    Client,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
)
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.service import RPCError

from config import Settings
from sop import lifecycle
from tests.support.actor_claims import SigningInterceptor
from tests.support.lifecycle_driver import AKTOR, moves_penulisan_to_pengesahan, moves_to_penulisan
from tests.support.stack import Stack
from wire.sop import RegisterInput, SopState
from wire.start import workflow_id_for
from workflows.client import connect
from workflows.sop_lifecycle import SopLifecycleWorkflow

# Through penyusunan to its end (sahkan moves the SOP on to penerapan).
MOVES = [*moves_to_penulisan(), *moves_penulisan_to_pengesahan()]
EXPECTED_EVENTS = ["dibuat", *(event for move in MOVES for event in move.events)]
FINAL_STEP = "perencanaan"

# One attempt may hang while a process is dead; give up on it and retry with the same id.
ATTEMPT_TIMEOUT = 20.0
RETRY_PAUSE = 0.3


async def connect_to(address: str, task_queue: str = "siklus-sop") -> Client:
    """A client that signs its actors as the API would (the stack's worker checks them)."""
    client = await connect(Settings(temporal_address=address, task_queue=task_queue))
    config = client.config()
    config["interceptors"] = [*config["interceptors"], SigningInterceptor()]
    return Client(**config)


async def _retrying(call: Callable, what: str, deadline: float) -> object:
    loop = asyncio.get_running_loop()
    while True:
        try:
            return await asyncio.wait_for(call(), ATTEMPT_TIMEOUT)
        except WorkflowUpdateFailedError:
            raise  # a refusal is an answer, not a fault: the test must see it
        except (RPCError, WorkflowUpdateRPCTimeoutOrCancelledError, TimeoutError):
            if loop.time() > deadline:
                raise TimeoutError(f"{what}: still failing at the deadline") from None
            await asyncio.sleep(RETRY_PAUSE)


async def drive_sop(
    client: Client, sop_id: str, task_queue: str, on_move: Callable[[], None], deadline: float
) -> None:
    """Create one SOP and make every move of MOVES, retrying each with its own fixed id."""
    state = SopState(
        sop_id=sop_id, unit_code="UMUM", nama_sop="Pelayanan Surat Masuk",
        step=lifecycle.initial_step(), unit_jenis="bagian",
    )
    wf_id = workflow_id_for(sop_id)
    await _retrying(
        lambda: client.start_workflow(
            SopLifecycleWorkflow.run, state, id=wf_id, task_queue=task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        ),
        f"{sop_id} start",
        deadline,
    )
    handle = client.get_workflow_handle(wf_id)
    await _retrying(
        lambda: handle.execute_update(
            SopLifecycleWorkflow.register, RegisterInput(aktor=AKTOR), id="register"
        ),
        f"{sop_id} register",
        deadline,
    )
    on_move()
    for index, move in enumerate(MOVES):
        update_id = f"{sop_id}-{index}-{move.events[0]}"
        await _retrying(
            lambda m=move, i=update_id: handle.execute_update(m.update, m.arg, id=i),
            f"{sop_id} {move.events}",
            deadline,
        )
        on_move()


class Batch:
    """``size`` SOPs driven concurrently; ``reached(fraction)`` fires mid-batch."""

    def __init__(self, client: Client, sop_ids: list[str], task_queue: str = "siklus-sop"):
        self.client = client
        self.sop_ids = sop_ids
        self.task_queue = task_queue
        self.total_moves = len(sop_ids) * (1 + len(MOVES))
        self.done_moves = 0
        self._waiters: list[tuple[int, asyncio.Event]] = []

    def _on_move(self) -> None:
        self.done_moves += 1
        for threshold, event in self._waiters:
            if self.done_moves >= threshold:
                event.set()

    async def reached(self, fraction: float) -> None:
        threshold = int(self.total_moves * fraction)
        event = asyncio.Event()
        self._waiters.append((threshold, event))
        if self.done_moves >= threshold:
            event.set()
        await event.wait()

    async def run(self, within: float) -> None:
        deadline = asyncio.get_running_loop().time() + within
        await asyncio.gather(
            *(drive_sop(self.client, s, self.task_queue, self._on_move, deadline)
              for s in self.sop_ids)
        )


async def kill_mid_batch(
    stack: Stack, process: str, restart: Callable[[], Awaitable[None]], size: int
) -> tuple[int, Batch]:
    """Drive ``size`` SOPs, kill ``process`` (SIGKILL) at 40% of their moves and ``restart`` it;
    return how many moves were done at the kill and the finished batch."""
    client = await connect_to(stack.temporal_address)
    batch = Batch(client, [uuid.uuid4().hex for _ in range(size)])
    running = asyncio.create_task(batch.run(within=50))

    await batch.reached(0.4)
    stack.kill(process)
    killed_at = batch.done_moves
    await restart()
    await running
    return killed_at, batch


def event_rows(db_path: Path, sop_ids: list[str]) -> dict[str, list[tuple[int, str]]]:
    """(seq, event) of every event row of each SOP, in seq order, read with plain sqlite3."""
    import sqlite3

    rows: dict[str, list[tuple[int, str]]] = {s: [] for s in sop_ids}
    with sqlite3.connect(db_path) as db:
        for sop_id, seq, event in db.execute(
            "SELECT sop_id, seq, event FROM sop_events ORDER BY sop_id, seq"
        ):
            if sop_id in rows:
                rows[sop_id].append((seq, event))
    return rows


def exactly_once_problems(db_path: Path, sop_ids: list[str]) -> list[str]:
    """Every SOP must hold EXPECTED_EVENTS at seq 1..n: no duplicate, no gap, none missing."""
    expected = list(enumerate(EXPECTED_EVENTS, start=1))
    return [
        f"{sop_id}: {got}"
        for sop_id, got in event_rows(db_path, sop_ids).items()
        if got != expected
    ]
