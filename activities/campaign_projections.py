"""Campaign projection activities: the only writers of the campaign read model.

Each is one database transaction and idempotent: a record is keyed by ``(campaign_id, seq)``
(the campaign row's ``last_seq``), reminders and notifications by unique keys, the closing
report by the campaign id.
"""

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from temporalio import activity

from sop import kampanye
from sop.pemberitahuan import NotificationRecord
from sop.pemberitahuan_kampanye import (
    late_units_notification,
    reminder_notification,
    report_notification,
)
from store.campaign_queries import report, sops_by_unit_and_stage
from store.campaign_report import render_csv, render_html
from store.campaign_tables import (
    Campaign,
    CampaignReminder,
    CampaignReport,
    CampaignUnit,
    KebutuhanSop,
)
from store.engine import get_engine
from store.tables import Notification
from wire.campaign import PenanggungJawab
from wire.campaign_activities import (
    CLOSE_CAMPAIGN_REPORT,
    RECORD_CAMPAIGN,
    SEND_CAMPAIGN_REMINDERS,
    CampaignRecord,
    CloseReportInput,
    DecisionsRecord,
    LateUnit,
    ReminderInput,
    ReminderResult,
    SubmissionRecord,
)


class CampaignProjectionActivities:
    """Activities bound to one database engine (tests point them at their own file)."""

    def __init__(self, engine: Engine | None = None) -> None:
        self._engine = engine

    @property
    def engine(self) -> Engine:
        return self._engine or get_engine()

    @activity.defn(name=RECORD_CAMPAIGN)
    def record_campaign(self, record: CampaignRecord) -> bool:
        """Write one campaign change. False when it was already written (a retry)."""
        with Session(self.engine) as session:
            campaign = session.get(Campaign, record.campaign_id)
            if campaign is not None and campaign.last_seq >= record.seq:
                return False
            campaign = _upsert_campaign(session, campaign, record)
            session.flush()
            for unit in record.units:
                _upsert_unit(session, record.campaign_id, unit.unit_code, unit.penanggung_jawab)
            if record.submission is not None:
                _write_submission(session, record, record.submission)
            if record.decisions is not None:
                _write_decisions(session, record, record.decisions)
            for index, note in enumerate(record.notifications):
                key = f"campaign:{record.campaign_id}:{record.seq}:{index}"
                _notify(session, key, note, record.occurred_at)
            session.commit()
        return True

    @activity.defn(name=SEND_CAMPAIGN_REMINDERS)
    def send_campaign_reminders(self, request: ReminderInput) -> ReminderResult:
        """Remind every unit behind schedule (or, at the deadline, tell the coordinator)."""
        with Session(self.engine) as session:
            late = _late_units(session, request.campaign_id)
            for unit in late:
                exists = session.exec(
                    select(CampaignReminder.id).where(
                        CampaignReminder.campaign_id == request.campaign_id,
                        CampaignReminder.kind == request.kind,
                        CampaignReminder.unit_code == unit.unit_code,
                    )
                ).first()
                if exists is None:
                    session.add(
                        CampaignReminder(
                            campaign_id=request.campaign_id,
                            kind=request.kind,
                            unit_code=unit.unit_code,
                            reasons="; ".join(unit.reasons),
                            sent_at=request.occurred_at,
                        )
                    )
                if request.kind != kampanye.KIND_DEADLINE:
                    note = reminder_notification(
                        unit.unit_code, request.kind, request.nama, request.deadline, unit.reasons
                    )
                    key = f"campaign:{request.campaign_id}:{request.kind}:{unit.unit_code}"
                    _notify(session, key, note, request.occurred_at)
            if request.kind == kampanye.KIND_DEADLINE:
                note = late_units_notification(
                    request.coordinator_unit,
                    request.nama,
                    request.deadline,
                    [(u.unit_code, u.reasons) for u in late],
                )
                key = f"campaign:{request.campaign_id}:{request.kind}:koordinator"
                _notify(session, key, note, request.occurred_at)
            session.commit()
        return ReminderResult(late=late)

    @activity.defn(name=CLOSE_CAMPAIGN_REPORT)
    def close_campaign_report(self, request: CloseReportInput) -> bool:
        """Store the Pasal 14 report as it stands at close and tell Bagian Organisasi."""
        with Session(self.engine) as session:
            if session.get(CampaignReport, request.campaign_id) is not None:
                return False
            campaign = session.get(Campaign, request.campaign_id)
            if campaign is None:
                raise RuntimeError(f"campaign {request.campaign_id} is not projected yet")
            data = report(session, campaign, request.occurred_at)
            session.add(
                CampaignReport(
                    campaign_id=request.campaign_id,
                    csv=render_csv(data),
                    html=render_html(data),
                    created_at=request.occurred_at,
                )
            )
            note = report_notification(request.coordinator_unit, request.campaign_id, request.nama)
            _notify(session, f"campaign:{request.campaign_id}:laporan", note, request.occurred_at)
            session.commit()
        return True


