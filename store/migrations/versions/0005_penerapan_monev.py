"""penerapan and monev: event payloads, unit email addresses, emailed notifications"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0005_penerapan_monev", "0001"
branch_labels = depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sop_events") as batch:
        batch.add_column(sa.Column("payload", sa.JSON(), nullable=True))
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("email", sa.String(length=200), nullable=True))
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("emailed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("emailed_at")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("email")
    with op.batch_alter_table("sop_events") as batch:
        batch.drop_column("payload")
