"""Campaign progress and the Pasal 14 report, answered from the read model (never workflows).

A few grouped queries over ``campaign_units``, ``campaign_needs`` and ``sops`` (by its indexed
``campaign_id``), so the cost does not grow with the number of workflows.
"""

from collections import Counter, defaultdict
from datetime import UTC, date, datetime

from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, col, select

from sop import kampanye, lifecycle
from sop.document import NomorSop
from store.campaign_tables import Campaign, CampaignReminder, CampaignUnit, KebutuhanSop
from store.tables import DocumentVersion, Sop, Unit


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite returns naive timestamps; every timestamp stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment and not moment.tzinfo else moment


ROW_STATUSES = ("diusulkan", "diterima", "dikembalikan")
SOP_STAGES = (*lifecycle.STAGES, *sorted(lifecycle.FINAL_STATES))


class Counts(BaseModel):
    rows_proposed: int = 0
    rows_pending: int = 0
    rows_accepted: int = 0
    rows_returned: int = 0
    sops_started: int = 0
    sops_by_stage: dict[str, int] = {}
    sops_approved: int = 0
    sops_effective: int = 0


class UnitProgress(Counts):
    unit_code: str
    unit_name: str
    penanggung_jawab: str
    submitted: bool
    submitted_at: datetime | None
    reminders: list[str]


class TotalProgress(Counts):
    units: int
    units_submitted: int
    units_not_submitted: list[str]


class CampaignProgress(BaseModel):
    campaign_id: str
    nama: str
    deadline: date
    status: str
    total: TotalProgress
    units: list[UnitProgress]


class ReportSop(BaseModel):
    no: int
    sop_id: str
    nama_sop: str
    nomor_sop: str | None
    status: str
    stage: str
    step: str
    tanggal_berlaku: date | None


class ReportUnit(BaseModel):
    unit_code: str
    unit_name: str
    drafted: int
    approved: int
    pending: int
    sops: list[ReportSop]


class CampaignReportData(BaseModel):
    campaign_id: str
    nama: str
    deadline: date
    status: str
    koordinator: str
    generated_at: datetime
    units: list[ReportUnit]


def get_campaign(session: Session, campaign_id: str) -> Campaign | None:
    return session.get(Campaign, campaign_id)


def campaign_units(session: Session, campaign_id: str) -> list[tuple[CampaignUnit, str]]:
    """The campaign's units with their names, in code order."""
    query = (
        select(CampaignUnit, Unit.name)
        .join(Unit, col(Unit.code) == col(CampaignUnit.unit_code))
        .where(CampaignUnit.campaign_id == campaign_id)
        .order_by(col(CampaignUnit.unit_code))
    )
    return [(unit, name) for unit, name in session.exec(query).all()]


def progress(session: Session, campaign: Campaign) -> CampaignProgress:
    units = campaign_units(session, campaign.id)
    counts: dict[str, Counts] = defaultdict(Counts)
    _count_rows(session, campaign.id, counts)
    _count_sops(session, campaign.id, counts)
    reminders: dict[str, list[str]] = defaultdict(list)
    for unit_code, kind in session.exec(
        select(CampaignReminder.unit_code, CampaignReminder.kind)
        .where(CampaignReminder.campaign_id == campaign.id)
        .order_by(col(CampaignReminder.id))
    ).all():
        reminders[unit_code].append(kind)

    per_unit = [
        UnitProgress(
            unit_code=unit.unit_code,
            unit_name=name,
            penanggung_jawab=unit.penanggung_jawab_jabatan,
            submitted=unit.submitted_at is not None,
            submitted_at=_utc(unit.submitted_at),
            reminders=reminders[unit.unit_code],
            **counts[unit.unit_code].model_dump(),
        )
        for unit, name in units
    ]
    total = TotalProgress(
        units=len(per_unit),
        units_submitted=sum(u.submitted for u in per_unit),
        units_not_submitted=[u.unit_code for u in per_unit if not u.submitted],
        **_sum(per_unit).model_dump(),
    )
    return CampaignProgress(
        campaign_id=campaign.id,
        nama=campaign.nama,
        deadline=campaign.deadline,
        status=campaign.status,
        total=total,
        units=per_unit,
    )


def _count_rows(session: Session, campaign_id: str, counts: dict[str, Counts]) -> None:
    query = (
        select(KebutuhanSop.unit_code, KebutuhanSop.status, func.count())
        .where(KebutuhanSop.campaign_id == campaign_id)
        .group_by(col(KebutuhanSop.unit_code), col(KebutuhanSop.status))
    )
    for unit_code, status, n in session.exec(query).all():
        c = counts[unit_code]
        c.rows_proposed += n
        if status == "diusulkan":
            c.rows_pending += n
        elif status == "diterima":
            c.rows_accepted += n
        elif status == "dikembalikan":
            c.rows_returned += n


