"""Helpers shared by the penyusunan and review workflow tests: the event log, the inbox, a
refused update, and the way to an open review round."""

import pytest
from sqlmodel import Session, col, select
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError

from sop.reviu import JawabanReviu, KeputusanReviu
from store.tables import Notification, SopEvent
from tests.support.lifecycle_driver import (
    AKTOR,
    drive_to_penulisan,
    moves_penulisan_to_pengesahan,
    run_moves,
)
from wire.penyusunan import ReviewAnswerInput, SubmitReviewInput
from wire.sop import Aktor
from workflows.sop_lifecycle import SopLifecycleWorkflow


def events_of(engine, sop_id: str) -> list[SopEvent]:
    with Session(engine) as session:
        query = select(SopEvent).where(SopEvent.sop_id == sop_id).order_by(col(SopEvent.seq))
        return list(session.exec(query).all())


def notifications_of(engine, sop_id: str, kind: str) -> list[str]:
    with Session(engine) as session:
        query = select(Notification).where(Notification.sop_id == sop_id, Notification.kind == kind)
        return sorted(n.recipient_unit for n in session.exec(query).all())


async def refused(call) -> Exception:  # type: ignore[no-untyped-def]
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await call
    return caught.value.cause


async def to_submitted(handle: WorkflowHandle, pihak: list[str], batas_hari: int = 7) -> None:
    """From a fresh SOP to an open review round over version 1, sent to ``pihak``."""
    await drive_to_penulisan(handle)
    await run_moves(handle, moves_penulisan_to_pengesahan()[:3])  # draft, context, format
    await handle.execute_update(
        SopLifecycleWorkflow.submit_review,
        SubmitReviewInput(aktor=AKTOR, versi=1, pihak=pihak, batas_hari=batas_hari),
    )


def answer(aktor: Aktor, pihak: str, keputusan: KeputusanReviu, ronde: int = 1, **kw):  # type: ignore[no-untyped-def]
    komentar = kw.get("komentar", [])
    return ReviewAnswerInput(
        aktor=aktor,
        ronde=ronde,
        pihak=pihak,
        jawaban=JawabanReviu(keputusan=keputusan, komentar=komentar),
    )
