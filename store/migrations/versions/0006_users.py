"""users: accounts, Plt./Plh. appointments, refresh tokens, refused sign-ins, access log"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0006_users", "0001"
branch_labels = depends_on = None


def _ts(name: str, nullable: bool) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("username", sa.String(length=80), nullable=False, unique=True),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=True),
        sa.Column("jabatan", sa.String(length=200), nullable=False),
        sa.Column("kode_jabatan", sa.String(length=40), nullable=True),
        sa.Column("unit_code", sa.String(length=40), sa.ForeignKey("units.code"), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        _ts("created_at", False),
        _ts("updated_at", False),
    )
    op.create_index("ix_users_unit_code", "users", ["unit_code"])

    op.create_table(
        "penugasan",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("user_id", sa.String(length=32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("jenis", sa.String(length=3), nullable=False),
        sa.Column("unit_code", sa.String(length=40), sa.ForeignKey("units.code"), nullable=False),
        sa.Column("kode_jabatan", sa.String(length=40), nullable=True),
        sa.Column("jabatan", sa.String(length=200), nullable=False),
        sa.Column("mulai", sa.Date(), nullable=False),
        sa.Column("sampai", sa.Date(), nullable=False),
        sa.Column("nomor_keputusan", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        _ts("created_at", False),
    )
    op.create_index("ix_penugasan_user_id", "penugasan", ["user_id"])

    op.create_table(
        "refresh_tokens",
        sa.Column("jti", sa.String(length=64), primary_key=True),
        sa.Column("user_id", sa.String(length=32), sa.ForeignKey("users.id"), nullable=False),
        _ts("issued_at", False),
        _ts("expires_at", False),
        _ts("revoked_at", True),
        sa.Column("replaced_by", sa.String(length=64), nullable=True),
    )
    op.create_index("ix_refresh_tokens_user_id", "refresh_tokens", ["user_id"])

    op.create_table(
        "signin_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        _ts("at", False),
    )
    for name in ("username", "address", "at"):
        op.create_index(f"ix_signin_failures_{name}", "signin_failures", [name])

    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        _ts("at", False),
        sa.Column("username", sa.String(length=80), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
    )
    for name in ("at", "username", "status"):
        op.create_index(f"ix_access_log_{name}", "access_log", [name])


def downgrade() -> None:
    for name in ("status", "username", "at"):
        op.drop_index(f"ix_access_log_{name}", table_name="access_log")
    op.drop_table("access_log")
    for name in ("at", "address", "username"):
        op.drop_index(f"ix_signin_failures_{name}", table_name="signin_failures")
    op.drop_table("signin_failures")
    op.drop_index("ix_refresh_tokens_user_id", table_name="refresh_tokens")
    op.drop_table("refresh_tokens")
    op.drop_index("ix_penugasan_user_id", table_name="penugasan")
    op.drop_table("penugasan")
    op.drop_index("ix_users_unit_code", table_name="users")
    op.drop_table("users")
