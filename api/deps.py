"""FastAPI dependencies, as ``Annotated`` aliases routes can declare.

A route that performs a workflow action declares ``Acting``: the bearer token → the ``Aktor``
it acts as, the SOP of the path (404 otherwise) and the ``Idempotency-Key``; it then sends the
update. The workflow's validator is where the role, the unit and the rule of the action are
judged, and its refusal becomes the HTTP answer (``api.lifecycle_service``).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, NoReturn, TypeVar

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine
from sqlmodel import Session
from temporalio.client import Client

from api import campaign_service, lifecycle_service
from api.auth import CurrentUser as CurrentUser
from api.auth import aktor_for as aktor_for
from api.auth import aktor_of as aktor_of
from api.auth import get_current_user
from api.auth import require_roles as require_roles
from api.schemas import ActionOut
from api.user_schemas import Pengguna
from config import Settings, get_settings
from sop.peran import Peran
from sop.wewenang import Tindakan, role_refusal
from store.campaign_tables import Campaign
from store.tables import Sop
from wire.sop import Aktor

T = TypeVar("T")


def get_engine_dep(request: Request) -> Engine:
    return request.app.state.engine


def get_session(engine: Annotated[Engine, Depends(get_engine_dep)]) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


def get_temporal(request: Request) -> Client:
    return request.app.state.temporal


SessionDep = Annotated[Session, Depends(get_session)]
TemporalDep = Annotated[Client, Depends(get_temporal)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine_dep)]


async def read(engine: Engine, query: Callable[[Session], T]) -> T:
    """Run a read in a short session of its own, off the event loop. Async routes that then
    await Temporal use this, so no pooled connection is held while the workflow works."""

    def run() -> T:
        with Session(engine) as session:
            return query(session)

    return await run_in_threadpool(run)


def signed_in_router(prefix: str, tag: str) -> APIRouter:
    """A router whose every route wants a signed-in user (401 otherwise)."""
    return APIRouter(prefix=prefix, tags=[tag], dependencies=[Depends(get_current_user)])


# Who is calling ------------------------------------------------------------------------------
# ``CurrentUser`` is any signed-in, active user (401 otherwise); ``require_roles(...)`` also
# wants one of the roles (403).


def current_aktor(user: CurrentUser) -> Aktor:
    """The user in her own office (an action not on an SOP of the path; see ``aktor_for``)."""
    return aktor_for(user, None)


ActorDep = Annotated[Aktor, Depends(current_aktor)]
"""The ``Aktor`` a workflow action is performed as: the signed-in user, never the body."""

AdminUser = Annotated[Pengguna, Depends(require_roles(Peran.admin))]
"""Manages users and appointments (nothing a workflow judges)."""
Coordinator = Annotated[Pengguna, Depends(require_roles(Peran.koordinator))]
"""A coordinator (Bagian Organisasi, or the Sekretaris of an SKPD): starts campaigns and
reports regulation changes, which no workflow validator judges."""


def forbid(message: str) -> NoReturn:
    raise HTTPException(status.HTTP_403_FORBIDDEN, message)


def check_role(tindakan: Tindakan, aktor: Aktor, sop_unit: str) -> None:
    """403 unless ``aktor`` may ``tindakan`` on an SOP of ``sop_unit`` (``sop.wewenang``).

    Only for what the workflow cannot refuse first: creating an SOP (its workflow does not run
    yet), and the two actions whose request the API must read or parse before it can send the
    update (an uploaded document, the review parties of a version), so that a caller without
    the role learns that before any 422 about their request.
    """
    refusal = role_refusal(tindakan, aktor.peran, aktor.unit, sop_unit)
    if refusal:
        forbid(refusal)


# What the path names -------------------------------------------------------------------------


async def found(engine: Engine, table: type[T], key: str, missing: str) -> T:
    """The row of ``table`` with primary key ``key``, read in a short session of its own;
    404 ``missing`` when there is none."""
    row = await read(engine, lambda session: session.get(table, key))
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, missing)
    return row


async def get_sop(sop_id: str, engine: EngineDep) -> Sop:
    """The SOP of the path (404 otherwise)."""
    return await found(engine, Sop, sop_id, f"SOP '{sop_id}' tidak ditemukan.")


SopDep = Annotated[Sop, Depends(get_sop)]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Kunci unik per permintaan; permintaan yang diulang dengan kunci yang sama "
        "hanya dijalankan sekali.",
    ),
]
"""A retried request with the same key is performed once (the update id, or the new id)."""


# A workflow action on the SOP of the path ----------------------------------------------------


@dataclass(frozen=True)
class SopAction:
    """One update to the SOP of the path, performed as the signed-in user.

    The API judges nothing here: the update's validator checks the role, the unit, the step and
    the rule, and its refusal is the answer (403, 409 or 422, with the workflow's message).
    """

    sop: Sop
    aktor: Aktor
    temporal: Client
    key: str | None

    async def send(self, update: Any, arg: Any) -> ActionOut:
        return await lifecycle_service.send(self.temporal, self.sop.id, update, arg, self.key)


async def sop_action(
    sop: SopDep, user: CurrentUser, temporal: TemporalDep, key: IdempotencyKey = None
) -> SopAction:
    # Built for this SOP: a Plt./Plh. acts in the appointed office only on its unit's SOPs.
    return SopAction(sop=sop, aktor=aktor_for(user, sop.unit_code), temporal=temporal, key=key)


Acting = Annotated[SopAction, Depends(sop_action)]


# A workflow action on the campaign of the path -----------------------------------------------


async def get_campaign(campaign_id: str, engine: EngineDep) -> Campaign:
    """The campaign of the path (404 otherwise)."""
    return await found(engine, Campaign, campaign_id, f"Kampanye '{campaign_id}' tidak ditemukan.")


CampaignDep = Annotated[Campaign, Depends(get_campaign)]


@dataclass(frozen=True)
class CampaignAction:
    """One update to the campaign of the path, performed as the signed-in user; the campaign's
    validators judge it (see ``api.campaign_service`` for ``closed_refusal``)."""

    campaign: Campaign
    aktor: Aktor
    temporal: Client

    async def send(
        self, update: Any, arg: Any, update_id: str | None = None, closed_refusal: str | None = None
    ) -> Any:
        return await campaign_service.update(
            self.temporal, self.campaign.id, update, arg, update_id, closed_refusal
        )


async def campaign_action(
    campaign: CampaignDep, aktor: ActorDep, temporal: TemporalDep
) -> CampaignAction:
    return CampaignAction(campaign=campaign, aktor=aktor, temporal=temporal)


CampaignActing = Annotated[CampaignAction, Depends(campaign_action)]
