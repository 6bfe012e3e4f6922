"""The Siklus SOP worker: runs SopLifecycleWorkflow and the projection activities.

Run it as ``python worker.py`` (``make dev`` does); scale out by starting more of them against
the same ``TEMPORAL_ADDRESS`` and task queue.
"""

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.engine import Engine
from temporalio.client import Client
from temporalio.worker import Worker

from activities.projections import ProjectionActivities
from config import get_settings
from workflows.client import connect
from workflows.sop_lifecycle import SopLifecycleWorkflow

WORKFLOWS = [SopLifecycleWorkflow]


def build_worker(
    client: Client, task_queue: str | None = None, engine: Engine | None = None
) -> Worker:
    """A worker for every workflow and activity; ``engine`` overrides the settings' database."""
    projections = ProjectionActivities(engine)
    return Worker(
        client,
        task_queue=task_queue or get_settings().task_queue,
        workflows=WORKFLOWS,
        activities=[projections.record_transition],
        # Projection activities do blocking database I/O, so they run in threads.
        activity_executor=ThreadPoolExecutor(max_workers=16),
        max_concurrent_activities=16,
    )


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    client = await connect()
    worker = build_worker(client)
    logging.info("listening on task queue %s", get_settings().task_queue)
    await worker.run()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    # Avoid the SDK's known abort at interpreter exit in standalone scripts.
    os._exit(0)
