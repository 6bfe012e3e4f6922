"""/api/v1/access-log: refused sign-ins and forbidden actions, for admins and auditors."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlmodel import col, select

from api.deps import SessionDep, require_roles
from api.user_schemas import AccessLogOut
from sop.peran import Peran
from store.user_tables import AccessLog

router = APIRouter(prefix="/api/v1", tags=["pengguna"])


@router.get(
    "/access-log",
    response_model=list[AccessLogOut],
    dependencies=[Depends(require_roles(Peran.admin, Peran.auditor))],
)
def access_log(
    session: SessionDep,
    username: Annotated[str | None, Query(max_length=80)] = None,
    status: Annotated[int | None, Query(ge=100, le=599, description="Kode status HTTP")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> list[AccessLog]:
    """Refusals, newest first."""
    query = select(AccessLog)
    if username:
        query = query.where(AccessLog.username == username.strip().lower())
    if status is not None:
        query = query.where(AccessLog.status == status)
    query = query.order_by(col(AccessLog.at).desc(), col(AccessLog.id).desc())
    return list(session.exec(query.offset(offset).limit(limit)).all())
