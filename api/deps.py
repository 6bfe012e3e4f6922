"""FastAPI dependencies, as ``Annotated`` aliases routes can declare."""

from collections.abc import Callable, Iterator
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine
from sqlmodel import Session
from temporalio.client import Client

from api.auth import CurrentUser as CurrentUser
from api.auth import aktor_of as aktor_of
from api.auth import require_roles as require_roles
from api.user_schemas import Pengguna
from config import Settings, get_settings
from sop.peran import Peran

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
# Sign-in (issue 7): ``CurrentUser`` is any signed-in, active user (401 otherwise);
# ``require_roles(...)`` also wants one of the roles (403); ``aktor_of(user)`` is the Aktor.
AdminUser = Annotated[Pengguna, Depends(require_roles(Peran.admin))]


async def read(engine: Engine, query: Callable[[Session], T]) -> T:
    """Run a read in a short session of its own, off the event loop. Async routes that then
    await Temporal use this, so no pooled connection is held while the workflow works."""

    def run() -> T:
        with Session(engine) as session:
            return query(session)

    return await run_in_threadpool(run)
