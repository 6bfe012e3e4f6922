"""The audit trail end to end on the real dev server: an SOP through two cycles and a revision, then
every auditor question over HTTP (timeline, retained histories, search and exports, diff,
hash chain, consistency)."""

import asyncio
import csv
import hashlib
import io
import json
import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.enums.v1 import EventType
from temporalio.api.workflowservice.v1 import DeleteWorkflowExecutionRequest
from temporalio.client import WorkflowHistory
from temporalio.service import RPCError, RPCStatusCode

from audit.consistency import check_consistency
from sop.evaluasi import HasilEvaluasi
from sop.fixtures import lampiran_2e_example
from sop.waktu import WITA
from store.tables import RunHistory, Sop
from tests.support.lifecycle_driver import (
    PENERAPAN_EVENTS,
    act,
    evaluate,
    kepala_of,
    moves_penulisan_to_pengesahan,
    moves_to_penulisan,
    penyusun_of,
    run_moves,
    start_sop,
    step,
)
from wire.penyusunan import PengesahanInput
from wire.sop import SaveDraftInput
from wire.start import workflow_id_for
from workflows.sop_lifecycle import SopLifecycleWorkflow

UNIT = "DISKOMINFO"
AKTOR = penyusun_of(UNIT)
KEPALA = kepala_of(UNIT).model_copy(
    update={"nama": "H. Kadis Kominfo", "jabatan": "Kepala Dinas Komunikasi dan Informatika"}
)


@pytest.fixture(scope="module")
async def http(signed_in):
    """Every read of this module is an auditor's."""
    return await signed_in("auditor")


async def wait_for_cycle(client, sop_id: str, cycle: int) -> None:
    handle = client.get_workflow_handle(workflow_id_for(sop_id))
    for _ in range(200):
        try:
            if (await handle.query(SopLifecycleWorkflow.view)).cycle == cycle:
                return
        except RPCError:
            pass
        await asyncio.sleep(0.05)
    raise AssertionError(f"SOP {sop_id} did not reach cycle {cycle}")


async def to_berlaku(handle) -> None:
    moves = moves_penulisan_to_pengesahan(UNIT)
    sign = PengesahanInput(aktor=KEPALA, keputusan="sahkan", nomor_keputusan="188.45/7/2026",
                           tanggal_keputusan=datetime(2026, 11, 25).date())
    moves[-1] = moves[-1].__class__(moves[-1].events, moves[-1].update, sign)
    await run_moves(handle, moves)
    for event in PENERAPAN_EVENTS:
        await step(handle, event)


async def exports_of(engine, sop_id: str, count: int) -> list[RunHistory]:
    for _ in range(300):
        with Session(engine) as session:
            rows = session.exec(select(RunHistory).where(RunHistory.sop_id == sop_id)).all()
        if len(rows) >= count:
            return list(rows)
        await asyncio.sleep(0.1)
    raise AssertionError(f"expected {count} exported histories of {sop_id}")


@pytest.fixture(scope="module")
async def lived(dev_env, dev_worker, engine) -> dict:
    """One SOP: cycle 1 (tetap berlaku), cycle 2 (revisi), cycle 3 drafting version 2."""
    client = dev_env.client
    sop_id = uuid.uuid4().hex
    handle = await start_sop(client, sop_id, unit_code=UNIT)
    await run_moves(handle, moves_to_penulisan(UNIT))
    await to_berlaku(handle)
    await act(handle, "mulai_evaluasi")
    await evaluate(handle, HasilEvaluasi.tetap_berlaku)
    await wait_for_cycle(client, sop_id, 2)
    latest = client.get_workflow_handle(workflow_id_for(sop_id))
    await act(latest, "mulai_evaluasi")
    await evaluate(latest, HasilEvaluasi.revisi)
    await wait_for_cycle(client, sop_id, 3)
    latest = client.get_workflow_handle(workflow_id_for(sop_id))
    await run_moves(latest, moves_to_penulisan(UNIT)[4:])
    revised = lampiran_2e_example()
    revised.identitas.nama_sop = "Pelayanan Surat Masuk dan Keluar (revisi)"
    revised.langkah[1].pelaksana = revised.langkah[0].pelaksana
    await latest.execute_update(
        SopLifecycleWorkflow.save_draft,
        SaveDraftInput(aktor=AKTOR, document=revised, note="revisi 1"),
    )
    # Delete the first run from Temporal now: the dev server takes ~30 s to carry it out, and
    # the last test of this module checks its retained copy once it is gone.
    exported = sorted(await exports_of(engine, sop_id, 2), key=lambda r: r.cycle)
    await client.workflow_service.delete_workflow_execution(
        DeleteWorkflowExecutionRequest(
            namespace=client.namespace,
            workflow_execution=WorkflowExecution(
                workflow_id=workflow_id_for(sop_id), run_id=exported[0].run_id
            ),
        )
    )
    return {"sop_id": sop_id, "workflow_id": workflow_id_for(sop_id)}


