"""How every workflow runs its idempotent projection activities: one timeout, one retry policy.

Both the SOP and the campaign ledgers (and the campaign's SOP starts) write the read model only
through activities that are safe to repeat, so a failed attempt is simply tried again.
"""

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

# A projection is one small transaction: if an attempt takes longer, the worker is gone or the
# database is stuck, and a fresh attempt is the quickest way on.
PROJECTION_TIMEOUT = timedelta(seconds=10)

# A database outage must not lose a record: keep retrying, ever more slowly.
PROJECTION_RETRY = RetryPolicy(maximum_interval=timedelta(minutes=1))


async def project(
    activity: str,
    arg: Any,
    start_to_close: timedelta = PROJECTION_TIMEOUT,
    result_type: type | None = None,
) -> Any:
    """Run one idempotent activity, retried for as long as the store is away."""
    return await workflow.execute_activity(
        activity,
        arg,
        result_type=result_type,
        start_to_close_timeout=start_to_close,
        retry_policy=PROJECTION_RETRY,
    )
