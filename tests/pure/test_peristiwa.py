"""The table of events (sop.peristiwa) covers every chart event and every committed kind."""

import ast
from pathlib import Path

import pytest

from sop import lifecycle
from sop.evaluasi import HasilEvaluasi
from sop.peristiwa import (
    ACT,
    CAMPAIGN_EVENTS,
    DEDICATED_EVENTS,
    NEW_CYCLE_EVENTS,
    RECORD_STEPS,
    RIPPLE_EVENTS,
    SIFAT,
    Jenis,
    Peristiwa,
    jalur,
    jalur_at,
)
from sop.simulasi import EVENT_HASIL
from sop.wewenang import Tindakan, tindakan_of

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"
CHART_EVENTS = {
    e.id for e in lifecycle.SopLifecycle.events if not e.id.startswith(("done_state_", "done."))
}
COMMITTING = {"commit", "record", "move", "next_record", "_record"}
"""The calls through which a workflow part commits a kind (its first argument)."""


def test_every_kind_has_exactly_one_row() -> None:
    assert set(SIFAT) == set(Peristiwa)


def test_every_chart_event_has_a_row_and_every_step_row_is_a_chart_event() -> None:
    steps = {p.value for p, s in SIFAT.items() if s.jenis is Jenis.langkah}
    assert steps == CHART_EVENTS


def test_system_chart_events_are_those_no_person_performs() -> None:
    system = {p.value for p, s in SIFAT.items() if s.jenis is Jenis.langkah and s.tindakan is None}
    assert system == set(lifecycle.SYSTEM_EVENTS)


def _committed_names(path: Path) -> set[str]:
    """The kinds a workflow source commits: ``P.x`` / ``Peristiwa.x`` or a string literal as
    the first argument of a committing call. Anything else must be a ``P(...)`` conversion or
    the loop over ``CAMPAIGN_EVENTS``; the ledger converts every kind to ``Peristiwa`` at run
    time, so a name outside the table fails there too."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in COMMITTING or not node.args:
            continue
        first = node.args[0]
        if isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name):
            assert first.value.id in ("P", "Peristiwa"), ast.unparse(node)
            found.add(first.attr)
        elif isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.add(first.value)
        elif isinstance(first, ast.Call):
            assert ast.unparse(first.func) in ("P", "Peristiwa"), ast.unparse(node)
        else:
            assert ast.unparse(first) in ("event", "kind", "records"), ast.unparse(node)
    return found


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.py")), ids=lambda p: p.name)
def test_every_kind_a_workflow_commits_has_a_row(path: Path) -> None:
    names = _committed_names(path)
    assert names <= {p.value for p in Peristiwa}, names - {p.value for p in Peristiwa}


def test_the_sop_workflow_commits_what_the_table_lists() -> None:
    committed = set().union(
        *(_committed_names(p) for p in WORKFLOWS.glob("*.py") if not p.name.startswith("campaign"))
    )
    # Kinds sent by a value the request carries: a simulation's outcome, the evaluation's.
    dynamic = {e for e in EVENT_HASIL.values() if e} | {h.value for h in HasilEvaluasi}
    dynamic |= set(CAMPAIGN_EVENTS) | (CHART_EVENTS - set(lifecycle.SYSTEM_EVENTS))  # act
    sop_rows = {p.value for p, s in SIFAT.items() if s.jenis is not Jenis.kampanye}
    assert dynamic <= sop_rows
    assert committed | dynamic == sop_rows


def test_the_campaign_workflow_commits_its_rows() -> None:
    committed = set().union(*(_committed_names(p) for p in WORKFLOWS.glob("campaign*.py")))
    assert committed == {p.value for p, s in SIFAT.items() if s.jenis is Jenis.kampanye}


def test_derived_sets_keep_their_members() -> None:
    assert RIPPLE_EVENTS == {"revisi", "cabut"}
    assert NEW_CYCLE_EVENTS == {"tetap_berlaku", "revisi"}
    assert CAMPAIGN_EVENTS == (
        "selesaikan_pengumpulan_data",
        "selesaikan_persiapan",
        "nyatakan_diperlukan",
        "tetapkan_daftar_sop",
    )
    assert set(RECORD_STEPS) <= {p for p, s in SIFAT.items() if s.jenis is Jenis.catatan}
    assert RECORD_STEPS["jawaban_reviu"] == {"pengujian_reviu"}
    assert set(DEDICATED_EVENTS) == {
        "pilih_alternatif",
        "ajukan_reviu",
        "perbaiki_tulisan",
        "kembali_ke_analisis",
        "kembali_ke_pengumpulan_informasi",
        "ajukan_pengesahan",
        "sahkan",
        "kembalikan_ke_penulisan",
        "tetap_berlaku",
        "revisi",
        "cabut",
    }
    assert "POST .../reviews" in DEDICATED_EVENTS["ajukan_reviu"]


def test_authority_of_each_event() -> None:
    assert tindakan_of("sahkan") is Tindakan.pengesahan
    assert tindakan_of("jawaban_reviu") is Tindakan.reviu
    assert tindakan_of("pernyataan_paham") is Tindakan.paham
    assert tindakan_of("catatan_simulasi") is Tindakan.draf
    # A system event asked for by a person is judged as drafting, then refused by the chart.
    assert tindakan_of("evaluasi_jatuh_tempo") is Tindakan.draf


def test_each_allowed_event_says_how_it_is_performed() -> None:
    for step in lifecycle.SopLifecycle.states_map:
        for event in lifecycle.allowed_user_events_at(step):
            route = jalur(event)
            assert route is not None, event
            assert route.lewat_act == (event not in DEDICATED_EVENTS), event
    penulisan = {j.event: j for j in jalur_at("penulisan")}
    assert penulisan["ajukan_reviu"].update == "submit_review"
    assert penulisan["ajukan_reviu"].rute == "POST /api/v1/sops/{sop_id}/reviews"
    first = jalur_at("pengumpulan_data")
    assert [(j.event, j.update) for j in first] == [("selesaikan_pengumpulan_data", ACT)]
    assert first[0].rute == "POST /api/v1/sops/{sop_id}/actions/selesaikan_pengumpulan_data"
    assert {j.update for j in jalur_at("evaluasi")} == {"submit_evaluation"}
    assert jalur("evaluasi_jatuh_tempo") is None and jalur("bukan_peristiwa") is None
