"""Penyusunan over HTTP on the dev server: drafting recorded step by step, review rounds per
version, simulation, the Pasal 9 check, pengesahan by the right official, revisions."""

import uuid
from datetime import date, timedelta

from sop.fixtures import lampiran_2e_example
from sop.xlsx import import_xlsx
from tests.support.http_driver import (
    ALTERNATIF,
    INFORMASI,
    KOORDINATOR,
    PENGESAH,
    PENYUSUN,
    PERSIAPAN,
    REVIEWER,
    SIMULASI,
    create,
    drive,
)


async def test_penyusunan_records_rounds_and_comments_per_version(who):
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    await drive(who, sop["id"], "penulisan")
    informasi = (await who.get(KOORDINATOR, f"{base}/informasi")).json()
    assert [(i["data"]["teknik"], i["oleh"]) for i in informasi] == [
        ("wawancara", "Rahmat Hidayat, S.AP")
    ]
    await who.post(PENYUSUN, f"{base}/versions",
                   {"document": lampiran_2e_example().model_dump(mode="json")}, expect=201)
    advice = (await who.get(PENYUSUN, f"{base}/format")).json()
    assert (advice["format_draf"], advice["rekomendasi"]["format"]) == (
        "diagram_alir", "langkah_sederhana"
    )
    assert advice["pilihan"] is None and "Pasal 7 ayat (3)" in advice["rekomendasi"]["alasan"]
    refused = await who.post(PENYUSUN, f"{base}/format", {"format": "diagram_alir"})
    assert refused.status_code == 409 and "alasan" in refused.text
    await who.post(PENYUSUN, f"{base}/format",
                   {"format": "diagram_alir", "alasan": "Diminta pimpinan."}, expect=201)
    assert (await who.get(PENYUSUN, f"{base}/format")).json()["pilihan"]["alasan"]

    # Default parties: the units in the steps (only UMUM here) and the coordinator.
    parties = (await who.get(PENYUSUN, f"{base}/reviews/parties", params={"versi": 1})).json()
    assert parties["pihak"] == ["UMUM", "ORG"]
    unknown = await who.post(PENYUSUN, f"{base}/reviews", {"versi": 1, "tambah": ["XYZ"]})
    assert unknown.status_code == 422 and "XYZ" in unknown.text
    await who.post(PENYUSUN, f"{base}/reviews", {"versi": 1, "tambah": ["DINKES"]}, expect=201)

    # A reviewer of a unit that is not a party is refused; each party answers for itself.
    stranger = await who.post("reviewer.dinkes", f"{base}/reviews/1/answers",
                              {"pihak": "UMUM", "keputusan": "setuju"})
    assert stranger.status_code == 403
    await who.post(REVIEWER, f"{base}/reviews/1/answers", {"keputusan": "setuju"}, expect=201)
    no_comment = await who.post("reviewer.dinkes", f"{base}/reviews/1/answers",
                                {"keputusan": "perlu_perbaikan"})
    assert no_comment.status_code == 422 and "komentar" in no_comment.text
    changes = {"keputusan": "perlu_perbaikan",
               "komentar": [{"langkah": 4, "teks": "Sebutkan tembusan ke Dinkes."}]}
    await who.post("reviewer.dinkes", f"{base}/reviews/1/answers", changes, expect=201)
    last = await who.post(KOORDINATOR, f"{base}/reviews/1/answers", {"keputusan": "setuju"},
                          expect=201)
    assert last.json()["step"] == "penulisan"

    rounds = (await who.get(KOORDINATOR, f"{base}/versions/1/reviews")).json()
    assert len(rounds) == 1 and rounds[0]["hasil"] == "perlu_perbaikan"
    assert rounds[0]["pihak"] == ["UMUM", "ORG", "DINKES"]
    assert [(a["pihak"], a["keputusan"]) for a in rounds[0]["jawaban"]] == [
        ("UMUM", "setuju"), ("DINKES", "perlu_perbaikan"), ("ORG", "setuju")
    ]
    assert rounds[0]["jawaban"][1]["komentar"] == changes["komentar"]

    # The next round goes with the next version.
    revised = lampiran_2e_example().model_dump(mode="json")
    revised["langkah"][3]["keterangan"] = "Tembusan ke Dinas Kesehatan"
    await who.post(PENYUSUN, f"{base}/versions", {"document": revised}, expect=201)
    stale = await who.post(PENYUSUN, f"{base}/reviews", {"versi": 1})
    assert stale.status_code == 409
    await who.post(PENYUSUN, f"{base}/format",
                   {"format": "diagram_alir", "alasan": "Diminta pimpinan."}, expect=201)
    await who.post(PENYUSUN, f"{base}/reviews", {"versi": 2}, expect=201)
    assert [r["versi"] for r in (await who.get(PENYUSUN, f"{base}/reviews")).json()] == [1, 2]
    assert (await who.get(PENYUSUN, f"{base}/versions/2/reviews")).json()[0]["nomor"] == 2


