"""Signed actors for tests that talk to the workflows directly, as the API would.

The workflows' validators refuse an actor the API did not sign (``wire.klaim``). Tests that
send updates straight to Temporal sign theirs in one place: ``SigningInterceptor`` on the
test clients signs the ``aktor`` of every update whose actor carries no claim yet, with the
session's ``ACTOR_CLAIM_KEY`` (``tests/conftest.py``). ``unsigned_client`` is a client of
the same server without it, for the tests of forged actors, and for the API under test,
which must sign by itself.
"""

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from temporalio.client import (
    Client,
    Interceptor,
    OutboundInterceptor,
    StartWorkflowUpdateInput,
    StartWorkflowUpdateWithStartInput,
    WorkflowUpdateHandle,
)

from wire import klaim
from wire.sop import Aktor


def claim_key() -> str:
    return os.environ["ACTOR_CLAIM_KEY"]


def signed(aktor: Aktor) -> Aktor:
    """``aktor`` signed now with the session's key, as ``api.actor_claim`` does."""
    return klaim.sign(aktor, claim_key())


def _sign_args(args: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for arg in args:
        aktor = getattr(arg, "aktor", None)
        if isinstance(aktor, Aktor) and aktor.klaim is None:
            arg = arg.model_copy(update={"aktor": signed(aktor)})
        out.append(arg)
    return out


class _Outbound(OutboundInterceptor):
    async def start_workflow_update(
        self, input: StartWorkflowUpdateInput
    ) -> WorkflowUpdateHandle[Any]:
        input.args = _sign_args(input.args)
        return await self.next.start_workflow_update(input)

    async def start_update_with_start_workflow(
        self, input: StartWorkflowUpdateWithStartInput
    ) -> WorkflowUpdateHandle[Any]:
        update = input.update_workflow_input
        input.update_workflow_input = replace(update, args=_sign_args(update.args))
        return await self.next.start_update_with_start_workflow(input)


class SigningInterceptor(Interceptor):
    """Signs the actor of every update sent through the client that carries it."""

    def intercept_client(self, next: OutboundInterceptor) -> OutboundInterceptor:
        return _Outbound(next)


def unsigned_client(client: Client) -> Client:
    """A client of the same server and namespace that signs nothing."""
    config = client.config()
    config["interceptors"] = [
        i for i in config["interceptors"] if not isinstance(i, SigningInterceptor)
    ]
    return Client(**config)
