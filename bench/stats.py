"""Measurements shared by the benchmarks: latency percentiles, process RSS and CPU, file sizes."""

import sqlite3
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


class Latencies:
    """Seconds per action type, in the order action types were first seen."""

    def __init__(self) -> None:
        self.by_action: dict[str, list[float]] = defaultdict(list)

    def add(self, action: str, seconds: float) -> None:
        self.by_action[action].append(seconds)

    def count(self) -> int:
        return sum(len(v) for v in self.by_action.values())

    def summary_ms(self, action: str) -> tuple[float, float, float]:
        values = self.by_action.get(action, [])
        return tuple(percentile(values, q) * 1000 for q in (50, 95, 99))  # type: ignore[return-value]


class ProcessSampler:
    """Peak RSS and CPU seconds of named processes, sampled in a thread while a phase runs."""

    def __init__(self, pids: dict[str, int], interval: float = 0.2) -> None:
        self._procs = {name: psutil.Process(pid) for name, pid in pids.items()}
        self.peak_rss: dict[str, int] = dict.fromkeys(pids, 0)
        self.cpu_seconds: dict[str, float] = {}
        self._cpu_start: dict[str, float] = {}
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _cpu(self, proc: psutil.Process) -> float:
        times = proc.cpu_times()
        return times.user + times.system

    def _sample(self) -> None:
        for name, proc in self._procs.items():
            try:
                self.peak_rss[name] = max(self.peak_rss[name], proc.memory_info().rss)
            except psutil.Error:
                pass

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._sample()

    def __enter__(self) -> "ProcessSampler":
        self._cpu_start = {name: self._cpu(p) for name, p in self._procs.items()}
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        for name, proc in self._procs.items():
            try:
                self.cpu_seconds[name] = self._cpu(proc) - self._cpu_start[name]
            except psutil.Error:
                self.cpu_seconds[name] = float("nan")


def rss(pid: int) -> int:
    return psutil.Process(pid).memory_info().rss


def sqlite_bytes(path: Path) -> int:
    """The database's bytes on disk after folding its WAL back (so the WAL's size is not noise).

    A checkpoint from a second connection is safe while the owner (the Temporal server, the
    worker) keeps writing; if it cannot finish, the WAL's bytes are counted as they are.
    """
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=10) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass
    return sum(
        p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()
    )


def find_pid(*fragments: str) -> int | None:
    """The pid of a running process whose command line holds every fragment (attach mode)."""
    for proc in psutil.process_iter(["pid", "cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if all(f in cmdline for f in fragments):
            return int(proc.info["pid"])
    return None


class Stopwatch:
    def __enter__(self) -> "Stopwatch":
        self.start = time.perf_counter()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
