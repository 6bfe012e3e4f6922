"""Every route × every role over HTTP: allowed or refused, as designed.

A role is *refused* when the answer is 403 (or 401 without a token); an allowed role gets any
other answer: its request reaches the rule it is about (200/201, or 404/409/422 when the SOP
is not at that step or the id is made up). The table must name every route of the OpenAPI
schema, so a new route cannot ship without deciding who may call it.
"""

import uuid

import pytest

from sop.fixtures import lampiran_2e_example
from tests.support.http_driver import As, create, drive

ROLE_USER = {
    "admin": "admin",
    "koordinator": "koordinator",
    "penyusun": "penyusun.umum",
    "reviewer": "reviewer.umum",
    "pengesah": "kabag.umum",
    "pelaksana": "pelaksana.umum",
    "auditor": "auditor",
}
EVERYONE = frozenset(ROLE_USER)
ACTING = EVERYONE - {"admin", "auditor"}
DRAFTERS = frozenset({"penyusun", "koordinator"})
PUBLIC = {("POST", "/api/v1/auth/token"), ("POST", "/api/v1/auth/refresh"), ("GET", "/health")}

S = "/api/v1/sops/{sop_id}"
C = "/api/v1/campaigns/{campaign_id}"
FORM = {"tanggal": "2026-11-27", "evaluator": "bagian_organisasi", "nama_evaluator": "Org",
        "penyusun_terlibat": "R", "substansi": [{"nilai": 4}] * 7,
        "proses": [{"nilai": 4}] * 6, "hasil": "tetap_berlaku"}
DOCUMENT = lampiran_2e_example().model_dump(mode="json")
ROWS = [{"kegiatan": "Menerima surat", "judul": "Surat Masuk", "perkiraan_output": "Agenda"}]

