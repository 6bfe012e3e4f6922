"""Fault (d): the API process dies (SIGKILL) while action requests are in flight; the clients
retry with the same Idempotency-Key against a new API process and each action is applied once.

To have requests truly mid-flight, the test holds the read model's write lock: the workflows
accept the updates and wait on their projection activity, so the API is still waiting on
Temporal when it is killed.
"""

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from temporalio.api.enums.v1 import EventType

from store.seed_users import DEMO_PASSWORD
from tests.support.fault_driver import connect_to
from tests.support.stack import Stack
from wire.start import workflow_id_for

SOPS = 5
EVENT = "selesaikan_pengumpulan_data"


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    with Stack(tmp_path / "stack") as stack:
        yield stack.start_all()


async def _accepted(client, sop_id: str, update_id: str) -> bool:  # type: ignore[no-untyped-def]
    history = await client.get_workflow_handle(workflow_id_for(sop_id)).fetch_history()
    return any(
        e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
        and e.workflow_execution_update_accepted_event_attributes.accepted_request
        .meta.update_id == update_id
        for e in history.events
    )


async def _sign_in(api_url: str) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=api_url, timeout=30) as http:
        response = await http.post(
            "/api/v1/auth/token", data={"username": "koordinator", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def _post_until_answered(
    url: str, key: str, deadline: float, auth: dict[str, str]
) -> httpx.Response:
    """What a careful client does: retry on connection errors with the same key."""
    async with httpx.AsyncClient(timeout=30, headers=auth) as http:
        while True:
            try:
                return await http.post(url, json={}, headers={"Idempotency-Key": key})
            except httpx.TransportError:
                if asyncio.get_running_loop().time() > deadline:
                    raise
                await asyncio.sleep(0.2)


async def test_api_restart_mid_request_applies_each_action_once(stack: Stack) -> None:
    client = await connect_to(stack.temporal_address)
    auth = await _sign_in(stack.api_url)
    async with httpx.AsyncClient(base_url=stack.api_url, timeout=30, headers=auth) as http:
        sop_ids = []
        for index in range(SOPS):
            created = await http.post(
                "/api/v1/sops",
                json={"unit_code": "UMUM", "nama_sop": f"Surat Masuk {index}"},
            )
            assert created.status_code == 201, created.text
            sop_ids.append(created.json()["id"])

        keys = {sop_id: f"{sop_id}-{EVENT}" for sop_id in sop_ids}
        lock = sqlite3.connect(stack.read_model_db, timeout=30, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        try:
            in_flight = [
                asyncio.create_task(
                    http.post(
                        f"/api/v1/sops/{sop_id}/actions/{EVENT}",
                        json={},
                        headers={"Idempotency-Key": keys[sop_id]},
                    )
                )
                for sop_id in sop_ids
            ]
            for _ in range(100):
                accepted = [await _accepted(client, s, keys[s]) for s in sop_ids]
                if all(accepted):
                    break
                await asyncio.sleep(0.1)
            assert all(accepted), "every update must be accepted before the API dies"
            assert not any(task.done() for task in in_flight), "requests must still be waiting"
            stack.kill("api")
            outcomes = await asyncio.gather(*in_flight, return_exceptions=True)
            assert all(isinstance(o, httpx.TransportError) for o in outcomes), outcomes
        finally:
            lock.execute("ROLLBACK")
            lock.close()

    stack.start_api(wait=False)
    deadline = asyncio.get_running_loop().time() + 40
    retries = await asyncio.gather(
        *(
            _post_until_answered(
                f"{stack.api_url}/api/v1/sops/{sop_id}/actions/{EVENT}",
                keys[sop_id],
                deadline,
                auth,
            )
            for sop_id in sop_ids
        )
    )
    assert [r.status_code for r in retries] == [200] * SOPS, [r.text for r in retries]
    assert {r.json()["seq"] for r in retries} == {2}

    async with httpx.AsyncClient(base_url=stack.api_url, timeout=30, headers=auth) as http:
        for sop_id in sop_ids:
            events = (await http.get(f"/api/v1/sops/{sop_id}/events")).json()
            assert [(e["seq"], e["event"]) for e in events] == [(1, "dibuat"), (2, EVENT)]
