"""penugasan: ending a Plt./Plh. appointment early, or cancelling it (who, when, why)"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0008_penugasan_akhir", "0006_users"
branch_labels = depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("penugasan") as batch:
        batch.add_column(sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("ended_by", sa.String(length=80), nullable=True))
        batch.add_column(sa.Column("end_reason", sa.String(length=500), nullable=True))
        batch.add_column(
            sa.Column("cancelled", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("penugasan") as batch:
        for column in ("cancelled", "end_reason", "ended_by", "ended_at"):
            batch.drop_column(column)