# (method, path): (roles allowed, JSON body). Order matters only for the campaign's "tutup".
TABLE: dict[tuple[str, str], tuple[frozenset[str], object]] = {
    ("GET", "/api/v1/auth/me"): (EVERYONE, None),
    ("POST", "/api/v1/users"): (frozenset({"admin"}), "new-user"),
    ("GET", "/api/v1/users"): (frozenset({"admin"}), None),
    ("GET", "/api/v1/users/{user_id}"): (frozenset({"admin"}), None),
    ("PATCH", "/api/v1/users/{user_id}"): (frozenset({"admin"}), {"active": True}),
    ("POST", "/api/v1/users/{user_id}/penugasan"): (frozenset({"admin"}), {
        "jenis": "plh", "unit_code": "UMUM", "jabatan": "Kepala Bagian Umum",
        "mulai": "2026-12-01", "sampai": "2026-12-02", "nomor_keputusan": "1"}),
    ("GET", "/api/v1/users/{user_id}/penugasan"): (frozenset({"admin"}), None),
    ("GET", "/api/v1/users/penugasan"): (frozenset({"admin"}), None),
    ("POST", "/api/v1/users/{user_id}/penugasan/{penugasan_id}/akhiri"): (
        frozenset({"admin"}), {"alasan": "Uji peran"}),
    ("POST", "/api/v1/users/{user_id}/penugasan/{penugasan_id}/batalkan"): (
        frozenset({"admin"}), {"alasan": "Uji peran"}),
    ("GET", "/api/v1/access-log"): (frozenset({"admin", "auditor"}), None),
    ("GET", "/api/v1/units"): (EVERYONE, None),
    ("GET", "/api/v1/inbox"): (EVERYONE, None),
    ("POST", "/api/v1/sops"): (DRAFTERS, {"unit_code": "UMUM", "nama_sop": "Uji peran"}),
    ("GET", "/api/v1/sops"): (EVERYONE, None),
    ("GET", S): (EVERYONE, None),
    ("POST", S + "/actions/{event}"): (DRAFTERS, {}),
    ("POST", S + "/versions"): (DRAFTERS, {"document": DOCUMENT}),
    ("GET", S + "/versions"): (EVERYONE, None),
    ("GET", S + "/versions/{version}"): (EVERYONE, None),
    ("GET", S + "/events"): (EVERYONE, None),
    ("GET", S + "/document.{fmt}"): (EVERYONE, None),
    ("GET", S + "/versions/{version}/analysis"): (EVERYONE, None),
    ("POST", S + "/import"): (DRAFTERS, "file"),
    ("GET", "/api/v1/schema/sop-document"): (EVERYONE, None),
    ("POST", S + "/informasi"): (DRAFTERS, {"teknik": "survei", "tanggal": "2026-11-01",
                                           "peserta": ["A"], "temuan": "B"}),
    ("GET", S + "/informasi"): (EVERYONE, None),
    ("POST", S + "/alternatif"): (DRAFTERS, {"alternatif": "prosedur_baru", "alasan": "x"}),
    ("PUT", S + "/konteks"): (DRAFTERS, {"tugas_pokok_fungsi": "Persuratan"}),
    ("GET", S + "/pejabat"): (EVERYONE, None),
    ("GET", S + "/format"): (EVERYONE, None),
    ("POST", S + "/format"): (DRAFTERS, {"format": "grafik", "alasan": "x"}),
    ("POST", S + "/simulations"): (DRAFTERS, {"tanggal": "2026-11-20", "peserta": ["A"],
                                             "langkah": [{"no": 1, "waktu_nyata": "1 Jam"}],
                                             "temuan": "x", "hasil": "ulangi_simulasi"}),
    ("GET", S + "/simulations"): (EVERYONE, None),
    # Pasal 11: only the head of the Bagian Umum signs its SOPs (here: not at pengesahan yet).
    ("POST", S + "/pengesahan"): (frozenset({"pengesah"}), {"keputusan": "kembalikan",
                                                           "alasan": "x"}),
    ("GET", S + "/pengesahan"): (EVERYONE, None),
    ("GET", S + "/reviews/parties"): (EVERYONE, None),
    ("POST", S + "/reviews"): (DRAFTERS, {"versi": 99}),
    ("GET", S + "/reviews"): (EVERYONE, None),
    ("GET", S + "/versions/{version}/reviews"): (EVERYONE, None),
    ("POST", S + "/reviews/{ronde}/answers"): (ACTING, {"keputusan": "setuju"}),
    ("POST", S + "/reviews/{ronde}/assign"): (ACTING, {"pihak": "UMUM", "kepada": "admin"}),
    ("POST", S + "/reviews/{ronde}/decision"): (ACTING, {"keputusan": "tutup"}),
    ("POST", S + "/implementation-plan"): (DRAFTERS, {"rencana": {
        "unit_sasaran": ["UMUM"], "pelaksana": ["Staf"]}}),
    ("POST", S + "/trainings"): (DRAFTERS, {"sesi": {"tanggal": "2026-12-01",
                                                    "tempat": "Aula", "peserta": ["A"]}}),
    # A pelaksana of the SOP's own or target units (none planned yet: the Bagian Umum).
    ("POST", S + "/acknowledgements"): (ACTING - {"koordinator"}, {}),
    ("POST", S + "/monitoring"): (DRAFTERS | {"pelaksana"}, {"catatan": {
        "tanggal": "2027-01-10", "metode": "observasi", "temuan": "x"}}),
    ("GET", S + "/evaluation-form"): (EVERYONE, None),
    ("POST", S + "/evaluations"): (DRAFTERS, {"form": FORM}),
    ("GET", "/api/v1/library"): (EVERYONE, None),
    ("GET", "/api/v1/evaluations/due"): (EVERYONE, None),
    ("POST", "/api/v1/regulation-changes"): (frozenset({"koordinator"}), {
        "peraturan": "Perda Nomor 0 Tahun 1900", "perubahan": "diubah"}),
    ("GET", S + "/timeline"): (EVERYONE, None),
    ("GET", S + "/histories"): (EVERYONE, None),
    ("GET", S + "/histories/{run_id}"): (EVERYONE, None),
    ("GET", S + "/versions/{a}/diff/{b}"): (EVERYONE, None),
    ("GET", "/api/v1/audit/events"): (frozenset({"admin", "auditor", "koordinator"}), None),
    ("GET", "/api/v1/audit/overdue-evaluations"): (
        frozenset({"admin", "auditor", "koordinator"}), None),
    ("GET", "/api/v1/audit/verify"): (frozenset({"admin", "auditor", "koordinator"}), None),
    ("GET", "/api/v1/audit/consistency"): (
        frozenset({"admin", "auditor", "koordinator"}), None),
    ("POST", "/api/v1/campaigns"): (frozenset({"koordinator"}), {
        "nama": "Kampanye uji peran", "units": ["UMUM"]}),
    ("GET", "/api/v1/campaigns"): (EVERYONE, None),
    ("GET", C): (EVERYONE, None),
    ("POST", C + "/units/{unit_code}/kebutuhan"): (DRAFTERS, {"rows": ROWS}),
    ("GET", C + "/kebutuhan"): (EVERYONE, None),
    ("POST", C + "/kebutuhan/keputusan"): (frozenset({"koordinator"}), {
        "keputusan": [{"row_id": "tidak-ada", "diterima": True}]}),
    ("POST", C + "/kebutuhan/{row_id}/terima"): (frozenset({"koordinator"}), None),
    ("POST", C + "/kebutuhan/{row_id}/kembalikan"): (frozenset({"koordinator"}),
                                                     {"alasan": "Bukan tugas unit"}),
    ("GET", C + "/progress"): (EVERYONE, None),
    ("GET", C + "/report.csv"): (EVERYONE, None),
    ("GET", C + "/report.html"): (EVERYONE, None),
    ("POST", C + "/tutup"): (frozenset({"koordinator"}), {}),
}


