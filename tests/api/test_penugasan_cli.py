"""``siklus penugasan list|end|cancel`` on the test database."""

from datetime import timedelta

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

import store.engine
from api.auth import today_wita
from api.user_schemas import PenugasanCreate, UserCreate
from api.user_service import add_penugasan, create_user
from cli import app
from tests.support.auth_helpers import unique

pytestmark = pytest.mark.usefixtures("demo_users")


def appointment(session: Session, user_id: str, start_in_days: int) -> str:
    start = today_wita() + timedelta(days=start_in_days)
    made = add_penugasan(session, user_id, PenugasanCreate(
        jenis="plt", unit_code="DINKES", kode_jabatan="kepala_skpd",
        jabatan="Kepala Dinas Kesehatan", mulai=start, sampai=start + timedelta(days=10),
        nomor_keputusan="800/1/BKPSDM/2026"), created_by="admin")
    return made.id


def test_list_end_and_cancel(engine, monkeypatch):
    monkeypatch.setattr(store.engine, "get_engine", lambda: engine)
    with Session(engine) as session:
        user = create_user(session, UserCreate(
            username=unique("plt"), password="kata-sandi-uji-yang-panjang", nama="Drs. Yusuf",
            jabatan="Sekretaris Dinas Kesehatan", kode_jabatan="sekretaris",
            unit_code="DINKES", roles=["pengesah"]))
        username = user.username
        running = appointment(session, user.id, start_in_days=-1)
        later = appointment(session, user.id, start_in_days=5)
    runner = CliRunner()

    listed = runner.invoke(app, ["penugasan", "list"])
    assert listed.exit_code == 0, listed.output
    assert running in listed.output and later in listed.output
    assert "Plt. Kepala Dinas Kesehatan (DINKES)" in listed.output

    refused = runner.invoke(app, ["penugasan", "end", later, "--alasan", "x"])
    assert refused.exit_code == 1 and "batalkan" in refused.output
    ended = runner.invoke(app, ["penugasan", "end", running, "--alasan", "Definitif dilantik"])
    assert ended.exit_code == 0, ended.output
    assert "diakhiri oleh cli:" in ended.output
    cancelled = runner.invoke(app, ["penugasan", "cancel", later, "--alasan", "Batal cuti"])
    assert cancelled.exit_code == 0, cancelled.output

    after = runner.invoke(app, ["penugasan", "list"])
    assert running not in after.output and later not in after.output
    history = runner.invoke(app, ["penugasan", "list", "--user", username])
    assert "diakhiri oleh cli:" in history.output and "dibatalkan oleh cli:" in history.output
    missing = runner.invoke(app, ["penugasan", "end", "0" * 32, "--alasan", "x"])
    assert missing.exit_code == 1 and "tidak ditemukan" in missing.output
