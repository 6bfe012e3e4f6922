"""Pure rules that the workflows call, checked one by one (the index is docs/pasal.md).

Authority (Pasal 11 and the roles), review rounds (Lampiran I 3.d.1), simulations
(Lampiran I 3.d.2-3), the preconditions of penyusunan and penerapan (Lampiran I 3.a, 4.a-4.d),
escalating reminders (Pasal 12-13), the evaluation form (Lampiran I 4.e.b) and the format
choice (Pasal 7). The workflow and API tests exercise the same functions end to end.
"""

from datetime import date

import pytest
from pydantic import ValidationError

from sop.document import FormatSop, JenisSop, NomorSop, SopDocument
from sop.evaluasi import (
    PERTANYAAN_PROSES,
    PERTANYAAN_SUBSTANSI,
    Evaluator,
    FormEvaluasi,
    HasilEvaluasi,
)
from sop.fixtures import lampiran_2e_example
from sop.lifecycle import USER_EVENTS
from sop.organisasi import BAGIAN_ORGANISASI, Jabatan, JenisUnit, LingkupSop
from sop.pemberitahuan import sosialisasi
from sop.pemberitahuan_kampanye import report_notification, start_notification
from sop.pengingat import Tingkat, next_reminder_date, recipients
from sop.penyusunan import PilihanFormat, format_problem
from sop.peran import Peran
from sop.preconditions import SopFacts, action_problems, record_problems, save_draft_problems
from sop.reviu import JawabanReviu, TugasReviu, pihak_reviu, pihak_terlibat
from sop.simulasi import EVENT_HASIL, CatatanSimulasi, HasilSimulasi, bandingkan_waktu
from sop.wewenang import (
    Tindakan,
    answer_refusal,
    assign_refusal,
    jabatan_refusal,
    paham_refusal,
    pengesah_refusal,
    role_refusal,
    round_decision_refusal,
)

# Pasal 11: the official, and a head of unit only for their own unit ---------------------------


def test_head_of_unit_signs_only_the_sops_of_their_own_unit() -> None:
    own = pengesah_refusal(
        JenisUnit.dinas, LingkupSop.unit, "DINKES", Jabatan.kepala_skpd, "DINKES"
    )
    assert own is None
    other = pengesah_refusal(
        JenisUnit.dinas, LingkupSop.unit, "DINKES", Jabatan.kepala_skpd, "DISDIK"
    )
    assert other is not None and "Anda tercatat pada unit DISDIK" in other


def test_bupati_signs_lintas_skpd_whatever_unit_they_sit_in() -> None:
    refusal = pengesah_refusal(
        JenisUnit.dinas, LingkupSop.lintas_skpd, "DINKES", Jabatan.bupati, "SETDA"
    )
    assert refusal is None


def test_pengesah_refusal_without_office_or_unit_type() -> None:
    no_office = pengesah_refusal(JenisUnit.dinas, LingkupSop.unit, "DINKES", None, "DINKES")
    assert no_office is not None and "tidak berwenang mengesahkannya" in no_office
    no_type = pengesah_refusal(None, LingkupSop.unit, "DINKES", Jabatan.kepala_skpd, "DINKES")
    assert no_type is not None and "tidak dapat ditentukan" in no_type


def test_an_office_must_exist_in_the_unit_type() -> None:
    assert jabatan_refusal(Jabatan.kepala_upt, JenisUnit.upt) is None
    assert jabatan_refusal(Jabatan.kepala_skpd, JenisUnit.dinas) is None
    assert jabatan_refusal(Jabatan.bupati, JenisUnit.sekretariat_daerah) is None
    assert jabatan_refusal(Jabatan.sekretaris, JenisUnit.dinas) is None
    assert jabatan_refusal(None, JenisUnit.dinas) is None
    upt_head_in_dinas = jabatan_refusal(Jabatan.kepala_upt, JenisUnit.dinas)
    assert upt_head_in_dinas is not None and "berkode 'kepala_skpd'" in upt_head_in_dinas
    assert jabatan_refusal(Jabatan.kepala_skpd, JenisUnit.upt) is not None
    assert jabatan_refusal(Jabatan.bupati, JenisUnit.dinas) is not None


# Roles: who acts at all, and on which unit's SOPs -----------------------------------------------


@pytest.mark.parametrize("peran", [Peran.admin, Peran.auditor])
def test_admin_and_auditor_never_act_on_an_sop(peran: Peran) -> None:
    for tindakan in Tindakan:
        refusal = role_refusal(tindakan, [peran], "DINKES", "DINKES")
        assert refusal is not None and "tidak berwenang" in refusal


