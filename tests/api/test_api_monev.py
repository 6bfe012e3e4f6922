"""Penerapan and monev over HTTP on the dev server: records, library, due list, ripples, digest."""

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, select
from temporalio.client import ScheduleCalendarSpec

from sop.fixtures import lampiran_2e_example
from sop.waktu import WITA
from store.tables import Notification
from tests.support.http_driver import KOORDINATOR, PELAKSANA, PENYUSUN, As, create, drive
from workflows.digest import DIGEST_SCHEDULE_ID, DIGEST_TIME_ZONE, ensure_digest_schedule
from workflows.sop_lifecycle import workflow_id_for


def form(hasil: str) -> dict:
    return {
        "tanggal": "2026-11-27", "evaluator": "bagian_organisasi",
        "nama_evaluator": "Bagian Organisasi Setda", "penyusun_terlibat": "Rahmat",
        "substansi": [{"nilai": 4}] * 7, "proses": [{"nilai": 3}] * 6, "hasil": hasil,
    }


async def sop_in_force(who: As, document: dict | None = None, training: bool = True) -> str:
    nama = (document or {}).get("identitas", {}).get(
        "nama_sop", "Pelayanan Administrasi Surat Masuk dan Surat Keluar")
    sop = await create(who, nama_sop=nama)
    base = f"/api/v1/sops/{sop['id']}"
    await drive(who, sop["id"], "perencanaan", document=document)
    rencana = {"unit_sasaran": ["UMUM", "ORG"], "pelaksana": ["Staf"], "perlu_pelatihan": training}
    await who.post(PENYUSUN, f"{base}/implementation-plan", {"rencana": rencana}, expect=201)
    await who.post(PENYUSUN, f"{base}/actions/sosialisasikan", {}, expect=200)
    await who.post(PENYUSUN, f"{base}/actions/distribusikan", {}, expect=200)
    if training:
        early = await who.post(PENYUSUN, f"{base}/actions/berlakukan", {})
        assert early.status_code == 409 and "pelatihan" in early.text
        await who.post(PENYUSUN, f"{base}/actions/mulai_pelatihan", {}, expect=200)
        sesi = {"tanggal": "2026-12-01", "tempat": "Aula Setda", "peserta": ["Ani Staf"]}
        await who.post(PENYUSUN, f"{base}/trainings", {"sesi": sesi}, expect=201)
    await who.post(PELAKSANA, f"{base}/acknowledgements", {}, expect=201)
    await who.post(PENYUSUN, f"{base}/actions/berlakukan", {}, expect=200)
    return sop["id"]


async def test_penerapan_records_and_the_library(who):
    sop_id = await sop_in_force(who)
    base = f"/api/v1/sops/{sop_id}"
    got = (await who.get(KOORDINATOR, base)).json()
    assert (got["stage"], got["effective_version"]) == ("monev", 1)

    events = [e["event"] for e in (await who.get(KOORDINATOR, f"{base}/events")).json()]
    for record in ["rencana_penerapan", "sesi_pelatihan", "pernyataan_paham"]:
        assert record in events
    inbox = (
        await who.get(KOORDINATOR, "/api/v1/inbox", params={"unit": "ORG", "sop_id": sop_id})
    ).json()
    assert any(n["sop_id"] == sop_id and n["kind"] == "sosialisasi"
               and n["recipient_jabatan"] == "Staf" for n in inbox)

    catatan = {"tanggal": "2027-01-10", "metode": "observasi", "temuan": "Disposisi terlambat"}
    await who.post(KOORDINATOR, f"{base}/monitoring", {"catatan": catatan}, expect=201)
    found = (await who.get(KOORDINATOR, "/api/v1/library", params={"q": "disposisi"})).json()
    assert sop_id in [item["sop"]["id"] for item in found]

    questions = (await who.get(KOORDINATOR, f"{base}/evaluation-form")).json()
    assert (len(questions["substansi"]), len(questions["proses"])) == (7, 6)
    bad = await who.post(KOORDINATOR, f"{base}/evaluations", {"form": {
        **form("cabut"), "substansi": [{"nilai": 4}] * 6}})
    assert bad.status_code == 422 and "substansi" in bad.text
    await who.post(KOORDINATOR, f"{base}/actions/mulai_evaluasi", {}, expect=200)
    await who.post(KOORDINATOR, f"{base}/evaluations", {"form": form("cabut")}, expect=201)
    found = (await who.get(KOORDINATOR, "/api/v1/library", params={"q": "disposisi"})).json()
    assert sop_id not in [item["sop"]["id"] for item in found]


