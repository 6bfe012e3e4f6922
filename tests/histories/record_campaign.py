"""Record the CampaignWorkflow histories that tests/workflows/test_replay.py replays (by hand).

    RECORD_HISTORIES=1 .venv/bin/pytest -q tests/histories/record_campaign.py

Re-record only on purpose: a history here stands for campaigns already running in production,
and replay failing against it means a change would break them (make such a change with
``workflow.patched``).
"""

import os
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from temporalio.client import Client, WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from sop.kampanye import WITA
from sop.peran import Peran
from tests.support.campaign_driver import KOORDINATOR, row, start_campaign, wait_for
from wire.campaign import (
    CloseCampaignInput,
    DecideInput,
    Decision,
    SopReviuInput,
    SubmitKebutuhanInput,
)
from wire.sop import Aktor
from workflows.campaign import CampaignWorkflow

HERE = Path(__file__).resolve().parent
"""Where the histories go; RECORD_HISTORIES_DIR writes them elsewhere (to compare runs)."""

PENYUSUN = {
    code: Aktor(nama=f"Penyusun {code}", jabatan="Analis", unit=code, peran=[Peran.penyusun])
    for code in ("ORG", "UMUM", "DINKES")
}


async def _save(client: Client, workflow_id: str, run_id: str | None, name: str) -> None:
    history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
    out = Path(os.environ.get("RECORD_HISTORIES_DIR") or HERE)
    (out / f"{name}.json").write_text(history.to_json(), encoding="utf-8")


async def _submit(
    handle: WorkflowHandle, request: SubmitKebutuhanInput, update_id: str | None = None
) -> list[str]:
    result = await handle.execute_update(
        CampaignWorkflow.submit_kebutuhan, request, id=update_id or str(uuid.uuid4()))
    return result.row_ids


async def whole_campaign(env: WorkflowEnvironment) -> None:
    """Start, submissions (one retried), accept/return/unchanged decisions, the three
    reminders, close and the Pasal 14 report."""
    now = await env.get_current_time()
    deadline = now.astimezone(WITA).date() + timedelta(days=40)
    handle = await start_campaign(env.client, deadline)
    org_form = SubmitKebutuhanInput(
        unit_code="ORG", aktor=PENYUSUN["ORG"],
        rows=[row("Penyusunan Analisis Jabatan"), row("Evaluasi Kelembagaan")])
    org = await _submit(handle, org_form, "form-org")
    assert await _submit(handle, org_form, "form-org") == org  # a retry: the same rows
    umum = await _submit(handle, SubmitKebutuhanInput(
        unit_code="UMUM", aktor=PENYUSUN["UMUM"], rows=[row("Pelayanan Surat Masuk")],
        sop_reviu=[SopReviuInput(nama_sop="Pengelolaan Arsip Inaktif", nomor_sop="800/1/UMUM")]))
    await handle.execute_update(CampaignWorkflow.decide, DecideInput(aktor=KOORDINATOR, decisions=[
        Decision(row_id=org[0], diterima=True),
        Decision(row_id=org[1], diterima=False, alasan="Sudah tercakup SOP lain"),
        Decision(row_id=umum[0], diterima=True),
    ]))
    # The same decision again changes nothing and records nothing.
    await handle.execute_update(CampaignWorkflow.decide, DecideInput(
        aktor=KOORDINATOR, decisions=[Decision(row_id=org[0], diterima=True)]))
    await wait_for(handle, lambda v: v.sops_started == 2)
    h30 = datetime.combine(deadline - timedelta(days=30), datetime.min.time(), tzinfo=WITA)
    await env.sleep(h30 + timedelta(hours=9) - await env.get_current_time())
    await wait_for(handle, lambda v: v.reminders_done == ["h-30"])
    await env.sleep(timedelta(days=23, hours=1))
    await wait_for(handle, lambda v: v.reminders_done == ["h-30", "h-7"])
    await env.sleep(timedelta(days=8))
    await wait_for(handle, lambda v: v.reminders_done == ["h-30", "h-7", "tenggat"])
    await handle.execute_update(CampaignWorkflow.close, CloseCampaignInput(aktor=KOORDINATOR))
    await handle.result()
    await _save(env.client, handle.id, handle.result_run_id, "campaign_whole")


async def continued_as_new(env: WorkflowEnvironment) -> None:
    """Three updates end the first run; the second run carries the state and closes."""
    now = await env.get_current_time()
    handle = await start_campaign(env.client, now.astimezone(WITA).date() + timedelta(days=5),
                                  codes=["ORG", "UMUM"], max_updates_per_run=3)
    first = await _submit(handle, SubmitKebutuhanInput(
        unit_code="ORG", aktor=PENYUSUN["ORG"], rows=[row("Satu"), row("Dua")]))
    await handle.execute_update(CampaignWorkflow.decide, DecideInput(
        aktor=KOORDINATOR, decisions=[Decision(row_id=first[0], diterima=True)]))
    await wait_for(handle, lambda v: v.run == 2 and v.sops_started == 1)
    latest = env.client.get_workflow_handle(handle.id)
    await _submit(latest, SubmitKebutuhanInput(
        unit_code="UMUM", aktor=PENYUSUN["UMUM"], rows=[row("Tiga")]))
    await latest.execute_update(CampaignWorkflow.decide, DecideInput(aktor=KOORDINATOR, decisions=[
        Decision(row_id=first[1], diterima=False, alasan="Digabung dengan Satu")]))
    await latest.execute_update(CampaignWorkflow.close, CloseCampaignInput(aktor=KOORDINATOR))
    await latest.result()
    await _save(env.client, handle.id, handle.first_execution_run_id, "campaign_run1_rollover")
    description = await latest.describe()
    await _save(env.client, handle.id, description.run_id, "campaign_run2_close")


async def many_sops(env: WorkflowEnvironment) -> None:
    """More accepted rows than one round of parallel start batches takes, in two decisions
    (two pending queues), then close."""
    now = await env.get_current_time()
    handle = await start_campaign(env.client, now.astimezone(WITA).date() + timedelta(days=60),
                                  codes=["ORG", "UMUM"])
    org = await _submit(handle, SubmitKebutuhanInput(
        unit_code="ORG", aktor=PENYUSUN["ORG"], rows=[row(f"SOP ORG {n}") for n in range(430)]))
    umum = await _submit(handle, SubmitKebutuhanInput(
        unit_code="UMUM", aktor=PENYUSUN["UMUM"], rows=[row(f"SOP UMUM {n}") for n in range(30)]))
    await handle.execute_update(CampaignWorkflow.decide, DecideInput(
        aktor=KOORDINATOR, decisions=[Decision(row_id=r, diterima=True) for r in org]))
    await handle.execute_update(CampaignWorkflow.decide, DecideInput(
        aktor=KOORDINATOR, decisions=[Decision(row_id=r, diterima=True) for r in umum]))
    await wait_for(handle, lambda v: v.sops_started == 460, seconds=300)
    await handle.execute_update(CampaignWorkflow.close, CloseCampaignInput(aktor=KOORDINATOR))
    await handle.result()
    await _save(env.client, handle.id, handle.result_run_id, "campaign_many_sops")


@pytest.mark.skipif(not os.environ.get("RECORD_HISTORIES"), reason="records on purpose only")
async def test_record_campaign_histories(ts_env, ts_worker) -> None:
    """The session's time-skipping server and worker (tests/conftest.py) drive both."""
    await whole_campaign(ts_env)
    await continued_as_new(ts_env)
    await many_sops(ts_env)
