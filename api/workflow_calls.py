"""What the API's services share when they call a workflow: ids derived from an
Idempotency-Key, and a workflow's refusal turned into an HTTP answer."""

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NoReturn

from fastapi import HTTPException, status
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError


def id_for_key(namespace: uuid.UUID, idempotency_key: str | None) -> str:
    """A fresh id, or the same id for the same Idempotency-Key (a retried create is one)."""
    if idempotency_key:
        return uuid.uuid5(namespace, idempotency_key).hex
    return uuid.uuid4().hex


def raise_refusal(
    cause: BaseException | None, status_by_type: Mapping[str, int], failed: str
) -> NoReturn:
    """A known refusal becomes its status with the workflow's message and details; anything
    else is a 500 that starts with ``failed``."""
    code = status_by_type.get(cause.type or "") if isinstance(cause, ApplicationError) else None
    if isinstance(cause, ApplicationError) and code is not None:
        details = cause.details[0] if cause.details else {}
        body: dict[str, Any] = {"message": cause.message, **details}
        raise HTTPException(code, body)
    raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, f"{failed}: {cause}")


@contextmanager
def starting(closed_message: str) -> Iterator[None]:
    """A start refused because a closed workflow holds the id becomes 409 ``closed_message``:
    a closed SOP or campaign is never restarted under the same id."""
    try:
        yield
    except WorkflowAlreadyStartedError as err:
        raise HTTPException(status.HTTP_409_CONFLICT, closed_message) from err