async def test_simulation_back_to_analisis_and_times_against_mutu_baku(who):
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    await drive(who, sop["id"], "pengujian_reviu")
    early = await who.post(PENYUSUN, f"{base}/simulations", SIMULASI)
    assert early.status_code == 409 and "direviu" in early.text
    for user in (REVIEWER, KOORDINATOR):
        await who.post(user, f"{base}/reviews/1/answers", {"keputusan": "setuju"}, expect=201)
    back = {**SIMULASI, "hasil": "kembali_ke_analisis", "temuan": "Perlu alternatif lain."}
    moved = await who.post(PENYUSUN, f"{base}/simulations", back, expect=201)
    assert moved.json()["step"] == "analisis_alternatif"
    listed = (await who.get(PENYUSUN, f"{base}/simulations")).json()
    assert listed[0]["data"]["hasil"] == "kembali_ke_analisis"
    times = {t["no"]: t for t in listed[0]["perbandingan_waktu"]}
    step_two = lampiran_2e_example().langkah[1].mutu_baku.waktu
    assert times[2]["mutu_baku"] == str(step_two) and times[2]["nyata"] == "2 Jam"
    assert times[2]["melebihi"] is (120 > step_two.menit)


async def test_pasal_9_failure_lists_each_missing_item(who):
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    bare = lampiran_2e_example().model_dump(mode="json")
    bare["identitas"]["dasar_hukum"] = []
    for langkah in bare["langkah"]:
        langkah["mutu_baku"]["output"] = ""
    await drive(who, sop["id"], "pengujian_reviu", document=bare)
    # The context says nothing: no tupoksi, no "tidak ada keterkaitan", no needs entry.
    for user in (REVIEWER, KOORDINATOR):
        await who.post(user, f"{base}/reviews/1/answers", {"keputusan": "setuju"}, expect=201)
    await who.post(PENYUSUN, f"{base}/simulations", {**SIMULASI, "hasil": "perbaiki_tulisan"},
                   expect=201)
    cleared = {"tugas_pokok_fungsi": "", "tidak_ada_keterkaitan": False,
               "identifikasi_kebutuhan": ""}
    await who.post(PENYUSUN, f"{base}/konteks", cleared, method="PUT", expect=200)
    await who.post(PENYUSUN, f"{base}/reviews", {"versi": 1}, expect=201)
    for user in (REVIEWER, KOORDINATOR):
        await who.post(user, f"{base}/reviews/2/answers", {"keputusan": "setuju"}, expect=201)
    before = len((await who.get(PENYUSUN, f"{base}/events")).json())
    refused = await who.post(PENYUSUN, f"{base}/simulations", SIMULASI)
    assert refused.status_code == 409
    problems = refused.json()["detail"]["problems"]
    assert [p.split(":")[0] for p in problems] == [f"Pasal 9 huruf {h}" for h in "abcde"]
    assert len((await who.get(PENYUSUN, f"{base}/events")).json()) == before


async def test_only_the_pasal_11_official_signs(who):
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    await drive(who, sop["id"], "pengesahan")
    body = {"keputusan": "sahkan", "nomor_keputusan": "188.45/9/2026",
            "tanggal_keputusan": "2026-11-26"}
    for wrong in ("kadis.dinkes", "sekda", "bupati", "kapus.paringin", PENYUSUN, KOORDINATOR):
        response = await who.post(wrong, f"{base}/pengesahan", body)
        assert response.status_code == 403, (wrong, response.text)
        assert "Kepala Bagian" in response.text or "tidak berwenang" in response.text
    assert (await who.post("auditor", f"{base}/pengesahan", body)).status_code == 403
    signed = await who.post(PENGESAH, f"{base}/pengesahan", body, expect=201)
    assert signed.json()["step"] == "perencanaan"
    approvals = (await who.get(PENYUSUN, f"{base}/pengesahan")).json()
    assert [(a["data"]["nomor_keputusan"], a["data"]["versi"], a["oleh"]) for a in approvals] == [
        ("188.45/9/2026", 1, "H. Ahmad Rifani, S.E")
    ]
    got = (await who.get(PENYUSUN, base)).json()
    assert (got["tanggal_pengesahan"], got["nomor_keputusan"]) == ("2026-11-26", "188.45/9/2026")


