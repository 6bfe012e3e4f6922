"""Throughput and latency of whole SOP lifecycles over HTTP, optionally against bare Temporal.

    .venv/bin/python -m bench.lifecycle                       # own stack, N=1000, C=20
    .venv/bin/python -m bench.lifecycle --baseline            # plus the bare floor, RESULTS.md
    .venv/bin/python -m bench.lifecycle --attach --n 100      # against `make dev`

Without --attach it starts its own stack (dev server on a WAL SQLite file, one worker.py, one
uvicorn) on free ports in a fresh data dir, and kills it at the end.
"""

import argparse
import asyncio
import os
import shlex
import sys
import tempfile
import time
from pathlib import Path

from bench.bare_driver import drive_bare
from bench.http_driver import LABELS, drive_http
from bench.report import Phase, render, results_markdown
from bench.stats import ProcessSampler, find_pid, sqlite_bytes
from config import DATA_DIR, PROJECT_ROOT
from tests.support.stack import Stack

WARMUP_SOPS = 20
NOTES = [
    f"One lifecycle = {', '.join(LABELS)}: {len(LABELS)} HTTP requests, each one update of the "
    "SOP's workflow and one projection activity; tetap_berlaku is the evaluation form and "
    "continues as new, which also starts the export of the closed run's history into the store "
    "(that copy, kept beyond Temporal's retention, is most of ours' store bytes per "
    "SOP). Penyusunan records each step once; the review round has the coordinator as its only "
    "party, so the one answer also closes the round (two events). Every request is made as the "
    "signed-in demo user whose role it is (the SOPs are lintas SKPD, so the Bupati signs).",
    f"Bare = one workflow per SOP taking the same {len(LABELS) - 1} updates, each awaiting one "
    "no-op activity, continuing as new after the last; default data converter, no validators, "
    "no search attributes, no database; driven by a Temporal client (no HTTP) at the same "
    "concurrency, on the same server, right after ours.",
    "Ratio = ours ÷ bare; ⚠ marks where ours costs more than 1.5× the floor (for rates: "
    "bare ÷ ours > 1.5). CPU ms/SOP is each process's CPU time over the phase ÷ SOPs; "
    "`driver` is the benchmark process itself (httpx for ours, the Temporal client for bare). "
    "All processes share the same 2 cores, so CPU per SOP is what bounds throughput.",
    "Store bytes/SOP: growth of temporal.db (+ read model siklus.db for ours) over the phase, "
    "after a WAL checkpoint, ÷ N.",
]


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="SOPs to drive")
    parser.add_argument("--concurrency", type=int, default=20, help="concurrent clients")
    parser.add_argument("--baseline", action="store_true", help="also run bare Temporal")
    parser.add_argument("--attach", action="store_true", help="use a running stack")
    parser.add_argument("--api-url", default="http://127.0.0.1:8000")
    parser.add_argument("--temporal-address", default="127.0.0.1:7233")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR,
                        help="with --attach: where temporal.db and siklus.db are")
    parser.add_argument("--results", type=Path, default=PROJECT_ROOT / "bench" / "RESULTS.md",
                        help="with --baseline: where to write the results")
    return parser.parse_args()


KEPT_FROM = "\n## Profile"
"""RESULTS.md keeps its hand-written sections (profile, idle SOPs, campaign) from this heading
on; each run rewrites only the generated part above it."""


def write_results(path: Path, generated: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = old[old.index(KEPT_FROM):] if KEPT_FROM in old else ""
    path.write_text(generated.rstrip("\n") + "\n" + kept, encoding="utf-8")


def _pids(stack: Stack, attach: bool) -> dict[str, int]:
    if not attach:
        return {"server": stack.pid("temporal"), "worker": stack.pid("worker"),
                "api": stack.pid("api"), "driver": os.getpid()}
    found = {
        "server": find_pid("server", "start-dev"),
        "worker": find_pid("worker.py"),
        "api": find_pid("uvicorn", "api.main:app"),
        "driver": os.getpid(),
    }
    return {name: pid for name, pid in found.items() if pid is not None}


def _store(stack: Stack, with_read_model: bool) -> int:
    size = sqlite_bytes(stack.temporal_db)
    return size + (sqlite_bytes(stack.read_model_db) if with_read_model else 0)


async def _measure(stack: Stack, pids: dict[str, int], n: int, drive, read_model: bool) -> Phase:  # type: ignore[no-untyped-def]
    before = _store(stack, read_model)
    with ProcessSampler(pids) as sampler:
        started = time.perf_counter()
        run = await drive(n)
        seconds = time.perf_counter() - started
    phase = Phase(n=n, seconds=seconds, run=run, peak_rss=sampler.peak_rss,
                  cpu_seconds=sampler.cpu_seconds)
    phase.store_bytes = _store(stack, read_model) - before
    for error in run.errors[:5]:
        print("  galat:", error)
    if run.errors:
        print(f"  {len(run.errors)} SOP gagal")
    return phase


async def _bench(args: argparse.Namespace, stack: Stack) -> tuple[Phase, Phase | None]:
    api_url = args.api_url if args.attach else stack.api_url
    address = args.temporal_address if args.attach else stack.temporal_address
    pids = _pids(stack, args.attach)
    c = args.concurrency

    print(f"Pemanasan ({WARMUP_SOPS} SOP) ...", flush=True)
    await drive_http(api_url, WARMUP_SOPS, c)
    print(f"Siklus SOP: {args.n} SOP, {c} klien ...", flush=True)
    ours = await _measure(stack, pids, args.n, lambda n: drive_http(api_url, n, c), True)
    print(f"  selesai dalam {ours.seconds:.1f} s", flush=True)
    if not args.baseline:
        return ours, None

    stack.start_worker("bare_worker", ("-m", "bench.bare_worker"))
    await asyncio.to_thread(stack.wait_worker, "bare_worker")
    bare_pids = {**pids, "worker": stack.pid("bare_worker")}
    bare_pids.pop("api", None)
    await drive_bare(address, WARMUP_SOPS, c)
    print(f"Temporal polos: {args.n} workflow, {c} klien ...", flush=True)
    bare = await _measure(stack, bare_pids, args.n, lambda n: drive_bare(address, n, c), False)
    print(f"  selesai dalam {bare.seconds:.1f} s", flush=True)
    return ours, bare


def main() -> None:
    args = _parse()
    data_dir = args.data_dir if args.attach else Path(tempfile.mkdtemp(prefix="siklus-bench-"))
    stack = Stack(data_dir)
    if args.attach:
        stack.temporal_port = int(args.temporal_address.rsplit(":", 1)[1])
    with stack:
        if not args.attach:
            print(f"Menjalankan stack di {data_dir} ...", flush=True)
            stack.start_all()
        ours, bare = asyncio.run(_bench(args, stack))
    print()
    print(render(ours, bare))
    if bare is not None:
        command = "python -m bench.lifecycle " + shlex.join(sys.argv[1:])
        write_results(args.results, results_markdown(command, ours, bare, NOTES))
        print(f"\nHasil ditulis ke {args.results}")


if __name__ == "__main__":
    main()
    # The Temporal client can abort at interpreter exit in scripts (known SDK issue).
    os._exit(0)
