"""What no request may carry, whatever the route: numbers too large for the database, dates
outside their field's range, control and bidirectional formatting characters."""

import uuid
from datetime import date, timedelta

import pytest

from tests.support.http_driver import KOORDINATOR, PENYUSUN, As, create

HUGE = "99999999999999999999"


@pytest.fixture(scope="module")
async def client(signed_in):
    return await signed_in(PENYUSUN)


@pytest.fixture(scope="module")
async def coordinator(signed_in):
    return await signed_in(KOORDINATOR)


@pytest.fixture(scope="module")
async def sop_id(client) -> str:
    return (await create(As(client)))["id"]


def refused(response, field: str) -> str:
    assert response.status_code == 422, (response.status_code, response.text)
    detail = response.json()["detail"]
    assert any(p["field"] == field for p in detail["problems"]), detail
    return detail["message"]


@pytest.mark.parametrize("method,path,field", [
    ("get", "/versions/{n}", "version"),
    ("get", "/versions/{n}/analysis", "version"),
    ("get", "/versions/1/diff/{n}", "b"),
    ("get", "/versions/{n}/diff/1", "a"),
    ("get", "/versions/{n}/reviews", "version"),
    ("get", "/reviews?versi={n}", "versi"),
    ("get", "/reviews/parties?versi={n}", "versi"),
    ("get", "/document.pdf?version={n}", "version"),
    ("get", "/document.pdf?version=1e20", "version"),
    ("post", "/reviews/{n}/answers", "ronde"),
    ("post", "/reviews/{n}/assign", "ronde"),
    ("post", "/reviews/{n}/decision", "ronde"),
])
async def test_integers_too_large_are_refused(client, sop_id, method, path, field):
    url = f"/api/v1/sops/{sop_id}" + path.format(n=HUGE)
    if method == "get":
        response = await client.get(url)
    else:
        response = await client.post(url, json={})
    refused(response, field)


async def test_the_openapi_document_bounds_them(client):
    schema = (await client.get("/openapi.json")).json()
    params = schema["paths"]["/api/v1/sops/{sop_id}/versions/{version}"]["get"]["parameters"]
    version = next(p for p in params if p["name"] == "version")["schema"]
    assert (version["minimum"], version["maximum"]) == (1, 1_000_000)


async def test_a_far_future_campaign_deadline_is_refused(coordinator):
    response = await coordinator.post(
        "/api/v1/campaigns", json={"nama": "Kampanye Jauh", "deadline": "9999-12-31"},
        headers={"Idempotency-Key": uuid.uuid4().hex})
    message = refused(response, "deadline")
    assert "Kolom deadline: tanggal 31-12-9999 di luar rentang yang diizinkan" in message
    too_far = (date.today() + timedelta(days=3700)).isoformat()
    response = await coordinator.post(
        "/api/v1/campaigns", json={"nama": "Kampanye Jauh", "deadline": too_far},
        headers={"Idempotency-Key": uuid.uuid4().hex})
    refused(response, "deadline")


async def test_a_training_date_centuries_ago_is_refused(client, sop_id):
    response = await client.post(
        f"/api/v1/sops/{sop_id}/trainings",
        json={"tanggal": "0001-01-01", "tempat": "Aula", "peserta": ["Ani"]})
    assert "Kolom tanggal: tanggal 01-01-0001 di luar rentang" in refused(response, "tanggal")


@pytest.mark.parametrize("char", ["\u0000", "\u202e", "\u2066", "\u0085"])
async def test_control_and_bidi_characters_are_refused_in_a_body(client, char):
    response = await client.post("/api/v1/sops", json={
        "unit_code": "UMUM", "nama_sop": f"Surat{char}Masuk"})
    message = refused(response, "nama_sop")
    code = f"U+{ord(char):04X}"
    assert f"Kolom nama_sop memuat karakter kendali atau pengarah teks ({code})" in message


async def test_they_are_refused_at_any_depth_in_query_and_path(client, sop_id):
    response = await client.post(f"/api/v1/sops/{sop_id}/versions", json={
        "document": {"langkah": [{"uraian": "Terima\u202esurat"}]}})
    refused(response, "document.langkah.0.uraian")
    response = await client.get("/api/v1/sops", params={"unit": "UM\x00UM"})
    refused(response, "unit")
    response = await client.get("/api/v1/sops/abc%E2%80%AEdef")
    refused(response, "sop_id")


async def test_ordinary_line_breaks_and_tabs_are_kept(client):
    response = await client.post("/api/v1/sops", json={
        "unit_code": "UMUM", "nama_sop": "Pelayanan\tSurat Masuk"})
    assert response.status_code == 201, response.text


async def test_an_uploaded_json_document_is_checked_too(client, sop_id):
    response = await client.post(
        f"/api/v1/sops/{sop_id}/import",
        files={"file": ("sop.json", b'{"identitas": {"nama_sop": "Surat\\u202eMasuk"}}',
                        "application/json")})
    refused(response, "identitas.nama_sop")