def test_drafters_work_on_their_own_units_sops_only() -> None:
    assert role_refusal(Tindakan.draf, [Peran.penyusun], "DINKES", "DINKES") is None
    refusal = role_refusal(Tindakan.draf, [Peran.penyusun], "DISDIK", "DINKES")
    assert refusal is not None and "SOP ini milik unit DINKES" in refusal
    # the Bagian Organisasi's coordinator works on every unit's SOPs (Pasal 8 ayat (2)-(4))
    assert role_refusal(Tindakan.draf, [Peran.koordinator], BAGIAN_ORGANISASI, "DINKES") is None
    assert role_refusal(Tindakan.draf, [Peran.koordinator], "DISDIK", "DINKES") is not None


def test_review_signing_and_acknowledging_reach_across_units() -> None:
    for tindakan, peran in (
        (Tindakan.reviu, Peran.reviewer),
        (Tindakan.pengesahan, Peran.pengesah),
        (Tindakan.paham, Peran.pelaksana),
    ):
        assert role_refusal(tindakan, [peran], "DISDIK", "DINKES") is None


def test_only_target_units_acknowledge_an_sop() -> None:
    assert paham_refusal("DISDIK", {"DINKES", "DISDIK"}) is None
    refusal = paham_refusal("BAPPEDA", {"DINKES", "DISDIK"})
    assert refusal is not None and "bukan sasaran penerapannya" in refusal


def test_sosialisasi_reaches_every_pelaksana_of_every_target_unit() -> None:
    records = sosialisasi("Surat Masuk", ["DINKES", "DISDIK"], ["Staf", "Kasubbag"])
    assert [(r.recipient_unit, r.recipient_jabatan) for r in records] == [
        ("DINKES", "Staf"),
        ("DINKES", "Kasubbag"),
        ("DISDIK", "Staf"),
        ("DISDIK", "Kasubbag"),
    ]
    assert all(r.kind == "sosialisasi" for r in records)


# Review rounds (Lampiran I 3.d.1) --------------------------------------------------------------


def test_a_partys_reviewer_answers_unless_the_task_was_delegated() -> None:
    tugas = TugasReviu(pihak="DINKES")
    assert answer_refusal(tugas, [Peran.reviewer], "DINKES", "ani") is None
    other_unit = answer_refusal(tugas, [Peran.reviewer], "DISDIK", "ani")
    assert other_unit is not None and "dijawab oleh pereviu dari unit DINKES" in other_unit
    assert answer_refusal(tugas, [Peran.penyusun], "DINKES", "ani") is not None
    delegated = TugasReviu(pihak="DINKES", ditugaskan_kepada="budi")
    assert answer_refusal(delegated, [Peran.pelaksana], "DISDIK", "budi") is None
    refusal = answer_refusal(delegated, [Peran.reviewer], "DINKES", "ani")
    assert refusal is not None and "telah dialihkan" in refusal


def test_the_assignee_or_the_coordinator_reassigns_a_task() -> None:
    tugas = TugasReviu(pihak="DINKES")
    assert assign_refusal(tugas, [Peran.reviewer], "DINKES", "ani", "DISDIK") is None
    assert assign_refusal(tugas, [Peran.koordinator], BAGIAN_ORGANISASI, "org", "DISDIK") is None
    assert assign_refusal(tugas, [Peran.koordinator], "DISDIK", "sek", "DISDIK") is None
    refusal = assign_refusal(tugas, [Peran.penyusun], "DISDIK", "pen", "DISDIK")
    assert refusal is not None and "Hanya penerima tugas reviu atau koordinator" in refusal


def test_only_the_coordinator_extends_or_closes_a_round() -> None:
    assert round_decision_refusal([Peran.koordinator], BAGIAN_ORGANISASI, "DINKES") is None
    assert round_decision_refusal([Peran.koordinator], "DINKES", "DINKES") is None
    assert round_decision_refusal([Peran.koordinator], "DISDIK", "DINKES") is not None
    assert round_decision_refusal([Peran.penyusun], "DINKES", "DINKES") is not None


def test_parties_are_the_units_named_as_pelaksana_the_owner_first() -> None:
    doc = lampiran_2e_example()
    doc = doc.model_copy(
        update={"pelaksana": [*doc.pelaksana, "Kasi DINKES", "Staf Dinas Pendidikan"]}
    )
    units = {"DINKES": "Dinas Kesehatan", "DISDIK": "Dinas Pendidikan", "BAPPEDA": "Bappeda"}
    assert pihak_terlibat(doc, "SETDA", units) == ["SETDA", "DINKES", "DISDIK"]
    assert pihak_reviu(["SETDA", "DINKES"], "ORG", ["BAPPEDA", "SETDA"], ["DINKES"]) == [
        "SETDA",
        "ORG",
        "BAPPEDA",
    ]


# Simulations (Lampiran I 3.d.2-3) --------------------------------------------------------------


