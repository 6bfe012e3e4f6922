"""Demo data for ``make dev``, driven over the HTTP API as the demo users:

- the Lampiran II.E example SOP of the Bagian Umum, drafted up to penulisan with its document
  saved (version 1), waiting for its drafter to send it for review;
- a second SOP of the Bagian Umum that passed review and simulation and waits for pengesahan
  by the Kepala Bagian Umum (Pasal 11 ayat (1)).

A second ``make dev`` finds both by their Idempotency-Keys and changes nothing.
"""

from typing import Any

import httpx

from sop.fixtures import lampiran_2e_example
from store.seed_users import DEMO_PASSWORD

DEMO_KEY = "demo-lampiran-2e"
PENYUSUN = "penyusun.umum"
REVIEWER = "reviewer.umum"
KOORDINATOR = "koordinator"

_PERSIAPAN = [
    "selesaikan_pengumpulan_data",
    "selesaikan_persiapan",
    "nyatakan_diperlukan",
    "tetapkan_daftar_sop",
]


class _Demo:
    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        self.tokens: dict[str, dict[str, str]] = {}

    def auth(self, username: str) -> dict[str, str]:
        if username not in self.tokens:
            response = self.http.post(
                "/api/v1/auth/token", data={"username": username, "password": DEMO_PASSWORD}
            )
            response.raise_for_status()
            self.tokens[username] = {
                "Authorization": f"Bearer {response.json()['access_token']}"
            }
        return self.tokens[username]

    def send(self, user: str, path: str, body: Any, key: str, method: str = "POST") -> dict:
        headers = {"Idempotency-Key": key, **self.auth(user)}
        response = self.http.request(method, path, json=body, headers=headers)
        response.raise_for_status()
        return response.json()


def _to_penulisan(demo: _Demo, sop_id: str, key: str) -> None:
    base = f"/api/v1/sops/{sop_id}"
    for event in _PERSIAPAN:
        demo.send(PENYUSUN, f"{base}/actions/{event}", {}, f"{key}-{event}")
    informasi = {
        "teknik": "focus_group_discussion", "tanggal": "2026-11-02",
        "peserta": ["Kasubbag Tata Usaha", "Staf persuratan", "Bagian Organisasi"],
        "temuan": "Surat masuk dicatat dua kali; disposisi tidak berbatas waktu.",
    }
    demo.send(PENYUSUN, f"{base}/informasi", informasi, f"{key}-informasi")
    demo.send(PENYUSUN, f"{base}/actions/selesaikan_pengumpulan_informasi", {}, f"{key}-spi")
    alternatif = {"alternatif": "standardisasi_prosedur",
                  "alasan": "Prosedur sudah berjalan tetapi belum dibakukan."}
    demo.send(PENYUSUN, f"{base}/alternatif", alternatif, f"{key}-alternatif")
    document = lampiran_2e_example().model_dump(mode="json")
    demo.send(PENYUSUN, f"{base}/versions", {"document": document}, f"{key}-draft-1")
    konteks = {"tugas_pokok_fungsi": "Pelayanan administrasi persuratan Sekretariat Daerah",
               "tidak_ada_keterkaitan": True, "identifikasi_kebutuhan": "IK-UMUM-2026-01"}
    demo.send(PENYUSUN, f"{base}/konteks", konteks, f"{key}-konteks", method="PUT")


def _create(demo: _Demo, key: str, nama: str) -> dict:
    body = {"unit_code": "UMUM", "nama_sop": nama,
            "note": "Contoh Lampiran II.E Perbup Balangan 6/2013"}
    return demo.send(PENYUSUN, "/api/v1/sops", body, key)


def seed_demo(api: str) -> str:
    """Create the demo SOPs once; returns the id of the Lampiran II.E example."""
    with httpx.Client(base_url=api, timeout=30) as http:
        demo = _Demo(http)
        nama = lampiran_2e_example().identitas.nama_sop
        sop = _create(demo, DEMO_KEY, nama)
        if sop["step"] == "pengumpulan_data":
            _to_penulisan(demo, sop["id"], DEMO_KEY)

        key = f"{DEMO_KEY}-pengesahan"
        second = _create(demo, key, f"{nama} (menunggu pengesahan)")
        if second["step"] == "pengumpulan_data":
            _to_penulisan(demo, second["id"], key)
            base = f"/api/v1/sops/{second['id']}"
            fmt = {"format": "diagram_alir", "alasan": "Pimpinan meminta bentuk diagram alir."}
            demo.send(PENYUSUN, f"{base}/format", fmt, f"{key}-format")
            demo.send(PENYUSUN, f"{base}/reviews", {"versi": 1}, f"{key}-reviu")
            for user, pihak in ((REVIEWER, "UMUM"), (KOORDINATOR, "ORG")):
                demo.send(user, f"{base}/reviews/1/answers",
                          {"pihak": pihak, "keputusan": "setuju"}, f"{key}-jawab-{pihak}")
            simulasi = {"tanggal": "2026-11-20", "peserta": ["Staf", "Kasubbag"],
                        "langkah": [{"no": 1, "waktu_nyata": "15 Menit"}],
                        "temuan": "Berjalan sesuai mutu baku.", "hasil": "lanjut_pengesahan"}
            demo.send(PENYUSUN, f"{base}/simulations", simulasi, f"{key}-simulasi")
        return sop["id"]
