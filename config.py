"""The one place where Siklus SOP reads its environment (pydantic-settings)."""

from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent
DATA_DIR = PROJECT_ROOT / ".data"
JWT_SECRET_FILE = DATA_DIR / "jwt-secret"
JWT_SECRET_MIN_LENGTH = 32
ACTOR_CLAIM_KEY_FILE = DATA_DIR / "actor-claim-key"


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
    # Sign-in. JWT_SECRET signs the tokens (HS256); the API refuses to start without
    # it. ``make dev`` generates one into .data/jwt-secret.
    jwt_secret: SecretStr | None = None
    access_token_minutes: int = 15
    refresh_token_days: int = 7
    # ACTOR_CLAIM_KEY (at least 32 characters): the API signs every actor it sends to the
    # workflows with it and the worker's validators refuse actors not signed with it (an
    # unsigned or tampered actor sent to Temporal directly). The API and the worker must
    # hold the same key. ``make dev`` generates one into .data/actor-claim-key.
    actor_claim_key: SecretStr | None = None
    # Failed sign-ins allowed inside the window: per account from one client address (a
    # mistyping user locks only herself, at her desk), per account from every address, and
    # per address across every account (password spraying from one place).
    signin_max_failures: int = 5
    signin_max_failures_per_account: int = 20
    signin_max_failures_per_address: int = 50
    signin_window_minutes: int = 15
    # Reverse proxies (addresses or CIDRs, as a JSON list) whose X-Forwarded-For names the
    # client. Empty: the header is ignored and the connecting peer is the client.
    trusted_proxies: list[str] = []


@lru_cache
def get_settings() -> Settings:
    return Settings()


class MissingSigningKey(RuntimeError):
    """JWT_SECRET is not set (or too short): the API cannot issue or check tokens."""


def signing_key(settings: Settings) -> str:
    """The key that signs tokens; raises ``MissingSigningKey`` with the fix in its message."""
    secret = settings.jwt_secret.get_secret_value() if settings.jwt_secret else ""
    if len(secret) < JWT_SECRET_MIN_LENGTH:
        raise MissingSigningKey(
            "JWT_SECRET belum diatur atau kurang dari "
            f"{JWT_SECRET_MIN_LENGTH} karakter; API tidak dapat dijalankan. Buat kunci dengan "
            '`python -c "import secrets; print(secrets.token_urlsafe(48))"` dan simpan di '
            "variabel lingkungan JWT_SECRET (`make dev` membuatnya sendiri di "
            f"{JWT_SECRET_FILE})."
        )
    return secret
