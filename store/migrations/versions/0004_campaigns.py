"""campaigns: drafting campaigns, their units, needs rows, reminders and closing reports"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0004_campaigns", "0001"
branch_labels = depends_on = None


def _ts(name: str, nullable: bool) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("workflow_id", sa.String(length=100), nullable=False, unique=True),
        sa.Column("nama", sa.String(length=300), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("koordinator_nama", sa.String(length=200), nullable=False),
        sa.Column("koordinator_nip", sa.String(length=30), nullable=True),
        sa.Column("koordinator_jabatan", sa.String(length=200), nullable=False),
        sa.Column("coordinator_unit", sa.String(length=40), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        _ts("started_at", False),
        _ts("closed_at", True),
        _ts("updated_at", False),
    )
    op.create_index("ix_campaigns_status", "campaigns", ["status"])

    op.create_table(
        "campaign_units",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("campaign_id", sa.String(length=64), sa.ForeignKey("campaigns.id"),
                  nullable=False),
        sa.Column("unit_code", sa.String(length=40), sa.ForeignKey("units.code"), nullable=False),
        sa.Column("penanggung_jawab_jabatan", sa.String(length=200), nullable=False),
        sa.Column("penanggung_jawab_nama", sa.String(length=200), nullable=True),
        sa.Column("penanggung_jawab_nip", sa.String(length=30), nullable=True),
        sa.Column("penanggung_jawab_dasar", sa.String(length=100), nullable=True),
        sa.Column("submissions", sa.Integer(), nullable=False),
        _ts("submitted_at", True),
        sa.Column("sop_reviu", sa.JSON(), nullable=False),
        sa.UniqueConstraint("campaign_id", "unit_code"),
    )
    op.create_index("ix_campaign_units_campaign_id", "campaign_units", ["campaign_id"])
    op.create_index("ix_campaign_units_unit_code", "campaign_units", ["unit_code"])

    op.create_table(
        "campaign_needs",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("campaign_id", sa.String(length=64), sa.ForeignKey("campaigns.id"),
                  nullable=False),
        sa.Column("unit_code", sa.String(length=40), sa.ForeignKey("units.code"), nullable=False),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("kegiatan", sa.String(length=1000), nullable=False),
        sa.Column("judul", sa.String(length=300), nullable=False),
        sa.Column("perkiraan_output", sa.String(length=1000), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("alasan", sa.String(length=1000), nullable=True),
        sa.Column("sop_id", sa.String(length=64), nullable=False),
        sa.Column("submitted_by", sa.String(length=200), nullable=False),
        _ts("submitted_at", False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        _ts("decided_at", True),
    )
    op.create_index("ix_campaign_needs_campaign_id", "campaign_needs", ["campaign_id"])
    op.create_index("ix_campaign_needs_unit_code", "campaign_needs", ["unit_code"])
    op.create_index("ix_campaign_needs_status", "campaign_needs", ["status"])

    op.create_table(
        "campaign_reminders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("campaign_id", sa.String(length=64), sa.ForeignKey("campaigns.id"),
                  nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("reasons", sa.String(length=2000), nullable=False),
        _ts("sent_at", False),
        sa.UniqueConstraint("campaign_id", "kind", "unit_code"),
    )
    op.create_index("ix_campaign_reminders_campaign_id", "campaign_reminders", ["campaign_id"])

    op.create_table(
        "campaign_reports",
        sa.Column("campaign_id", sa.String(length=64), sa.ForeignKey("campaigns.id"),
                  primary_key=True),
        sa.Column("csv", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        _ts("created_at", False),
    )


def downgrade() -> None:
    op.drop_table("campaign_reports")
    op.drop_index("ix_campaign_reminders_campaign_id", table_name="campaign_reminders")
    op.drop_table("campaign_reminders")
    for name in ("status", "unit_code", "campaign_id"):
        op.drop_index(f"ix_campaign_needs_{name}", table_name="campaign_needs")
    op.drop_table("campaign_needs")
    op.drop_index("ix_campaign_units_unit_code", table_name="campaign_units")
    op.drop_index("ix_campaign_units_campaign_id", table_name="campaign_units")
    op.drop_table("campaign_units")
    op.drop_index("ix_campaigns_status", table_name="campaigns")
    op.drop_table("campaigns")
