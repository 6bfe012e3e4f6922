"""End to end over HTTP with a real dev server and worker: the Lampiran II.E SOP's whole life,
performed by signed-in demo users, each in their own role."""

import asyncio
import uuid

from sop.fixtures import lampiran_2e_example
from tests.support.http_driver import KOORDINATOR, PENGESAH, PENYUSUN, create, drive
from workflows.sop_lifecycle import workflow_id_for


async def test_lampiran_2e_from_persiapan_to_monev(who):
    sop = await create(who)
    assert (sop["stage"], sop["step"]) == ("persiapan", "pengumpulan_data")
    assert sop["allowed_events"] == ["selesaikan_pengumpulan_data"]

    await drive(who, sop["id"], "monitoring")

    got = (await who.get(PENYUSUN, f"/api/v1/sops/{sop['id']}")).json()
    assert (got["stage"], got["step"], got["effective_version"]) == ("monev", "monitoring", 1)
    assert got["allowed_events"] == ["mulai_evaluasi"]
    assert got["evaluation_due"] is not None
    assert (got["nomor_keputusan"], got["tanggal_pengesahan"]) == (
        "188.45/012/UMUM/2026", "2026-11-25"
    )

    events = (await who.get(PENYUSUN, f"/api/v1/sops/{sop['id']}/events")).json()
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    sahkan = next(e for e in events if e["event"] == "sahkan")
    # The actor is the signed-in official, never a body field.
    assert (sahkan["actor_nama"], sahkan["actor_jabatan"], sahkan["document_version"]) == (
        "H. Ahmad Rifani, S.E", "Kepala Bagian Umum", 1
    )
    first = events[0]
    assert (first["event"], first["actor_unit"]) == ("dibuat", "UMUM")

    version = (await who.get(PENYUSUN, f"/api/v1/sops/{sop['id']}/versions/1")).json()
    assert len(version["content"]["langkah"]) == 9
    assert version["content_hash"] == lampiran_2e_example().content_hash()

    listed = (await who.get(PENYUSUN, "/api/v1/sops",
                            params={"unit": "UMUM", "stage": "monev"})).json()
    assert sop["id"] in [s["id"] for s in listed["items"]]
    inbox = (await who.get(KOORDINATOR, "/api/v1/inbox",
                           params={"unit": "ORG", "sop_id": sop["id"]})).json()
    assert any(n["sop_id"] == sop["id"] and n["kind"] == "sahkan" for n in inbox)


async def test_illegal_action_is_409_with_allowed_events_and_no_history(who, dev_env):
    sop = await create(who)
    handle = dev_env.client.get_workflow_handle(workflow_id_for(sop["id"]))
    before = len((await handle.fetch_history()).events)

    response = await who.post(PENYUSUN, f"/api/v1/sops/{sop['id']}/actions/tetapkan_daftar_sop",
                              {})

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail["allowed_events"] == ["selesaikan_pengumpulan_data"]
    assert "tetapkan_daftar_sop" in detail["message"]
    # The real server validates updates speculatively: nothing at all reaches the history.
    assert len((await handle.fetch_history()).events) == before


async def test_review_without_draft_is_409_with_what_to_do(who):
    sop = await create(who)
    await drive(who, sop["id"], "penulisan")
    response = await who.post(PENYUSUN, f"/api/v1/sops/{sop['id']}/reviews", {"versi": 1})
    assert response.status_code == 422
    assert "simpan draf" in response.json()["detail"]
    response = await who.post(PENYUSUN, f"/api/v1/sops/{sop['id']}/actions/ajukan_reviu", {})
    assert response.status_code == 409
    assert "POST .../reviews" in response.json()["detail"]["message"]


async def test_unknown_sop_and_unknown_action_are_404(who):
    response = await who.get(PENYUSUN, f"/api/v1/sops/{uuid.uuid4().hex}", expect=404)
    assert "tidak ditemukan" in response.json()["detail"]
    await who.post(PENYUSUN, f"/api/v1/sops/{uuid.uuid4().hex}/actions/sahkan", {}, expect=404)
    sop = await create(who)
    response = await who.post(PENYUSUN, f"/api/v1/sops/{sop['id']}/actions/terbangkan", {},
                              expect=404)
    assert "sahkan" in response.json()["detail"]["known_events"]


