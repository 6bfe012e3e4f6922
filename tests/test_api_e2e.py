"""End to end over HTTP with a real dev server and worker: the Lampiran II.E SOP's whole life."""

import asyncio
import uuid

from sop.fixtures import lampiran_2e_example
from workflows.sop_lifecycle import workflow_id_for

KOORDINATOR = {"nama": "Hj. Noor", "nip": "197501012000032001", "jabatan": "Kabag Organisasi",
               "unit": "ORG"}
PENYUSUN = {"nama": "Rahmat", "jabatan": "Kasubbag Tata Usaha", "unit": "UMUM"}

RENCANA = {"unit_sasaran": ["UMUM"], "pelaksana": ["Staf", "Kasubbag"], "prioritas": "tinggi"}

LIFE = [
    ("selesaikan_pengumpulan_data", KOORDINATOR),
    ("selesaikan_persiapan", KOORDINATOR),
    ("nyatakan_diperlukan", KOORDINATOR),
    ("tetapkan_daftar_sop", KOORDINATOR),
    ("selesaikan_pengumpulan_informasi", PENYUSUN),
    ("pilih_alternatif", PENYUSUN),
    ("DRAFT", PENYUSUN),
    ("ajukan_reviu", PENYUSUN),
    ("ajukan_pengesahan", PENYUSUN),
    ("sahkan", {"nama": "H. Sekda", "jabatan": "Sekretaris Daerah", "unit": "SETDA"}),
    ("PLAN", KOORDINATOR),
    ("sosialisasikan", KOORDINATOR),
    ("distribusikan", KOORDINATOR),
    ("berlakukan", KOORDINATOR),
]


