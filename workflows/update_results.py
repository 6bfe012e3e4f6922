"""The answers of recent updates, kept in the workflow's carried state by update id.

A client that retries an update (same update id, perhaps after continue-as-new) gets the first
answer again instead of a second application. The SOP and the campaign workflows both keep
such a map; this is the one implementation of reading and bounding it.
"""

from typing import TypeVar

from temporalio import workflow

R = TypeVar("R")


def update_id() -> str | None:
    """The id of the update being handled, or ``None`` outside an update (timers, signals)."""
    info = workflow.current_update_info()
    return info.id if info else None


def earlier(results: dict[str, R]) -> R | None:
    """The answer this update id already had, if any."""
    key = update_id()
    return results.get(key) if key is not None else None


def remember(results: dict[str, R], result: R, kept: int) -> None:
    """Keep ``result`` under the current update id; beyond ``kept`` the oldest are forgotten."""
    key = update_id()
    if key is None:
        return
    results[key] = result
    while len(results) > kept:
        del results[next(iter(results))]
