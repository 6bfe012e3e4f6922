"""A new evaluation cycle reaches the read model when its run begins, not at a later event."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from activities.projections import ProjectionActivities
from audit.consistency import check_consistency
from sop.evaluasi import HasilEvaluasi
from store.tables import Sop, SopEvent
from tests.support.lifecycle_driver import drive_to_berlaku, evaluate, next_run, settle, start_sop
from wire.projection import SnapshotRecord, SopSnapshot

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _row(engine, sop_id: str) -> Sop:
    with Session(engine) as session:
        row = session.get(Sop, sop_id)
        assert row is not None
        return row


def _events(engine, sop_id: str) -> list[int]:
    with Session(engine) as session:
        query = select(SopEvent.seq).where(SopEvent.sop_id == sop_id)
        return sorted(session.exec(query.order_by(col(SopEvent.seq))).all())


async def test_late_evaluation_tetap_berlaku_shows_cycle_two_at_once(
    ts_env, ts_worker, engine, sop_id
):
    handle = await start_sop(ts_env.client, sop_id)
    await drive_to_berlaku(handle)
    await ts_env.sleep(timedelta(days=731 + 100))
    await settle(handle, lambda v: v.step == "evaluasi")
    run_id = (await handle.describe()).run_id
    await evaluate(handle, HasilEvaluasi.tetap_berlaku)
    handle = await next_run(ts_env.client, handle, run_id)
    view = await settle(handle, lambda v: v.cycle == 2)
    events = _events(engine, sop_id)
    assert events[-1] == view.seq

    for _ in range(100):  # the new run's first task projects its state
        if _row(engine, sop_id).cycle == 2:
            break
        await asyncio.sleep(0.05)
    row = _row(engine, sop_id)
    assert (row.cycle, row.step, row.last_seq) == (2, view.step, view.seq)
    report = await check_consistency(ts_env.client, engine, [sop_id])
    assert report.differences == [] and report.skipped == [] and report.checked == 1
    # No event was added for it: the row moved, the history of events did not.
    assert _events(engine, sop_id) == events


def test_record_snapshot_never_moves_the_row_back(engine, sop_id):
    projections = ProjectionActivities(engine)
    base = SopSnapshot(unit_code="UMUM", nama_sop="Surat Masuk", stage="monev",
                       step="monitoring", allowed_events=[], revision=0, cycle=1,
                       current_version=1, effective_version=1, tanggal_berlaku=None,
                       last_evaluation=None, evaluation_due=None)

    def record(seq: int, cycle: int, step: str) -> SnapshotRecord:
        return SnapshotRecord(
            sop_id=sop_id, workflow_id=f"sop-{sop_id}", seq=seq, occurred_at=T0,
            snapshot=base.model_copy(update={"cycle": cycle, "step": step}))

    assert projections.record_snapshot(record(5, 1, "monitoring"))
    assert projections.record_snapshot(record(5, 2, "monitoring"))
    assert not projections.record_snapshot(record(5, 2, "monitoring"))  # a retry
    assert not projections.record_snapshot(record(5, 1, "evaluasi"))  # an older cycle
    assert not projections.record_snapshot(record(4, 3, "evaluasi"))  # an older record
    row = _row(engine, sop_id)
    assert (row.cycle, row.step, row.last_seq) == (2, "monitoring", 5)