async def create(api, key: str | None = None, **overrides) -> dict:
    body = {"unit_code": "UMUM", "nama_sop": lampiran_2e_example().identitas.nama_sop,
            "aktor": KOORDINATOR, **overrides}
    headers = {"Idempotency-Key": key} if key else {}
    response = await api.post("/api/v1/sops", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_lampiran_2e_from_persiapan_to_monev(api):
    sop = await create(api)
    assert (sop["stage"], sop["step"]) == ("persiapan", "pengumpulan_data")
    assert sop["allowed_events"] == ["selesaikan_pengumpulan_data"]

    for event, aktor in LIFE:
        if event == "PLAN":
            response = await api.post(
                f"/api/v1/sops/{sop['id']}/implementation-plan",
                json={"aktor": aktor, "rencana": RENCANA},
            )
            assert response.status_code == 201, response.text
            continue
        if event == "DRAFT":
            response = await api.post(
                f"/api/v1/sops/{sop['id']}/versions",
                json={"aktor": aktor, "document": lampiran_2e_example().model_dump(mode="json")},
            )
            assert response.status_code == 201, response.text
            continue
        response = await api.post(
            f"/api/v1/sops/{sop['id']}/actions/{event}", json={"aktor": aktor, "note": event}
        )
        assert response.status_code == 200, response.text

    got = (await api.get(f"/api/v1/sops/{sop['id']}")).json()
    assert (got["stage"], got["step"], got["effective_version"]) == ("monev", "monitoring", 1)
    assert got["allowed_events"] == ["mulai_evaluasi"]
    assert got["evaluation_due"] is not None

    events = (await api.get(f"/api/v1/sops/{sop['id']}/events")).json()
    renamed = {"DRAFT": "simpan_draf", "PLAN": "rencana_penerapan"}
    assert [e["event"] for e in events] == ["dibuat"] + [renamed.get(e, e) for e, _ in LIFE]
    assert [e["seq"] for e in events] == list(range(1, len(LIFE) + 2))
    sahkan = next(e for e in events if e["event"] == "sahkan")
    assert (sahkan["actor_jabatan"], sahkan["document_version"]) == ("Sekretaris Daerah", 1)

    version = (await api.get(f"/api/v1/sops/{sop['id']}/versions/1")).json()
    assert len(version["content"]["langkah"]) == 9
    assert version["content_hash"] == lampiran_2e_example().content_hash()

    listed = (await api.get("/api/v1/sops", params={"unit": "UMUM", "stage": "monev"})).json()
    assert sop["id"] in [s["id"] for s in listed["items"]]
    inbox = (
        await api.get("/api/v1/inbox", params={"unit": "ORG", "sop_id": sop["id"]})
    ).json()
    assert any(n["sop_id"] == sop["id"] and n["kind"] == "sahkan" for n in inbox)


async def test_illegal_action_is_409_with_allowed_events_and_no_history(api, dev_env):
    sop = await create(api)
    handle = dev_env.client.get_workflow_handle(workflow_id_for(sop["id"]))
    before = len((await handle.fetch_history()).events)

    response = await api.post(
        f"/api/v1/sops/{sop['id']}/actions/sahkan", json={"aktor": KOORDINATOR}
    )

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail["allowed_events"] == ["selesaikan_pengumpulan_data"]
    assert "sahkan" in detail["message"]
    # The real server validates updates speculatively: nothing at all reaches the history.
    assert len((await handle.fetch_history()).events) == before


async def test_review_without_draft_is_409_with_what_to_do(api):
    sop = await create(api)
    for event, aktor in LIFE[:6]:
        await api.post(f"/api/v1/sops/{sop['id']}/actions/{event}", json={"aktor": aktor})
    response = await api.post(
        f"/api/v1/sops/{sop['id']}/actions/ajukan_reviu", json={"aktor": PENYUSUN}
    )
    assert response.status_code == 409
    assert "simpan draf" in response.json()["detail"]["message"]


async def test_unknown_sop_and_unknown_action_are_404(api):
    response = await api.get(f"/api/v1/sops/{uuid.uuid4().hex}")
    assert response.status_code == 404
    assert "tidak ditemukan" in response.json()["detail"]
    response = await api.post(
        f"/api/v1/sops/{uuid.uuid4().hex}/actions/sahkan", json={"aktor": KOORDINATOR}
    )
    assert response.status_code == 404
    sop = await create(api)
    response = await api.post(
        f"/api/v1/sops/{sop['id']}/actions/terbangkan", json={"aktor": KOORDINATOR}
    )
    assert response.status_code == 404
    assert "sahkan" in response.json()["detail"]["known_events"]


async def test_bad_bodies_are_422_and_say_what_to_fix(api):
    cases = [
        ({"unit_code": "UMUM", "nama_sop": "Surat"}, "aktor"),
        ({"unit_code": "UMUM", "nama_sop": "Surat", "aktor": KOORDINATOR, "warna": "merah"},
         "warna"),
        ({"unit_code": "UMUM", "nama_sop": "Surat", "aktor": {**KOORDINATOR, "nip": "12"}},
         "nip"),
        ({"unit_code": "UMUM", "nama_sop": "Surat", "aktor": KOORDINATOR,
          "evaluation_interval_months": 36}, "evaluation_interval_months"),
        ({"unit_code": "TIDAKADA", "nama_sop": "Surat", "aktor": KOORDINATOR}, "TIDAKADA"),
    ]
    for body, mentioned in cases:
        response = await api.post("/api/v1/sops", json=body)
        assert response.status_code == 422, (body, response.text)
        assert mentioned in response.text
    sop = await create(api)
    bad_document = lampiran_2e_example().model_dump(mode="json")
    bad_document["langkah"][1]["mutu_baku"]["waktu"] = "sebentar"
    response = await api.post(
        f"/api/v1/sops/{sop['id']}/versions", json={"aktor": PENYUSUN, "document": bad_document}
    )
    assert response.status_code == 422
    assert "sebentar" in response.text and "30 Menit" in response.text
    response = await api.get("/api/v1/sops", params={"stage": "terbang"})
    assert response.status_code == 422


async def test_idempotency_key_applies_an_action_once(api):
    key = f"create-{uuid.uuid4()}"
    sop = await create(api, key=key)
    assert (await create(api, key=key))["id"] == sop["id"]

    url = f"/api/v1/sops/{sop['id']}/actions/selesaikan_pengumpulan_data"
    headers = {"Idempotency-Key": f"act-{uuid.uuid4()}"}
    first = await api.post(url, json={"aktor": KOORDINATOR}, headers=headers)
    second = await api.post(url, json={"aktor": KOORDINATOR}, headers=headers)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    events = (await api.get(f"/api/v1/sops/{sop['id']}/events")).json()
    assert [e["event"] for e in events] == ["dibuat", "selesaikan_pengumpulan_data"]

    reused = await api.post(
        f"/api/v1/sops/{sop['id']}/actions/selesaikan_persiapan",
        json={"aktor": KOORDINATOR},
        headers=headers,
    )
    assert reused.status_code == 422
    assert "Idempotency-Key" in reused.json()["detail"]


async def test_visibility_finds_sops_by_stage(api, dev_env):
    """What `temporal workflow list --query` shows operators."""
    unit = "KEC-JUAI"
    sop = await create(api, unit_code=unit)
    await api.post(
        f"/api/v1/sops/{sop['id']}/actions/selesaikan_pengumpulan_data",
        json={"aktor": KOORDINATOR},
    )
    query = f"SopUnit='{unit}' AND SopStage='persiapan' AND SopStep='analisis_prosedur'"
    found: list[str] = []
    for _ in range(50):  # visibility is eventually consistent
        found = [w.id async for w in dev_env.client.list_workflows(query)]
        if workflow_id_for(sop["id"]) in found:
            break
        await asyncio.sleep(0.1)
    assert workflow_id_for(sop["id"]) in found


async def test_health_reports_both_dependencies(api):
    response = await api.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "temporal": True, "database": True}
