"""Demo data for ``make dev``: the Lampiran II.E example SOP, driven over the HTTP API."""

import httpx

from sop.fixtures import lampiran_2e_example

DEMO_KEY = "demo-lampiran-2e"

KOORDINATOR = {
    "nama": "Koordinator Bagian Organisasi",
    "nip": "198001012005011001",
    "jabatan": "Kepala Bagian Organisasi",
    "unit": "ORG",
}
PENYUSUN = {
    "nama": "Penyusun Bagian Umum",
    "nip": "199002022015022002",
    "jabatan": "Kepala Subbagian Tata Usaha",
    "unit": "UMUM",
}

# From persiapan to penulisan: the example then waits there with its document saved.
_TO_PENULISAN = [
    ("selesaikan_pengumpulan_data", KOORDINATOR),
    ("selesaikan_persiapan", KOORDINATOR),
    ("nyatakan_diperlukan", KOORDINATOR),
    ("tetapkan_daftar_sop", KOORDINATOR),
    ("selesaikan_pengumpulan_informasi", PENYUSUN),
    ("pilih_alternatif", PENYUSUN),
]


def seed_demo(api: str) -> str:
    """Create the example SOP once (a second run finds it by its Idempotency-Key)."""
    document = lampiran_2e_example()
    with httpx.Client(base_url=api, timeout=30) as http:
        created = http.post(
            "/api/v1/sops",
            headers={"Idempotency-Key": DEMO_KEY},
            json={
                "unit_code": "UMUM",
                "nama_sop": document.identitas.nama_sop,
                "aktor": KOORDINATOR,
                "note": "Contoh Lampiran II.E Perbup Balangan 6/2013",
            },
        )
        created.raise_for_status()
        sop = created.json()
        if sop["step"] != "pengumpulan_data":
            return sop["id"]  # already seeded by an earlier `make dev`
        for event, aktor in _TO_PENULISAN:
            response = http.post(
                f"/api/v1/sops/{sop['id']}/actions/{event}",
                headers={"Idempotency-Key": f"{DEMO_KEY}-{event}"},
                json={"aktor": aktor},
            )
            response.raise_for_status()
        http.post(
            f"/api/v1/sops/{sop['id']}/versions",
            headers={"Idempotency-Key": f"{DEMO_KEY}-draft-1"},
            json={"aktor": PENYUSUN, "document": document.model_dump(mode="json")},
        ).raise_for_status()
        return sop["id"]
