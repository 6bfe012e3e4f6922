"""sops: link to the campaign and needs row that created the SOP (Pasal 9 e)

Revision ID: 0003_sop_campaign_link
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0003_sop_campaign_link"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sops") as batch:
        batch.add_column(sa.Column("campaign_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("kebutuhan_id", sa.String(length=64), nullable=True))
        batch.create_index("ix_sops_campaign_id", ["campaign_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sops") as batch:
        batch.drop_index("ix_sops_campaign_id")
        batch.drop_column("kebutuhan_id")
        batch.drop_column("campaign_id")