@pytest.fixture(scope="module")
async def world(api) -> dict:
    """An SOP of the Bagian Umum in penulisan with version 1, and an open campaign."""
    who = As(api)
    sop = await create(who)
    await drive(who, sop["id"], "penulisan")
    await who.post("penyusun.umum", f"/api/v1/sops/{sop['id']}/versions",
                   {"document": DOCUMENT}, expect=201)
    campaign = await who.post("koordinator", "/api/v1/campaigns",
                              {"nama": "Kampanye peran", "units": ["UMUM", "ORG"]}, expect=201)
    admin_id = (await who.get("admin", "/api/v1/auth/me")).json()["id"]
    return {"sop_id": sop["id"], "campaign_id": campaign.json()["id"], "user_id": admin_id,
            "event": "selesaikan_pengumpulan_data", "version": 1, "fmt": "json", "a": 1, "b": 1,
            "run_id": uuid.uuid4().hex, "ronde": 1, "unit_code": "UMUM", "row_id": "tidak-ada",
            "penugasan_id": "tidak-ada"}


def test_the_table_names_every_route(api):
    schema = api._transport.app.openapi()
    routes = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    assert routes - PUBLIC == set(TABLE), (routes - PUBLIC) ^ set(TABLE)


async def _call(who: As, role: str | None, method: str, path: str, body: object):  # type: ignore[no-untyped-def]
    kw: dict = {}
    if body == "file":
        kw["files"] = {"file": ("sop.json", b'{"identitas": {}}')}
        body = None
    elif body == "new-user":
        body = {"username": f"u-{uuid.uuid4().hex[:8]}", "password": "kata-sandi-yang-panjang",
                "nama": "Uji", "jabatan": "Staf", "unit_code": "UMUM", "roles": ["pelaksana"]}
    headers = await who.headers(ROLE_USER[role]) if role else {}
    if body is None and method != "GET" and not kw:
        return await who.api.request(method, path, headers=headers)
    return await who.api.request(method, path, json=body, headers=headers, **kw)


async def test_every_route_for_every_role(api, world):
    who = As(api)
    wrong: list[str] = []
    for (method, template), (allowed, body) in TABLE.items():
        path = template.format(**world)
        params = ""
        if template.endswith("/reviews/parties"):
            params = "?versi=1"
        elif template.endswith("/audit/verify") or template.endswith("/audit/consistency"):
            params = f"?sop_id={world['sop_id']}"
        for role in ROLE_USER:
            response = await _call(who, role, method, path + params, body)
            refused = response.status_code in (401, 403)
            if refused == (role in allowed) or response.status_code >= 500:
                wrong.append(f"{method} {template} as {role}: {response.status_code} "
                             f"{response.text[:160]}")
    assert not wrong, "\n".join(wrong)


async def test_no_token_no_answer(api, world):
    for method, template in TABLE:
        response = await api.request(method, template.format(**world))
        assert response.status_code == 401, (method, template, response.status_code)
        assert response.headers.get("www-authenticate") == "Bearer"
