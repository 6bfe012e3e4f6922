"""Inbox messages of a drafting campaign (Bahasa Indonesia). Pure and deterministic."""

from datetime import date

from sop.pemberitahuan import NotificationRecord


def _tanggal(value: date) -> str:
    return f"{value:%d-%m-%Y}"


def start_notification(
    unit_code: str, penanggung_jawab: str, nama: str, deadline: date
) -> NotificationRecord:
    """Lampiran I 1.a: every unit is told that drafting begins."""
    return NotificationRecord(
        recipient_unit=unit_code,
        recipient_jabatan=penanggung_jawab,
        kind="kampanye_dimulai",
        subject=f"Penyusunan SOP dimulai: {nama}",
        body=(
            f"Unit kerja Saudara diminta menyusun SOP (Pasal 8 Perbup Balangan 6/2013) paling "
            f"lambat {_tanggal(deadline)}. Sampaikan identifikasi kebutuhan SOP (Lampiran II.A) "
            "beserta daftar SOP yang ada untuk direviu."
        ),
    )


def reminder_notification(
    unit_code: str, kind: str, nama: str, deadline: date, reasons: list[str]
) -> NotificationRecord:
    days = kind.removeprefix("h-")
    return NotificationRecord(
        recipient_unit=unit_code,
        kind="kampanye_pengingat",
        subject=f"Pengingat {days} hari sebelum batas waktu penyusunan SOP: {nama}",
        body=f"Batas waktu {_tanggal(deadline)}. Unit kerja Saudara: " + "; ".join(reasons) + ".",
    )


def late_units_notification(
    coordinator_unit: str, nama: str, deadline: date, late: list[tuple[str, list[str]]]
) -> NotificationRecord:
    if late:
        lines = [f"{code}: {'; '.join(reasons)}" for code, reasons in late]
        body = "Unit kerja yang terlambat:\n" + "\n".join(lines)
    else:
        body = "Semua unit kerja telah menyelesaikan penyusunan SOP tepat waktu."
    return NotificationRecord(
        recipient_unit=coordinator_unit,
        kind="kampanye_tenggat",
        subject=f"Batas waktu penyusunan SOP {_tanggal(deadline)} berakhir: {nama} "
        f"({len(late)} unit terlambat)",
        body=body,
    )


def report_notification(coordinator_unit: str, campaign_id: str, nama: str) -> NotificationRecord:
    return NotificationRecord(
        recipient_unit=coordinator_unit,
        kind="kampanye_laporan",
        subject=f"Laporan hasil penyusunan SOP (Pasal 14): {nama}",
        body=(
            "Kampanye ditutup. Laporan kepada Bupati melalui Bagian Organisasi tersedia di "
            f"/api/v1/campaigns/{campaign_id}/report.html dan report.csv."
        ),
    )
