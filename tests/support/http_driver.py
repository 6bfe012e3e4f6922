"""Driving SOPs over HTTP as signed-in demo users (the actor comes from the token).

``As(api)`` signs each demo user in once and remembers their token; ``drive(...)`` takes an SOP
of the Bagian Umum from creation to any step of its life through the real endpoints, each
action performed by the user whose role it is.
"""

from typing import Any

import httpx

from sop.fixtures import lampiran_2e_example
from store.seed_users import DEMO_PASSWORD

PENYUSUN = "penyusun.umum"
REVIEWER = "reviewer.umum"
KOORDINATOR = "koordinator"
PENGESAH = "kabag.umum"
PELAKSANA = "pelaksana.umum"

PERSIAPAN = [
    "selesaikan_pengumpulan_data",
    "selesaikan_persiapan",
    "nyatakan_diperlukan",
    "tetapkan_daftar_sop",
]
INFORMASI = {
    "teknik": "wawancara",
    "tanggal": "2026-11-02",
    "peserta": ["Kasubbag TU", "Staf persuratan"],
    "temuan": "Surat masuk dicatat dua kali.",
}
ALTERNATIF = {"alternatif": "standardisasi_prosedur", "alasan": "Sudah berjalan, belum baku."}
KONTEKS = {
    "tugas_pokok_fungsi": "Pelayanan administrasi persuratan Sekretariat Daerah",
    "tidak_ada_keterkaitan": True,
    "identifikasi_kebutuhan": "IK-UMUM-2026-01",
}
FORMAT = {"format": "diagram_alir", "alasan": "Pimpinan meminta bentuk diagram alir."}
SIMULASI = {
    "tanggal": "2026-11-20",
    "peserta": ["Staf", "Kasubbag"],
    "langkah": [{"no": 1, "waktu_nyata": "20 Menit"}, {"no": 2, "waktu_nyata": "2 Jam"}],
    "temuan": "Langkah 2 melebihi mutu baku.",
    "hasil": "lanjut_pengesahan",
}
PENGESAHAN = {
    "keputusan": "sahkan",
    "nomor_keputusan": "188.45/012/UMUM/2026",
    "tanggal_keputusan": "2026-11-25",
}
RENCANA = {"unit_sasaran": ["UMUM", "ORG"], "pelaksana": ["Staf", "Kasubbag"],
           "perlu_pelatihan": True}
SESI = {"tanggal": "2026-12-01", "tempat": "Aula Setda", "peserta": ["Ani", "Budi"]}

ORDER = [
    "pengumpulan_data", "pengumpulan_informasi", "penulisan", "pengujian_reviu", "pengesahan",
    "perencanaan", "monitoring",
]


class As:
    """Per-user headers for one API client (tokens cached per username)."""

    def __init__(self, api: httpx.AsyncClient) -> None:
        self.api = api
        self._tokens: dict[str, str] = {}

    async def headers(self, username: str) -> dict[str, str]:
        if username not in self._tokens:
            response = await self.api.post(
                "/api/v1/auth/token", data={"username": username, "password": DEMO_PASSWORD}
            )
            assert response.status_code == 200, response.text
            self._tokens[username] = response.json()["access_token"]
        return {"Authorization": f"Bearer {self._tokens[username]}"}

    async def post(self, username: str, path: str, body: Any = None, expect: int | None = None,
                   method: str = "POST", **kw: Any) -> httpx.Response:
        headers = {**(await self.headers(username)), **kw.pop("headers", {})}
        response = await self.api.request(method, path, json=body, headers=headers, **kw)
        if expect is not None:
            assert response.status_code == expect, response.text
        return response

    async def get(self, username: str, path: str, expect: int | None = 200,
                  **kw: Any) -> httpx.Response:
        response = await self.api.get(path, headers=await self.headers(username), **kw)
        if expect is not None:
            assert response.status_code == expect, response.text
        return response


async def create(who: As, unit_code: str = "UMUM", user: str = PENYUSUN, key: str | None = None,
                 **overrides: Any) -> dict:
    body = {"unit_code": unit_code, "nama_sop": lampiran_2e_example().identitas.nama_sop,
            **overrides}
    headers = {"Idempotency-Key": key} if key else {}
    response = await who.post(user, "/api/v1/sops", body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def drive(who: As, sop_id: str, to: str, document: dict | None = None,
                training: bool = True) -> None:
    """From where a fresh SOP is (pengumpulan_data) to step ``to`` of ``ORDER``."""
    base = f"/api/v1/sops/{sop_id}"
    target = ORDER.index(to)

    async def act(event: str, user: str = PENYUSUN) -> None:
        await who.post(user, f"{base}/actions/{event}", {}, expect=200)

    if target >= 1:
        for event in PERSIAPAN:
            await act(event)
    if target >= 2:
        await who.post(PENYUSUN, f"{base}/informasi", INFORMASI, expect=201)
        await act("selesaikan_pengumpulan_informasi")
        await who.post(PENYUSUN, f"{base}/alternatif", ALTERNATIF, expect=201)
    if target >= 3:
        doc = document or lampiran_2e_example().model_dump(mode="json")
        await who.post(PENYUSUN, f"{base}/versions", {"document": doc}, expect=201)
        await who.post(PENYUSUN, f"{base}/konteks", KONTEKS, method="PUT", expect=200)
        version = (await who.get(PENYUSUN, base)).json()["current_version"]
        fmt = {**FORMAT, "format": doc.get("format", "diagram_alir")}
        await who.post(PENYUSUN, f"{base}/format", fmt, expect=201)
        await who.post(PENYUSUN, f"{base}/reviews", {"versi": version}, expect=201)
    if target >= 4:
        rounds = (await who.get(PENYUSUN, f"{base}/reviews")).json()
        ronde = rounds[-1]["nomor"]
        await who.post(REVIEWER, f"{base}/reviews/{ronde}/answers", {"keputusan": "setuju"},
                       expect=201)
        await who.post(KOORDINATOR, f"{base}/reviews/{ronde}/answers",
                       {"keputusan": "setuju"}, expect=201)
        await who.post(PENYUSUN, f"{base}/simulations", SIMULASI, expect=201)
    if target >= 5:
        await who.post(PENGESAH, f"{base}/pengesahan", PENGESAHAN, expect=201)
    if target >= 6:
        rencana = {**RENCANA, "perlu_pelatihan": training}
        await who.post(PENYUSUN, f"{base}/implementation-plan", {"rencana": rencana}, expect=201)
        await act("sosialisasikan")
        await act("distribusikan")
        if training:
            await act("mulai_pelatihan")
            await who.post(PENYUSUN, f"{base}/trainings", {"sesi": SESI}, expect=201)
        await act("berlakukan")
