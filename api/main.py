"""The FastAPI application. Run with ``uvicorn api.main:app`` (``make dev`` does)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from sqlalchemy.engine import Engine
from temporalio.client import Client

from api.errors import install_error_handlers
from api.routes import audit, documents, health, library, penerapan, sop_audit, sops, units
from api.routes.campaigns import router as campaigns_router
from store.engine import get_engine
from workflows.client import connect


def create_app(temporal: Client | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the app; tests pass their own Temporal client and database engine."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
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
    )
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(units.router)
    app.include_router(sops.router)
    app.include_router(documents.router)
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
