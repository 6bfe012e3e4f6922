"""Hash chain over the audit rows (``sop_events``), one chain per SOP.

Each row carries ``prev_hash`` (the ``row_hash`` of the SOP's previous row, or ``GENESIS`` for
seq 1) and ``row_hash`` = sha256(prev_hash + canonical JSON of the row's content). Editing a
row breaks its own hash; deleting one leaves a gap in ``seq`` and breaks the next row's link.

Limit, by design: someone who can rewrite the whole table can recompute every hash after the
row they changed. Anchoring the head hashes elsewhere (a signed daily digest) closes that gap.

``HASHED_FIELDS`` is frozen: hashes already stored depend on it. A new column that must be
covered needs a new chain version, not an edit of this list.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.tables import Sop, SopEvent

GENESIS = "0" * 64
"""The ``prev_hash`` of the first row of every chain."""

HASHED_FIELDS: tuple[str, ...] = (
    "sop_id",
    "seq",
    "cycle",
    "run_id",
    "event",
    "from_step",
    "to_step",
    "from_stage",
    "to_stage",
    "actor_nama",
    "actor_nip",
    "actor_jabatan",
    "actor_unit",
    "note",
    "document_version",
    "document_hash",
    "idempotency_key",
    "occurred_at",
    "payload",
)


def _canonical_time(value: datetime | str) -> str:
    # SQLite hands back naive timestamps (all stored in UTC), PostgreSQL aware ones: both
    # must hash the same.
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_content(row: Mapping[str, Any] | SopEvent) -> dict[str, Any]:
    """The hashed content of an audit row, from an ORM row or a mapping of its columns."""
    # A column the row lacks (a mapping read before a later migration added it) hashes as None.
    get: Callable[[str], Any] = (
        row.get if isinstance(row, Mapping) else lambda name: getattr(row, name, None)
    )
    content = {name: get(name) for name in HASHED_FIELDS}
    content["occurred_at"] = _canonical_time(content["occurred_at"])
    return content


def row_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def seal(session: Session, event: SopEvent) -> SopEvent:
    """Link ``event`` to its SOP's chain (called by the projection before inserting it).

    The workflow serialises its handlers, so an SOP's rows arrive in seq order and the row just
    before ``event`` is already committed.
    """
    prev = session.exec(
        select(SopEvent.row_hash)
        .where(SopEvent.sop_id == event.sop_id, SopEvent.seq < event.seq)
        .order_by(col(SopEvent.seq).desc())
        .limit(1)
    ).first()
    event.prev_hash = prev or GENESIS
    event.row_hash = row_hash(event.prev_hash, event_content(event))
    return event


class ChainBreak(BaseModel):
    """The first row of one SOP's chain that does not match."""

    sop_id: str
    seq: int
    event_id: int | None
    problem: str


class ChainReport(BaseModel):
    ok: bool
    sops_checked: int
    rows_checked: int
    breaks: list[ChainBreak]


class _ChainWalker:
    """Walks one SOP's rows in seq order and stops at the first mismatch."""

    def __init__(self, sop_id: str) -> None:
        self.sop_id = sop_id
        self.prev_hash = GENESIS
        self.next_seq = 1
        self.broken: ChainBreak | None = None

    def feed(self, row: SopEvent) -> None:
        if self.broken is not None:
            return
        if row.seq != self.next_seq:
            self.broken = self._break(
                self.next_seq,
                None,
                f"baris seq {self.next_seq} hilang (setelahnya langsung seq {row.seq}).",
            )
        elif row.prev_hash != self.prev_hash:
            problem = f"prev_hash baris seq {row.seq} tidak cocok dengan baris sebelumnya."
            self.broken = self._break(row.seq, row.id, problem)
        elif row.row_hash != row_hash(row.prev_hash or "", event_content(row)):
            self.broken = self._break(
                row.seq, row.id, f"isi baris seq {row.seq} tidak cocok dengan hash-nya (diubah)."
            )
        else:
            self.prev_hash = row.row_hash
            self.next_seq = row.seq + 1

    def finish(self, last_seq: int | None) -> ChainBreak | None:
        # The SOP row knows how many events were committed: a deleted tail shows here.
        if self.broken is None and last_seq is not None and last_seq >= self.next_seq:
            self.broken = self._break(
                self.next_seq,
                None,
                f"baris seq {self.next_seq} sampai {last_seq} hilang (akhir rantai).",
            )
        return self.broken

    def _break(self, seq: int, event_id: int | None, problem: str) -> ChainBreak:
        return ChainBreak(sop_id=self.sop_id, seq=seq, event_id=event_id, problem=problem)


def verify_chains(engine: Engine, sop_ids: Iterable[str] | None = None) -> ChainReport:
    """Check every chain (or those of ``sop_ids``); name the first bad row of each."""
    wanted = list(sop_ids) if sop_ids is not None else None
    with Session(engine) as session:
        sops = select(Sop.id, Sop.last_seq)
        events = select(SopEvent).order_by(col(SopEvent.sop_id), col(SopEvent.seq))
        if wanted is not None:
            sops = sops.where(col(Sop.id).in_(wanted))
            events = events.where(col(SopEvent.sop_id).in_(wanted))
        last_seqs: dict[str, int | None] = dict(session.exec(sops).all())
        walkers: dict[str, _ChainWalker] = {}
        rows = 0
        for row in session.exec(events.execution_options(yield_per=1000)):
            rows += 1
            walkers.setdefault(row.sop_id, _ChainWalker(row.sop_id)).feed(row)
    breaks = []
    for sop_id in sorted(set(walkers) | set(last_seqs)):
        walker = walkers.get(sop_id) or _ChainWalker(sop_id)
        broken = walker.finish(last_seqs.get(sop_id))
        if broken is not None:
            breaks.append(broken)
    return ChainReport(
        ok=not breaks,
        sops_checked=len(set(walkers) | set(last_seqs)),
        rows_checked=rows,
        breaks=breaks,
    )
