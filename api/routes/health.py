"""GET /health: is the API able to reach Temporal and the database?"""

from fastapi import APIRouter, Response, status
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import text

from api.deps import EngineDep, TemporalDep
from api.schemas import HealthOut

router = APIRouter(tags=["health"])


def _database_ok(engine) -> bool:  # type: ignore[no-untyped-def]
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


@router.get("/health", response_model=HealthOut)
async def health(engine: EngineDep, temporal: TemporalDep, response: Response) -> HealthOut:
    try:
        temporal_ok = await temporal.service_client.check_health()
    except Exception:
        temporal_ok = False
    database_ok = await run_in_threadpool(_database_ok, engine)
    ok = temporal_ok and database_ok
    if not ok:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return HealthOut(status="ok" if ok else "degraded", temporal=temporal_ok, database=database_ok)
