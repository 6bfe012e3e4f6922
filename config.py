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
    # Seconds a projection activity may take before Temporal retries it.
    activity_timeout_seconds: float = 30.0


@lru_cache
def get_settings() -> Settings:
    return Settings()
