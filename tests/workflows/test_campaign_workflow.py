"""CampaignWorkflow on the time-skipping server: three units, one late and reminded."""

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, select
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError

from config import get_settings
from sop.kampanye import WITA
from sop.peran import Peran
from store.campaign_queries import progress, report
from store.campaign_report import render_csv
from store.campaign_tables import Campaign, CampaignReminder, CampaignReport, KebutuhanSop
from store.tables import Notification, Sop, SopEvent
from tests.support.campaign_driver import KOORDINATOR, poll, row, start_campaign, wait_for
from tests.support.lifecycle_driver import (
    PERSIAPAN_EVENTS,
    moves_penulisan_to_pengesahan,
    moves_to_penulisan,
    run_moves,
)
from wire.campaign import (
    CampaignInput,
    CampaignUnitInput,
    CloseCampaignInput,
    DecideInput,
    Decision,
    RegisterCampaignInput,
    SopReviuInput,
    SubmitKebutuhanInput,
)
from wire.sop import Aktor
from workflows.campaign import CampaignWorkflow
from workflows.campaign import workflow_id_for as campaign_workflow_id
from workflows.sop_lifecycle import SopLifecycleWorkflow, workflow_id_for

PENYUSUN = {code: Aktor(nama=f"Penyusun {code}", jabatan="Analis", unit=code,
                        peran=[Peran.penyusun])
            for code in ("ORG", "UMUM", "DINKES")}


def rows_of(engine, campaign_id: str) -> list[KebutuhanSop]:
    with Session(engine) as session:
        query = select(KebutuhanSop).where(KebutuhanSop.campaign_id == campaign_id)
        return list(session.exec(query.order_by(col(KebutuhanSop.id))).all())


def reminders_of(engine, campaign_id: str) -> list[tuple[str, str, str]]:
    with Session(engine) as session:
        query = select(CampaignReminder).where(CampaignReminder.campaign_id == campaign_id)
        return [(r.kind, r.unit_code, r.reasons)
                for r in session.exec(query.order_by(col(CampaignReminder.id))).all()]


def inbox(engine, campaign_id: str) -> list[tuple[str, str]]:
    with Session(engine) as session:
        query = select(Notification).where(
            col(Notification.dedupe_key).startswith(f"campaign:{campaign_id}:")
        )
        return [(n.recipient_unit, n.kind)
                for n in session.exec(query.order_by(col(Notification.id))).all()]


async def drive_to_disahkan(client, sop_id: str, unit: str) -> None:
    handle = client.get_workflow_handle(workflow_id_for(sop_id))
    await run_moves(handle, moves_to_penulisan(unit)[len(PERSIAPAN_EVENTS):])
    await run_moves(handle, moves_penulisan_to_pengesahan(unit))


