"""Benchmark: a campaign of 5,000 SOPs across 60 units, end to end through the HTTP API.

    .venv/bin/python -m bench.campaign [--sops 5000] [--units 60]

Starts its own Temporal dev server (in memory), a worker and the API in-process, on a fresh
SQLite read model in a temporary directory; seeds the Balangan units plus synthetic ones up to
``--units``. Prints SOPs started (and registered) per second and the latency of the progress
endpoint, sampled while the SOPs are being started.
"""

import argparse
import asyncio
import os
import secrets
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from sqlmodel import Session, col, select
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from api.main import create_app
from config import get_settings
from deploy.binaries import temporal_cli
from store.engine import make_engine
from store.migrate import upgrade
from store.seed import seed_units
from store.seed_users import DEMO_PASSWORD, seed_demo_users
from store.tables import Unit
from wire import search_attributes as sa
from worker import build_worker
from workflows.campaign import workflow_id_for

KOORDINATOR = "koordinator"
"""The demo user of the Bagian Organisasi: a coordinator, whose role spans every unit."""
BASE = "/api/v1/campaigns"


def prepare_database(directory: Path, units: int):  # noqa: ANN201
    url = f"sqlite:///{directory / 'bench.db'}"
    upgrade(url)
    engine = make_engine(url)
    seed_units(engine)
    seed_demo_users(engine)
    with Session(engine) as session:
        codes = list(session.exec(select(Unit.code).order_by(col(Unit.code))).all())
        for n in range(len(codes) + 1, units + 1):
            code = f"BENCH-{n:02d}"
            session.merge(Unit(code=code, name=f"Kantor Uji {n}", jenis="kantor"))
            codes.append(code)
        session.commit()
    return engine, codes[:units]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


async def run(total: int, unit_count: int) -> None:
    directory = Path(tempfile.mkdtemp(prefix="siklus-bench-"))
    engine, codes = prepare_database(directory, unit_count)
    env = await WorkflowEnvironment.start_local(
        data_converter=pydantic_data_converter,
        dev_server_existing_path=temporal_cli(),
        search_attributes=sa.ALL,
        dev_server_extra_args=["--log-level", "error"],
    )
    # The API signs tokens and actors; keys of this run only.
    os.environ.setdefault("JWT_SECRET", secrets.token_urlsafe(48))
    os.environ.setdefault("ACTOR_CLAIM_KEY", secrets.token_urlsafe(48))
    get_settings.cache_clear()
    async with env, build_worker(env.client, engine=engine):
        app = create_app(temporal=env.client, engine=engine)
        app.state.temporal, app.state.engine = env.client, engine
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", timeout=120
        ) as api:
            signed = await api.post(
                "/api/v1/auth/token",
                data={"username": KOORDINATOR, "password": DEMO_PASSWORD},
            )
            signed.raise_for_status()
            api.headers["Authorization"] = f"Bearer {signed.json()['access_token']}"
            await campaign(api, env, codes, total)


async def campaign(api: httpx.AsyncClient, env: WorkflowEnvironment, codes: list[str],
                   total: int) -> None:
    began = time.monotonic()
    response = await api.post(BASE, json={"nama": "Bench", "units": codes})
    response.raise_for_status()
    cid = response.json()["id"]
    per_unit = [total // len(codes) + (i < total % len(codes)) for i in range(len(codes))]
    limit = asyncio.Semaphore(8)

    async def submit(code: str, n: int) -> None:
        rows = [{"kegiatan": f"Kegiatan {i}", "judul": f"SOP {code} {i}",
                 "perkiraan_output": "Dokumen"} for i in range(1, n + 1)]
        async with limit:
            r = await api.post(f"{BASE}/{cid}/units/{code}/kebutuhan",
                               json={"rows": rows})
        r.raise_for_status()

    await asyncio.gather(*(submit(c, n) for c, n in zip(codes, per_unit, strict=True) if n))
    submitted = time.monotonic()
    rows = (await api.get(f"{BASE}/{cid}/kebutuhan",
                          params={"status": "diusulkan", "limit": 10000})).json()
    decided = await api.post(f"{BASE}/{cid}/kebutuhan/keputusan", json={
        "keputusan": [{"row_id": r["id"], "diterima": True} for r in rows]})
    decided.raise_for_status()
    accepted = time.monotonic()

    latencies: list[float] = []
    while True:
        t0 = time.monotonic()
        progress = (await api.get(f"{BASE}/{cid}/progress")).json()
        latencies.append(time.monotonic() - t0)
        if progress["total"]["sops_by_stage"].get("penyusunan", 0) == total:
            break
        await asyncio.sleep(0.5)
    done = time.monotonic()
    history = await env.client.get_workflow_handle(workflow_id_for(cid)).fetch_history()

    print(f"campaign of {total} SOPs across {len(codes)} units")
    print(f"  forms submitted ({len(codes)} units):      {submitted - began:8.1f} s")
    print(f"  {total} rows accepted in one update:  {accepted - submitted:8.1f} s")
    print(f"  SOPs started and registered:         {done - accepted:8.1f} s "
          f"= {total / (done - accepted):.1f} SOPs/s")
    print(f"  progress endpoint latency ({len(latencies)} calls): "
          f"median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")
    print(f"  campaign workflow history: {len(history.events)} events (limit 51,200; "
          "continue-as-new suggested at 4,096)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=5000)
    parser.add_argument("--units", type=int, default=60)
    args = parser.parse_args()
    asyncio.run(run(args.sops, args.units))
    # Avoid the SDK's known abort at interpreter exit in standalone scripts.
    os._exit(0)


if __name__ == "__main__":
    main()
