"""What every worker process shares: its limits, its ready line and how it ends.

Kept apart from ``worker.py`` so the bare benchmark worker shares it without importing the
application's workflows and activities (it must measure an empty worker).
"""

import asyncio
import logging
import os
from collections.abc import Callable, Coroutine
from typing import Any, TypedDict

from temporalio.worker import Worker

from config import get_settings

MAX_CONCURRENT_ACTIVITIES = 16


class WorkerLimits(TypedDict):
    max_concurrent_activities: int
    max_cached_workflows: int


def worker_limits() -> WorkerLimits:
    """The concurrency limits of a worker (the same for the bare benchmark worker)."""
    return WorkerLimits(
        max_concurrent_activities=MAX_CONCURRENT_ACTIVITIES,
        max_cached_workflows=get_settings().worker_max_cached_workflows,
    )


async def listen(worker: Worker, task_queue: str) -> None:
    # tests.support.stack waits for this line before it sends work.
    logging.info("listening on task queue %s", task_queue)
    await worker.run()


def run_until_interrupted(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run ``main`` until Ctrl-C, then leave directly: the SDK can abort at interpreter exit
    in standalone scripts."""
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    os._exit(0)
