"""Drives bare workflows with the same updates per SOP and concurrency as the HTTP driver."""

import asyncio
import time
import uuid

from temporalio.client import Client

from bench.bare_workflow import BARE_TASK_QUEUE, BareWorkflow
from bench.http_driver import LABELS, HttpRun


async def _one(client: Client, index: int, run_id: str, run: HttpRun) -> None:
    started = time.perf_counter()
    # "create" is a start plus the first update, as the API's create is (start + register).
    handle = await client.start_workflow(
        BareWorkflow.run, 1, id=f"bare-{run_id}-{index}", task_queue=BARE_TASK_QUEUE
    )
    await handle.execute_update(BareWorkflow.act, "dibuat")
    run.latencies.add("create", time.perf_counter() - started)
    for label in LABELS[1:]:
        started = time.perf_counter()
        await handle.execute_update(BareWorkflow.act, label)
        run.latencies.add(label, time.perf_counter() - started)
    run.completed += 1


async def drive_bare(address: str, n: int, concurrency: int) -> HttpRun:
    client = await Client.connect(address)
    run = HttpRun()
    run_id = uuid.uuid4().hex[:8]
    next_index = iter(range(n))

    async def worker() -> None:
        for index in next_index:
            try:
                await _one(client, index, run_id, run)
            except Exception as err:  # noqa: BLE001 (counted and printed, the run goes on)
                run.errors.append(f"bare {index}: {err!r}")

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return run
