"""The real process tree (Temporal dev server, worker.py, uvicorn) on free ports, for fault tests
and benchmarks.

Every process runs in its own session with stdout/stderr in ``<data_dir>/<name>.log``, so a test
can SIGKILL one of them exactly as a crash would, start it again on the same files and ports, and
read the logs when something fails. ``Stack`` is a context manager: leaving it kills every process
it started, also when the test fails.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from config import PROJECT_ROOT
from deploy.binaries import temporal_cli
from deploy.dev import temporal_command
from store.engine import make_engine
from store.migrate import upgrade
from store.seed import seed_units
from store.seed_users import seed_demo_users

READY_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Stack:
    """One Siklus SOP deployment in ``data_dir``: temporal.db (WAL), siklus.db, logs."""

    data_dir: Path
    temporal_port: int = field(default_factory=free_port)
    api_port: int = field(default_factory=free_port)
    task_queue: str = "siklus-sop"
    extra_env: dict[str, str] = field(default_factory=dict)
    # The API refuses to start without its signing keys (tokens, and actors for the worker's
    # validators); benchmarks run outside the test session, so the stack makes its own.
    jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    actor_claim_key: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    # ------------------------------------------------------------ addresses

    @property
    def temporal_address(self) -> str:
        return f"127.0.0.1:{self.temporal_port}"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def temporal_db(self) -> Path:
        return self.data_dir / "temporal.db"

    @property
    def read_model_db(self) -> Path:
        return self.data_dir / "siklus.db"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.read_model_db}"

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "TEMPORAL_ADDRESS": self.temporal_address,
            "TASK_QUEUE": self.task_queue,
            "JWT_SECRET": os.environ.get("JWT_SECRET") or self.jwt_secret,
            "ACTOR_CLAIM_KEY": os.environ.get("ACTOR_CLAIM_KEY") or self.actor_claim_key,
            **self.extra_env,
        }

    # ------------------------------------------------------------ processes

    def prepare_database(self) -> None:
        """Migrate and seed the read model (what ``make dev`` does before starting)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        upgrade(self.database_url)
        engine = make_engine(self.database_url)
        seed_units(engine)
        seed_demo_users(engine)
        engine.dispose()

    def start_server(self, wait: bool = True) -> None:
        command = temporal_command(
            str(self.temporal_db), self.temporal_port, 0, headless=True
        )
        self._spawn("temporal", command)
        if wait:
            self.wait_server()

    def start_worker(self, name: str = "worker", args: tuple[str, ...] = ("worker.py",)) -> None:
        """worker.py by default; the benchmarks start their bare worker the same way."""
        self._spawn(name, [sys.executable, *args])

    def start_api(self, wait: bool = True) -> None:
        self._spawn(
            "api",
            [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1",
             "--port", str(self.api_port), "--log-level", "warning"],
        )
        if wait:
            self.wait_api()

    def start_all(self) -> "Stack":
        self.prepare_database()
        self.start_server()
        self.start_worker()
        self.start_api()
        self.wait_worker()
        return self

    def kill(self, name: str) -> None:
        """SIGKILL, as a crash would: no shutdown hook runs."""
        proc = self.procs.pop(name, None)
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)

    def stop(self) -> None:
        for name in reversed(list(self.procs)):
            self.kill(name)

    def pid(self, name: str) -> int:
        return self.procs[name].pid

    def log(self, name: str) -> str:
        path = self.data_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def __enter__(self) -> "Stack":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ readiness

    def wait_server(self) -> None:
        """Until the frontend answers for the default namespace (the port opens earlier)."""
        command = [
            temporal_cli(), "operator", "namespace", "describe", "default",
            "--address", self.temporal_address,
        ]
        self._wait(
            "temporal",
            lambda: subprocess.run(command, capture_output=True, timeout=10).returncode == 0,
        )

    def wait_worker(self, name: str = "worker") -> None:
        # worker.py logs this line right before it starts polling.
        self._wait(name, lambda: "listening on task queue" in self.log(name))

    def wait_api(self) -> None:
        def healthy() -> bool:
            try:
                return httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        self._wait("api", healthy)

    # ------------------------------------------------------------ internals

    def _spawn(self, name: str, command: list[str]) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if name in self.procs and self.procs[name].poll() is None:
            raise RuntimeError(f"{name} is already running")
        with open(self.data_dir / f"{name}.log", "ab") as log:
            # A session of its own: a Ctrl-C in the terminal does not reach the child, the
            # Stack alone decides when it dies.
            self.procs[name] = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=log,
                start_new_session=True,
            )

    def _wait(self, name: str, ready: Callable[[], bool]) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            proc = self.procs.get(name)
            if proc is not None and proc.poll() is not None:
                tail = self.log(name)[-3000:]
                raise RuntimeError(f"{name} exited with {proc.returncode}:\n{tail}")
            if ready():
                return
            time.sleep(0.1)
        raise TimeoutError(f"{name} not ready in {READY_TIMEOUT:.0f} s:\n{self.log(name)[-3000:]}")
