"""Penerapan and monev records of one SOP (Lampiran I 4.a-4.e, Pasal 13).

Each POST is one workflow update performed as the signed-in user: its body is the update's
input without the actor, and the workflow decides whether this user may do it now.
"""

from fastapi import status
from pydantic import BaseModel

from api.deps import Acting, SopDep, signed_in_router
from api.schemas import ActionOut
from sop.evaluasi import PERTANYAAN_PROSES, PERTANYAAN_SUBSTANSI
from wire.sop import (
    AcknowledgeInput,
    EvaluationFields,
    EvaluationInput,
    MonitoringFields,
    MonitoringInput,
    NoteFields,
    PlanFields,
    PlanInput,
    TrainingFields,
    TrainingInput,
)
from workflows.sop_lifecycle import SopLifecycleWorkflow as Workflow

router = signed_in_router("/api/v1/sops/{sop_id}", "penerapan dan monev")
CREATED = status.HTTP_201_CREATED


class EvaluationFormOut(BaseModel):
    substansi: list[str]
    proses: list[str]
    nilai: str = "1 = sangat kurang, 2 = kurang, 3 = cukup, 4 = baik, 5 = sangat baik"


@router.post("/implementation-plan", status_code=CREATED)
async def set_plan(body: PlanFields, acting: Acting) -> ActionOut:
    """Rencana penerapan (Lampiran I 4.a), while the SOP is at perencanaan."""
    arg = PlanInput(**dict(body), aktor=acting.aktor)
    return await acting.send(Workflow.set_plan, arg)


@router.post("/trainings", status_code=CREATED)
async def record_training(body: TrainingFields, acting: Acting) -> ActionOut:
    """A training session with its attendance (Lampiran I 4.d), during pelatihan."""
    arg = TrainingInput(**dict(body), aktor=acting.aktor)
    return await acting.send(Workflow.record_training, arg)


@router.post("/acknowledgements", status_code=CREATED)
async def acknowledge(body: NoteFields, acting: Acting) -> ActionOut:
    """A pelaksana of the SOP's own or target units states they have read and understood it."""
    arg = AcknowledgeInput(**dict(body), aktor=acting.aktor)
    return await acting.send(Workflow.acknowledge, arg)


@router.post("/monitoring", status_code=CREATED)
async def record_monitoring(body: MonitoringFields, acting: Acting) -> ActionOut:
    """A monitoring note (Lampiran I 4.e.a) in the current cycle."""
    arg = MonitoringInput(**dict(body), aktor=acting.aktor)
    return await acting.send(Workflow.record_monitoring, arg)


@router.get("/evaluation-form", response_model=EvaluationFormOut)
def evaluation_form(_: SopDep) -> EvaluationFormOut:
    """The 7 substance and 6 process questions of Lampiran I 4.e.b, in order."""
    return EvaluationFormOut(substansi=list(PERTANYAAN_SUBSTANSI), proses=list(PERTANYAAN_PROSES))


@router.post("/evaluations", status_code=CREATED)
async def submit_evaluation(body: EvaluationFields, acting: Acting) -> ActionOut:
    """The evaluation (Pasal 13): its outcome is tetap_berlaku, revisi or cabut."""
    arg = EvaluationInput(**dict(body), aktor=acting.aktor)
    return await acting.send(Workflow.submit_evaluation, arg)