def _upsert_campaign(
    session: Session, campaign: Campaign | None, record: CampaignRecord
) -> Campaign:
    header = record.header
    values: dict[str, Any] = dict(
        nama=header.nama,
        deadline=header.deadline,
        status=header.status,
        koordinator_nama=header.koordinator.nama,
        koordinator_nip=header.koordinator.nip,
        koordinator_jabatan=header.koordinator.jabatan,
        coordinator_unit=header.coordinator_unit,
        started_at=header.started_at,
        closed_at=header.closed_at,
    )
    if campaign is None:
        campaign = Campaign(id=record.campaign_id, workflow_id=record.workflow_id, **values)
    else:
        for field, value in values.items():
            setattr(campaign, field, value)
    campaign.last_seq = record.seq
    campaign.updated_at = record.occurred_at
    session.add(campaign)
    return campaign


def _get_unit(session: Session, campaign_id: str, unit_code: str) -> CampaignUnit | None:
    return session.exec(
        select(CampaignUnit).where(
            CampaignUnit.campaign_id == campaign_id, CampaignUnit.unit_code == unit_code
        )
    ).first()


def _upsert_unit(
    session: Session, campaign_id: str, unit_code: str, pj: PenanggungJawab
) -> None:
    row = _get_unit(session, campaign_id, unit_code) or CampaignUnit(
        campaign_id=campaign_id, unit_code=unit_code, penanggung_jawab_jabatan=pj.jabatan
    )
    row.penanggung_jawab_jabatan = pj.jabatan
    row.penanggung_jawab_nama = pj.nama
    row.penanggung_jawab_nip = pj.nip
    row.penanggung_jawab_dasar = pj.dasar
    session.add(row)


def _write_submission(session: Session, record: CampaignRecord, sub: SubmissionRecord) -> None:
    unit = _get_unit(session, record.campaign_id, sub.unit_code)
    if unit is None:
        raise RuntimeError(f"unit {sub.unit_code} is not part of campaign {record.campaign_id}")
    unit.submissions += 1
    unit.submitted_at = record.occurred_at
    if sub.sop_reviu:
        unit.sop_reviu = [*unit.sop_reviu, *(s.model_dump() for s in sub.sop_reviu)]
    session.add(unit)
    for new in sub.rows:
        session.add(
            KebutuhanSop(
                id=new.id,
                campaign_id=record.campaign_id,
                unit_code=new.unit_code,
                no=new.no,
                **new.row.model_dump(),  # kegiatan, judul, perkiraan_output
                status="diusulkan",
                sop_id=new.sop_id,
                submitted_by=sub.aktor.nama,
                submitted_at=record.occurred_at,
            )
        )


def _write_decisions(session: Session, record: CampaignRecord, dec: DecisionsRecord) -> None:
    common = {"decided_by": dec.aktor.nama, "decided_at": record.occurred_at}
    for start in range(0, len(dec.accepted), 500):
        chunk = dec.accepted[start : start + 500]
        session.execute(
            update(KebutuhanSop)
            .where(col(KebutuhanSop.id).in_(chunk))
            .values(status="diterima", alasan=None, **common)
        )
    for row_id, reason in dec.returned.items():
        session.execute(
            update(KebutuhanSop)
            .where(col(KebutuhanSop.id) == row_id)
            .values(status="dikembalikan", alasan=reason, **common)
        )


def _notify(session: Session, key: str, note: NotificationRecord, at: datetime) -> None:
    exists = session.exec(select(Notification.id).where(Notification.dedupe_key == key)).first()
    if exists is not None:
        return
    session.add(
        Notification(
            dedupe_key=key,
            recipient_unit=note.recipient_unit,
            recipient_jabatan=note.recipient_jabatan,
            kind=note.kind,
            subject=note.subject,
            body=note.body,
            created_at=at,
        )
    )


def _late_units(session: Session, campaign_id: str) -> list[LateUnit]:
    """Units behind schedule: no needs form yet, or SOPs of the campaign not yet approved."""
    not_approved: dict[str, int] = defaultdict(int)
    for unit_code, stage, version, n in sops_by_unit_and_stage(session, campaign_id):
        if not kampanye.is_approved(stage, version):
            not_approved[unit_code] += n
    units = session.exec(
        select(CampaignUnit)
        .where(CampaignUnit.campaign_id == campaign_id)
        .order_by(col(CampaignUnit.unit_code))
    ).all()
    late: list[LateUnit] = []
    for unit in units:
        reasons = kampanye.behind_reasons(
            unit.submitted_at is not None, not_approved[unit.unit_code]
        )
        if reasons:
            late.append(LateUnit(unit_code=unit.unit_code, reasons=reasons))
    return late