async def test_campaign_three_units_one_late(ts_env, ts_worker, engine):
    now = await ts_env.get_current_time()
    today = now.astimezone(WITA).date()
    deadline = today + timedelta(days=40)
    handle = await start_campaign(ts_env.client, deadline)
    view = await handle.query(CampaignWorkflow.view)
    campaign_id = view.campaign_id
    assert (view.units, view.deadline, view.status) == (3, deadline, "berjalan")
    # Lampiran I 1.a: every unit was told, addressed to its Pasal 8 (7)-(9) coordinator.
    assert inbox(engine, campaign_id) == [
        ("ORG", "kampanye_dimulai"), ("UMUM", "kampanye_dimulai"), ("DINKES", "kampanye_dimulai")
    ]
    with Session(engine) as session:
        note = session.exec(select(Notification).where(
            Notification.dedupe_key == f"campaign:{campaign_id}:1:2")).one()
        assert note.recipient_jabatan == "Sekretaris Dinas"

    org = await handle.execute_update(CampaignWorkflow.submit_kebutuhan, SubmitKebutuhanInput(
        unit_code="ORG", aktor=PENYUSUN["ORG"],
        rows=[row("Penyusunan Analisis Jabatan"), row("Evaluasi Kelembagaan")]))
    umum = await handle.execute_update(CampaignWorkflow.submit_kebutuhan, SubmitKebutuhanInput(
        unit_code="UMUM", aktor=PENYUSUN["UMUM"], rows=[row("Pelayanan Surat Masuk")],
        sop_reviu=[SopReviuInput(nama_sop="Pengelolaan Arsip Inaktif", nomor_sop="800/1/UMUM")]))
    assert len(org.row_ids) == 2 and len(umum.row_ids) == 1

    # A unit outside the campaign and a return without a reason are refused.
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await handle.execute_update(CampaignWorkflow.submit_kebutuhan, SubmitKebutuhanInput(
            unit_code="HUKUM", aktor=PENYUSUN["ORG"], rows=[row("Apa Saja")]))
    assert isinstance(caught.value.cause, ApplicationError)
    assert caught.value.cause.type == "UnitNotInCampaign"
    with pytest.raises(ValueError):
        Decision(row_id=org.row_ids[1], diterima=False)

    result = await handle.execute_update(CampaignWorkflow.decide, DecideInput(
        aktor=KOORDINATOR, decisions=[
            Decision(row_id=org.row_ids[0], diterima=True),
            Decision(row_id=org.row_ids[1], diterima=False, alasan="Sudah tercakup SOP lain"),
            Decision(row_id=umum.row_ids[0], diterima=True),
        ]))
    assert (result.accepted, result.returned) == ([org.row_ids[0], umum.row_ids[0]],
                                                   [org.row_ids[1]])
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await handle.execute_update(CampaignWorkflow.decide, DecideInput(
            aktor=KOORDINATOR, decisions=[Decision(row_id=org.row_ids[1], diterima=True)]))
    assert caught.value.cause.type == "RowAlreadyDecided"
    # Straight to Temporal with a forged actor: a drafter cannot decide, nor fill another
    # unit's form: the workflow refuses what the API would (defence in depth).
    for update, forged in (
        (CampaignWorkflow.decide, DecideInput(aktor=PENYUSUN["ORG"], decisions=[
            Decision(row_id=org.row_ids[0], diterima=True)])),
        (CampaignWorkflow.submit_kebutuhan, SubmitKebutuhanInput(
            unit_code="DINKES", aktor=PENYUSUN["UMUM"], rows=[row("Bukan Unit Saya")])),
    ):
        with pytest.raises(WorkflowUpdateFailedError) as caught:
            await handle.execute_update(update, forged)
        assert caught.value.cause.type == "Forbidden"

    await wait_for(handle, lambda v: v.sops_started == 2)
    needs = {r.id: r for r in rows_of(engine, campaign_id)}
    assert [(r.status, r.alasan) for r in needs.values()] == [
        ("diterima", None), ("dikembalikan", "Sudah tercakup SOP lain"), ("diterima", None)]
    # Every accepted row is an SOP waiting in penyusunan, linked to its row (Pasal 9 e).
    for row_id in (org.row_ids[0], umum.row_ids[0]):
        sop_id = needs[row_id].sop_id
        sop_view = await ts_env.client.get_workflow_handle(workflow_id_for(sop_id)).query(
            SopLifecycleWorkflow.view)
        assert (sop_view.step, sop_view.campaign_id, sop_view.kebutuhan_id) == (
            "pengumpulan_informasi", campaign_id, row_id)
        with Session(engine) as session:
            events = session.exec(select(SopEvent.event).where(SopEvent.sop_id == sop_id)
                                  .order_by(col(SopEvent.seq))).all()
        assert list(events) == ["dibuat", "selesaikan_pengumpulan_data", "selesaikan_persiapan",
                                "nyatakan_diperlukan", "tetapkan_daftar_sop"]

    # ORG and UMUM get their SOPs approved; DINKES never submits.
    for row_id, unit in ((org.row_ids[0], "ORG"), (umum.row_ids[0], "UMUM")):
        await drive_to_disahkan(ts_env.client, needs[row_id].sop_id, unit)

    with Session(engine) as session:
        figures = progress(session, session.get(Campaign, campaign_id))
    by_unit = {u.unit_code: u for u in figures.units}
    assert figures.total.model_dump(include={
        "units", "units_submitted", "units_not_submitted", "rows_proposed", "rows_pending",
        "rows_accepted", "rows_returned", "sops_started", "sops_by_stage", "sops_approved",
        "sops_effective"}) == {
        "units": 3, "units_submitted": 2, "units_not_submitted": ["DINKES"],
        "rows_proposed": 3, "rows_pending": 0, "rows_accepted": 2, "rows_returned": 1,
        "sops_started": 2, "sops_by_stage": {"penerapan": 2}, "sops_approved": 2,
        "sops_effective": 0}
    assert (by_unit["ORG"].rows_proposed, by_unit["ORG"].rows_returned,
            by_unit["ORG"].sops_approved) == (2, 1, 1)
    assert by_unit["DINKES"].submitted is False
    assert by_unit["DINKES"].penanggung_jawab == "Sekretaris Dinas"

    # H-30 and H-7: only DINKES is behind, and is reminded each time.
    h30 = datetime.combine(deadline - timedelta(days=30), datetime.min.time(), tzinfo=WITA)
    await ts_env.sleep(h30 + timedelta(hours=9) - await ts_env.get_current_time())
    reason = "belum menyampaikan identifikasi kebutuhan SOP (Lampiran II.A)"
    await poll(lambda: reminders_of(engine, campaign_id))
    assert reminders_of(engine, campaign_id) == [("h-30", "DINKES", reason)]
    await ts_env.sleep(timedelta(days=23, hours=1))
    await poll(lambda: len(reminders_of(engine, campaign_id)) == 2)
    await ts_env.sleep(timedelta(days=8))
    await poll(lambda: len(reminders_of(engine, campaign_id)) == 3)
    assert reminders_of(engine, campaign_id) == [
        ("h-30", "DINKES", reason), ("h-7", "DINKES", reason), ("tenggat", "DINKES", reason)]
    view = await handle.query(CampaignWorkflow.view)
    assert view.reminders_done == ["h-30", "h-7", "tenggat"]
    assert inbox(engine, campaign_id)[3:] == [
        ("DINKES", "kampanye_pengingat"), ("DINKES", "kampanye_pengingat"),
        ("ORG", "kampanye_tenggat")]
    with Session(engine) as session:
        late = session.exec(select(Notification).where(
            Notification.dedupe_key == f"campaign:{campaign_id}:tenggat:koordinator")).one()
    assert late.body == f"Unit kerja yang terlambat:\nDINKES: {reason}"

    # The Pasal 14 report, exact; then closing stores it and completes the workflow.
    with Session(engine) as session:
        data = report(session, session.get(Campaign, campaign_id), datetime.now(UTC))
    org_sop, umum_sop = needs[org.row_ids[0]].sop_id, needs[umum.row_ids[0]].sop_id
    assert render_csv(data) == (
        "Kode Unit,Unit Kerja,SOP Disusun,SOP Disahkan,SOP Belum Disahkan,No,Nama SOP,Nomor SOP,"
        "Status,Tahap,Langkah,Tanggal Berlaku,ID SOP\n"
        "DINKES,Dinas Kesehatan,0,0,0,,,,,,,,\n"
        f"ORG,Bagian Organisasi Sekretariat Daerah,1,1,0,1,Penyusunan Analisis Jabatan,,disahkan,"
        f"penerapan,perencanaan,,{org_sop}\n"
        f"UMUM,Bagian Umum Sekretariat Daerah,1,1,0,1,Pelayanan Surat Masuk,,disahkan,"
        f"penerapan,perencanaan,,{umum_sop}\n"
    )
    assert [(u.unit_code, u.drafted, u.approved, u.pending) for u in data.units] == [
        ("DINKES", 0, 0, 0), ("ORG", 1, 1, 0), ("UMUM", 1, 1, 0)]

    closed = await handle.execute_update(
        CampaignWorkflow.close, CloseCampaignInput(aktor=KOORDINATOR))
    assert closed.status == "ditutup"
    assert (await handle.result()).status == "ditutup"
    with Session(engine) as session:
        stored = session.get(CampaignReport, campaign_id)
        assert stored is not None and "Penyusunan Analisis Jabatan" in stored.html
        assert session.get(Campaign, campaign_id).status == "ditutup"
        # The SOPs outlive the campaign.
        assert session.get(Sop, org_sop).stage == "penerapan"
    assert inbox(engine, campaign_id)[-1] == ("ORG", "kampanye_laporan")


