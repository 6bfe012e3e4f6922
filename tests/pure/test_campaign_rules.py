"""Pure rules of a campaign (sop.kampanye), its input models and the report rendering."""

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from sop import kampanye
from sop.peran import Peran
from sop.wewenang import kebutuhan_refusal, koordinasi_kampanye_refusal
from store.campaign_queries import CampaignReportData, ReportSop, ReportUnit
from store.campaign_report import render_csv, render_html
from wire.campaign import Decision, SubmitKebutuhanInput
from wire.sop import Aktor
from workflows.campaign import sop_id_for


def test_default_deadline_is_end_of_year():
    assert kampanye.default_deadline(date(2026, 3, 1)) == date(2026, 12, 31)


@pytest.mark.parametrize(("jenis", "jabatan", "dasar"), [
    ("dinas", "Sekretaris Dinas", "Pasal 8 ayat (7)"),
    ("badan", "Sekretaris Badan", "Pasal 8 ayat (7)"),
    ("kecamatan", "Sekretaris Kecamatan", "Pasal 8 ayat (7)"),
    ("upt", "Kepala Subbag Tata Usaha", "Pasal 8 ayat (8)"),
    ("kantor", "Kepala Subbag Tata Usaha", "Pasal 8 ayat (8)"),
    ("bagian", "Kepala Sub Bagian yang membidangi ketatausahaan", "Pasal 8 ayat (9)"),
    ("sekretariat_dprd", "Kepala Sub Bagian yang membidangi ketatausahaan", "Pasal 8 ayat (9)"),
])
def test_default_penanggung_jawab_by_unit_type(jenis, jabatan, dasar):
    pejabat = kampanye.default_penanggung_jawab(jenis)
    assert (pejabat.sebutan, pejabat.dasar) == (jabatan, dasar)


def test_reminder_schedule_in_wita():
    schedule = kampanye.reminder_schedule(date(2026, 12, 31))
    assert [(r.kind, r.fire_at.isoformat()) for r in schedule] == [
        ("h-30", "2026-12-01T08:00:00+08:00"),
        ("h-7", "2026-12-24T08:00:00+08:00"),
        ("tenggat", "2027-01-01T00:00:00+08:00"),
    ]


def test_approved_effective_and_behind():
    assert not kampanye.is_approved("penyusunan", None)
    assert kampanye.is_approved("penyusunan", 1)  # in force while a revision is drafted
    assert kampanye.is_approved("penerapan", None)
    assert kampanye.is_effective("monev", 1) and not kampanye.is_effective("dicabut", 1)
    assert kampanye.behind_reasons(True, 0) == []
    assert kampanye.behind_reasons(False, 2) == [
        "belum menyampaikan identifikasi kebutuhan SOP (Lampiran II.A)", "2 SOP belum disahkan"]


def test_inputs_refuse_empty_form_and_return_without_reason():
    aktor = Aktor(nama="A", jabatan="B")
    with pytest.raises(ValidationError, match="paling sedikit satu baris"):
        SubmitKebutuhanInput(unit_code="ORG", aktor=aktor)
    with pytest.raises(ValidationError, match="alasan pengembalian wajib diisi"):
        Decision(row_id="x", diterima=False, alasan=" ")


def test_sop_id_is_derived_from_the_row():
    assert sop_id_for("c-00001") == sop_id_for("c-00001") != sop_id_for("c-00002")


def test_report_renders_and_escapes():
    data = CampaignReportData(
        campaign_id="c", nama="Kampanye <2026>", deadline=date(2026, 12, 31), status="berjalan",
        koordinator="Siti (Kabag)", generated_at=datetime(2026, 11, 27, 2, 0, tzinfo=UTC),
        units=[ReportUnit(unit_code="ORG", unit_name="Bagian Organisasi", drafted=1, approved=1,
                          pending=0, sops=[ReportSop(
                              no=1, sop_id="s1", nama_sop="Surat, \"Masuk\"", nomor_sop="1/ORG",
                              status="berlaku", stage="monev", step="monitoring",
                              tanggal_berlaku=date(2026, 11, 1))])])
    assert render_csv(data).splitlines()[1] == (
        'ORG,Bagian Organisasi,1,1,0,1,"Surat, ""Masuk""",1/ORG,berlaku,monev,monitoring,'
        "01-11-2026,s1")
    html = render_html(data)
    assert "Kampanye &lt;2026&gt;" in html and "27-11-2026 10:00 WITA" in html
    assert "Surat, &quot;Masuk&quot;" in html


def test_who_may_fill_in_a_units_needs_form():
    assert kebutuhan_refusal([Peran.penyusun], "DINKES", "DINKES") is None
    # The Bagian Organisasi's coordinator works on every unit's SOPs.
    assert kebutuhan_refusal([Peran.koordinator], "ORG", "DINKES") is None
    foreign = kebutuhan_refusal([Peran.penyusun], "UMUM", "DINKES")
    assert foreign is not None and "unit kerja Anda (UMUM)" in foreign
    reader = kebutuhan_refusal([Peran.auditor], "DINKES", "DINKES")
    assert reader is not None and "tidak berwenang" in reader


def test_only_a_coordinator_decides_rows_and_closes():
    assert koordinasi_kampanye_refusal([Peran.koordinator]) is None
    assert koordinasi_kampanye_refusal([Peran.penyusun, Peran.reviewer]) == (
        "Hanya koordinator yang dapat memutuskan atau menutup kampanye.")