async def test_timeline_is_complete_and_in_order_across_runs(http, lived):
    sop_id = lived["sop_id"]
    page = (await http.get(f"/api/v1/sops/{sop_id}/timeline", params={"limit": 500})).json()
    items = page["items"]
    assert page["total"] == len(items) > 20
    assert [e["seq"] for e in items] == list(range(1, len(items) + 1))
    assert [e["cycle"] for e in items] == sorted(e["cycle"] for e in items)
    assert {e["cycle"] for e in items} == {1, 2, 3}
    assert len({e["run_id"] for e in items}) == 3
    events = [e["event"] for e in items]
    assert events[0] == "dibuat" and events.count("simpan_draf") == 2
    assert events.index("sahkan") < events.index("berlakukan") < events.index("mulai_evaluasi")
    sahkan = items[events.index("sahkan")]
    assert (sahkan["actor_jabatan"], sahkan["actor_unit"]) == (KEPALA.jabatan, UNIT)
    assert "188.45/7/2026" in sahkan["note"]
    assert sahkan["document_hash"] == lampiran_2e_example().content_hash()
    last = items[-1]
    assert (last["event"], last["document_version"], last["cycle"]) == ("simpan_draf", 2, 3)
    assert all(e["row_hash"] and e["prev_hash"] for e in items)

    second = (await http.get(
        f"/api/v1/sops/{sop_id}/timeline", params={"limit": 5, "offset": 5}
    )).json()
    assert [e["seq"] for e in second["items"]] == [6, 7, 8, 9, 10]
    assert second["total"] == page["total"]

    only = (await http.get(f"/api/v1/sops/{sop_id}/timeline",
                          params={"event": ["sahkan", "berlakukan"]})).json()
    assert [e["event"] for e in only["items"]] == ["sahkan", "berlakukan"]
    by_actor = (await http.get(f"/api/v1/sops/{sop_id}/timeline",
                              params={"actor": "kadis"})).json()
    assert [e["event"] for e in by_actor["items"]] == ["sahkan"]
    today = datetime.now(WITA).date()
    window = {"from": str(today - timedelta(days=1)), "to": str(today + timedelta(days=1))}
    assert (await http.get(f"/api/v1/sops/{sop_id}/timeline", params=window)).json()[
        "total"
    ] == page["total"]
    future = {"from": str(today + timedelta(days=2))}
    assert (await http.get(f"/api/v1/sops/{sop_id}/timeline", params=future)).json()[
        "total"
    ] == 0


async def test_timeline_refuses_bad_filters_and_unknown_sops(http, lived):
    sop_id = lived["sop_id"]
    bad_event = await http.get(f"/api/v1/sops/{sop_id}/timeline", params={"event": "terbang"})
    assert bad_event.status_code == 422
    assert "terbang" in bad_event.json()["detail"]["message"]
    backwards = await http.get(
        f"/api/v1/sops/{sop_id}/timeline", params={"from": "2026-02-01", "to": "2026-01-01"}
    )
    assert backwards.status_code == 422
    assert (await http.get(f"/api/v1/sops/{uuid.uuid4().hex}/timeline")).status_code == 404