async def test_a_plt_signs_in_the_office_name(who):
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    await drive(who, sop["id"], "pengesahan")
    username = f"plt-{uuid.uuid4().hex[:6]}"
    created = await who.post("admin", "/api/v1/users", {
        "username": username, "password": "kata-sandi-panjang-sekali", "nama": "Drs. Yusuf",
        "jabatan": "Kepala Subbagian Protokol", "unit_code": "UMUM", "roles": ["pelaksana"]},
        expect=201)
    body = {"keputusan": "sahkan", "nomor_keputusan": "188.45/10/2026",
            "tanggal_keputusan": "2026-11-26"}
    response = await who.api.post("/api/v1/auth/token",
                                  data={"username": username,
                                        "password": "kata-sandi-panjang-sekali"})
    plt_headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    refused = await who.api.post(f"{base}/pengesahan", json=body, headers=plt_headers)
    assert refused.status_code == 403  # before the appointment, not the official
    today = date.today()
    await who.post("admin", f"/api/v1/users/{created.json()['id']}/penugasan", {
        "jenis": "plt", "unit_code": "UMUM", "kode_jabatan": "kepala_skpd",
        "jabatan": "Kepala Bagian Umum", "mulai": (today - timedelta(days=1)).isoformat(),
        "sampai": (today + timedelta(days=30)).isoformat(),
        "nomor_keputusan": "821/7/BKPSDM/2026"}, expect=201)
    await who.api.post(f"{base}/pengesahan", json=body, headers=plt_headers)
    events = (await who.get(PENYUSUN, f"{base}/events")).json()
    signed = next(e for e in events if e["event"] == "sahkan")
    assert (signed["actor_nama"], signed["actor_jabatan"]) == (
        "Drs. Yusuf", "Plt. Kepala Bagian Umum"
    )
    approval = (await who.get(PENYUSUN, f"{base}/pengesahan")).json()[-1]["data"]
    assert (approval["pejabat"], approval["jabatan"]) == ("Drs. Yusuf", "Plt. Kepala Bagian Umum")
    assert (approval["penugasan"]["jenis"], approval["penugasan"]["nomor_keputusan"]) == (
        "plt", "821/7/BKPSDM/2026"
    )


