"""A campaign of 2,500 SOPs on the dev server: past the 2,000 pending-children limit.

Every row is accepted in one batch update; the campaign starts and registers the SOP workflows
from activities in batches. Runtime is printed (run with -s to see it).
"""

import asyncio
import time

import pytest
from sqlmodel import Session, col, select

from store.tables import Unit
from workflows.campaign import CampaignWorkflow, workflow_id_for

UNITS = 50
ROWS_PER_UNIT = 50
TOTAL = UNITS * ROWS_PER_UNIT
BASE = "/api/v1/campaigns"


@pytest.fixture
async def koordinator(signed_in):
    """The Bagian Organisasi's coordinator, whose role spans every unit's form."""
    return await signed_in("koordinator")


async def test_campaign_of_2500_sops(koordinator, dev_env, engine):
    api = koordinator
    with Session(engine) as session:
        codes = list(session.exec(select(Unit.code).order_by(col(Unit.code))).all())[:UNITS]
    began = time.monotonic()
    response = await api.post(BASE, json={"nama": "Kampanye Besar", "units": codes})
    assert response.status_code == 201, response.text
    cid = response.json()["id"]

    async def submit(code: str) -> None:
        rows = [{"kegiatan": f"Kegiatan {i} {code}", "judul": f"SOP {code} nomor {i}",
                 "perkiraan_output": "Dokumen"} for i in range(1, ROWS_PER_UNIT + 1)]
        r = await api.post(f"{BASE}/{cid}/units/{code}/kebutuhan",
                           json={"rows": rows})
        assert r.status_code == 201, r.text

    await asyncio.gather(*(submit(code) for code in codes))
    rows = (await api.get(f"{BASE}/{cid}/kebutuhan",
                          params={"status": "diusulkan", "limit": 10000})).json()
    assert len(rows) == TOTAL
    decided = await api.post(f"{BASE}/{cid}/kebutuhan/keputusan", json={
        "keputusan": [{"row_id": r["id"], "diterima": True} for r in rows]})
    assert decided.status_code == 200, decided.text
    assert len(decided.json()["accepted"]) == TOTAL
    accepted_at = time.monotonic()

    handle = dev_env.client.get_workflow_handle(workflow_id_for(cid))
    for _ in range(6000):
        view = await handle.query(CampaignWorkflow.view)
        if view.sops_started == TOTAL:
            break
        await asyncio.sleep(0.1)
    assert view.sops_started == TOTAL and view.sops_pending_start == 0
    started_at = time.monotonic()

    progress = (await api.get(f"{BASE}/{cid}/progress")).json()
    assert progress["total"]["sops_started"] == TOTAL
    assert progress["total"]["sops_by_stage"] == {"penyusunan": TOTAL}
    assert progress["total"]["rows_accepted"] == TOTAL
    assert all(u["sops_started"] == ROWS_PER_UNIT for u in progress["units"])
    history = await handle.fetch_history()
    assert len(history.events) < 4096
    print(
        f"\n2,500-SOP campaign: forms+decision {accepted_at - began:.1f}s, "
        f"SOPs started+registered {started_at - accepted_at:.1f}s "
        f"({TOTAL / (started_at - accepted_at):.0f} SOP/s), "
        f"campaign history {len(history.events)} events"
    )
