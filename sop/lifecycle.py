"""The Siklus SOP of Pasal 10, with the steps of Lampiran I, as a pure state chart.

Pasal 10 (1): persiapan -> penilaian kebutuhan -> penyusunan -> penerapan -> monitoring dan
evaluasi. Each stage is a compound state whose children are the steps Lampiran I names; a stage
ends in a final child and ``done_state_<stage>`` moves on to the next stage by itself.

This module is pure: no I/O, no clock, no Temporal. ``SopLifecycleWorkflow`` rehydrates it from
the stored step (``SopLifecycle(start_value=step)``) and sends it the events users perform.
The chart has no callbacks on purpose: rehydrating with ``start_value`` re-enters states, so
every side effect lives in the workflow, which knows whether a transition is new.
"""

from functools import cache
from typing import Any, cast

from statemachine import State, StateChart


class SopLifecycle(StateChart):
    """One SOP's life. Event names are the actions a user takes, in the regulation's words."""

    # An event that is not allowed now must fail loudly, never be swallowed.
    allow_event_without_transition = False
    catch_errors_as_events = False

    class persiapan(State.Compound):
        """Lampiran I 1: data on the running procedure is collected and analysed."""

        pengumpulan_data = State(initial=True)
        analisis_prosedur = State()
        persiapan_selesai = State(final=True)

        selesaikan_pengumpulan_data = pengumpulan_data.to(analisis_prosedur)
        selesaikan_persiapan = analisis_prosedur.to(persiapan_selesai)

    class penilaian_kebutuhan(State.Compound):
        """Lampiran I 2: the need for the SOP is assessed; if needed it enters the list."""

        penilaian = State(initial=True)
        daftar_sop = State()
        penilaian_selesai = State(final=True)

        nyatakan_diperlukan = penilaian.to(daftar_sop)
        tetapkan_daftar_sop = daftar_sop.to(penilaian_selesai)

    class penyusunan(State.Compound):
        """Lampiran I 3: information, analysis, writing, testing and review, pengesahan.

        The back-edges are Lampiran I 3.d (review and simulation may send the drafter back to
        data collection or analysis, or ask for a better text) and 3.e (the approving official
        may send the draft back to writing).
        """

        pengumpulan_informasi = State(initial=True)
        analisis_alternatif = State()
        penulisan = State()
        pengujian_reviu = State()
        pengesahan = State()
        disahkan = State(final=True)

        selesaikan_pengumpulan_informasi = pengumpulan_informasi.to(analisis_alternatif)
        pilih_alternatif = analisis_alternatif.to(penulisan)
        ajukan_reviu = penulisan.to(pengujian_reviu)
        perbaiki_tulisan = pengujian_reviu.to(penulisan)
        kembali_ke_analisis = pengujian_reviu.to(analisis_alternatif)
        kembali_ke_pengumpulan_informasi = pengujian_reviu.to(pengumpulan_informasi)
        ajukan_pengesahan = pengujian_reviu.to(pengesahan)
        sahkan = pengesahan.to(disahkan)
        kembalikan_ke_penulisan = pengesahan.to(penulisan)

    class penerapan(State.Compound):
        """Lampiran I 4.a-4.d: planning, announcement, distribution, optional training."""

        perencanaan = State(initial=True)
        pemberitahuan = State()
        distribusi = State()
        pelatihan = State()
        berlaku = State(final=True)

        sosialisasikan = perencanaan.to(pemberitahuan)
        distribusikan = pemberitahuan.to(distribusi)
        mulai_pelatihan = distribusi.to(pelatihan)
        berlakukan = distribusi.to(berlaku) | pelatihan.to(berlaku)

    class monev(State.Compound):
        """Lampiran I 4.e and Pasal 12-13: monitoring, then evaluation at least every 2 years."""

        monitoring = State(initial=True)
        evaluasi = State()

        mulai_evaluasi = monitoring.to(evaluasi)
        # Sent by the workflow's timer, not by a person (see SYSTEM_EVENTS).
        evaluasi_jatuh_tempo = monitoring.to(evaluasi)
        # Outcome "tetap berlaku": a new evaluation cycle begins (continue-as-new).
        tetap_berlaku = evaluasi.to(monitoring)

    tidak_diperlukan = State(final=True)
    dicabut = State(final=True)

    nyatakan_tidak_diperlukan = penilaian_kebutuhan.penilaian.to(tidak_diperlukan)
    # Outcome "revisi": back to penyusunan as a new revision.
    revisi = monev.evaluasi.to(penyusunan)
    # Outcome "dicabut": the SOP is retired; its history stays.
    cabut = monev.evaluasi.to(dicabut)

    done_state_persiapan = persiapan.to(penilaian_kebutuhan)
    done_state_penilaian_kebutuhan = penilaian_kebutuhan.to(penyusunan)
    done_state_penyusunan = penyusunan.to(penerapan)
    done_state_penerapan = penerapan.to(monev)


STAGES: tuple[str, ...] = (
    "persiapan",
    "penilaian_kebutuhan",
    "penyusunan",
    "penerapan",
    "monev",
)
"""The five stages of Pasal 10 (1), in order."""

FINAL_STATES: frozenset[str] = frozenset({"tidak_diperlukan", "dicabut"})

SYSTEM_EVENTS: frozenset[str] = frozenset({"evaluasi_jatuh_tempo"})
"""Events only the workflow itself may send (timers), never a user."""

_AUTOMATIC_PREFIXES = ("done_state_", "done.state.")

# On the class, the metaclass answers the declared events (mypy sees the instance property).
_DECLARED_EVENTS = cast(list[Any], SopLifecycle.events)

USER_EVENTS: tuple[str, ...] = tuple(
    e.id
    for e in _DECLARED_EVENTS
    if not e.id.startswith(_AUTOMATIC_PREFIXES) and e.id not in SYSTEM_EVENTS
)
"""Every event a person can perform, in declaration order."""


def leaf_step(chart: SopLifecycle) -> str:
    """The innermost active state: the step the SOP is at."""
    values = list(chart.configuration_values)
    return str(values[-1])


def stage_of(step: str) -> str:
    """The Pasal 10 stage a step belongs to (a final top-level state is its own stage)."""
    state = SopLifecycle.states_map[step]
    while state.parent is not None:
        state = state.parent
    return str(state.id)


def allowed_user_events(chart: SopLifecycle) -> list[str]:
    """What a person may do now: automatic and system events filtered out, order stable."""
    allowed = {e.id for e in chart.allowed_events}
    return [e for e in USER_EVENTS if e in allowed]


@cache
def _allowed_at(step: str) -> tuple[str, ...]:
    return tuple(allowed_user_events(restore(step)))


def allowed_user_events_at(step: str) -> list[str]:
    """``allowed_user_events(restore(step))``, memoised per step.

    The chart is pure, so the answer depends on the step alone; rebuilding a chart for every
    question cost about 8% of the worker's CPU under load (bench/lifecycle.py, py-spy).
    """
    return list(_allowed_at(step))


def restore(step: str) -> SopLifecycle:
    """Rehydrate the chart at a stored step (parents are restored with it)."""
    if step not in SopLifecycle.states_map:
        raise ValueError(f"unknown step {step!r}")
    return SopLifecycle(start_value=step)


def apply(step: str, event: str) -> str:
    """Pure transition function: the step reached from ``step`` by ``event``.

    Raises ``SopLifecycle.TransitionNotAllowed`` when the event is not allowed at ``step``.
    """
    chart = restore(step)
    chart.send(event)
    return leaf_step(chart)


def initial_step() -> str:
    return leaf_step(SopLifecycle())
