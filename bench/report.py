"""Tables of one benchmark run (ours, bare and ours ÷ bare) for the terminal and RESULTS.md."""

import math
import os
import platform
import subprocess
from dataclasses import dataclass, field
from datetime import datetime

import psutil

from bench.http_driver import LABELS, HttpRun

MB = 1024 * 1024
# A metric is flagged when ours costs more than this many times the bare floor.
FLAG_FACTOR = 1.5


@dataclass
class Phase:
    """One measured drive: ours (HTTP → API → workflow → read model) or bare."""

    n: int
    seconds: float
    run: HttpRun
    peak_rss: dict[str, int] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    store_bytes: int = 0

    @property
    def lifecycles_per_s(self) -> float:
        return self.run.completed / self.seconds

    @property
    def actions_per_s(self) -> float:
        return self.run.latencies.count() / self.seconds

    def cpu_ms_per_sop(self, name: str) -> float:
        return self.cpu_seconds.get(name, math.nan) * 1000 / max(self.run.completed, 1)

    def rss_mb(self, name: str) -> float:
        return self.peak_rss[name] / MB if name in self.peak_rss else math.nan


def _fmt(value: float) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"


def _ratio(ours: float, bare: float | None, higher_is_better: bool) -> str:
    if bare is None or math.isnan(bare) or bare == 0 or math.isnan(ours) or ours == 0:
        return "–"
    ratio = ours / bare
    cost = 1 / ratio if higher_is_better else ratio
    return f"{ratio:.2f}" + (" ⚠" if cost > FLAG_FACTOR else "")


def metric_rows(ours: Phase, bare: Phase | None) -> list[tuple[str, float, float | None, bool]]:
    """(metric, ours, bare, higher_is_better)."""

    def b(getter):  # type: ignore[no-untyped-def]
        return getter(bare) if bare else None

    rows: list[tuple[str, float, float | None, bool]] = [
        ("SOP lifecycles/s", ours.lifecycles_per_s, b(lambda p: p.lifecycles_per_s), True),
        ("actions/s (HTTP; bare: updates)", ours.actions_per_s, b(lambda p: p.actions_per_s),
         True),
        ("worker peak RSS (MB)", ours.rss_mb("worker"), b(lambda p: p.rss_mb("worker")), False),
        ("API peak RSS (MB)", ours.rss_mb("api"), None, False),
        ("server peak RSS (MB)", ours.rss_mb("server"), b(lambda p: p.rss_mb("server")), False),
        ("store bytes/SOP (Temporal + read model)", ours.store_bytes / max(ours.n, 1),
         b(lambda p: p.store_bytes / max(p.n, 1)), False),
    ]
    for name in ("server", "worker", "api", "driver"):
        rows.append((f"{name} CPU ms/SOP", ours.cpu_ms_per_sop(name),
                     b(lambda p, n=name: p.cpu_ms_per_sop(n)) if name != "api" else None, False))
    return rows


def render(ours: Phase, bare: Phase | None) -> str:
    lines = ["| metric | ours | bare | ours ÷ bare |", "|---|---:|---:|---:|"]
    for name, value, floor, higher in metric_rows(ours, bare):
        lines.append(
            f"| {name} | {_fmt(value)} | {_fmt(floor) if floor is not None else '–'} "
            f"| {_ratio(value, floor, higher)} |"
        )
    lines += [
        "",
        "| latency (ms) | ours p50 / p95 / p99 | bare p50 / p95 / p99 | ratio p50 / p95 / p99 |",
        "|---|---:|---:|---:|",
    ]
    for label in LABELS:
        mine = ours.run.latencies.summary_ms(label)
        floor = bare.run.latencies.summary_ms(label) if bare else (math.nan,) * 3
        ratios = " / ".join(_ratio(m, f, False) for m, f in zip(mine, floor, strict=True))
        lines.append(
            f"| {label} | {' / '.join(_fmt(v) for v in mine)} "
            f"| {' / '.join(_fmt(v) for v in floor)} | {ratios} |"
        )
    return "\n".join(lines)


def machine_facts() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
         if line.startswith("model name")),
        platform.processor(),
    )
    try:
        from deploy.binaries import temporal_cli

        cli = subprocess.run([temporal_cli(), "--version"], capture_output=True, text=True)
        temporal = cli.stdout.strip()
    except Exception:  # noqa: BLE001 (facts are best effort)
        temporal = "?"
    from importlib.metadata import version

    return (
        f"{os.cpu_count()} × {model}, {psutil.virtual_memory().total / 1024**3:.0f} GB RAM, "
        f"{platform.platform()}; Python {platform.python_version()}, "
        f"temporalio {version('temporalio')}, {temporal}"
    )


def results_markdown(command: str, ours: Phase, bare: Phase | None, notes: list[str]) -> str:
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    body = [
        "# Benchmark: Siklus SOP against bare Temporal",
        "",
        f"- Command: `{command}`",
        f"- Date: {when}",
        f"- Machine: {machine_facts()}",
        f"- N = {ours.n} SOPs; ours took {ours.seconds:.1f} s"
        + (f", bare {bare.seconds:.1f} s" if bare else ""),
        "",
        render(ours, bare),
        "",
        "## Notes",
        "",
        *[f"- {note}" for note in notes],
        "",
    ]
    return "\n".join(body)
