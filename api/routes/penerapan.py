"""Penerapan and monev records of one SOP (Lampiran I 4.a-4.e, Pasal 13)."""


from fastapi import APIRouter, Depends, status
from pydantic import BaseModel, ConfigDict, Field

from api.auth import get_current_user
from api.authz import Acknowledging, Evaluating, Implementing, Monitoring
from api.deps import SessionDep, TemporalDep
from api.lifecycle_service import send
from api.routes.sops import IdempotencyKey, get_sop_or_404
from api.schemas import ActionOut
from sop.evaluasi import PERTANYAAN_PROSES, PERTANYAAN_SUBSTANSI, FormEvaluasi
from sop.penerapan import CatatanMonitoring, RencanaPenerapan, SesiPelatihan
from wire.sop import (
    AcknowledgeInput,
    EvaluationInput,
    MonitoringInput,
    PlanInput,
    TrainingInput,
)
from workflows.sop_lifecycle import SopLifecycleWorkflow

router = APIRouter(
    prefix="/api/v1/sops/{sop_id}",
    tags=["penerapan dan monev"],
    dependencies=[Depends(get_current_user)],
)


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanRequest(_Request):
    rencana: RencanaPenerapan


class TrainingRequest(_Request):
    sesi: SesiPelatihan


class AcknowledgeRequest(_Request):
    note: str = Field(default="", max_length=4000)


class MonitoringRequest(_Request):
    catatan: CatatanMonitoring


class EvaluationRequest(_Request):
    form: FormEvaluasi


class EvaluationFormOut(BaseModel):
    substansi: list[str]
    proses: list[str]
    nilai: str = "1 = sangat kurang, 2 = kurang, 3 = cukup, 4 = baik, 5 = sangat baik"



@router.post("/implementation-plan", status_code=status.HTTP_201_CREATED)
async def set_plan(
    body: PlanRequest,
    acting: Implementing,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> ActionOut:
    """Rencana penerapan (Lampiran I 4.a), while the SOP is at perencanaan."""
    arg = PlanInput(aktor=acting.aktor, rencana=body.rencana)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.set_plan, arg, key)


@router.post("/trainings", status_code=status.HTTP_201_CREATED)
async def record_training(
    body: TrainingRequest,
    acting: Implementing,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> ActionOut:
    """A training session with its attendance (Lampiran I 4.d), during pelatihan."""
    arg = TrainingInput(aktor=acting.aktor, sesi=body.sesi)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.record_training, arg, key)


@router.post("/acknowledgements", status_code=status.HTTP_201_CREATED)
async def acknowledge(
    body: AcknowledgeRequest,
    acting: Acknowledging,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> ActionOut:
    """A pelaksana states they have read and understood the SOP."""
    arg = AcknowledgeInput(aktor=acting.aktor, note=body.note)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.acknowledge, arg, key)


@router.post("/monitoring", status_code=status.HTTP_201_CREATED)
async def record_monitoring(
    body: MonitoringRequest,
    acting: Monitoring,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> ActionOut:
    """A monitoring note (Lampiran I 4.e.a) in the current cycle."""
    arg = MonitoringInput(aktor=acting.aktor, catatan=body.catatan)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.record_monitoring, arg, key)


@router.get("/evaluation-form", response_model=EvaluationFormOut)
def evaluation_form(sop_id: str, session: SessionDep) -> EvaluationFormOut:
    """The 7 substance and 6 process questions of Lampiran I 4.e.b, in order."""
    get_sop_or_404(session, sop_id)
    return EvaluationFormOut(substansi=list(PERTANYAAN_SUBSTANSI), proses=list(PERTANYAAN_PROSES))


@router.post("/evaluations", status_code=status.HTTP_201_CREATED)
async def submit_evaluation(
    body: EvaluationRequest,
    acting: Evaluating,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> ActionOut:
    """The evaluation (Pasal 13): its outcome is tetap_berlaku, revisi or cabut."""
    arg = EvaluationInput(aktor=acting.aktor, form=body.form)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.submit_evaluation, arg, key)
