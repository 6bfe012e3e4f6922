"""Plt./Plh. appointments over HTTP: an appointment adds an office for its period (the holder
keeps her own), its period and title are checked, and the admin lists, ends and cancels them."""

import uuid
from datetime import timedelta

import pytest

from api.auth import aktor_for, today_wita
from api.user_schemas import Pengguna
from tests.support.auth_helpers import sign_in
from tests.support.http_driver import PENYUSUN, create, drive

pytestmark = pytest.mark.usefixtures("demo_users")

PASSWORD = "kata-sandi-uji-yang-panjang"
SAHKAN = {"keputusan": "sahkan", "nomor_keputusan": "188.45/77/2026",
          "tanggal_keputusan": str(today_wita())}



def plh(**fields) -> dict:
    today = today_wita()
    return {
        "jenis": "plh",
        "unit_code": "DINKES",
        "kode_jabatan": "kepala_skpd",
        "jabatan": "Kepala Dinas Kesehatan",
        "mulai": str(today - timedelta(days=1)),
        "sampai": str(today + timedelta(days=700)),
        "nomor_keputusan": "800/9/BKPSDM/2026",
        **fields,
    }


async def kepala_umum(api, admin: dict[str, str]) -> dict:
    """A Kepala Bagian Umum of her own (the signer of a Bagian Umum SOP)."""
    response = await api.post("/api/v1/users", headers=admin, json={
        "username": f"kabag-{uuid.uuid4().hex[:8]}", "password": PASSWORD,
        "nama": "Hj. Siti Aminah, S.Sos", "jabatan": "Kepala Bagian Umum",
        "kode_jabatan": "kepala_skpd", "unit_code": "UMUM", "roles": ["pengesah"]})
    assert response.status_code == 201, response.text
    return response.json()


async def appoint(api, admin: dict[str, str], user_id: str, **fields) -> dict:
    response = await api.post(f"/api/v1/users/{user_id}/penugasan", json=plh(**fields),
                              headers=admin)
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_kepala_with_a_plh_elsewhere_still_signs_her_own_sop(who):
    api = who.api
    admin = await sign_in(api, "admin")
    kabag = await kepala_umum(api, admin)
    await appoint(api, admin, kabag["id"])
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    await drive(who, sop["id"], "pengesahan")
    headers = await sign_in(api, kabag["username"], PASSWORD)
    me = Pengguna.model_validate((await api.get("/api/v1/auth/me", headers=headers)).json())
    assert [p.unit_code for p in me.penugasan_aktif] == ["DINKES"]

    signed = await api.post(f"{base}/pengesahan", json=SAHKAN, headers=headers)
    assert signed.status_code == 201, signed.text
    events = (await who.get(PENYUSUN, f"{base}/events")).json()
    sahkan = next(e for e in events if e["event"] == "sahkan")
    assert (sahkan["actor_nama"], sahkan["actor_jabatan"]) == (
        "Hj. Siti Aminah, S.Sos", "Kepala Bagian Umum"
    )
    # On an SOP of the Dinas Kesehatan she acts as the Plh.; nowhere else.
    on_dinkes = aktor_for(me, "DINKES")
    assert (on_dinkes.jabatan, on_dinkes.unit) == ("Plh. Kepala Dinas Kesehatan", "DINKES")
    assert on_dinkes.penugasan is not None
    assert aktor_for(me, "UMUM").unit == "UMUM"
    assert aktor_for(me, None).jabatan == "Kepala Bagian Umum"


