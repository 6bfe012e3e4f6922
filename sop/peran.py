"""Roles (peran) of the people who use Siklus SOP, and which of them reach beyond one unit.

The regulation names the actors of the Siklus SOP: the Bagian Organisasi coordinates
(Pasal 8 ayat (2)-(4)), a drafting team writes (Pasal 8 ayat (1)), the parties involved review
(Lampiran I 3.d.1), the official of Pasal 11 signs, pelaksana carry the SOP out (Lampiran I 4),
and the Inspektorat audits. A user holds one or more roles.
"""

from enum import StrEnum

from sop.organisasi import BAGIAN_ORGANISASI


class Peran(StrEnum):
    admin = "admin"
    """Manages users and appointments; no part in any SOP's content."""
    koordinator = "koordinator"
    """Bagian Organisasi (or the Sekretaris of an SKPD for its own unit): starts and tracks."""
    penyusun = "penyusun"
    """Member of a drafting team (tim penyusun) of a unit."""
    reviewer = "reviewer"
    """A party involved that reviews a circulated draft (Lampiran I 3.d.1)."""
    pengesah = "pengesah"
    """An official who may sign by jabatan (Pasal 11): Kepala UPT/SKPD, Sekda, Sekwan, Bupati."""
    pelaksana = "pelaksana"
    """Carries out an SOP: acknowledges it, attends training, writes monitoring notes."""
    auditor = "auditor"
    """Reads everything, changes nothing."""


def spans_units(peran: list[Peran], actor_unit: str | None) -> bool:
    """Whether the holder works across units: the Bagian Organisasi's coordinator works on every
    unit's SOPs (Pasal 8 ayat (2)-(4)); everyone else acts on their own unit's SOPs only."""
    return Peran.koordinator in peran and actor_unit == BAGIAN_ORGANISASI
