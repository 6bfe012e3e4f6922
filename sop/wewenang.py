"""Who may act on an SOP (authority): Pasal 11 for pengesahan, the roles for the rest.

Every authority rule is a pure function here, called by the workflows' update validators
(before anything reaches the history) and again under the workflow's lock, so a client that
talks to Temporal directly with a forged actor is refused by the same rules as the API's users.
"""

from sop.organisasi import BAGIAN_ORGANISASI, Jabatan, JenisUnit, LingkupSop, kepala_unit
from sop.pasal11 import check_pengesah, pejabat_pengesah
from sop.peran import Peran, spans_units
from sop.peristiwa import SIFAT, Tindakan
from sop.reviu import TugasReviu

__all__ = ["Tindakan"]  # re-exported: the table of events (sop.peristiwa) is its home

_OFFICES_OF_THE_REGENCY = frozenset({Jabatan.bupati, Jabatan.sekretaris_daerah})
"""Offices that exist once in the regency: whoever holds one holds it whatever unit they sit in."""


def pengesah_refusal(
    jenis_unit: JenisUnit | str | None,
    lingkup: LingkupSop,
    sop_unit: str,
    kode_jabatan: Jabatan | None,
    actor_unit: str | None,
) -> str | None:
    """``None`` when the actor is the official Pasal 11 names for this SOP; else why not.

    ``kode_jabatan`` and ``actor_unit`` are the office the actor holds (their own, or the one
    they act for as Plt./Plh.). A head of unit signs only SOPs of their own unit.
    """
    if jenis_unit is None:
        return (
            "Jenis unit kerja pemilik SOP tidak diketahui, sehingga pejabat pengesah menurut "
            "Pasal 11 tidak dapat ditentukan; hubungi Bagian Organisasi."
        )
    jenis = JenisUnit(jenis_unit)
    refusal = check_pengesah(jenis, lingkup, kode_jabatan or "tanpa jabatan struktural")
    if refusal:
        return refusal
    benar = pejabat_pengesah(jenis, lingkup)
    if benar.jabatan in _OFFICES_OF_THE_REGENCY:
        return None
    if actor_unit != sop_unit:
        return (
            f"SOP ini harus disahkan oleh {benar.sebutan} unit kerja {sop_unit} "
            f"({benar.dasar}); Anda tercatat pada unit {actor_unit or '-'}."
        )
    return None


# Roles and scope ---------------------------------------------------------------------------

_LABEL: dict[Tindakan, str] = {
    Tindakan.buat: "membuat SOP",
    Tindakan.langkah: "menjalankan tahap persiapan dan penilaian kebutuhan",
    Tindakan.draf: "menyusun draf SOP",
    Tindakan.reviu: "mereviu draf SOP",
    Tindakan.pengesahan: "mengesahkan SOP",
    Tindakan.penerapan: "menerapkan SOP",
    Tindakan.paham: "menyatakan paham atas SOP",
    Tindakan.monitoring: "mencatat monitoring SOP",
    Tindakan.evaluasi: "mengevaluasi SOP",
}

_DRAFTERS = frozenset({Peran.penyusun, Peran.koordinator})
_ANYONE_ACTING = frozenset(Peran) - {Peran.admin, Peran.auditor}

ROLES_FOR: dict[Tindakan, frozenset[Peran]] = {
    Tindakan.buat: _DRAFTERS,
    Tindakan.langkah: _DRAFTERS,
    Tindakan.draf: _DRAFTERS,
    Tindakan.reviu: _ANYONE_ACTING,
    Tindakan.pengesahan: _ANYONE_ACTING,
    Tindakan.penerapan: _DRAFTERS,
    Tindakan.paham: _ANYONE_ACTING,
    Tindakan.monitoring: _DRAFTERS | {Peran.pelaksana},
    Tindakan.evaluasi: _DRAFTERS,
}
"""Who may act at all. The admin manages users and the auditor reads: neither acts on SOPs."""

CROSS_UNIT: frozenset[Tindakan] = frozenset({Tindakan.reviu, Tindakan.pengesahan, Tindakan.paham})
"""Actions whose own rule names the unit (review parties, Pasal 11, target units)."""

TINDAKAN_OF: dict[str, Tindakan] = {
    event: row.tindakan for event, row in SIFAT.items() if row.tindakan is not None
}
"""The kind of every event and record a person performs (read from ``sop.peristiwa``)."""


def tindakan_of(event: str) -> Tindakan:
    """The authority ``event`` needs. A system event or an unknown name asked for by a person
    is judged as drafting work, and then refused by the chart (no person may send it)."""
    return TINDAKAN_OF.get(event, Tindakan.draf)


def role_refusal(
    tindakan: Tindakan, peran: list[Peran], actor_unit: str | None, sop_unit: str
) -> str | None:
    """``None`` when a holder of ``peran`` in ``actor_unit`` may do ``tindakan`` on an SOP of
    ``sop_unit``; otherwise what stops them, in Indonesian."""
    allowed = ROLES_FOR[tindakan]
    if allowed.isdisjoint(peran):
        held = ", ".join(Peran(p).value for p in peran) or "tanpa peran"
        needed = ", ".join(sorted(p.value for p in allowed))
        return (
            f"Peran Anda ({held}) tidak berwenang {_LABEL[tindakan]}; diperlukan salah satu "
            f"peran: {needed}."
        )
    if tindakan in CROSS_UNIT or actor_unit == sop_unit or spans_units(peran, actor_unit):
        return None
    return (
        f"Anda hanya dapat {_LABEL[tindakan]} milik unit kerja Anda ({actor_unit or '-'}); "
        f"SOP ini milik unit {sop_unit}."
    )


