"""The one place where Siklus SOP reads its environment (pydantic-settings)."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent
DATA_DIR = PROJECT_ROOT / ".data"


class Settings(BaseSettings):
    """Settings shared by the worker, the API and the CLI.

    Every field can be overridden by an environment variable of the same name
    (``DATABASE_URL``, ``TEMPORAL_ADDRESS`` ...).
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{DATA_DIR / 'siklus.db'}"
    temporal_address: str = "localhost:7233"
    temporal_namespace: str = "default"
    task_queue: str = "siklus-sop"
    # Workflows a worker keeps in memory between tasks (the SDK's default). An evicted SOP
    # is replayed from history on its next task, so a parked SOP costs the worker nothing.
    worker_max_cached_workflows: int = 1000
    # Outgoing email (reminders, notifications). No host: the in-app inbox only.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_from: str = "Siklus SOP <siklus-sop@balangan.test>"


@lru_cache
def get_settings() -> Settings:
    return Settings()
