"""Users and Plt./Plh. appointments over HTTP (admin only), and the Aktor of a signed-in user."""

from datetime import timedelta

import pytest
from sqlmodel import Session

from api.auth import aktor_of, today_wita
from api.user_schemas import Pengguna
from store.seed_users import DEMO_USERS
from store.user_queries import active_penugasan
from tests.support.auth_helpers import sign_in, token_pair, unique

pytestmark = pytest.mark.usefixtures("demo_users")

PASSWORD = "kata-sandi-uji-yang-panjang"


def body(**fields) -> dict:
    return {
        "username": unique("pegawai"),
        "password": PASSWORD,
        "nama": "Ir. Hendra Saputra",
        "nip": "198001012005011001",
        "jabatan": "Sekretaris Dinas Pekerjaan Umum dan Penataan Ruang",
        "kode_jabatan": "sekretaris",
        "unit_code": "DPUPR",
        "roles": ["penyusun"],
        **fields,
    }


async def create(api, admin: dict[str, str], **fields) -> dict:
    response = await api.post("/api/v1/users", json=body(**fields), headers=admin)
    assert response.status_code == 201, response.text
    return response.json()


async def me(api, username: str) -> Pengguna:
    headers = await sign_in(api, username, PASSWORD)
    response = await api.get("/api/v1/auth/me", headers=headers)
    assert response.status_code == 200, response.text
    return Pengguna.model_validate(response.json())


def plt(**fields) -> dict:
    today = today_wita()
    return {
        "jenis": "plt",
        "unit_code": "DINKES",
        "kode_jabatan": "kepala_skpd",
        "jabatan": "Kepala Dinas Kesehatan",
        "mulai": str(today - timedelta(days=10)),
        "sampai": str(today + timedelta(days=20)),
        "nomor_keputusan": "800/045/BKPSDM/2026",
        **fields,
    }


async def test_admin_creates_reads_lists_and_updates_a_user(api):
    admin = await sign_in(api, "admin")
    user = await create(api, admin, roles=["penyusun", "reviewer", "penyusun"])
    assert "password" not in user and "password_hash" not in user
    assert user["roles"] == ["penyusun", "reviewer"]
    assert user["active"] is True

    got = await api.get(f"/api/v1/users/{user['id']}", headers=admin)
    assert got.status_code == 200
    assert got.json() == user

    listed = await api.get(
        "/api/v1/users", params={"unit": "DPUPR", "role": "reviewer"}, headers=admin
    )
    assert user["username"] in {u["username"] for u in listed.json()}
    assert all(u["unit_code"] == "DPUPR" for u in listed.json())
    everyone = await api.get("/api/v1/users", params={"limit": 500}, headers=admin)
    assert {d.username for d in DEMO_USERS} <= {u["username"] for u in everyone.json()}
    assert all("password_hash" not in u for u in everyone.json())

    changed = await api.patch(
        f"/api/v1/users/{user['id']}",
        json={
            "roles": ["pelaksana"],
            "jabatan": "Staf Pelaksana",
            "unit_code": "DLH",
            "kode_jabatan": None,
        },
        headers=admin,
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["roles"], changed.json()["unit_code"]) == (["pelaksana"], "DLH")
    assert changed.json()["kode_jabatan"] is None
    assert changed.json()["nama"] == user["nama"]

    # The new password works, the old one no longer does.
    reset = await api.patch(
        f"/api/v1/users/{user['id']}",
        json={"password": "kata-sandi-baru-yang-panjang"},
        headers=admin,
    )
    assert reset.status_code == 200
    await token_pair(api, user["username"], "kata-sandi-baru-yang-panjang")