def sops_by_unit_and_stage(
    session: Session, campaign_id: str
) -> list[tuple[str, str, int | None, int]]:
    """The campaign's SOPs counted per (unit, stage, in force or not), in one grouped query.

    The third item stands for ``effective_version`` (1 or None): enough for
    ``kampanye.is_approved`` and ``kampanye.is_effective``.
    """
    has_effective = col(Sop.effective_version).is_not(None)
    query = (
        select(Sop.unit_code, Sop.stage, has_effective, func.count())
        .where(Sop.campaign_id == campaign_id)
        .group_by(col(Sop.unit_code), col(Sop.stage), has_effective)
    )
    return [
        (unit_code, stage, 1 if effective else None, n)
        for unit_code, stage, effective, n in session.exec(query).all()
    ]


def _count_sops(session: Session, campaign_id: str, counts: dict[str, Counts]) -> None:
    for unit_code, stage, version, n in sops_by_unit_and_stage(session, campaign_id):
        c = counts[unit_code]
        c.sops_started += n
        c.sops_by_stage = {**c.sops_by_stage, stage: c.sops_by_stage.get(stage, 0) + n}
        if kampanye.is_approved(stage, version):
            c.sops_approved += n
        if kampanye.is_effective(stage, version):
            c.sops_effective += n


def _sum(items: list[UnitProgress]) -> Counts:
    total = Counts()
    stages: Counter[str] = Counter()
    for item in items:
        for field in ("rows_proposed", "rows_pending", "rows_accepted", "rows_returned",
                      "sops_started", "sops_approved", "sops_effective"):
            setattr(total, field, getattr(total, field) + getattr(item, field))
        stages.update(item.sops_by_stage)
    total.sops_by_stage = dict(stages)
    return total


def report(session: Session, campaign: Campaign, generated_at: datetime) -> CampaignReportData:
    """Pasal 14: per unit, the SOPs drafted, approved and pending, with numbers and titles."""
    sops: dict[str, list[Sop]] = defaultdict(list)
    query = (
        select(Sop)
        .join(KebutuhanSop, col(KebutuhanSop.id) == col(Sop.kebutuhan_id))
        .where(Sop.campaign_id == campaign.id)
        .order_by(col(Sop.unit_code), col(KebutuhanSop.no))
    )
    for sop in session.exec(query).all():
        sops[sop.unit_code].append(sop)
    numbers = _sop_numbers(session, campaign.id)
    units: list[ReportUnit] = []
    for unit, name in campaign_units(session, campaign.id):
        entries = [
            ReportSop(
                no=index,
                sop_id=sop.id,
                nama_sop=sop.nama_sop,
                nomor_sop=numbers.get(sop.id),
                status=_status(sop),
                stage=sop.stage,
                step=sop.step,
                tanggal_berlaku=sop.tanggal_berlaku,
            )
            for index, sop in enumerate(sops[unit.unit_code], start=1)
        ]
        approved = sum(e.status != "belum disahkan" for e in entries)
        units.append(
            ReportUnit(
                unit_code=unit.unit_code,
                unit_name=name,
                drafted=len(entries),
                approved=approved,
                pending=len(entries) - approved,
                sops=entries,
            )
        )
    return CampaignReportData(
        campaign_id=campaign.id,
        nama=campaign.nama,
        deadline=campaign.deadline,
        status=campaign.status,
        koordinator=f"{campaign.koordinator_nama} ({campaign.koordinator_jabatan})",
        generated_at=generated_at,
        units=units,
    )


def _status(sop: Sop) -> str:
    if sop.stage == "dicabut":
        return "dicabut"
    if kampanye.is_effective(sop.stage, sop.effective_version):
        return "berlaku"
    if kampanye.is_approved(sop.stage, sop.effective_version):
        return "disahkan"
    return "belum disahkan"


def _sop_numbers(session: Session, campaign_id: str) -> dict[str, str]:
    """Nomor SOP (Lampiran II.C item 3) from the latest saved version of each SOP, if given."""
    latest = (
        select(DocumentVersion.sop_id, func.max(DocumentVersion.version).label("v"))
        .join(Sop, col(Sop.id) == col(DocumentVersion.sop_id))
        .where(Sop.campaign_id == campaign_id)
        .group_by(col(DocumentVersion.sop_id))
        .subquery()
    )
    query = select(DocumentVersion.sop_id, DocumentVersion.content).join(
        latest,
        (col(DocumentVersion.sop_id) == latest.c.sop_id)
        & (col(DocumentVersion.version) == latest.c.v),
    )
    numbers: dict[str, str] = {}
    for sop_id, content in session.exec(query).all():
        nomor = (content or {}).get("identitas", {}).get("nomor_sop")
        if nomor:
            numbers[sop_id] = _format_nomor(nomor)
    return numbers


def _format_nomor(nomor: dict) -> str:
    try:
        return str(NomorSop.model_validate(nomor))
    except ValueError:
        return str(nomor)
