"""penyusunan: scope, SOP number and the Keputusan of pengesahan on the SOP row"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0007_penyusunan", "0001"
branch_labels = depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sops") as batch:
        batch.add_column(
            sa.Column("lingkup", sa.String(length=20), nullable=False, server_default="unit")
        )
        batch.add_column(sa.Column("nomor_sop", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("tanggal_pengesahan", sa.Date(), nullable=True))
        batch.add_column(sa.Column("tanggal_revisi", sa.Date(), nullable=True))
        batch.add_column(sa.Column("nomor_keputusan", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sops") as batch:
        for column in (
            "nomor_keputusan",
            "tanggal_revisi",
            "tanggal_pengesahan",
            "nomor_sop",
            "lingkup",
        ):
            batch.drop_column(column)
