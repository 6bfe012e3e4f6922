"""Projection activities: the only code that writes process state into the read model.

Each activity is one database transaction and is idempotent, because Temporal may run it twice
(a worker can crash after the commit and before reporting completion).
"""

from sqlmodel import Session, select
from temporalio import activity

from activities.notifications import email_pending
from store.chain import seal
from store.engine import EngineBound
from store.tables import DocumentVersion, Notification, Sop, SopEvent
from wire.projection import (
    RECORD_SNAPSHOT,
    RECORD_TRANSITION,
    RECORD_TRANSITIONS,
    SnapshotRecord,
    TransitionBatch,
    TransitionRecord,
)


class ProjectionActivities(EngineBound):
    """Activities bound to one database engine (so tests can point them at their own file)."""

    @activity.defn(name=RECORD_TRANSITION)
    def record_transition(self, record: TransitionRecord) -> bool:
        """Write the event row, the document version, the notifications and the SOP row.

        Returns False when the record was already written (a retry), True otherwise.
        """
        with Session(self.engine) as session:
            written = _write(session, record)
            session.commit()
        if record.notifications:
            # Email only after the inbox rows are committed. A failed send fails the activity;
            # its retry finds the rows written and sends what is still unsent.
            email_pending(self.engine, self.settings, f"{record.sop_id}:{record.seq}:")
        return written

    @activity.defn(name=RECORD_TRANSITIONS)
    def record_transitions(self, batch: TransitionBatch) -> int:
        """Several consecutive records of one SOP in one transaction (e.g. the steps a
        campaign completes at registration); returns how many were new."""
        with Session(self.engine) as session:
            written = sum(_write(session, record) for record in batch.records)
            session.commit()
        return written

    @activity.defn(name=RECORD_SNAPSHOT)
    def record_snapshot(self, record: SnapshotRecord) -> bool:
        """Refresh the SOP row with the state a new run begins with; never move it back.

        Returns True when the row changed, False when it already showed this or a newer state.
        """
        with Session(self.engine) as session:
            row = session.get(Sop, record.sop_id)
            fields = record.snapshot.model_dump()
            if row is None:
                row = Sop(
                    id=record.sop_id,
                    workflow_id=record.workflow_id,
                    created_at=record.occurred_at,
                    last_seq=record.seq,
                    **fields,
                )
            elif row.last_seq > record.seq or (
                row.last_seq == record.seq and row.cycle > record.snapshot.cycle
            ):
                return False  # a newer record already refreshed the row
            elif all(getattr(row, name) == value for name, value in fields.items()):
                return False
            else:
                for name, value in fields.items():
                    setattr(row, name, value)
                row.last_seq = record.seq
            row.updated_at = record.occurred_at
            session.add(row)
            session.commit()
        return True


def _write(session: Session, record: TransitionRecord) -> bool:
    exists = session.exec(
        select(SopEvent.id).where(SopEvent.sop_id == record.sop_id, SopEvent.seq == record.seq)
    ).first()
    if exists is not None:
        return False
    _upsert_sop(session, record)
    # The SOP row must exist before rows that reference it.
    session.flush()
    if record.document is not None:
        _insert_document(session, record)
    # Link the row into the SOP's hash chain before it is written (store.chain).
    session.add(seal(session, _event_row(record)))
    for index, note in enumerate(record.notifications):
        session.add(
            Notification(
                dedupe_key=f"{record.sop_id}:{record.seq}:{index}",
                sop_id=record.sop_id,
                created_at=record.occurred_at,
                **note.model_dump(),
            )
        )
    # The next record of a batch seals against this row: make it visible to the session.
    session.flush()
    return True


def _upsert_sop(session: Session, record: TransitionRecord) -> None:
    snap = record.snapshot
    row = session.get(Sop, record.sop_id)
    if row is None:
        row = Sop(
            id=record.sop_id,
            workflow_id=record.workflow_id,
            created_at=record.occurred_at,
            **snap.model_dump(),
        )
    elif row.last_seq >= record.seq:
        return  # a newer transition already refreshed the row
    else:
        for field, value in snap.model_dump().items():
            setattr(row, field, value)
    row.last_seq = record.seq
    row.updated_at = record.occurred_at
    session.add(row)


def _insert_document(session: Session, record: TransitionRecord) -> None:
    doc = record.document
    assert doc is not None
    session.add(
        DocumentVersion(sop_id=record.sop_id, saved_at=record.occurred_at, **doc.model_dump())
    )


def _event_row(record: TransitionRecord) -> SopEvent:
    return SopEvent(
        **record.model_dump(
            exclude={"workflow_id", "snapshot", "document", "notifications"}
        )
    )
