"""The bare worker process: ``python -m bench.bare_worker`` (TEMPORAL_ADDRESS from the env)."""

import logging

from temporalio.client import Client
from temporalio.worker import Worker

from bench.bare_workflow import BARE_TASK_QUEUE, BareWorkflow, bare_noop
from config import get_settings
from deploy.worker_process import listen, run_until_interrupted, worker_limits


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s bare-worker %(message)s")
    client = await Client.connect(get_settings().temporal_address)
    # Same activity concurrency as worker.py, so only the work per task differs.
    worker = Worker(
        client,
        task_queue=BARE_TASK_QUEUE,
        workflows=[BareWorkflow],
        activities=[bare_noop],
        **worker_limits(),
    )
    await listen(worker, BARE_TASK_QUEUE)


if __name__ == "__main__":
    run_until_interrupted(main)
