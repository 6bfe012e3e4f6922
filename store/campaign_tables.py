"""Read-model tables of drafting campaigns, written only by the campaign activities.

Keys that make every write idempotent: a campaign remembers the last record ``seq`` written;
needs rows have the id the workflow gave them; reminders are unique per
``(campaign_id, kind, unit_code)``; the closing report is unique per campaign.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.columns import timestamp, utcnow


class Campaign(SQLModel, table=True):
    """A kampanye penyusunan SOP started by a coordinator."""

    __tablename__ = "campaigns"

    id: str = Field(primary_key=True, max_length=64)
    workflow_id: str = Field(max_length=100, unique=True)
    nama: str = Field(max_length=300)
    deadline: date
    status: str = Field(max_length=20, index=True)
    koordinator_nama: str = Field(max_length=200)
    koordinator_nip: str | None = Field(default=None, max_length=30)
    koordinator_jabatan: str = Field(max_length=200)
    coordinator_unit: str = Field(max_length=40)
    last_seq: int = 0
    started_at: datetime = timestamp(nullable=False)
    closed_at: datetime | None = timestamp(nullable=True)
    updated_at: datetime = timestamp(nullable=False, default=utcnow)


class CampaignUnit(SQLModel, table=True):
    """A unit taking part in a campaign, its penanggung jawab and its submission."""

    __tablename__ = "campaign_units"
    __table_args__ = (UniqueConstraint("campaign_id", "unit_code"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: str = Field(foreign_key="campaigns.id", index=True, max_length=64)
    unit_code: str = Field(foreign_key="units.code", index=True, max_length=40)
    penanggung_jawab_jabatan: str = Field(max_length=200)
    penanggung_jawab_nama: str | None = Field(default=None, max_length=200)
    penanggung_jawab_nip: str | None = Field(default=None, max_length=30)
    penanggung_jawab_dasar: str | None = Field(default=None, max_length=100)
    submissions: int = 0
    submitted_at: datetime | None = timestamp(nullable=True)
    sop_reviu: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class KebutuhanSop(SQLModel, table=True):
    """One row of a unit's Lampiran II.A form and the coordinator's decision on it."""

    __tablename__ = "campaign_needs"

    id: str = Field(primary_key=True, max_length=64)
    campaign_id: str = Field(foreign_key="campaigns.id", index=True, max_length=64)
    unit_code: str = Field(foreign_key="units.code", index=True, max_length=40)
    no: int
    kegiatan: str = Field(max_length=1000)
    judul: str = Field(max_length=300)
    perkiraan_output: str = Field(max_length=1000)
    status: str = Field(max_length=20, index=True)
    alasan: str | None = Field(default=None, max_length=1000)
    sop_id: str = Field(max_length=64)
    """The SOP this row becomes when accepted (its workflow id derives from it)."""
    submitted_by: str = Field(max_length=200)
    submitted_at: datetime = timestamp(nullable=False)
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = timestamp(nullable=True)


class CampaignReminder(SQLModel, table=True):
    """A reminder sent to a unit behind schedule, or the unit's lateness at the deadline."""

    __tablename__ = "campaign_reminders"
    __table_args__ = (UniqueConstraint("campaign_id", "kind", "unit_code"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: str = Field(foreign_key="campaigns.id", index=True, max_length=64)
    kind: str = Field(max_length=20)
    unit_code: str = Field(max_length=40)
    reasons: str = Field(max_length=2000)
    sent_at: datetime = timestamp(nullable=False)


class CampaignReport(SQLModel, table=True):
    """The Pasal 14 report as it stood when the campaign closed."""

    __tablename__ = "campaign_reports"

    campaign_id: str = Field(primary_key=True, foreign_key="campaigns.id", max_length=64)
    csv: str = Field(sa_column=Column(Text, nullable=False))
    html: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = timestamp(nullable=False)