def paham_refusal(actor_unit: str | None, units: set[str]) -> str | None:
    """``None`` when a pelaksana of ``actor_unit`` may state they understood an SOP applied in
    ``units`` (its own unit and the plan's target units, Lampiran I 4.b); else why not."""
    if actor_unit in units:
        return None
    return (
        f"SOP ini diterapkan di unit {', '.join(sorted(units))}; unit Anda "
        f"({actor_unit or '-'}) bukan sasaran penerapannya."
    )


# Review rounds (Lampiran I 3.d.1) -----------------------------------------------------------

_REVIEWERS = frozenset({Peran.reviewer, Peran.koordinator})


def may_answer(
    tugas: TugasReviu, peran: list[Peran], actor_unit: str | None, username: str | None
) -> bool:
    """A party's task is answered by the user it was delegated to, or else by a reviewer (or
    coordinator) of the party's own unit."""
    if tugas.ditugaskan_kepada is not None:
        return username == tugas.ditugaskan_kepada
    return actor_unit == tugas.pihak and bool(_REVIEWERS & set(peran))


def answer_refusal(
    tugas: TugasReviu, peran: list[Peran], actor_unit: str | None, username: str | None
) -> str | None:
    """``None`` when the actor may answer the party's task (``may_answer``); else why not."""
    if may_answer(tugas, peran, actor_unit, username):
        return None
    if tugas.ditugaskan_kepada is not None:
        return f"Tugas reviu unit {tugas.pihak} telah dialihkan kepada pengguna lain."
    return f"Reviu unit {tugas.pihak} dijawab oleh pereviu dari unit {tugas.pihak}."


def is_coordinator(peran: list[Peran], actor_unit: str | None, sop_unit: str) -> bool:
    """The coordinator of a round: a koordinator of the Bagian Organisasi or of the SOP's unit
    (the Sekretaris of an SKPD coordinates its own unit's SOPs)."""
    return Peran.koordinator in peran and actor_unit in (BAGIAN_ORGANISASI, sop_unit)


def assign_refusal(
    tugas: TugasReviu,
    peran: list[Peran],
    actor_unit: str | None,
    username: str | None,
    sop_unit: str,
) -> str | None:
    """``None`` when the actor may delegate or reassign the task: its assignee, or the
    round's coordinator."""
    if may_answer(tugas, peran, actor_unit, username) or is_coordinator(
        peran, actor_unit, sop_unit
    ):
        return None
    return "Hanya penerima tugas reviu atau koordinator yang dapat mengalihkannya."


def round_decision_refusal(peran: list[Peran], actor_unit: str | None, sop_unit: str) -> str | None:
    """``None`` when the actor may extend or close a round: its coordinator."""
    if is_coordinator(peran, actor_unit, sop_unit):
        return None
    return "Hanya koordinator penyusunan SOP yang dapat memperpanjang atau menutup reviu."


# Offices and units --------------------------------------------------------------------------

_REGENCY_UNIT_TYPES: dict[Jabatan, frozenset[JenisUnit]] = {
    # The Bupati and the Sekretaris Daerah sit in the Sekretariat Daerah.
    Jabatan.bupati: frozenset({JenisUnit.sekretariat_daerah}),
    Jabatan.sekretaris_daerah: frozenset({JenisUnit.sekretariat_daerah}),
    Jabatan.asisten: frozenset({JenisUnit.sekretariat_daerah}),
}


def jabatan_refusal(kode_jabatan: Jabatan | str | None, jenis_unit: JenisUnit | str) -> str | None:
    """``None`` when an office can be held in a unit of this type; else why not.

    A head's office must be the head of that unit type (``kepala_unit``: Kepala UPT only in a
    UPT, Sekretaris Dewan only in the Sekretariat DPRD ...), so a user or a Plt./Plh.
    appointment cannot claim an office that would sign SOPs its unit cannot own.
    """
    if kode_jabatan is None:
        return None
    jabatan = Jabatan(kode_jabatan)
    jenis = JenisUnit(jenis_unit)
    if jabatan in _REGENCY_UNIT_TYPES:
        fits = jenis in _REGENCY_UNIT_TYPES[jabatan]
    elif jabatan in (Jabatan.kepala_upt, Jabatan.sekretaris_dewan, Jabatan.kepala_skpd):
        head = kepala_unit(jenis)
        fits = jabatan is head or (jabatan is Jabatan.kepala_skpd and head is Jabatan.kepala_skpd)
    else:
        return None  # sekretaris and kasubbag offices are not restricted here
    if fits:
        return None
    return (
        f"Jabatan '{jabatan.value}' tidak ada pada unit berjenis {jenis.value}; kepala unit ini "
        f"berkode '{kepala_unit(jenis).value}'."
    )


# Campaigns ----------------------------------------------------------------------------------


def kebutuhan_refusal(peran: list[Peran], actor_unit: str | None, unit_code: str) -> str | None:
    """``None`` when the actor may submit ``unit_code``'s needs form (Lampiran II.A) in a
    campaign: the unit's own drafting team, or the Bagian Organisasi's coordinator, who works
    on every unit's SOPs. Otherwise why not, in Indonesian."""
    return role_refusal(Tindakan.draf, peran, actor_unit, unit_code)


def koordinasi_kampanye_refusal(peran: list[Peran]) -> str | None:
    """``None`` when the actor may decide a campaign's needs rows or close the campaign: a
    coordinator (of the Bagian Organisasi, or the Sekretaris of an SKPD running its own)."""
    if Peran.koordinator in peran:
        return None
    return "Hanya koordinator yang dapat memutuskan atau menutup kampanye."
