"""The Pasal 14 report: every unit of the campaign, with its counts, in the CSV as in the HTML."""

import csv
import io
import re
from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.campaign_queries import report
from store.campaign_report import CSV_HEADER, render_csv, render_html
from store.campaign_tables import Campaign, CampaignUnit, KebutuhanSop
from store.tables import Sop

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)



def _sop(no: int, unit: str, nama: str, stage: str, effective: int | None) -> tuple:
    need = KebutuhanSop(
        id=f"c-{no:05}", campaign_id="c", unit_code=unit, no=no, kegiatan="k", judul=nama,
        perkiraan_output="o", status="diterima", sop_id=f"s{no}", submitted_by="x",
        submitted_at=T0)
    sop = Sop(
        id=f"s{no}", workflow_id=f"sop-s{no}", unit_code=unit, nama_sop=nama, stage=stage,
        step="perencanaan", allowed_events=[], revision=0, cycle=1, current_version=None,
        effective_version=effective, tanggal_berlaku=None, last_evaluation=None,
        evaluation_due=None, campaign_id="c", kebutuhan_id=need.id)
    return need, sop


def _fill(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(Campaign(
            id="c", workflow_id="campaign-c", nama="Penyusunan 2026", deadline=date(2026, 12, 31),
            status="berjalan", koordinator_nama="Siti", koordinator_jabatan="Kabag Organisasi",
            coordinator_unit="ORG", started_at=T0))
        for code in ("HUKUM", "ORG", "UMUM"):
            session.add(CampaignUnit(campaign_id="c", unit_code=code,
                                     penanggung_jawab_jabatan="Kepala"))
        session.flush()
        for need, sop in (_sop(1, "ORG", "Analisis Jabatan", "penerapan", 1),
                          _sop(2, "ORG", "Evaluasi Jabatan", "penyusunan", None),
                          _sop(3, "UMUM", "Surat Masuk", "penyusunan", None)):
            session.add(need)
            session.flush()
            session.add(sop)
        session.commit()


def test_csv_lists_every_unit_with_its_counts_as_the_html_does(db: Engine) -> None:
    _fill(db)
    with Session(db) as session:
        data = report(session, session.get(Campaign, "c"), T0)
    rows = list(csv.DictReader(io.StringIO(render_csv(data))))
    assert list(rows[0]) == CSV_HEADER

    # The unit that drafted nothing is there, with zero counts and no SOP.
    hukum = [r for r in rows if r["Kode Unit"] == "HUKUM"]
    assert len(hukum) == 1
    assert (hukum[0]["SOP Disusun"], hukum[0]["SOP Disahkan"],
            hukum[0]["SOP Belum Disahkan"], hukum[0]["Nama SOP"]) == ("0", "0", "0", "")
    assert [(r["Kode Unit"], r["SOP Disusun"], r["SOP Disahkan"], r["SOP Belum Disahkan"],
             r["No"], r["Nama SOP"]) for r in rows] == [
        ("HUKUM", "0", "0", "0", "", ""),
        ("ORG", "2", "1", "1", "1", "Analisis Jabatan"),
        ("ORG", "2", "1", "1", "2", "Evaluasi Jabatan"),
        ("UMUM", "1", "0", "1", "1", "Surat Masuk")]

    # The HTML summary says the same counts, unit by unit.
    html = render_html(data)
    summary = re.findall(
        r'<tr><td class="n">\d+</td><td>[^<]*\(([A-Z]+)\)</td><td class="n">(\d+)</td>'
        r'<td class="n">(\d+)</td><td class="n">(\d+)</td></tr>', html)
    from_csv = sorted({(r["Kode Unit"], r["SOP Disusun"], r["SOP Disahkan"],
                        r["SOP Belum Disahkan"]) for r in rows})
    assert sorted(summary) == from_csv
    assert "Belum ada SOP yang disusun." in html
