"""The FastAPI application. Run with ``uvicorn api.main:app`` (``make dev`` does)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.responses import RedirectResponse
from sqlalchemy.engine import Engine
from temporalio.client import Client

from api.access_log import install_access_log
from api.actor_claim import actor_claim_key
from api.errors import document_errors, install_error_handlers
from api.limits import BodyLimitMiddleware
from api.masukan import refuse_bad_input
from api.routes import (
    access_log,
    audit,
    auth,
    documents,
    health,
    library,
    penerapan,
    penyusunan,
    reviu,
    sop_audit,
    sops,
    units,
    users,
)
from api.routes.campaigns import router as campaigns_router
from config import Settings, get_settings, signing_key
from store.engine import get_engine
from workflows.client import connect


def create_app(
    temporal: Client | None = None, engine: Engine | None = None, settings: Settings | None = None
) -> FastAPI:
    """Build the app; tests pass their own Temporal client and database engine (and may pass
    their own settings, else the environment's are used)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # No signing key, no API: refuse to start (MissingSigningKey says how to make one).
        signing_key(settings or get_settings())
        # Nor without the key that signs actors for the workflows' validators.
        actor_claim_key()
        # The Temporal client lives as long as the app and is shared by every request.
        app.state.temporal = temporal or await connect()
        app.state.engine = engine or get_engine()
        yield

    app = FastAPI(
        title="Siklus SOP",
        version="0.1.0",
        description="Siklus SOP Pemerintah Kabupaten Balangan (Perbup Balangan No. 6/2013): "
        "persiapan, penilaian kebutuhan, penyusunan, penerapan, monitoring dan evaluasi.",
        lifespan=lifespan,
        # Every route: no control or bidi characters, no dates outside their field's range.
        dependencies=[Depends(refuse_bad_input)],
    )
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    install_error_handlers(app)
    document_errors(app)
    install_access_log(app)
    # Outermost: an oversized body is refused before anything reads it.
    app.add_middleware(BodyLimitMiddleware)
    app.include_router(auth.router)
    app.include_router(users.router)
    app.include_router(access_log.router)
    app.include_router(health.router)
    app.include_router(units.router)
    app.include_router(sops.router)
    app.include_router(documents.router)
    app.include_router(penyusunan.router)
    app.include_router(reviu.router)
    app.include_router(campaigns_router)
    app.include_router(penerapan.router)
    app.include_router(library.router)
    app.include_router(sop_audit.router)
    app.include_router(audit.router)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/docs")

    return app


app = create_app()