def test_each_simulation_outcome_sends_a_chart_event_or_stays() -> None:
    assert EVENT_HASIL[HasilSimulasi.ulangi_simulasi] is None
    assert EVENT_HASIL[HasilSimulasi.kembali_ke_analisis] == "kembali_ke_analisis"
    assert EVENT_HASIL[HasilSimulasi.lanjut_pengesahan] == "ajukan_pengesahan"
    assert all(event in USER_EVENTS for event in EVENT_HASIL.values() if event is not None)


def test_simulated_time_is_set_against_the_mutu_baku() -> None:
    doc = lampiran_2e_example()
    catatan = CatatanSimulasi(
        tanggal=date(2024, 3, 1),
        peserta=["Staf"],
        langkah=[{"no": 2, "waktu_nyata": "45 Menit"}, {"no": 99, "waktu_nyata": "1 Jam"}],
        temuan="Langkah 2 lebih lama.",
        hasil=HasilSimulasi.perbaiki_tulisan,
    )
    (row,) = bandingkan_waktu(doc, catatan)  # step 99 does not exist and is left out
    assert (row.no, row.mutu_baku, row.nyata) == (2, "30 Menit", "45 Menit")
    assert row.selisih_menit == 15 and row.melebihi


# Preconditions of penyusunan and penerapan (Lampiran I 3.a, 4.a, 4.d) ---------------------------


def test_information_gathering_ends_only_with_a_record() -> None:
    facts = SopFacts(step="pengumpulan_informasi", current_version=None)
    (problem,) = action_problems("selesaikan_pengumpulan_informasi", facts)
    assert "Lampiran I 3.a" in problem
    facts = SopFacts(step="pengumpulan_informasi", current_version=None, information_records=1)
    assert action_problems("selesaikan_pengumpulan_informasi", facts) == []


def test_sosialisasi_needs_the_plan_and_training_needs_a_session() -> None:
    (no_plan,) = action_problems("sosialisasikan", SopFacts(step="perencanaan", current_version=1))
    assert "Lampiran I 4.a" in no_plan
    planned = SopFacts(step="perencanaan", current_version=1, has_plan=True)
    assert action_problems("sosialisasikan", planned) == []
    at_distribusi = SopFacts(step="distribusi", current_version=1, training_planned=True)
    assert "mulai_pelatihan" in action_problems("berlakukan", at_distribusi)[0]
    at_pelatihan = SopFacts(step="pelatihan", current_version=1, training_planned=True)
    assert "sesi pelatihan" in action_problems("berlakukan", at_pelatihan)[0]
    trained = SopFacts(step="pelatihan", current_version=1, training_sessions=1)
    assert action_problems("berlakukan", trained) == []


def test_records_are_made_only_at_their_steps() -> None:
    at_monitoring = SopFacts(step="monitoring", current_version=1)
    assert record_problems("catatan_monitoring", at_monitoring) == []
    assert record_problems("sesi_pelatihan", SopFacts(step="pelatihan", current_version=1)) == []
    (problem,) = record_problems("sesi_pelatihan", at_monitoring)
    assert "hanya dapat dibuat pada langkah pelatihan" in problem
    (problem,) = record_problems("rencana_penerapan", at_monitoring)
    assert "langkah perencanaan" in problem


def test_a_draft_is_saved_only_while_drafting() -> None:
    assert save_draft_problems(SopFacts(step="penulisan", current_version=1)) == []
    (problem,) = save_draft_problems(SopFacts(step="pengesahan", current_version=1))
    assert "Draf hanya dapat disimpan pada tahap penyusunan" in problem
    no_draft = action_problems("ajukan_reviu", SopFacts(step="penulisan", current_version=None))
    assert any("Belum ada draf dokumen SOP" in p for p in no_draft)


# Pasal 7: the drafter may override the recommended format, with a reason --------------------------


def test_overriding_the_recommended_format_needs_a_reason() -> None:
    grafik, diagram = FormatSop.grafik, FormatSop.diagram_alir
    refusal = format_problem(PilihanFormat(format=grafik), grafik, diagram)
    assert refusal is not None and "Pasal 7" in refusal
    assert (
        format_problem(PilihanFormat(format=grafik, alasan="Sedikit keputusan"), grafik, diagram)
        is None
    )
    assert format_problem(PilihanFormat(format=diagram), diagram, diagram) is None
    mismatch = format_problem(PilihanFormat(format=grafik, alasan="x"), diagram, diagram)
    assert mismatch is not None and "simpan draf dengan format 'grafik'" in mismatch


# Pasal 12 ayat (1), Pasal 13: reminders escalate while the evaluation is late ------------------