async def test_revision_ripples_to_sops_that_list_it(who, engine):
    source = lampiran_2e_example().model_dump(mode="json")
    source["identitas"]["nama_sop"] = "Pengelolaan Arsip Dinamis Inaktif"
    source_id = await sop_in_force(who, source, training=False)
    linked = lampiran_2e_example().model_dump(mode="json")
    linked["identitas"]["keterkaitan"] = ["SOP Pengelolaan Arsip Dinamis Inaktif"]
    linked_id = await sop_in_force(who, linked, training=False)

    base = f"/api/v1/sops/{source_id}"
    await who.post(KOORDINATOR, f"{base}/actions/mulai_evaluasi", {}, expect=200)
    await who.post(KOORDINATOR, f"{base}/evaluations", {"form": form("revisi")}, expect=201)

    with Session(engine) as session:
        told = session.exec(
            select(Notification).where(
                Notification.sop_id == linked_id, Notification.kind == "sop_terkait_berubah"
            )
        ).all()
    assert len(told) == 1 and "direvisi" in told[0].subject
    # The old version stays in force during the revision.
    got = (await who.get(KOORDINATOR, base)).json()
    assert (got["stage"], got["effective_version"], got["revision"]) == ("penyusunan", 1, 1)


async def test_regulation_change_and_the_due_list(who):
    document = lampiran_2e_example().model_dump(mode="json")
    document["identitas"]["dasar_hukum"] = ["Peraturan Bupati Balangan Nomor 99 Tahun 2030"]
    sop_id = await sop_in_force(who, document, training=False)

    body = {"peraturan": "Nomor 99 Tahun 2030", "perubahan": "dicabut", "keterangan": "Uji"}
    result = (await who.post(KOORDINATOR, "/api/v1/regulation-changes", body, expect=202)).json()
    assert result["sop_ids"] == [sop_id]
    # Due today (WITA); the workflow raises it at the start of the working day, as the
    # time-skipping test of the same signal shows.
    today = datetime.now(UTC).astimezone(WITA).date().isoformat()
    for _ in range(100):
        got = (await who.get(KOORDINATOR, f"/api/v1/sops/{sop_id}")).json()
        if got["evaluation_due"] == today:
            break
        await asyncio.sleep(0.05)
    assert got["evaluation_due"] == today
    events = (await who.get(KOORDINATOR, f"/api/v1/sops/{sop_id}/events")).json()
    assert events[-1]["event"] in {"dasar_hukum_berubah", "evaluasi_jatuh_tempo",
                                   "pengingat_evaluasi"}
    due = (await who.get(KOORDINATOR, "/api/v1/evaluations/due", params={"within_days": 0})).json()
    assert sop_id in [d["id"] for d in due]
    bad = await who.post(KOORDINATOR, "/api/v1/regulation-changes",
                         {**body, "perubahan": "hilang"})
    assert bad.status_code == 422


async def test_daily_digest_schedule(dev_env, dev_worker, engine):
    from config import get_settings

    await ensure_digest_schedule(dev_env.client, get_settings().task_queue)
    await ensure_digest_schedule(dev_env.client, get_settings().task_queue)  # idempotent
    handle = dev_env.client.get_schedule_handle(DIGEST_SCHEDULE_ID)
    described = await handle.describe()
    spec = described.schedule.spec
    assert spec.time_zone_name == DIGEST_TIME_ZONE
    assert isinstance(spec.calendars[0], ScheduleCalendarSpec)

    await handle.trigger()
    key = None
    for _ in range(100):
        with Session(engine) as session:
            rows = session.exec(
                select(Notification).where(Notification.kind == "ringkasan_evaluasi")
            ).all()
        if rows:
            key = rows[0].dedupe_key
            break
        await asyncio.sleep(0.1)
    assert key is not None and key.startswith("ringkasan:")
    assert date.fromisoformat(key.split(":", 1)[1]) >= date.today()
    assert rows[0].recipient_unit == "ORG" and "SOP" in rows[0].subject


async def test_operators_find_due_sops_through_temporal_visibility(who, dev_env):
    """`temporal workflow list --query "SopEvaluationDue < ..."` answers the overdue question."""
    sop_id = await sop_in_force(who, training=False)
    got = (await who.get(KOORDINATOR, f"/api/v1/sops/{sop_id}")).json()
    due = date.fromisoformat(got["evaluation_due"])
    until = (due + timedelta(days=1)).isoformat()
    query = f"SopStage='monev' AND SopEvaluationDue < '{until}T00:00:00Z'"
    found: list[str] = []
    for _ in range(50):  # visibility is eventually consistent
        found = [w.id async for w in dev_env.client.list_workflows(query)]
        if workflow_id_for(sop_id) in found:
            break
        await asyncio.sleep(0.1)
    assert workflow_id_for(sop_id) in found
    before = (due - timedelta(days=1)).isoformat()
    early = f"SopStage='monev' AND SopEvaluationDue < '{before}T00:00:00Z'"
    assert workflow_id_for(sop_id) not in [w.id async for w in dev_env.client.list_workflows(early)]
