"""The state chart alone: every event at every step, legal and illegal (no Temporal)."""

import pytest

from sop import lifecycle
from sop.lifecycle import SopLifecycle

# The whole transition table, written out by hand from Pasal 10 and Lampiran I.
# (step, event) -> step reached. Everything absent from this table must be refused.
EXPECTED: dict[tuple[str, str], str] = {
    ("pengumpulan_data", "selesaikan_pengumpulan_data"): "analisis_prosedur",
    ("analisis_prosedur", "selesaikan_persiapan"): "penilaian",
    ("penilaian", "nyatakan_diperlukan"): "daftar_sop",
    ("penilaian", "nyatakan_tidak_diperlukan"): "tidak_diperlukan",
    ("daftar_sop", "tetapkan_daftar_sop"): "pengumpulan_informasi",
    ("pengumpulan_informasi", "selesaikan_pengumpulan_informasi"): "analisis_alternatif",
    ("analisis_alternatif", "pilih_alternatif"): "penulisan",
    ("penulisan", "ajukan_reviu"): "pengujian_reviu",
    ("pengujian_reviu", "perbaiki_tulisan"): "penulisan",
    ("pengujian_reviu", "kembali_ke_analisis"): "analisis_alternatif",
    ("pengujian_reviu", "kembali_ke_pengumpulan_informasi"): "pengumpulan_informasi",
    ("pengujian_reviu", "ajukan_pengesahan"): "pengesahan",
    ("pengesahan", "sahkan"): "perencanaan",
    ("pengesahan", "kembalikan_ke_penulisan"): "penulisan",
    ("perencanaan", "sosialisasikan"): "pemberitahuan",
    ("pemberitahuan", "distribusikan"): "distribusi",
    ("distribusi", "mulai_pelatihan"): "pelatihan",
    ("distribusi", "berlakukan"): "monitoring",
    ("pelatihan", "berlakukan"): "monitoring",
    ("monitoring", "mulai_evaluasi"): "evaluasi",
    ("monitoring", "evaluasi_jatuh_tempo"): "evaluasi",
    ("evaluasi", "tetap_berlaku"): "monitoring",
    ("evaluasi", "revisi"): "pengumpulan_informasi",
    ("evaluasi", "cabut"): "dicabut",
}

# Steps an SOP can rest at (final children pass on at once and are never stored).
RESTING_STEPS = sorted({step for step, _ in EXPECTED} | lifecycle.FINAL_STATES)
ALL_EVENTS = [*lifecycle.USER_EVENTS, *sorted(lifecycle.SYSTEM_EVENTS)]


@pytest.mark.parametrize(("step", "event"), [(s, e) for s in RESTING_STEPS for e in ALL_EVENTS])
def test_every_event_at_every_step(step: str, event: str) -> None:
    expected = EXPECTED.get((step, event))
    if expected is None:
        with pytest.raises(SopLifecycle.TransitionNotAllowed):
            lifecycle.apply(step, event)
    else:
        assert lifecycle.apply(step, event) == expected


@pytest.mark.parametrize("step", RESTING_STEPS)
def test_allowed_events_match_the_table(step: str) -> None:
    chart = lifecycle.restore(step)
    expected = {e for (s, e) in EXPECTED if s == step} - lifecycle.SYSTEM_EVENTS
    assert set(lifecycle.allowed_user_events(chart)) == expected


def test_stages_follow_pasal_10() -> None:
    assert lifecycle.STAGES == (
        "persiapan",
        "penilaian_kebutuhan",
        "penyusunan",
        "penerapan",
        "monev",
    )
    assert lifecycle.initial_step() == "pengumpulan_data"
    assert [
        lifecycle.stage_of(s)
        for s in (
            "analisis_prosedur",
            "daftar_sop",
            "pengesahan",
            "pelatihan",
            "evaluasi",
            "dicabut",
        )
    ] == ["persiapan", "penilaian_kebutuhan", "penyusunan", "penerapan", "monev", "dicabut"]


def test_automatic_events_are_never_offered() -> None:
    chart = lifecycle.restore("monitoring")
    assert lifecycle.allowed_user_events(chart) == ["mulai_evaluasi"]
    assert all(not e.startswith("done") for e in lifecycle.USER_EVENTS)


def test_restore_refuses_an_unknown_step() -> None:
    with pytest.raises(ValueError, match="unknown step"):
        lifecycle.restore("tidak_ada")


def test_diagram_is_current() -> None:
    """docs/lifecycle.md is generated from the chart; regenerate with `make diagram`."""
    from cli import DIAGRAM_PATH
    from sop.diagram import markdown

    assert DIAGRAM_PATH.read_text(encoding="utf-8") == markdown()