def test_reminders_escalate_to_bagian_organisasi_then_the_sekda() -> None:
    def levels(days: int) -> list[Tingkat]:
        return [p.tingkat for p in recipients(days, "DINKES", "Kepala Dinas")]

    assert levels(-30) == levels(30) == [Tingkat.kepala_unit]
    assert levels(31) == levels(90) == [Tingkat.kepala_unit, Tingkat.bagian_organisasi]
    assert levels(91) == [Tingkat.kepala_unit, Tingkat.bagian_organisasi, Tingkat.sekretaris_daerah]
    assert recipients(91, "DINKES", "Kepala Dinas")[1].unit == BAGIAN_ORGANISASI


def test_reminders_start_30_days_before_and_repeat_every_14_days_late() -> None:
    due = date(2026, 6, 30)
    assert next_reminder_date(due, None) == date(2026, 5, 31)
    assert next_reminder_date(due, date(2026, 5, 31)) == due
    assert next_reminder_date(due, due) == date(2026, 7, 14)


# Lampiran I 4.e.b and Pasal 13 ayat (2): the evaluation form ------------------------------------


def _form(**changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "tanggal": "2026-06-30",
        "evaluator": Evaluator.bagian_organisasi,
        "nama_evaluator": "Bagian Organisasi",
        "penyusun_terlibat": "Tim penyusun DINKES",
        "substansi": [{"nilai": 4}] * len(PERTANYAAN_SUBSTANSI),
        "proses": [{"nilai": 3}] * len(PERTANYAAN_PROSES),
        "hasil": HasilEvaluasi.tetap_berlaku,
    }
    return {**form, **changes}


def test_the_form_answers_seven_substance_and_six_process_questions() -> None:
    assert (len(PERTANYAAN_SUBSTANSI), len(PERTANYAAN_PROSES)) == (7, 6)
    assert FormEvaluasi.model_validate(_form()).hasil is HasilEvaluasi.tetap_berlaku
    with pytest.raises(ValidationError):
        FormEvaluasi.model_validate(_form(substansi=[{"nilai": 4}] * 6))
    with pytest.raises(ValidationError):
        FormEvaluasi.model_validate(_form(proses=[{"nilai": 3}] * 7))


def test_an_independent_evaluator_is_named_in_full() -> None:
    with pytest.raises(ValidationError, match="lembaga independen"):
        FormEvaluasi.model_validate(
            _form(evaluator=Evaluator.lembaga_independen, nama_evaluator="UI")
        )
    named = _form(evaluator=Evaluator.lembaga_independen, nama_evaluator="Universitas Lambung")
    assert FormEvaluasi.model_validate(named).evaluator is Evaluator.lembaga_independen


# Lampiran I 3.d.1: asking for changes says what to change ---------------------------------------


def test_perlu_perbaikan_needs_at_least_one_comment() -> None:
    with pytest.raises(ValidationError, match="sekurang-kurangnya satu komentar"):
        JawabanReviu(keputusan="perlu_perbaikan")
    answer = JawabanReviu(keputusan="perlu_perbaikan", komentar=[{"langkah": 2, "teks": "Ubah"}])
    assert answer.komentar[0].langkah == 2
    assert JawabanReviu(keputusan="setuju").komentar == []


# Lampiran I 1.a and Pasal 14: a campaign tells every unit, and reports when it closes -------------


def test_every_unit_is_told_that_drafting_begins_with_its_deadline() -> None:
    record = start_notification("DINKES", "Sekretaris Dinas", "Kampanye 2026", date(2026, 12, 31))
    assert (record.recipient_unit, record.recipient_jabatan) == ("DINKES", "Sekretaris Dinas")
    assert record.kind == "kampanye_dimulai"
    assert "paling lambat 31-12-2026" in record.body and "Lampiran II.A" in record.body


def test_the_closing_report_goes_to_the_coordinator_citing_pasal_14() -> None:
    record = report_notification(BAGIAN_ORGANISASI, "kampanye-1", "Kampanye 2026")
    assert (record.recipient_unit, record.kind) == (BAGIAN_ORGANISASI, "kampanye_laporan")
    assert "Pasal 14" in record.subject
    assert "/api/v1/campaigns/kampanye-1/report.html" in record.body


# Pasal 6 ayat (1) and Lampiran II.C item 3: the document's vocabulary -----------------------------


def test_jenis_sop_is_teknis_or_administratif() -> None:
    assert {j.value for j in JenisSop} == {"teknis", "administratif"}
    data = lampiran_2e_example().model_dump(mode="json")
    with pytest.raises(ValidationError):
        SopDocument.model_validate({**data, "jenis": "lainnya"})


def test_nomor_sop_has_four_parts_and_a_three_digit_urut() -> None:
    nomor = NomorSop(no_komponen="800", unit_kerja="SETDA", bagian="ORG", no_urut=7)
    assert str(nomor) == "800/SETDA/ORG/007"
    with pytest.raises(ValidationError):
        NomorSop(no_komponen="800", unit_kerja="SETDA", bagian="ORG", no_urut=0)
