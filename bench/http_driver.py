"""Drives SOPs through their whole cycle over HTTP, as C concurrent clients would."""

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field

import httpx

from bench.stats import Latencies
from sop.fixtures import lampiran_2e_example
from store.seed_data import UNITS
from store.seed_users import DEMO_PASSWORD

# Each request is made by the demo user whose role it is. SOPs of every unit are
# drafted by the Bagian Organisasi's coordinator (whose role spans units), reviewed by the
# coordinator alone (the owning unit removed from the round) and, being lintas SKPD, signed by
# the Bupati (Pasal 11 ayat (5)): the demo users cover every unit that way.
KOORDINATOR = "koordinator"
BUPATI = "bupati"

RENCANA = {"unit_sasaran": ["ORG"], "pelaksana": ["Staf"], "perlu_pelatihan": False}
FORM = {
    "tanggal": "2026-11-27", "evaluator": "bagian_organisasi",
    "nama_evaluator": "Bagian Organisasi Setda", "penyusun_terlibat": "Rahmat",
    "substansi": [{"nilai": 4}] * 7, "proses": [{"nilai": 4}] * 6, "hasil": "tetap_berlaku",
}
SIMULASI = {"tanggal": "2026-11-20", "peserta": ["Staf"], "temuan": "Sesuai.",
            "langkah": [{"no": 1, "waktu_nyata": "20 Menit"}], "hasil": "lanjut_pengesahan"}
KONTEKS = {"lingkup": "lintas_skpd", "tugas_pokok_fungsi": "Persuratan",
           "tidak_ada_keterkaitan": True, "identifikasi_kebutuhan": "IK-BENCH"}

# (label, user, method, path under /api/v1/sops/{id}, body); "versions" posts the draft.
STEPS: list[tuple[str, str, str, str, dict | None]] = [
    *((e, KOORDINATOR, "POST", f"actions/{e}", {}) for e in (
        "selesaikan_pengumpulan_data", "selesaikan_persiapan", "nyatakan_diperlukan",
        "tetapkan_daftar_sop")),
    ("catatan_informasi", KOORDINATOR, "POST", "informasi", {
        "teknik": "wawancara", "tanggal": "2026-11-02", "peserta": ["Staf"], "temuan": "-"}),
    ("selesaikan_pengumpulan_informasi", KOORDINATOR, "POST",
     "actions/selesaikan_pengumpulan_informasi", {}),
    ("pilih_alternatif", KOORDINATOR, "POST", "alternatif",
     {"alternatif": "prosedur_baru", "alasan": "Belum ada."}),
    ("simpan_draf", KOORDINATOR, "POST", "versions", None),
    ("konteks_penyusunan", KOORDINATOR, "PUT", "konteks", KONTEKS),
    ("pilihan_format", KOORDINATOR, "POST", "format",
     {"format": "diagram_alir", "alasan": "Diminta pimpinan."}),
    ("ajukan_reviu", KOORDINATOR, "POST", "reviews", {"versi": 1, "hapus": ["UNIT"]}),
    ("jawaban_reviu", KOORDINATOR, "POST", "reviews/1/answers",
     {"pihak": "ORG", "keputusan": "setuju"}),
    ("simulasi", KOORDINATOR, "POST", "simulations", SIMULASI),
    ("sahkan", BUPATI, "POST", "pengesahan", {
        "keputusan": "sahkan", "nomor_keputusan": "188.45/1/2026",
        "tanggal_keputusan": "2026-11-25"}),
    ("rencana_penerapan", KOORDINATOR, "POST", "implementation-plan", {"rencana": RENCANA}),
    *((e, KOORDINATOR, "POST", f"actions/{e}", {}) for e in (
        "sosialisasikan", "distribusikan", "berlakukan", "mulai_evaluasi")),
    ("tetap_berlaku", KOORDINATOR, "POST", "evaluations", {"form": FORM}),
]
# Every labelled request of one SOP, in order (what the bare baseline mirrors).
LABELS = ["create", *(label for label, *_ in STEPS)]

UNIT_CODES = [code for code, *_ in UNITS][:40]


@dataclass
class HttpRun:
    latencies: Latencies = field(default_factory=Latencies)
    completed: int = 0
    errors: list[str] = field(default_factory=list)


def _draft_body() -> bytes:
    # Serialised once: the driver's own CPU is not what is being measured.
    document = lampiran_2e_example().model_dump(mode="json")
    return json.dumps({"document": document}).encode()


async def _sign_in(http: httpx.AsyncClient, username: str) -> dict[str, str]:
    response = await http.post(
        "/api/v1/auth/token", data={"username": username, "password": DEMO_PASSWORD}
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def _one_sop(  # type: ignore[no-untyped-def]
    http: httpx.AsyncClient, index: int, run_id: str, draft: bytes, run: HttpRun, auth: dict
):
    key = f"bench-{run_id}-{index}"
    unit = UNIT_CODES[index % len(UNIT_CODES)]
    body = {"unit_code": unit, "nama_sop": f"Pelayanan Surat Masuk {index}",
            "lingkup": "lintas_skpd"}
    started = time.perf_counter()
    response = await http.post(
        "/api/v1/sops", json=body, headers={"Idempotency-Key": key, **auth[KOORDINATOR]}
    )
    run.latencies.add("create", time.perf_counter() - started)
    if response.status_code != 201:
        run.errors.append(f"create {index}: {response.status_code} {response.text[:200]}")
        return
    sop_id = response.json()["id"]
    for label, user, method, path, step_body in STEPS:
        headers = {"Idempotency-Key": f"{key}-{label}", **auth[user]}
        url = f"/api/v1/sops/{sop_id}/{path}"
        started = time.perf_counter()
        if step_body is None:
            response = await http.post(
                url, content=draft, headers={**headers, "content-type": "application/json"}
            )
        else:
            if label == "ajukan_reviu":
                step_body = {**step_body, "hapus": [unit] if unit != "ORG" else []}
            response = await http.request(method, url, json=step_body, headers=headers)
        run.latencies.add(label, time.perf_counter() - started)
        if response.status_code not in (200, 201):
            run.errors.append(f"{label} {index}: {response.status_code} {response.text[:200]}")
            return
    run.completed += 1


async def drive_http(api_url: str, n: int, concurrency: int) -> HttpRun:
    run = HttpRun()
    run_id = uuid.uuid4().hex[:8]
    draft = _draft_body()
    next_index = iter(range(n))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=api_url, timeout=120, limits=limits) as http:
        auth = {user: await _sign_in(http, user) for user in (KOORDINATOR, BUPATI)}

        async def client() -> None:
            for index in next_index:
                await _one_sop(http, index, run_id, draft, run, auth)

        await asyncio.gather(*(client() for _ in range(concurrency)))
    return run
