"""penyusunan: scope, SOP number and the Keputusan of pengesahan on the SOP row

Revision ID: 0007_penyusunan
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0007_penyusunan"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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
