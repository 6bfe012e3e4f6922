"""The Pasal 14 report of a campaign as CSV and as a printable HTML page (Bahasa Indonesia).

    Pasal 14: Setiap hasil penyusunan SOP pada SKPD/Unit Kerja dilaporkan kepada Bupati melalui
    Bagian Organisasi Sekretariat Daerah ...
"""

import csv
import io
from datetime import date, datetime
from html import escape
from typing import NamedTuple

from sop.kampanye import WITA
from store.campaign_queries import CampaignReportData, ReportSop, ReportUnit

CSV_HEADER = [
    "Kode Unit",
    "Unit Kerja",
    "SOP Disusun",
    "SOP Disahkan",
    "SOP Belum Disahkan",
    "No",
    "Nama SOP",
    "Nomor SOP",
    "Status",
    "Tahap",
    "Langkah",
    "Tanggal Berlaku",
    "ID SOP",
]


class ReportRow(NamedTuple):
    """One line of the report: a unit with its counts and one of its SOPs (None: no SOP yet)."""

    unit: ReportUnit
    sop: ReportSop | None


def report_rows(report: CampaignReportData) -> list[ReportRow]:
    """Every unit of the campaign, each SOP on its own line; a unit without SOPs keeps one line."""
    rows: list[ReportRow] = []
    for unit in report.units:
        rows.extend(ReportRow(unit, sop) for sop in unit.sops)
        if not unit.sops:
            rows.append(ReportRow(unit, None))
    return rows


def _tanggal(value: date | None) -> str:
    return f"{value:%d-%m-%Y}" if value else ""


def _waktu(value: datetime) -> str:
    return f"{value.astimezone(WITA):%d-%m-%Y %H:%M} WITA"


def _sop_cells(sop: ReportSop | None) -> list[str | int]:
    if sop is None:
        return ["", "", "", "", "", "", "", ""]
    return [
        sop.no,
        sop.nama_sop,
        sop.nomor_sop or "",
        sop.status,
        sop.stage,
        sop.step,
        _tanggal(sop.tanggal_berlaku),
        sop.sop_id,
    ]


def render_csv(report: CampaignReportData) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in report_rows(report):
        unit = row.unit
        writer.writerow(
            [unit.unit_code, unit.unit_name, unit.drafted, unit.approved, unit.pending]
            + _sop_cells(row.sop)
        )
    return buffer.getvalue()


_STYLE = """
body { font-family: "Times New Roman", serif; margin: 2cm; color: #000; }
h1 { font-size: 14pt; text-align: center; text-transform: uppercase; margin-bottom: 0; }
h2 { font-size: 12pt; margin-top: 1.5em; }
p.sub { text-align: center; margin-top: .3em; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin-top: .5em; }
th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; }
@media print { body { margin: 1cm; } h2 { page-break-after: avoid; } }
"""


def render_html(report: CampaignReportData) -> str:
    total_drafted = sum(u.drafted for u in report.units)
    total_approved = sum(u.approved for u in report.units)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="id"><head><meta charset="utf-8">',
        f"<title>Laporan Hasil Penyusunan SOP - {escape(report.nama)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Laporan Hasil Penyusunan Standar Operasional Prosedur</h1>",
        f'<p class="sub">{escape(report.nama)}</p>',
        "<p>Kepada Yth. Bupati Balangan<br>melalui Bagian Organisasi Sekretariat Daerah "
        "Kabupaten Balangan<br>(Pasal 14 Peraturan Bupati Balangan Nomor 6 Tahun 2013)</p>",
        "<p>",
        f"Batas waktu penyusunan: {_tanggal(report.deadline)}<br>",
        f"Status kampanye: {escape(report.status)}<br>",
        f"Koordinator: {escape(report.koordinator)}<br>",
        f"Keadaan per: {_waktu(report.generated_at)}",
        "</p>",
        "<h2>Ringkasan</h2>",
        "<table><thead><tr><th>No</th><th>Unit Kerja</th><th>SOP disusun</th>"
        "<th>SOP disahkan</th><th>SOP belum disahkan</th></tr></thead><tbody>",
    ]
    for index, unit in enumerate(report.units, start=1):
        parts.append(
            f'<tr><td class="n">{index}</td><td>{escape(unit.unit_name)} '
            f"({escape(unit.unit_code)})</td><td class=\"n\">{unit.drafted}</td>"
            f'<td class="n">{unit.approved}</td><td class="n">{unit.pending}</td></tr>'
        )
    parts.append(
        f'<tr><th colspan="2">Jumlah</th><th class="n">{total_drafted}</th>'
        f'<th class="n">{total_approved}</th>'
        f'<th class="n">{total_drafted - total_approved}</th></tr></tbody></table>'
    )
    current: str | None = None
    for row in report_rows(report):
        unit, sop = row.unit, row.sop
        if unit.unit_code != current:
            if current is not None:
                parts.append("</tbody></table>")
            current = unit.unit_code
            parts.append(f"<h2>{escape(unit.unit_name)} ({escape(unit.unit_code)})</h2>")
            parts.append(
                "<table><thead><tr><th>No</th><th>Nama SOP</th><th>Nomor SOP</th>"
                "<th>Status</th><th>Tahap</th><th>Tanggal Berlaku</th></tr></thead><tbody>"
            )
        if sop is None:
            parts.append('<tr><td colspan="6">Belum ada SOP yang disusun.</td></tr>')
            continue
        parts.append(
            f'<tr><td class="n">{sop.no}</td><td>{escape(sop.nama_sop)}</td>'
            f"<td>{escape(sop.nomor_sop or '-')}</td><td>{escape(sop.status)}</td>"
            f"<td>{escape(sop.stage.replace('_', ' '))}</td>"
            f"<td>{_tanggal(sop.tanggal_berlaku) or '-'}</td></tr>"
        )
    if current is not None:
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)
