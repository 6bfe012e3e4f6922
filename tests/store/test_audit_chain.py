"""The audit rows of each SOP form a hash chain that names the first tampered row."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

import audit.cli
from activities.projections import ProjectionActivities
from cli import app as cli_app
from store.chain import GENESIS, event_content, row_hash, verify_chains
from store.engine import make_engine
from store.migrate import alembic_config, upgrade
from store.tables import SopEvent
from wire.projection import SopSnapshot, TransitionRecord

T0 = datetime(2026, 3, 2, 1, 30, 15, 123456, tzinfo=UTC)
EVENTS = ["dibuat", "selesaikan_pengumpulan_data", "selesaikan_persiapan", "nyatakan_diperlukan",
          "tetapkan_daftar_sop"]



def record(sop_id: str, seq: int, event: str, payload: dict | None = None) -> TransitionRecord:
    return TransitionRecord(
        sop_id=sop_id, workflow_id=f"sop-{sop_id}", seq=seq, cycle=1, run_id="run-1",
        event=event, from_step=None, to_step="pengumpulan_data", from_stage=None,
        to_stage="persiapan", actor_nama="Hj. Noor", actor_nip="197501012000032001",
        actor_jabatan="Kabag Organisasi", actor_unit="ORG", note=f"catatan {seq}",
        document_version=None, document_hash=None, idempotency_key=f"k-{seq}",
        occurred_at=T0 + timedelta(minutes=seq), payload=payload,
        snapshot=SopSnapshot(
            unit_code="UMUM", nama_sop="Pelayanan Surat Masuk", stage="persiapan",
            step="pengumpulan_data", allowed_events=[], revision=0, cycle=1,
            current_version=None, effective_version=None, tanggal_berlaku=None,
            last_evaluation=None, evaluation_due=None,
        ),
    )


def write_sop(engine: Engine, events: list[str] = EVENTS) -> str:
    sop_id = uuid.uuid4().hex
    projections = ProjectionActivities(engine)
    for seq, event in enumerate(events, start=1):
        assert projections.record_transition(record(sop_id, seq, event, {"nilai": [4, 3]}))
    return sop_id


def rows_of(engine: Engine, sop_id: str) -> list[SopEvent]:
    with Session(engine) as session:
        query = select(SopEvent).where(SopEvent.sop_id == sop_id).order_by(SopEvent.seq)
        return list(session.exec(query).all())


def test_projection_links_every_row_to_the_previous_one(db):
    sop_id, other = write_sop(db), write_sop(db, EVENTS[:2])
    rows = rows_of(db, sop_id)
    assert rows[0].prev_hash == GENESIS
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.prev_hash == before.row_hash
    for row in rows:
        assert row.row_hash == row_hash(row.prev_hash, event_content(row))
    # A retried projection writes nothing and leaves the chain whole.
    assert ProjectionActivities(db).record_transition(record(sop_id, 2, EVENTS[1])) is False
    report = verify_chains(db)
    assert (report.ok, report.sops_checked, report.rows_checked) == (True, 2, 7)
    assert verify_chains(db, [other]).rows_checked == 2


def test_an_edited_row_is_named(db):
    sop_id, untouched = write_sop(db), write_sop(db)
    with db.begin() as connection:
        connection.execute(
            text("UPDATE sop_events SET actor_jabatan = 'Sekretaris Daerah' "
                 "WHERE sop_id = :s AND seq = 3"), {"s": sop_id},
        )
    report = verify_chains(db)
    assert not report.ok
    assert [(b.sop_id, b.seq) for b in report.breaks] == [(sop_id, 3)]
    assert "diubah" in report.breaks[0].problem
    assert verify_chains(db, [untouched]).ok


def test_an_edited_payload_is_named(db):
    sop_id = write_sop(db)
    with db.begin() as connection:
        connection.execute(
            text("UPDATE sop_events SET payload = :p WHERE sop_id = :s AND seq = 4"),
            {"p": '{"nilai": [5, 5]}', "s": sop_id},
        )
    assert [b.seq for b in verify_chains(db).breaks] == [4]


def test_a_rehashed_edit_breaks_the_next_link(db):
    sop_id = write_sop(db)
    row = rows_of(db, sop_id)[1]
    forged = {**event_content(row), "note": "dipalsukan"}
    with db.begin() as connection:
        connection.execute(
            text("UPDATE sop_events SET note = 'dipalsukan', row_hash = :h WHERE id = :i"),
            {"h": row_hash(row.prev_hash or "", forged), "i": row.id},
        )
    report = verify_chains(db)
    assert [b.seq for b in report.breaks] == [3]
    assert "prev_hash" in report.breaks[0].problem


@pytest.mark.parametrize("deleted, named", [(2, 2), (1, 1), (5, 5)])
def test_a_deleted_row_is_named(db, deleted, named):
    sop_id = write_sop(db)
    with db.begin() as connection:
        connection.execute(
            text("DELETE FROM sop_events WHERE sop_id = :s AND seq = :q"),
            {"s": sop_id, "q": deleted},
        )
    report = verify_chains(db)
    assert [(b.sop_id, b.seq) for b in report.breaks] == [(sop_id, named)]
    assert "hilang" in report.breaks[0].problem


def test_cli_verify_exits_1_and_names_the_row(db, monkeypatch):
    sop_id = write_sop(db)
    monkeypatch.setattr(audit.cli, "_engine", lambda: db)
    runner = CliRunner()
    clean = runner.invoke(cli_app, ["audit", "verify"])
    assert clean.exit_code == 0, clean.output
    assert "0 rantai rusak" in clean.output
    with db.begin() as connection:
        connection.execute(text("UPDATE sop_events SET note = 'x' WHERE seq = 2"))
    broken = runner.invoke(cli_app, ["audit", "verify", "--sop", sop_id])
    assert broken.exit_code == 1
    assert f"SOP {sop_id}  seq 2" in broken.output


def test_migration_chains_rows_written_before_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0001")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO units (code, name, jenis) VALUES ('UMUM', 'Umum', 'bagian')")
        )
        connection.execute(text(
            "INSERT INTO sops (id, workflow_id, unit_code, nama_sop, stage, step, allowed_events,"
            " revision, cycle, last_seq, created_at, updated_at) VALUES ('s1', 'sop-s1', 'UMUM',"
            " 'Surat', 'persiapan', 'analisis_prosedur', '[]', 0, 1, 2, :t, :t)"), {"t": T0},
        )
        for seq in (1, 2):
            connection.execute(text(
                "INSERT INTO sop_events (sop_id, seq, cycle, run_id, event, to_step, to_stage,"
                " actor_nama, note, occurred_at) VALUES ('s1', :q, 1, 'r', 'dibuat', 'x', 'y',"
                " 'Siti', '', :t)"), {"q": seq, "t": T0 + timedelta(seconds=seq)},
            )
    upgrade(url)
    report = verify_chains(engine)
    assert (report.ok, report.rows_checked) == (True, 2)
    assert rows_of(engine, "s1")[0].prev_hash == GENESIS
