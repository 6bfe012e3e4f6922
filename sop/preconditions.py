"""What must be true, beyond the state chart, before an action is accepted.

The chart says which events exist at a step; these rules look at the SOP's data. Each rule
returns the problems in Bahasa Indonesia so the user knows what to do; an empty list means go.
"""

from dataclasses import dataclass

DRAFT_STEPS: frozenset[str] = frozenset(
    {"pengumpulan_informasi", "analisis_alternatif", "penulisan"}
)
"""Steps of penyusunan (Lampiran I 3.a-3.c) in which the drafter may save a new draft.

Under review (3.d) and pengesahan (3.e) the circulated version is frozen, so that reviewers
and the official sign off exactly what they read.
"""

_NEEDS_DOCUMENT: frozenset[str] = frozenset({"ajukan_reviu", "ajukan_pengesahan", "sahkan"})

EVALUATION_OUTCOMES: frozenset[str] = frozenset({"tetap_berlaku", "revisi", "cabut"})
"""Lampiran I 4.e.b: an outcome is decided by the evaluation form, never by a bare action."""

RECORD_STEPS: dict[str, frozenset[str]] = {
    # Lampiran I 3.a: information is gathered, also when review sends the drafter back.
    "catatan_informasi": frozenset({"pengumpulan_informasi"}),
    # Scope and context may be set until the draft leaves the drafter's hands.
    "konteks_penyusunan": DRAFT_STEPS,
    # Pasal 7: the format is settled while writing.
    "pilihan_format": frozenset({"penulisan"}),
    # Lampiran I 3.d: answers, delegations and the coordinator's decisions on a round, and
    # simulations that leave the SOP where it is.
    **{
        kind: frozenset({"pengujian_reviu"})
        for kind in (
            "jawaban_reviu",
            "delegasi_reviu",
            "perpanjangan_reviu",
            "catatan_simulasi",
        )
    },
    # Lampiran I 4.a: the plan is made while planning.
    "rencana_penerapan": frozenset({"perencanaan"}),
    # Lampiran I 4.d: training sessions happen during pelatihan.
    "sesi_pelatihan": frozenset({"pelatihan"}),
    # A pelaksana can state they understood the SOP once it has been distributed.
    "pernyataan_paham": frozenset({"distribusi", "pelatihan", "monitoring", "evaluasi"}),
    # Lampiran I 4.e.a: monitoring notes belong to the monev stage.
    "catatan_monitoring": frozenset({"monitoring", "evaluasi"}),
}


_EVALUATION_FORM = (
    "Hasil evaluasi dicatat melalui formulir evaluasi (POST .../evaluations) yang "
    "memuat 7 pertanyaan substansi dan 6 pertanyaan proses (Lampiran I 4.e.b)."
)
_SIMULATION = (
    "Langkah ini ditentukan oleh hasil simulasi (Lampiran I 3.d.2-3): catat simulasi beserta "
    "hasilnya melalui POST .../simulations."
)

DEDICATED_EVENTS: dict[str, str] = {
    "pilih_alternatif": "Alternatif prosedur dipilih beserta alasannya (Lampiran I 3.b) "
    "melalui POST .../alternatif.",
    "ajukan_reviu": "Draf diedarkan untuk reviu (Lampiran I 3.d.1) melalui POST .../reviews "
    "dengan versi draf yang diedarkan.",
    "perbaiki_tulisan": _SIMULATION + " Hasil reviu yang meminta perbaikan mengembalikan "
    "draf ke penulisan dengan sendirinya.",
    "kembali_ke_analisis": _SIMULATION,
    "kembali_ke_pengumpulan_informasi": _SIMULATION,
    "ajukan_pengesahan": _SIMULATION,
    "sahkan": "Pengesahan dilakukan oleh pejabat pengesah (Pasal 11) melalui "
    "POST .../pengesahan dengan nomor dan tanggal keputusan.",
    "kembalikan_ke_penulisan": "Pejabat pengesah mengembalikan draf beserta alasannya melalui "
    "POST .../pengesahan.",
    **{event: _EVALUATION_FORM for event in EVALUATION_OUTCOMES},
}
"""Events that carry a record (a choice, a review, a simulation, a Keputusan, a form) and so
are performed only through their own update, never as a bare action."""


@dataclass(frozen=True)
class SopFacts:
    step: str
    current_version: int | None
    has_plan: bool = False
    training_planned: bool = False
    training_sessions: int = 0
    information_records: int = 0


def action_problems(event: str, facts: SopFacts, dedicated: bool = False) -> list[str]:
    """What stops ``event`` now; ``dedicated`` is True when its own update sends it."""
    problems: list[str] = []
    if event in _NEEDS_DOCUMENT and facts.current_version is None:
        problems.append(
            "Belum ada draf dokumen SOP yang tersimpan; simpan draf terlebih dahulu "
            "(POST .../versions)."
        )
    if event in DEDICATED_EVENTS and not dedicated:
        problems.append(DEDICATED_EVENTS[event])
    if event == "selesaikan_pengumpulan_informasi" and facts.information_records == 0:
        problems.append(
            "Belum ada catatan pengumpulan informasi (Lampiran I 3.a); catat teknik yang "
            "digunakan beserta tanggal, peserta dan temuannya (POST .../informasi)."
        )
    if event == "sosialisasikan" and not facts.has_plan:
        problems.append(
            "Rencana penerapan belum ditetapkan (Lampiran I 4.a); isi rencana penerapan "
            "terlebih dahulu (POST .../implementation-plan)."
        )
    if event == "berlakukan" and facts.step == "distribusi" and facts.training_planned:
        problems.append(
            "Rencana penerapan mensyaratkan pelatihan; lakukan 'mulai_pelatihan' terlebih dahulu."
        )
    if event == "berlakukan" and facts.step == "pelatihan" and facts.training_sessions == 0:
        problems.append(
            "Belum ada sesi pelatihan yang dicatat; catat sesi pelatihan beserta daftar hadir."
        )
    return problems


def record_problems(kind: str, facts: SopFacts) -> list[str]:
    steps = RECORD_STEPS[kind]
    if facts.step in steps:
        return []
    return [
        f"Catatan '{kind}' hanya dapat dibuat pada langkah {', '.join(sorted(steps))}; "
        f"SOP ini sedang pada langkah {facts.step}."
    ]


def save_draft_problems(facts: SopFacts) -> list[str]:
    if facts.step in DRAFT_STEPS:
        return []
    allowed = ", ".join(sorted(DRAFT_STEPS))
    return [
        f"Draf hanya dapat disimpan pada tahap penyusunan ({allowed}); "
        f"SOP ini sedang pada langkah {facts.step}."
    ]
