"""/api/v1/campaigns end to end on the dev server: start, forms, decisions, progress, report."""

import asyncio
import uuid
from datetime import date

import pytest

BASE = "/api/v1/campaigns"


def form(*titles: str) -> list[dict]:
    return [{"kegiatan": f"Melaksanakan {t.lower()}", "judul": t,
             "perkiraan_output": f"Dokumen {t.lower()}"} for t in titles]


@pytest.fixture(scope="module")
async def client(signed_in):
    """The coordinator of the Bagian Organisasi runs the campaign."""
    return await signed_in("koordinator")


@pytest.fixture(scope="module")
async def dinkes_client(signed_in):
    """The drafter of the Dinas Kesehatan fills in its form."""
    return await signed_in("penyusun.dinkes")


async def start(client, **overrides) -> dict:
    body = {"nama": "Penyusunan SOP Tahun 2026", "units": ["DINKES", "UMUM", "HUKUM"],
            **overrides}
    response = await client.post(BASE, json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert response.status_code == 201, response.text
    return response.json()


async def progress_when(client, campaign_id: str, check, seconds: float = 60) -> dict:
    for _ in range(int(seconds / 0.1)):
        body = (await client.get(f"{BASE}/{campaign_id}/progress")).json()
        if check(body):
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(body)


async def test_start_refuses_bad_input(client):
    cases = [
        ({"units": ["DINKES", "NOPE"]}, "Unit kerja tidak dikenal: NOPE"),
        ({"units": ["DINKES", "DINKES"]}, "lebih dari sekali: DINKES"),
        ({"units": []}, "Daftar unit kerja kosong"),
        ({"deadline": "2020-01-01"}, "harus setelah hari ini"),
        ({"units": ["DINKES"], "penanggung_jawab": {"UMUM": {"jabatan": "Kasubbag"}}},
         "bukan peserta: UMUM"),
    ]
    for overrides, message in cases:
        body = {"nama": "Kampanye", "units": "semua", **overrides}
        response = await client.post(BASE, json=body)
        assert response.status_code == 422, response.text
        assert message in response.json()["detail"], response.text
    assert (await client.get(f"{BASE}/tidak-ada")).status_code == 404


async def test_campaign_over_http(client, dinkes_client):
    campaign = await start(
        client, penanggung_jawab={"HUKUM": {"jabatan": "Kasubbag Perundang-undangan",
                                          "nama": "Ahmad"}})
    cid = campaign["id"]
    assert campaign["status"] == "berjalan"
    assert campaign["deadline"] == f"{date.today().year}-12-31"
    assert [(u["unit_code"], u["penanggung_jawab"]["jabatan"], u["penanggung_jawab"]["dasar"])
            for u in campaign["units"]] == [
        ("DINKES", "Sekretaris Dinas", "Pasal 8 ayat (7)"),
        ("HUKUM", "Kasubbag Perundang-undangan", None),
        ("UMUM", "Kepala Sub Bagian yang membidangi ketatausahaan", "Pasal 8 ayat (9)"),
    ]
    inbox = (await client.get("/api/v1/inbox", params={"unit": "HUKUM"})).json()
    assert inbox[0]["kind"] == "kampanye_dimulai"
    assert inbox[0]["recipient_jabatan"] == "Kasubbag Perundang-undangan"

    # Needs identification (Lampiran II.A); a retried submission with the same key is one.
    url = f"{BASE}/{cid}/units/DINKES/kebutuhan"
    body = {"rows": form("Pelayanan Imunisasi", "Rujukan Pasien",
                                            "Pengadaan Obat"),
            "sop_reviu": [{"nama_sop": "Pelayanan Rawat Jalan", "nomor_sop": "440/3/DINKES"}]}
    first = await dinkes_client.post(url, json=body, headers={"Idempotency-Key": f"{cid}-dinkes"})
    again = await dinkes_client.post(url, json=body, headers={"Idempotency-Key": f"{cid}-dinkes"})
    assert first.status_code == again.status_code == 201, first.text
    assert first.json() == again.json()
    dinkes = first.json()["rows"]
    assert [(r["no"], r["judul"], r["status"]) for r in dinkes] == [
        (1, "Pelayanan Imunisasi", "diusulkan"), (2, "Rujukan Pasien", "diusulkan"),
        (3, "Pengadaan Obat", "diusulkan")]
    umum = (await client.post(f"{BASE}/{cid}/units/UMUM/kebutuhan",
                           json={"rows": form("Surat Masuk")})).json()["rows"]

    refused = {
        "unit bukan peserta": (f"{BASE}/{cid}/units/DINSOS/kebutuhan",
                               {"rows": form("Bansos")}, 422),
        "form kosong": (url, {}, 422),
        "tanpa alasan": (f"{BASE}/{cid}/kebutuhan/{dinkes[2]['id']}/kembalikan",
                         {"alasan": ""}, 422),
        "baris tak dikenal": (f"{BASE}/{cid}/kebutuhan/{cid}-99999/terima",
                              {}, 404),
    }
    for name, (target, payload, code) in refused.items():
        response = await client.post(target, json=payload)
        assert response.status_code == code, (name, response.text)
    assert "bukan peserta" in (await client.post(
        refused["unit bukan peserta"][0], json=refused["unit bukan peserta"][1]
    )).json()["detail"]["message"]

    # Decisions: one single accept, one single return, a batch.
    accepted = await client.post(f"{BASE}/{cid}/kebutuhan/{dinkes[0]['id']}/terima")
    assert accepted.json() == {"accepted": [dinkes[0]["id"]], "returned": [], "unchanged": []}
    returned = await client.post(f"{BASE}/{cid}/kebutuhan/{dinkes[2]['id']}/kembalikan",
                              json={"alasan": "Bukan tugas Dinkes"})
    assert returned.json()["returned"] == [dinkes[2]["id"]]
    batch = await client.post(f"{BASE}/{cid}/kebutuhan/keputusan", json={
        "keputusan": [
            {"row_id": dinkes[0]["id"], "diterima": True},
            {"row_id": dinkes[1]["id"], "diterima": True},
            {"row_id": umum[0]["id"], "diterima": True}]})
    assert batch.json() == {"accepted": [dinkes[1]["id"], umum[0]["id"]], "returned": [],
                            "unchanged": [dinkes[0]["id"]]}
    conflict = await client.post(f"{BASE}/{cid}/kebutuhan/{dinkes[2]['id']}/terima")
    assert conflict.status_code == 409
    assert "sudah diputuskan" in conflict.json()["detail"]["message"]

    progress = await progress_when(
        client, cid, lambda p: p["total"]["sops_by_stage"] == {"penyusunan": 3})
    assert {k: v for k, v in progress["total"].items()} == {
        "rows_proposed": 4, "rows_pending": 0, "rows_accepted": 3, "rows_returned": 1,
        "sops_started": 3, "sops_by_stage": {"penyusunan": 3}, "sops_approved": 0,
        "sops_effective": 0, "units": 3, "units_submitted": 2, "units_not_submitted": ["HUKUM"]}
    assert [(u["unit_code"], u["rows_proposed"], u["rows_accepted"], u["sops_started"])
            for u in progress["units"]] == [("DINKES", 3, 2, 2), ("HUKUM", 0, 0, 0),
                                            ("UMUM", 1, 1, 1)]

    # The SOPs are linked to their rows and wait in penyusunan.
    sops = (await client.get("/api/v1/sops", params={"unit": "DINKES", "limit": 500})).json()
    mine = sorted((s for s in sops["items"] if s["campaign_id"] == cid),
                  key=lambda s: s["kebutuhan_id"])
    assert [(s["nama_sop"], s["kebutuhan_id"], s["step"]) for s in mine] == [
        ("Pelayanan Imunisasi", dinkes[0]["id"], "pengumpulan_informasi"),
        ("Rujukan Pasien", dinkes[1]["id"], "pengumpulan_informasi")]

    csv = await client.get(f"{BASE}/{cid}/report.csv")
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text == (
        "Kode Unit,Unit Kerja,SOP Disusun,SOP Disahkan,SOP Belum Disahkan,No,Nama SOP,Nomor SOP,"
        "Status,Tahap,Langkah,Tanggal Berlaku,ID SOP\n"
        f"DINKES,Dinas Kesehatan,2,0,2,1,Pelayanan Imunisasi,,belum disahkan,penyusunan,"
        f"pengumpulan_informasi,,{dinkes[0]['sop_id']}\n"
        f"DINKES,Dinas Kesehatan,2,0,2,2,Rujukan Pasien,,belum disahkan,penyusunan,"
        f"pengumpulan_informasi,,{dinkes[1]['sop_id']}\n"
        # A unit that drafted nothing is reported too, with its zero counts.
        "HUKUM,Bagian Hukum Sekretariat Daerah,0,0,0,,,,,,,,\n"
        f"UMUM,Bagian Umum Sekretariat Daerah,1,0,1,1,Surat Masuk,,belum disahkan,penyusunan,"
        f"pengumpulan_informasi,,{umum[0]['sop_id']}\n")
    html = (await client.get(f"{BASE}/{cid}/report.html")).text
    assert "Kepada Yth. Bupati Balangan" in html and "Rujukan Pasien" in html
    assert '<td class="n">2</td><td class="n">0</td><td class="n">2</td>' in html
    assert (await client.get(f"{BASE}/{cid}/report.html",
                          params={"saat_penutupan": True})).status_code == 404

    closed = await client.post(f"{BASE}/{cid}/tutup", json={})
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "ditutup" and closed.json()["closed_at"]
    stored = await client.get(f"{BASE}/{cid}/report.csv", params={"saat_penutupan": True})
    assert stored.text == csv.text
    # The drafter of another unit may not fill in HUKUM's form; the coordinator may, until
    # the campaign closes.
    foreign = await dinkes_client.post(f"{BASE}/{cid}/units/HUKUM/kebutuhan",
                                       json={"rows": form("Telaah Perda")})
    assert foreign.status_code == 403 and "unit kerja Anda (DINKES)" in foreign.text
    late = await client.post(f"{BASE}/{cid}/units/HUKUM/kebutuhan",
                          json={"rows": form("Telaah Perda")})
    assert late.status_code == 409
    assert "ditutup" in late.text