async def test_user_bodies_are_checked(api):
    admin = await sign_in(api, "admin")
    unknown_unit = await api.post("/api/v1/users", json=body(unit_code="ENTAH"), headers=admin)
    assert unknown_unit.status_code == 422
    assert "Unit kerja 'ENTAH' tidak dikenal" in unknown_unit.json()["detail"]

    short = await api.post("/api/v1/users", json=body(password="pendek"), headers=admin)
    assert short.status_code == 422
    extra = await api.post("/api/v1/users", json=body(is_superuser=True), headers=admin)
    assert extra.status_code == 422
    assert "is_superuser" in extra.json()["detail"]["message"]
    bad_role = await api.post("/api/v1/users", json=body(roles=["raja"]), headers=admin)
    assert bad_role.status_code == 422
    bad_nip = await api.post("/api/v1/users", json=body(nip="123"), headers=admin)
    assert bad_nip.status_code == 422

    user = await create(api, admin)
    again = await api.post("/api/v1/users", json=body(username=user["username"]), headers=admin)
    assert again.status_code == 409
    assert "sudah dipakai" in again.json()["detail"]

    patch_extra = await api.patch(
        f"/api/v1/users/{user['id']}", json={"password_hash": "x"}, headers=admin
    )
    assert patch_extra.status_code == 422
    patch_null = await api.patch(f"/api/v1/users/{user['id']}", json={"roles": None}, headers=admin)
    assert patch_null.status_code == 422
    patch_unit = await api.patch(
        f"/api/v1/users/{user['id']}", json={"unit_code": "ENTAH"}, headers=admin
    )
    assert patch_unit.status_code == 422
    missing = await api.get(f"/api/v1/users/{'0' * 32}", headers=admin)
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/v1/users"), ("POST", "/api/v1/users"), ("GET", "/api/v1/users/{id}/penugasan")],
)
async def test_users_routes_are_for_the_admin_only(api, method, path):
    path = path.format(id=DEMO_USERS[0].id)
    anonymous = await api.request(method, path, json=body())
    assert anonymous.status_code == 401

    headers = await sign_in(api, "penyusun.dinkes")
    response = await api.request(method, path, json=body(), headers=headers)
    assert response.status_code == 403
    message = response.json()["detail"]
    assert message.startswith("Peran Anda (penyusun) tidak berwenang")
    assert "admin" in message

    auditor = await sign_in(api, "auditor")
    log = await api.get(
        "/api/v1/access-log",
        params={"username": "penyusun.dinkes", "status": 403},
        headers=auditor,
    )
    assert log.status_code == 200
    assert any(
        e["path"] == path and e["method"] == method and e["reason"] == message for e in log.json()
    )


async def test_access_log_is_for_admin_and_auditor(api):
    for username in ("admin", "auditor"):
        response = await api.get("/api/v1/access-log", headers=await sign_in(api, username))
        assert response.status_code == 200
    refused = await api.get("/api/v1/access-log", headers=await sign_in(api, "koordinator"))
    assert refused.status_code == 403
    assert "admin, auditor" in refused.json()["detail"]


async def test_plt_within_its_period_acts_in_the_offices_name(api):
    admin = await sign_in(api, "admin")
    user = await create(api, admin)
    response = await api.post(f"/api/v1/users/{user['id']}/penugasan", json=plt(), headers=admin)
    assert response.status_code == 201, response.text
    assert response.json()["created_by"] == "admin"

    pengguna = await me(api, user["username"])
    assert pengguna.penugasan is not None
    assert pengguna.penugasan.id == response.json()["id"]
    # The person keeps their own office on the user...
    assert (pengguna.jabatan, pengguna.unit_code) == (user["jabatan"], "DPUPR")

    # ...and acts as the office: its unit, its kode_jabatan, "Plt." before its title.
    aktor = aktor_of(pengguna)
    assert aktor.nama == user["nama"] and aktor.nip == user["nip"]
    assert aktor.username == user["username"]
    assert aktor.jabatan == "Plt. Kepala Dinas Kesehatan"
    assert aktor.unit == "DINKES"
    assert aktor.kode_jabatan == "kepala_skpd"
    assert aktor.penugasan is not None
    assert aktor.penugasan.jenis == "plt"
    assert aktor.penugasan.nomor_keputusan == "800/045/BKPSDM/2026"
    assert aktor.penugasan.sampai == today_wita() + timedelta(days=20)
    assert aktor.peran == ["penyusun"]

    listed = await api.get(f"/api/v1/users/{user['id']}/penugasan", headers=admin)
    assert [p["id"] for p in listed.json()] == [response.json()["id"]]


async def test_plt_outside_its_period_does_not_apply(api):
    admin = await sign_in(api, "admin")
    user = await create(api, admin)
    today = today_wita()
    ended = plt(mulai=str(today - timedelta(days=30)), sampai=str(today - timedelta(days=1)))
    future = plt(
        jenis="plh", mulai=str(today + timedelta(days=1)), sampai=str(today + timedelta(days=3))
    )
    for appointment in (ended, future):
        response = await api.post(
            f"/api/v1/users/{user['id']}/penugasan", json=appointment, headers=admin
        )
        assert response.status_code == 201, response.text

    pengguna = await me(api, user["username"])
    assert pengguna.penugasan is None
    aktor = aktor_of(pengguna)
    assert aktor.jabatan == user["jabatan"]
    assert (aktor.unit, aktor.kode_jabatan) == ("DPUPR", "sekretaris")
    assert aktor.penugasan is None