async def test_continue_as_new_carries_state(ts_env, ts_worker, engine):
    from workflows.campaign import workflow_id_for

    now = await ts_env.get_current_time()
    handle = await start_campaign(ts_env.client, now.astimezone(WITA).date() + timedelta(days=5),
                                  codes=["ORG", "UMUM"], max_updates_per_run=3)
    first = await handle.execute_update(CampaignWorkflow.submit_kebutuhan, SubmitKebutuhanInput(
        unit_code="ORG", aktor=PENYUSUN["ORG"], rows=[row("Satu"), row("Dua")]))
    await handle.execute_update(CampaignWorkflow.decide, DecideInput(
        aktor=KOORDINATOR, decisions=[Decision(row_id=first.row_ids[0], diterima=True)]))
    # Three updates (register, submit, decide): the next run carries the state.
    view = await wait_for(handle, lambda v: v.run == 2 and v.sops_started == 1)
    assert view.rows_by_status == {"diusulkan": 1, "diterima": 1, "dikembalikan": 0}
    handle = ts_env.client.get_workflow_handle(workflow_id_for(view.campaign_id))
    second = await handle.execute_update(CampaignWorkflow.submit_kebutuhan, SubmitKebutuhanInput(
        unit_code="UMUM", aktor=PENYUSUN["UMUM"], rows=[row("Tiga")]))
    # Row numbering continues across runs; decided rows stay decided.
    assert second.row_ids == [f"{view.campaign_id}-00003"]
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update(CampaignWorkflow.decide, DecideInput(
            aktor=KOORDINATOR, decisions=[
                Decision(row_id=first.row_ids[0], diterima=False, alasan="Salah")]))
    with Session(engine) as session:
        assert session.get(Campaign, view.campaign_id).last_seq == 4



