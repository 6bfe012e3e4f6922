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


@dataclass(frozen=True)
class SopFacts:
    step: str
    current_version: int | None


def action_problems(event: str, facts: SopFacts) -> list[str]:
    problems: list[str] = []
    if event in _NEEDS_DOCUMENT and facts.current_version is None:
        problems.append(
            "Belum ada draf dokumen SOP yang tersimpan; simpan draf terlebih dahulu "
            "(POST .../versions)."
        )
    return problems


def save_draft_problems(facts: SopFacts) -> list[str]:
    if facts.step in DRAFT_STEPS:
        return []
    allowed = ", ".join(sorted(DRAFT_STEPS))
    return [
        f"Draf hanya dapat disimpan pada tahap penyusunan ({allowed}); "
        f"SOP ini sedang pada langkah {facts.step}."
    ]
