"""The one way to start an SOP's workflow, and the one home of its workflow id rule.

The API (a new SOP) and the campaign activity (an accepted needs row) both start
``SopLifecycleWorkflow``. They start it BY NAME, so neither the activities nor anything else
below the workflows has to import the workflow class: the type name, the id rule and the start
options are the contract, and they live here once.
"""

from typing import Any

from temporalio.client import Client, WorkflowHandle
from temporalio.common import (
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)

from config import get_settings
from wire.sop import ActionResult, RegisterInput, SopState, SopView

SOP_WORKFLOW = "SopLifecycleWorkflow"
"""The workflow type name of an SOP's lifecycle (the ``@workflow.defn`` class name)."""

REGISTER_UPDATE = "register"
"""The update that writes a new SOP's first row in the read model."""

REGISTER_UPDATE_ID = "register"
"""The fixed update id of ``register``: a retried start registers the SOP once."""

VIEW_QUERY = "view"
"""The query that answers an SOP's current ``SopView``."""


def workflow_id_for(sop_id: str) -> str:
    """The workflow id of an SOP: deterministic, so the SOP id alone finds its workflow."""
    return f"sop-{sop_id}"


async def start_sop(
    client: Client,
    state: SopState,
    *,
    task_queue: str | None = None,
    search_attributes: TypedSearchAttributes | None = None,
) -> WorkflowHandle[Any, SopView]:
    """Start the lifecycle workflow of ``state.sop_id`` and return its handle.

    ``task_queue`` defaults to the configured one. A start while the SOP's workflow runs is a
    no-op that returns the running workflow (USE_EXISTING), so retried starts are safe. A
    closed SOP is never restarted under the same id (REJECT_DUPLICATE): the start then raises
    ``WorkflowAlreadyStartedError`` and each caller decides what that means for it.
    """
    return await client.start_workflow(
        SOP_WORKFLOW,
        state,
        id=workflow_id_for(state.sop_id),
        task_queue=task_queue or get_settings().task_queue,
        result_type=SopView,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        search_attributes=search_attributes,
    )


async def register_sop(
    handle: WorkflowHandle[Any, SopView], request: RegisterInput
) -> ActionResult:
    """Send the ``register`` update with its fixed id (a retry registers nothing twice)."""
    return await handle.execute_update(
        REGISTER_UPDATE, request, id=REGISTER_UPDATE_ID, result_type=ActionResult
    )