async def test_search_sahkan_by_the_head_in_the_year_exports_csv_and_json(http, lived):
    year = datetime.now(WITA).year
    params = {"event": "sahkan", "jabatan": "Kepala Dinas Komunikasi",
              "from": f"{year}-01-01", "to": f"{year}-12-31"}
    page = (await http.get("/api/v1/audit/events", params={**params, "limit": 500})).json()
    assert lived["sop_id"] in {e["sop_id"] for e in page["items"]}
    assert all(e["event"] == "sahkan" and "Kepala Dinas Komunikasi" in e["actor_jabatan"]
               for e in page["items"])

    as_json = await http.get("/api/v1/audit/events", params={**params, "format": "json"})
    as_csv = await http.get("/api/v1/audit/events", params={**params, "format": "csv"})
    assert as_json.status_code == as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows_json = json.loads(as_json.text)["items"]
    rows_csv = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(rows_json) == len(rows_csv) == page["total"]
    for j, c in zip(rows_json, rows_csv, strict=True):
        assert (c["sop_id"], int(c["seq"]), c["event"], c["actor_nama"], c["row_hash"]) == (
            j["sop_id"], j["seq"], j["event"], j["actor_nama"], j["row_hash"]
        )
        assert datetime.fromisoformat(c["occurred_at"]) == datetime.fromisoformat(
            j["occurred_at"]
        )

    by_unit = (await http.get("/api/v1/audit/events", params={"unit": UNIT, "limit": 500})).json()
    assert lived["sop_id"] in {e["sop_id"] for e in by_unit["items"]}
    other_unit = (await http.get(
        "/api/v1/audit/events", params={"unit": "DINKES", "actor": "Kadis Kominfo"}
    )).json()
    assert lived["sop_id"] not in {e["sop_id"] for e in other_unit["items"]}


async def test_overdue_evaluations(http, lived, engine):
    with Session(engine) as session:
        due = session.get(Sop, lived["sop_id"]).evaluation_due
    assert due is not None
    late = {"days": 90, "as_of": str(due + timedelta(days=91))}
    found = (await http.get("/api/v1/audit/overdue-evaluations", params=late)).json()
    mine = [s for s in found if s["sop_id"] == lived["sop_id"]]
    assert [s["days_overdue"] for s in mine] == [91]
    not_yet = {"days": 91, "as_of": str(due + timedelta(days=91))}
    found = (await http.get("/api/v1/audit/overdue-evaluations", params=not_yet)).json()
    assert lived["sop_id"] not in {s["sop_id"] for s in found}
    as_csv = await http.get("/api/v1/audit/overdue-evaluations", params={**late, "format": "csv"})
    assert lived["sop_id"] in {r["sop_id"] for r in csv.DictReader(io.StringIO(as_csv.text))}


async def test_version_diff(http, lived):
    sop_id = lived["sop_id"]
    response = await http.get(f"/api/v1/sops/{sop_id}/versions/1/diff/2")
    assert response.status_code == 200, response.text
    diff = response.json()
    assert [(c["field"], c["after"]) for c in diff["identitas"]] == [
        ("nama_sop", "Pelayanan Surat Masuk dan Keluar (revisi)")
    ]
    assert [(s["change"], s["no_before"], [f["field"] for f in s["fields"]])
            for s in diff["langkah"]] == [("changed", 2, ["pelaksana"])]
    assert (await http.get(f"/api/v1/sops/{sop_id}/versions/1/diff/9")).status_code == 404


async def test_verify_endpoint_passes_then_names_an_edited_row(http, lived, engine):
    sop_id = lived["sop_id"]
    report = (await http.get("/api/v1/audit/verify", params={"sop_id": sop_id})).json()
    assert report["ok"] and report["rows_checked"] > 20
    with engine.begin() as connection:
        original = connection.execute(
            text("SELECT note FROM sop_events WHERE sop_id = :s AND seq = 7"), {"s": sop_id}
        ).scalar_one()
        connection.execute(
            text("UPDATE sop_events SET note = 'diubah diam-diam' WHERE sop_id = :s AND seq = 7"),
            {"s": sop_id},
        )
    try:
        report = (await http.get("/api/v1/audit/verify", params={"sop_id": sop_id})).json()
        assert not report["ok"]
        assert [(b["sop_id"], b["seq"]) for b in report["breaks"]] == [(sop_id, 7)]
    finally:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE sop_events SET note = :n WHERE sop_id = :s AND seq = 7"),
                {"n": original, "s": sop_id},
            )
    assert (await http.get("/api/v1/audit/verify", params={"sop_id": sop_id})).json()["ok"]