def test_appointment_days_are_inclusive(engine):
    """``active_penugasan`` on the edges of a period (dates in WITA)."""
    from api.user_schemas import PenugasanCreate, UserCreate
    from api.user_service import add_penugasan, create_user

    with Session(engine) as session:
        user = create_user(session, UserCreate.model_validate(body()))
        # Within the bounded period (a year back, two years ahead).
        first = today_wita() + timedelta(days=30)
        last = first + timedelta(days=2)
        made = add_penugasan(
            session,
            user.id,
            PenugasanCreate.model_validate(plt(jenis="plh", mulai=str(first), sampai=str(last))),
            created_by="uji",
        )
        for day, expected in [
            (first - timedelta(days=1), None),
            (first, made.id),
            (last, made.id),
            (last + timedelta(days=1), None),
        ]:
            found = active_penugasan(session, user.id, day)
            assert (found.id if found else None) == expected, day


def test_plh_title():
    pengguna = Pengguna(
        id="x",
        username="budi",
        nama="Budi",
        nip=None,
        jabatan="Kepala Bidang",
        kode_jabatan=None,
        unit_code="DINKES",
        roles=["pengesah"],
        penugasan={
            "id": "p",
            "user_id": "x",
            "jenis": "plh",
            "unit_code": "UPT-PKM-PARINGIN",
            "kode_jabatan": "kepala_upt",
            "jabatan": "Kepala UPT Puskesmas Paringin",
            "mulai": "2026-01-01",
            "sampai": "2026-01-05",
            "nomor_keputusan": "1/2026",
            "created_by": "admin",
            "created_at": "2026-01-01T00:00:00Z",
        },
    )
    aktor = aktor_of(pengguna)
    assert aktor.jabatan == "Plh. Kepala UPT Puskesmas Paringin"
    assert (aktor.unit, aktor.kode_jabatan) == ("UPT-PKM-PARINGIN", "kepala_upt")


async def test_appointment_bodies_are_checked(api):
    admin = await sign_in(api, "admin")
    user = await create(api, admin)
    url = f"/api/v1/users/{user['id']}/penugasan"
    today = today_wita()
    backwards = plt(mulai=str(today), sampai=str(today - timedelta(days=1)))
    cases = [
        (backwards, "sampai tidak boleh sebelum tanggal mulai"),
        (plt(jenis="pj"), "jenis"),
        (plt(unit_code="ENTAH"), "Unit kerja 'ENTAH' tidak dikenal"),
        (plt(alasan="cuti"), "alasan"),
        (plt(nomor_keputusan=""), "nomor_keputusan"),
        (plt(jabatan="K" * 191), "jabatan"),
    ]
    for appointment, expected in cases:
        response = await api.post(url, json=appointment, headers=admin)
        assert response.status_code == 422, appointment
        assert expected in str(response.json()["detail"]), response.text
    unknown_user = await api.post(f"/api/v1/users/{'0' * 32}/penugasan", json=plt(), headers=admin)
    assert unknown_user.status_code == 404


async def test_an_office_must_fit_its_unit(api):
    """A user or an appointment cannot claim an office its unit does not have: a Kepala UPT
    of a Dinas could otherwise sign that Dinas' SOPs (Pasal 11)."""
    admin = await sign_in(api, "admin")
    wrong = [
        {"kode_jabatan": "kepala_upt", "unit_code": "DINKES"},
        {"kode_jabatan": "bupati", "unit_code": "UMUM"},
        {"kode_jabatan": "kepala_skpd", "unit_code": "UPT-PKM-PARINGIN"},
        {"kode_jabatan": "sekretaris_dewan", "unit_code": "SETDA"},
    ]
    for fields in wrong:
        response = await api.post("/api/v1/users", json=body(**fields), headers=admin)
        assert response.status_code == 422, (fields, response.text)
        assert "tidak ada pada unit" in response.json()["detail"]
    user = await create(api, admin, kode_jabatan=None, unit_code="DINKES")
    url = f"/api/v1/users/{user['id']}/penugasan"
    refused = await api.post(url, json=plt(kode_jabatan="kepala_upt"), headers=admin)
    assert refused.status_code == 422 and "kepala_skpd" in refused.json()["detail"]
    moved = await api.patch(f"/api/v1/users/{user['id']}", headers=admin,
                            json={"kode_jabatan": "sekretaris_dewan"})
    assert moved.status_code == 422
    assert (await api.post(url, json=plt(), headers=admin)).status_code == 201