async def test_authority_is_judged_before_the_rows(ts_env, ts_worker):
    """As the API judged it: a drafter deciding rows hears "forbidden" even for a row that
    does not exist; the coordinator hears that the row is unknown."""
    now = await ts_env.get_current_time()
    handle = await start_campaign(ts_env.client, now.astimezone(WITA).date() + timedelta(days=5),
                                  codes=["ORG", "UMUM"])
    refusals = {}
    for name, aktor in (("drafter", PENYUSUN["ORG"]), ("coordinator", KOORDINATOR)):
        with pytest.raises(WorkflowUpdateFailedError) as caught:
            await handle.execute_update(CampaignWorkflow.decide, DecideInput(
                aktor=aktor, decisions=[Decision(row_id="tidak-ada", diterima=True)]))
        refusals[name] = caught.value.cause
    assert refusals["drafter"].type == "Forbidden"
    assert refusals["drafter"].message == (
        "Hanya koordinator yang dapat memutuskan atau menutup kampanye.")
    assert refusals["coordinator"].type == "UnknownRow"
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await handle.execute_update(CampaignWorkflow.close, CloseCampaignInput(
            aktor=PENYUSUN["UMUM"]))
    assert caught.value.cause.type == "Forbidden"
    closed = await handle.execute_update(
        CampaignWorkflow.close, CloseCampaignInput(aktor=KOORDINATOR))
    assert closed.status == "ditutup"


async def test_far_deadline_cannot_break_the_campaign(ts_env, ts_worker):
    """A client that reaches Temporal directly (bypassing the API's bound) starts a campaign
    with the last day of the calendar: the reminder arithmetic used to fail every workflow
    task. The campaign now answers queries and updates, and closes."""
    handle = await ts_env.client.start_workflow(
        CampaignWorkflow.run,
        CampaignInput.model_construct(
            campaign_id="jauh", nama="Kampanye Tanpa Batas", units=[CampaignUnitInput(
                code="ORG", name="Bagian Organisasi Sekretariat Daerah", jenis="bagian")],
            deadline=date(9999, 12, 31), koordinator=KOORDINATOR, coordinator_unit="ORG",
            max_updates_per_run=1000, carried=None),
        id=campaign_workflow_id("jauh"), task_queue=get_settings().task_queue,
        execution_timeout=timedelta(minutes=5),
    )
    # Before the guard, the first workflow task failed and this update never answered.
    await asyncio.wait_for(handle.execute_update(
        CampaignWorkflow.register, RegisterCampaignInput(aktor=KOORDINATOR), id="register"), 20)
    view = await handle.query(CampaignWorkflow.view)
    assert (view.deadline, view.status, view.reminders_done) == (date(9999, 12, 31),
                                                                 "berjalan", [])
    closed = await handle.execute_update(
        CampaignWorkflow.close, CloseCampaignInput(aktor=KOORDINATOR))
    assert closed.status == "ditutup"
