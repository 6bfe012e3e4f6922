"""The SOP library (Lampiran I 4.c), evaluations due (Pasal 13), and regulation changes."""

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import Query, status
from pydantic import BaseModel
from sqlalchemy import String, cast, func
from sqlmodel import col, select

from api.deps import Coordinator, EngineDep, SessionDep, TemporalDep, read, signed_in_router
from api.schemas import SopOut
from sop.waktu import WITA
from store.queries import effective_documents
from store.tables import DocumentVersion, Sop
from wire.sop import DasarHukumChange
from wire.start import workflow_id_for
from workflows.sop_lifecycle import SopLifecycleWorkflow

router = signed_in_router("/api/v1", "pustaka dan evaluasi")


def _today() -> date:
    return datetime.now(UTC).astimezone(WITA).date()


class LibraryItem(BaseModel):
    sop: SopOut
    document_url: str


@router.get("/library", response_model=list[LibraryItem])
def library(
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200, description="Kata kunci")] = None,
    unit: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[LibraryItem]:
    """Every SOP in force, searchable by title and by the text of its effective version."""
    query = effective_documents()
    if unit:
        query = query.where(Sop.unit_code == unit)
    if q:
        needle = f"%{q.lower()}%"
        query = query.where(
            func.lower(Sop.nama_sop).like(needle)
            | func.lower(cast(DocumentVersion.content, String)).like(needle)
        )
    rows = session.exec(query.order_by(Sop.unit_code, Sop.nama_sop).limit(limit)).all()
    return [
        LibraryItem(
            sop=SopOut.model_validate(sop, from_attributes=True),
            document_url=f"/api/v1/sops/{sop.id}/document.pdf",
        )
        for sop, _version in rows
    ]


class DueItem(BaseModel):
    id: str
    unit_code: str
    nama_sop: str
    step: str
    evaluation_due: date
    hari_terlambat: int
    """Negative while the due date is still ahead."""


@router.get("/evaluations/due", response_model=list[DueItem])
def evaluations_due(
    session: SessionDep,
    unit: Annotated[str | None, Query(max_length=40)] = None,
    within_days: Annotated[
        int, Query(ge=0, le=3650, description="Termasuk yang jatuh tempo dalam N hari")
    ] = 30,
    overdue_more_than: Annotated[
        int | None, Query(ge=0, le=36500, description="Hanya yang terlambat lebih dari N hari")
    ] = None,
) -> list[DueItem]:
    """SOPs whose evaluation is due soon or overdue, most overdue first (read model)."""
    today = _today()
    limit = today + timedelta(days=within_days)
    if overdue_more_than is not None:
        limit = today - timedelta(days=overdue_more_than + 1)
    query = select(Sop).where(
        Sop.stage == "monev", col(Sop.evaluation_due).is_not(None), col(Sop.evaluation_due) <= limit
    )
    if unit:
        query = query.where(Sop.unit_code == unit)
    rows = session.exec(query.order_by(col(Sop.evaluation_due))).all()
    return [
        DueItem(
            id=s.id,
            unit_code=s.unit_code,
            nama_sop=s.nama_sop,
            step=s.step,
            evaluation_due=s.evaluation_due,
            hari_terlambat=(today - s.evaluation_due).days,
        )
        for s in rows
        if s.evaluation_due is not None
    ]


class RegulationChangeOut(BaseModel):
    peraturan: str
    sop_ids: list[str]


@router.post(
    "/regulation-changes",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RegulationChangeOut,
)
async def regulation_changed(
    body: DasarHukumChange, _: Coordinator, engine: EngineDep, temporal: TemporalDep
) -> RegulationChangeOut:
    """A regulation was amended or revoked: every SOP citing it under dasar hukum is due for
    evaluation now (each SOP's workflow gets a signal and records the reason)."""
    needle = body.peraturan.casefold()
    rows = await read(engine, lambda session: session.exec(effective_documents()).all())
    cited = [
        sop.id
        for sop, version in rows
        if any(
            needle in str(item).casefold()
            for item in version.content.get("identitas", {}).get("dasar_hukum", [])
        )
    ]
    for sop_id in cited:
        handle = temporal.get_workflow_handle(workflow_id_for(sop_id))
        await handle.signal(SopLifecycleWorkflow.dasar_hukum_changed, body)
    return RegulationChangeOut(peraturan=body.peraturan, sop_ids=cited)
