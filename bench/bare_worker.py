"""The bare worker process: ``python -m bench.bare_worker`` (TEMPORAL_ADDRESS from the env)."""

import asyncio
import logging
import os

from temporalio.client import Client
from temporalio.worker import Worker

from bench.bare_workflow import BARE_TASK_QUEUE, BareWorkflow, bare_noop
from config import get_settings


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s bare-worker %(message)s")
    client = await Client.connect(get_settings().temporal_address)
    # Same activity concurrency as worker.py, so only the work per task differs.
    worker = Worker(
        client,
        task_queue=BARE_TASK_QUEUE,
        workflows=[BareWorkflow],
        activities=[bare_noop],
        max_concurrent_activities=16,
        max_cached_workflows=get_settings().worker_max_cached_workflows,
    )
    # tests.stack waits for this line, as for worker.py.
    logging.info("listening on task queue %s", BARE_TASK_QUEUE)
    await worker.run()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    os._exit(0)
