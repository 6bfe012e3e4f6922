"""What must be true, beyond the state chart, before an action is accepted.

The chart says which events exist at a step; these rules look at the SOP's data. Each rule
returns the problems in Bahasa Indonesia so the user knows what to do; an empty list means go.
"""

from dataclasses import dataclass

# The steps of each record and the refusal of an event that has its own update are rows of the
# table of events (sop.peristiwa).
from sop.peristiwa import DEDICATED_EVENTS, DRAFT_STEPS, RECORD_STEPS

_NEEDS_DOCUMENT: frozenset[str] = frozenset({"ajukan_reviu", "ajukan_pengesahan", "sahkan"})


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