async def test_bad_bodies_are_422_and_say_what_to_fix(who):
    cases = [
        ({"unit_code": "UMUM"}, "nama_sop"),
        ({"unit_code": "UMUM", "nama_sop": "Surat", "warna": "merah"}, "warna"),
        # The actor is never taken from the body: naming one is an unknown field.
        ({"unit_code": "UMUM", "nama_sop": "Surat", "aktor": {"nama": "X", "jabatan": "Y"}},
         "aktor"),
        ({"unit_code": "UMUM", "nama_sop": "Surat", "evaluation_interval_months": 36},
         "evaluation_interval_months"),
        ({"unit_code": "TIDAKADA", "nama_sop": "Surat"}, "TIDAKADA"),
        ({"unit_code": "DINKES", "nama_sop": "Surat", "lingkup": "lintas_bagian"},
         "lintas Bagian"),
    ]
    for body, mentioned in cases:
        response = await who.post(KOORDINATOR, "/api/v1/sops", body)
        assert response.status_code == 422, (body, response.text)
        assert mentioned in response.text
    sop = await create(who)
    await drive(who, sop["id"], "penulisan")
    bad_document = lampiran_2e_example().model_dump(mode="json")
    bad_document["langkah"][1]["mutu_baku"]["waktu"] = "sebentar"
    response = await who.post(PENYUSUN, f"/api/v1/sops/{sop['id']}/versions",
                              {"document": bad_document})
    assert response.status_code == 422
    assert "sebentar" in response.text and "30 Menit" in response.text
    await who.get(PENYUSUN, "/api/v1/sops", params={"stage": "terbang"}, expect=422)


async def test_idempotency_key_applies_an_action_once(who):
    key = f"create-{uuid.uuid4()}"
    sop = await create(who, key=key)
    assert (await create(who, key=key))["id"] == sop["id"]

    url = f"/api/v1/sops/{sop['id']}/actions/selesaikan_pengumpulan_data"
    headers = {"Idempotency-Key": f"act-{uuid.uuid4()}"}
    first = await who.post(PENYUSUN, url, {}, headers=headers)
    second = await who.post(PENYUSUN, url, {}, headers=headers)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    events = (await who.get(PENYUSUN, f"/api/v1/sops/{sop['id']}/events")).json()
    assert [e["event"] for e in events] == ["dibuat", "selesaikan_pengumpulan_data"]

    reused = await who.post(PENYUSUN, f"/api/v1/sops/{sop['id']}/actions/selesaikan_persiapan",
                            {}, headers=headers)
    assert reused.status_code == 422
    assert "Idempotency-Key" in reused.json()["detail"]


async def test_visibility_finds_sops_by_stage(who, dev_env):
    """What `temporal workflow list --query` shows operators."""
    unit = "KEC-JUAI"
    sop = await create(who, unit_code=unit, user=KOORDINATOR)
    await who.post(KOORDINATOR, f"/api/v1/sops/{sop['id']}/actions/selesaikan_pengumpulan_data",
                   {}, expect=200)
    query = f"SopUnit='{unit}' AND SopStage='persiapan' AND SopStep='analisis_prosedur'"
    found: list[str] = []
    for _ in range(50):  # visibility is eventually consistent
        found = [w.id async for w in dev_env.client.list_workflows(query)]
        if workflow_id_for(sop["id"]) in found:
            break
        await asyncio.sleep(0.1)
    assert workflow_id_for(sop["id"]) in found


async def test_health_answers_without_a_token(api):
    response = await api.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "temporal": True, "database": True}


async def test_pengesah_is_shown_and_enforced(who):
    sop = await create(who)
    pejabat = (await who.get(PENYUSUN, f"/api/v1/sops/{sop['id']}/pejabat")).json()
    assert pejabat["pengesah"]["sebutan"] == "Kepala Bagian"
    assert pejabat["koordinasi"]["penanggung_jawab"]["dasar"] == "Pasal 8 ayat (6)"
    await drive(who, sop["id"], "pengesahan")
    assert PENGESAH == "kabag.umum"


async def test_oversized_bodies_are_413_and_nothing_is_written(who):
    from api.limits import MAX_JSON_BYTES

    sop = await create(who)
    await drive(who, sop["id"], "penulisan")
    huge = lampiran_2e_example().model_dump(mode="json")
    huge["langkah"][0]["keterangan"] = "x" * 1000
    huge["identitas"]["peringatan"] = ["y" * 900] * (MAX_JSON_BYTES // 900)
    response = await who.post(PENYUSUN, f"/api/v1/sops/{sop['id']}/versions",
                              {"document": huge})
    assert response.status_code == 413 and "KB" in response.json()["detail"]
    versions = (await who.get(PENYUSUN, f"/api/v1/sops/{sop['id']}/versions")).json()
    assert versions == []
