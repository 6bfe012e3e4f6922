"""Refusals and shapes found by testing the running service from outside: a partial context
keeps its scope, responses carry aware timestamps, refusals read as Bahasa Indonesia."""

import asyncio
import uuid
from datetime import datetime

from sop.fixtures import lampiran_2e_example
from tests.support.http_driver import (
    FORMAT,
    KONTEKS,
    KOORDINATOR,
    PENGESAH,
    PENGESAHAN,
    PENYUSUN,
    REVIEWER,
    SIMULASI,
    create,
    drive,
)


async def test_a_context_without_lingkup_keeps_a_lintas_skpd_scope(who):
    """A lintas-SKPD SOP is signed by the Bupati (Pasal 11); a later PUT that leaves lingkup
    out keeps it, so the unit's own head still cannot sign it; the change of scope itself is
    recorded in the event's note."""
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    await drive(who, sop["id"], "penulisan")
    doc = lampiran_2e_example().model_dump(mode="json")
    await who.post(PENYUSUN, f"{base}/versions", {"document": doc}, expect=201)
    await who.post(
        PENYUSUN, f"{base}/konteks", {"lingkup": "lintas_skpd"}, method="PUT", expect=200
    )
    await who.post(PENYUSUN, f"{base}/konteks", KONTEKS, method="PUT", expect=200)
    events = (await who.get(PENYUSUN, f"{base}/events")).json()
    notes = [e["note"] for e in events if e["event"] == "konteks_penyusunan"]
    assert notes == ["Lingkup diubah dari unit ke lintas_skpd.", ""]
    pejabat = (await who.get(PENYUSUN, f"{base}/pejabat")).json()
    assert "Bupati" in str(pejabat), pejabat
    fmt = {**FORMAT, "format": doc.get("format", "diagram_alir")}
    await who.post(PENYUSUN, f"{base}/format", fmt, expect=201)
    await who.post(PENYUSUN, f"{base}/reviews", {"versi": 1}, expect=201)
    for user in (REVIEWER, KOORDINATOR):
        await who.post(user, f"{base}/reviews/1/answers", {"keputusan": "setuju"}, expect=201)
    await who.post(PENYUSUN, f"{base}/simulations", SIMULASI, expect=201)
    refused = await who.post(PENGESAH, f"{base}/pengesahan", PENGESAHAN)
    assert refused.status_code == 403, refused.text
    assert "Bupati" in refused.text


def _aware(text: str) -> bool:
    return datetime.fromisoformat(text).tzinfo is not None


async def test_review_answers_and_the_timeline_export_match_their_schemas(who):
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    await drive(who, sop["id"], "pengesahan")
    rounds = (await who.get(PENYUSUN, f"{base}/reviews")).json()
    moments = [j["pada"] for r in rounds for j in r["jawaban"]]
    moments += [h["pada"] for r in rounds for h in r["riwayat"]]
    assert moments and all(_aware(m) for m in moments), moments
    page = (await who.get(PENYUSUN, f"{base}/timeline", params={"format": "json"})).json()
    assert isinstance(page, dict), page
    assert page["total"] == len(page["items"]) > 0 and page["offset"] == 0


async def test_campaign_progress_gives_aware_submission_times(signed_in):
    client = await signed_in("koordinator")
    body = {"nama": "Penyusunan SOP Tahun 2026", "units": ["UMUM"]}
    started = await client.post(
        "/api/v1/campaigns", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert started.status_code == 201, started.text
    cid = started.json()["id"]
    rows = [
        {
            "kegiatan": "Melaksanakan surat masuk",
            "judul": "Surat Masuk",
            "perkiraan_output": "Dokumen surat masuk",
        }
    ]
    sent = await client.post(f"/api/v1/campaigns/{cid}/units/UMUM/kebutuhan", json={"rows": rows})
    assert sent.status_code == 201, sent.text
    for _ in range(300):
        units = (await client.get(f"/api/v1/campaigns/{cid}/progress")).json()["units"]
        if units[0]["submitted_at"]:
            break
        await asyncio.sleep(0.1)
    assert _aware(units[0]["submitted_at"]), units


async def test_refusals_read_as_bahasa_indonesia(who):
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    await drive(who, sop["id"], "pengesahan")
    await who.post(PENYUSUN, f"{base}/reviews", {"versi": 1})
    refused = await who.post(
        REVIEWER, f"{base}/reviews/1/answers", {"keputusan": "perlu_perbaikan"}
    )
    assert refused.status_code == 422, refused.text
    message = refused.json()["detail"]["message"]
    assert "sekurang-kurangnya satu komentar" in message
    assert "validation error" not in refused.text and "JawabanReviu" not in refused.text
    unknown = await who.post(REVIEWER, f"{base}/reviews/1/answers", {"keputusan": "mungkin"})
    assert unknown.status_code == 422
    assert (
        "keputusan: harus salah satu dari: 'setuju' atau 'perlu_perbaikan'"
        in (unknown.json()["detail"]["message"])
    )


def test_the_openapi_document_names_every_answer_and_media_type():
    from api.main import create_app

    paths = create_app().openapi()["paths"]
    document = paths["/api/v1/sops/{sop_id}/document.{fmt}"]["get"]["responses"]
    assert set(document["200"]["content"]) == {
        "text/html",
        "application/pdf",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    report = paths["/api/v1/campaigns/{campaign_id}/report.csv"]["get"]["responses"]
    assert set(report["200"]["content"]) == {"text/csv"}
    answer = paths["/api/v1/sops/{sop_id}/reviews/{ronde}/answers"]["post"]["responses"]
    assert {"401", "403", "404", "409", "413", "422"} <= set(answer)
    error = answer["409"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/HTTPValidationError"}
    assert {"400", "401", "429"} <= set(paths["/api/v1/auth/token"]["post"]["responses"])
    for path, item in paths.items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert "422" in codes, (method, path)
            assert "{" not in path or "404" in codes, (method, path)
