"""sops: link to the campaign and needs row that created the SOP (Pasal 9 e)"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0003_sop_campaign_link", "0001"
branch_labels = depends_on = None


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