async def test_consistency_finds_a_planted_mismatch(http, lived, engine, dev_env):
    client = dev_env.client
    done_id = uuid.uuid4().hex  # a completed SOP is compared with its final result
    done = await start_sop(client, done_id, unit_code=UNIT)
    for event in ["selesaikan_pengumpulan_data", "selesaikan_persiapan",
                  "nyatakan_tidak_diperlukan"]:
        await act(done, event)
    await done.result()
    ids = [lived["sop_id"], done_id]

    clean = await check_consistency(client, engine, ids)
    assert (clean.ok, clean.checked, clean.differences, clean.skipped) == (True, 2, [], [])

    with engine.begin() as connection:
        connection.execute(
            text("UPDATE sops SET step = 'pengesahan', revision = 7 WHERE id = :s"),
            {"s": lived["sop_id"]},
        )
    try:
        planted = await check_consistency(client, engine, ids)
        assert not planted.ok
        assert {(d.sop_id, d.field, d.read_model) for d in planted.differences} == {
            (lived["sop_id"], "step", "pengesahan"), (lived["sop_id"], "revision", 7)
        }
        over_http = (await http.get("/api/v1/audit/consistency",
                                   params={"sop_id": ids})).json()
        assert {d["field"] for d in over_http["differences"]} == {"step", "revision"}
    finally:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE sops SET step = 'penulisan', revision = 1 WHERE id = :s"),
                {"s": lived["sop_id"]},
            )
    assert (await check_consistency(client, engine, ids)).ok


async def test_consistency_skips_a_workflow_temporal_no_longer_has(engine, dev_env, dev_worker):
    ghost = uuid.uuid4().hex
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO sops (id, workflow_id, unit_code, nama_sop, stage, step, allowed_events,"
            " revision, cycle, last_seq, created_at, updated_at) VALUES (:i, :w, 'UMUM', 'Hantu',"
            " 'persiapan', 'pengumpulan_data', '[]', 0, 1, 0, :t, :t)"),
            {"i": ghost, "w": workflow_id_for(ghost), "t": datetime.now(WITA)},
        )
    try:
        report = await check_consistency(dev_env.client, engine, [ghost])
        assert report.ok and report.differences == []
        assert [s.sop_id for s in report.skipped] == [ghost]
        assert "tidak ada lagi" in report.skipped[0].reason
    finally:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM sops WHERE id = :i"), {"i": ghost})


async def test_retained_history_outlives_its_temporal_run(http, lived, engine, dev_env):
    sop_id = lived["sop_id"]
    listed = (await http.get(f"/api/v1/sops/{sop_id}/histories")).json()
    assert [(h["cycle"], h["status"]) for h in listed] == [
        (1, "CONTINUED_AS_NEW"), (2, "CONTINUED_AS_NEW")
    ]
    first = listed[0]

    client = dev_env.client
    gone = client.get_workflow_handle(lived["workflow_id"], run_id=first["run_id"])
    for _ in range(900):  # deletion is asynchronous (about 30 s on the dev server)
        try:
            await gone.fetch_history()
        except RPCError as err:
            assert err.status == RPCStatusCode.NOT_FOUND
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the run was not deleted from Temporal")

    response = await http.get(f"/api/v1/sops/{sop_id}/histories/{first['run_id']}")
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == first["sha256"]
    history = WorkflowHistory.from_json(lived["workflow_id"], response.text)
    assert len(history.events) == first["event_count"]
    assert history.events[-1].event_type == (
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
    )
    missing = await http.get(f"/api/v1/sops/{sop_id}/histories/{uuid.uuid4()}")
    assert missing.status_code == 404
