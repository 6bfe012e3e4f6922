"""What the API's services share when they call a workflow: ids derived from an
Idempotency-Key, and a workflow's refusal turned into an HTTP answer."""

import uuid
from collections.abc import Mapping
from typing import Any, NoReturn

from fastapi import HTTPException, status
from temporalio.exceptions import ApplicationError


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
    if isinstance(cause, ApplicationError) and cause.type in status_by_type:
        details = cause.details[0] if cause.details else {}
        body: dict[str, Any] = {"message": cause.message, **details}
        raise HTTPException(status_by_type[cause.type], body)
    raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, f"{failed}: {cause}")
