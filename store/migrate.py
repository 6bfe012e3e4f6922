"""Schema management: Alembic, configured in code so no alembic.ini needs to be found."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from config import get_settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url or get_settings().database_url)
    return cfg


def upgrade(url: str | None = None) -> None:
    """Bring the database at ``url`` (default: Settings.database_url) to the newest schema."""
    command.upgrade(alembic_config(url), "heads")


def revision(message: str, url: str | None = None) -> None:
    """Autogenerate a migration from the difference between the tables and the database."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