async def test_an_appointment_ended_early_is_recorded_and_no_longer_acts(api):
    admin = await sign_in(api, "admin")
    kabag = await kepala_umum(api, admin)
    appointment = await appoint(api, admin, kabag["id"])
    current = await api.get("/api/v1/users/penugasan", headers=admin)
    assert current.status_code == 200
    assert appointment["id"] in {p["id"] for p in current.json()}

    url = f"/api/v1/users/{kabag['id']}/penugasan/{appointment['id']}"
    cancel = await api.post(f"{url}/batalkan", json={"alasan": "Salah input."}, headers=admin)
    assert cancel.status_code == 409 and "akhiri" in cancel.json()["detail"]
    ended = await api.post(f"{url}/akhiri", json={"alasan": "Kepala Dinas definitif dilantik."},
                           headers=admin)
    assert ended.status_code == 200, ended.text
    assert ended.json()["ended_by"] == "admin"
    assert ended.json()["end_reason"] == "Kepala Dinas definitif dilantik."
    assert ended.json()["ended_at"] is not None and ended.json()["cancelled"] is False

    again = await api.post(f"{url}/akhiri", json={"alasan": "Lagi."}, headers=admin)
    assert again.status_code == 409 and "sudah diakhiri oleh admin" in again.json()["detail"]
    headers = await sign_in(api, kabag["username"], PASSWORD)
    me = (await api.get("/api/v1/auth/me", headers=headers)).json()
    assert me["penugasan"] is None and me["penugasan_aktif"] == []
    listed = (await api.get(f"/api/v1/users/{kabag['id']}/penugasan", headers=admin)).json()
    assert listed[0]["ended_by"] == "admin"
    current = (await api.get("/api/v1/users/penugasan", headers=admin)).json()
    assert appointment["id"] not in {p["id"] for p in current}
    missing = await api.post(f"/api/v1/users/{kabag['id']}/penugasan/{'0' * 32}/akhiri",
                             json={"alasan": "x"}, headers=admin)
    assert missing.status_code == 404


async def test_an_appointment_not_yet_begun_is_cancelled(api):
    admin = await sign_in(api, "admin")
    kabag = await kepala_umum(api, admin)
    tomorrow = today_wita() + timedelta(days=1)
    appointment = await appoint(api, admin, kabag["id"], mulai=str(tomorrow),
                                sampai=str(tomorrow + timedelta(days=3)))
    url = f"/api/v1/users/{kabag['id']}/penugasan/{appointment['id']}"
    early = await api.post(f"{url}/akhiri", json={"alasan": "x"}, headers=admin)
    assert early.status_code == 409 and "batalkan" in early.json()["detail"]
    cancelled = await api.post(f"{url}/batalkan", json={"alasan": "Cuti dibatalkan."},
                               headers=admin)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["cancelled"] is True
    current = (await api.get("/api/v1/users/penugasan", headers=admin)).json()
    assert appointment["id"] not in {p["id"] for p in current}
    no_reason = await api.post(f"{url}/batalkan", json={"alasan": ""}, headers=admin)
    assert no_reason.status_code == 422


async def test_the_period_is_bounded(api):
    admin = await sign_in(api, "admin")
    kabag = await kepala_umum(api, admin)
    url = f"/api/v1/users/{kabag['id']}/penugasan"
    today = today_wita()
    for fields in ({"sampai": "9999-12-31"}, {"mulai": str(today - timedelta(days=800))}):
        response = await api.post(url, json=plh(**fields), headers=admin)
        assert response.status_code == 422, fields
        assert "masa penugasan harus di antara" in response.text


async def test_the_title_must_name_the_office(api):
    admin = await sign_in(api, "admin")
    kabag = await kepala_umum(api, admin)
    url = f"/api/v1/users/{kabag['id']}/penugasan"
    wrong = await api.post(url, json=plh(jabatan="Kepala Bagian Umum"), headers=admin)
    assert wrong.status_code == 422
    assert 'harus memuat \\"Kepala Dinas\\"' in wrong.text
    prefixed = await api.post(url, json=plh(jabatan="Plh. Kepala Dinas Kesehatan"),
                              headers=admin)
    assert prefixed.status_code == 422 and "tanpa" in prefixed.json()["detail"]
    upt = await api.post(url, headers=admin, json=plh(
        unit_code="UPT-PKM-PARINGIN", kode_jabatan="kepala_upt",
        jabatan="Kepala UPT Puskesmas Paringin"))
    assert upt.status_code == 201, upt.text
