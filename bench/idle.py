"""Idle cost: N SOPs parked in monev, each waiting on its evaluation timer.

    .venv/bin/python -m bench.idle                 # N=10000, worker cache bounded to 100
    .venv/bin/python -m bench.idle --n 2000 --cache 1000

Reports the worker's RSS as SOPs park (with ``WORKER_MAX_CACHED_WORKFLOWS`` bounding its
cache, parked SOPs are evicted and cost it nothing), the store's bytes per SOP, and how long
listing the overdue ones takes in the read model and in Temporal visibility.

Each SOP is started directly in ``monitoring`` with its state, exactly as a new evaluation
cycle starts after continue-as-new, then registered (one projection write), so parking 10,000
takes minutes instead of the hour that 15 HTTP actions each would take. OVERDUE_EVERY-th SOP
went into force more than two years ago: its timer fires at once and it is overdue.
"""

import argparse
import asyncio
import os
import secrets
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select
from temporalio.client import Client

from bench.stats import rss, sqlite_bytes
from sop.peran import Peran
from store.engine import make_engine
from store.seed_data import UNITS
from store.tables import Sop
from tests.support.stack import Stack
from wire import klaim
from wire.sop import Aktor, RegisterInput, SopState
from wire.start import workflow_id_for
from workflows.client import connect
from workflows.sop_lifecycle import SopLifecycleWorkflow

OVERDUE_EVERY = 100
PARK_CONCURRENCY = 40
AKTOR = Aktor(nama="Hj. Noor", jabatan="Kabag Organisasi", unit="ORG", peran=[Peran.koordinator])
UNIT_CODES = [code for code, *_ in UNITS][:40]


def _state(index: int, run_id: str, today: date) -> SopState:
    overdue = index % OVERDUE_EVERY == 0
    berlaku = today - timedelta(days=800 if overdue else 30 + index % 300)
    return SopState(
        sop_id=f"idle{run_id}{index:06d}",
        unit_code=UNIT_CODES[index % len(UNIT_CODES)],
        nama_sop=f"SOP parkir {index}",
        step="monitoring",
        current_version=1,
        approved_version=1,
        effective_version=1,
        tanggal_berlaku=berlaku,
    )


async def _park(client: Client, task_queue: str, state: SopState) -> None:
    handle = await client.start_workflow(
        SopLifecycleWorkflow.run, state, id=workflow_id_for(state.sop_id), task_queue=task_queue
    )
    # Straight to Temporal, as the API would: the worker's validators want a signed actor.
    aktor = klaim.sign(AKTOR, os.environ["ACTOR_CLAIM_KEY"])
    await handle.execute_update(
        SopLifecycleWorkflow.register, RegisterInput(aktor=aktor), id="register"
    )


async def park(client: Client, task_queue: str, n: int, on_chunk) -> None:  # type: ignore[no-untyped-def]
    run_id = os.urandom(3).hex()
    today = datetime.now(UTC).date()
    indices = iter(range(n))
    done = 0

    async def worker() -> None:
        nonlocal done
        for index in indices:
            await _park(client, task_queue, _state(index, run_id, today))
            done += 1
            if done % max(n // 4, 1) == 0:
                on_chunk(done)

    await asyncio.gather(*(worker() for _ in range(PARK_CONCURRENCY)))


def _timed(fn, repeat: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


async def _timed_async(fn, repeat: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = await fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


async def list_overdue(client: Client, stack: Stack) -> None:
    today = datetime.now(UTC).date()
    engine = make_engine(stack.database_url)

    def read_model() -> int:
        with Session(engine) as session:
            query = select(Sop.id).where(
                Sop.stage == "monev", col(Sop.evaluation_due) < today
            )
            return len(session.exec(query).all())

    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    query = f"SopEvaluationDue < '{now}' AND ExecutionStatus = 'Running'"

    async def visibility() -> int:
        return len([w async for w in client.list_workflows(query)])

    seconds, found = _timed(read_model)
    print(f"  read model  : {found} SOP lewat jatuh tempo, median {seconds * 1000:.1f} ms")
    seconds, found = await _timed_async(visibility)
    print(f"  visibility  : {found} SOP lewat jatuh tempo, median {seconds * 1000:.1f} ms "
          f"({query})")
    engine.dispose()


async def run(args: argparse.Namespace, stack: Stack) -> None:
    client = await connect_to(stack)
    worker_pid = stack.pid("worker")
    before = (sqlite_bytes(stack.temporal_db), sqlite_bytes(stack.read_model_db))
    print(f"RSS worker sebelum: {rss(worker_pid) / 2**20:.0f} MB "
          f"(max_cached_workflows={args.cache})")
    started = time.perf_counter()

    def on_chunk(done: int) -> None:
        print(f"  {done:>6} SOP parkir, RSS worker {rss(worker_pid) / 2**20:.0f} MB, "
              f"{done / (time.perf_counter() - started):.0f} SOP/s", flush=True)

    await park(client, stack.task_queue, args.n, on_chunk)
    # Let the overdue timers fire and the worker settle before measuring it at rest.
    await asyncio.sleep(10)
    after = (sqlite_bytes(stack.temporal_db), sqlite_bytes(stack.read_model_db))
    print(f"RSS worker diam dengan {args.n} SOP parkir: {rss(worker_pid) / 2**20:.0f} MB")
    print(f"Penyimpanan per SOP: Temporal {(after[0] - before[0]) / args.n:,.0f} B, "
          f"read model {(after[1] - before[1]) / args.n:,.0f} B")
    print("Daftar SOP lewat jatuh tempo:")
    await list_overdue(client, stack)


async def connect_to(stack: Stack) -> Client:
    from config import Settings

    return await connect(Settings(temporal_address=stack.temporal_address))


def main() -> None:
    parser = argparse.ArgumentParser(description="Biaya SOP yang diam di monev.")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--cache", type=int, default=100, help="worker max_cached_workflows")
    args = parser.parse_args()
    # One key for the stack's worker and for the actors this script signs.
    os.environ.setdefault("ACTOR_CLAIM_KEY", secrets.token_urlsafe(48))
    stack = Stack(Path(tempfile.mkdtemp(prefix="siklus-idle-")),
                  extra_env={"WORKER_MAX_CACHED_WORKFLOWS": str(args.cache)})
    with stack:
        stack.start_all()
        asyncio.run(run(args, stack))


if __name__ == "__main__":
    main()
    os._exit(0)
