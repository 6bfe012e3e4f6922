"""penerapan and monev: event payloads, unit email addresses, emailed notifications

Revision ID: 0005_penerapan_monev
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0005_penerapan_monev"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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