async def test_revision_approved_while_the_first_stays_readable(who):
    sop = await create(who)
    base = f"/api/v1/sops/{sop['id']}"
    numbered = lampiran_2e_example().model_dump(mode="json")
    numbered["identitas"]["nomor_sop"] = {"no_komponen": "100", "unit_kerja": "SETDA",
                                          "bagian": "UMUM", "no_urut": 7}
    await drive(who, sop["id"], "monitoring", document=numbered, training=False)
    form = {"tanggal": "2026-11-27", "evaluator": "bagian_organisasi",
            "nama_evaluator": "Bagian Organisasi", "penyusun_terlibat": "Rahmat",
            "substansi": [{"nilai": 3}] * 7, "proses": [{"nilai": 3}] * 6, "hasil": "revisi"}
    await who.post(PENYUSUN, f"{base}/actions/mulai_evaluasi", {}, expect=200)
    await who.post(KOORDINATOR, f"{base}/evaluations", {"form": form}, expect=201)

    got = (await who.get(PENYUSUN, base)).json()
    assert (got["stage"], got["revision"], got["effective_version"]) == ("penyusunan", 1, 1)
    renumbered = {**numbered, "identitas": {**numbered["identitas"], "nomor_sop": {
        **numbered["identitas"]["nomor_sop"], "no_urut": 8}}}
    await who.post(PENYUSUN, f"{base}/informasi", INFORMASI, expect=201)
    await who.post(PENYUSUN, f"{base}/actions/selesaikan_pengumpulan_informasi", {}, expect=200)
    await who.post(PENYUSUN, f"{base}/alternatif", ALTERNATIF, expect=201)
    wrong = await who.post(PENYUSUN, f"{base}/versions", {"document": renumbered})
    assert wrong.status_code == 409 and "100/SETDA/UMUM/007" in wrong.text
    revised = {**numbered}
    revised["langkah"] = [dict(step) for step in numbered["langkah"]]
    revised["langkah"][0]["uraian"] = numbered["langkah"][0]["uraian"] + " (termasuk e-mail)"
    await who.post(PENYUSUN, f"{base}/versions", {"document": revised}, expect=201)
    await who.post(PENYUSUN, f"{base}/format",
                   {"format": "diagram_alir", "alasan": "Tetap."}, expect=201)
    await who.post(PENYUSUN, f"{base}/reviews", {"versi": 2}, expect=201)
    for user in (REVIEWER, KOORDINATOR):
        await who.post(user, f"{base}/reviews/2/answers", {"keputusan": "setuju"}, expect=201)
    await who.post(PENYUSUN, f"{base}/simulations", SIMULASI, expect=201)
    await who.post(PENGESAH, f"{base}/pengesahan", {
        "keputusan": "sahkan", "nomor_keputusan": "188.45/2/2027",
        "tanggal_keputusan": "2027-01-05"}, expect=201)

    got = (await who.get(PENYUSUN, base)).json()
    assert (got["revision"], got["current_version"], got["effective_version"]) == (1, 2, 1)
    assert (got["tanggal_pengesahan"], got["tanggal_revisi"]) == ("2026-11-25", "2027-01-05")
    assert got["nomor_sop"] == "100/SETDA/UMUM/007"
    approvals = (await who.get(PENYUSUN, f"{base}/pengesahan")).json()
    assert [(a["data"]["versi"], a["data"]["revisi"]) for a in approvals] == [(1, 0), (2, 1)]
    first = (await who.get(PENYUSUN, f"{base}/versions/1")).json()
    assert first["content"]["langkah"][0]["uraian"] == numbered["langkah"][0]["uraian"]
    effective = await who.get(PENYUSUN, f"{base}/document.json")
    assert effective.json()["langkah"][0]["uraian"] == numbered["langkah"][0]["uraian"]

    # The rendered documents carry the approvals (Lampiran II.C items 5-7).
    signed = {}
    for versi in (1, 2):
        sheet = await who.get(PENYUSUN, f"{base}/document.xlsx", params={"version": versi})
        signed[versi] = import_xlsx(sheet.content).document.identitas
    assert (signed[1].tanggal_pengesahan, signed[1].tanggal_revisi) == (date(2026, 11, 25), None)
    assert (signed[2].tanggal_pengesahan, signed[2].tanggal_revisi) == (
        date(2026, 11, 25), date(2027, 1, 5)
    )
    assert signed[2].disahkan_oleh == "Kepala Bagian Umum"
    html = (await who.get(PENYUSUN, f"{base}/document.html", params={"version": 2})).text
    assert "Status: Disahkan" in html



async def test_a_scope_the_unit_cannot_have_is_refused_with_its_reason(who):
    """Pasal 11 ayat (3): "lintas Bagian" exists only inside the Sekretariat Daerah, so a Dinas
    SOP cannot take it (422, the reason in the message), and nothing is recorded."""
    sop = await create(who, unit_code="DINKES", user="penyusun.dinkes")
    base = f"/api/v1/sops/{sop['id']}"
    for event in PERSIAPAN:
        await who.post("penyusun.dinkes", f"{base}/actions/{event}", {}, expect=200)
    konteks = {"lingkup": "lintas_bagian", "tugas_pokok_fungsi": "Pelayanan kesehatan"}
    refused = await who.post("penyusun.dinkes", f"{base}/konteks", konteks, method="PUT")
    assert refused.status_code == 422, refused.text
    assert "lintas Bagian hanya berlaku" in refused.text
    events = (await who.get("penyusun.dinkes", f"{base}/events")).json()
    assert "konteks_penyusunan" not in [e["event"] for e in events]
    konteks["lingkup"] = "unit"
    await who.post("penyusun.dinkes", f"{base}/konteks", konteks, method="PUT", expect=200)
