"""Who may act on an SOP (authority): Pasal 11 for pengesahan, the roles for the rest.

Pure rules shared by the API (which refuses with 403 before calling Temporal) and by the
workflow's update validators (which refuse again, so a client that talks to Temporal directly
with a forged actor is refused too).
"""

from enum import StrEnum

from sop.organisasi import Jabatan, JenisUnit, LingkupSop, kepala_unit
from sop.pasal11 import check_pengesah, pejabat_pengesah
from sop.peran import Peran

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


def is_head_of(kode_jabatan: Jabatan | None, jenis_unit: JenisUnit | str | None) -> bool:
    """True when ``kode_jabatan`` is the head of a unit of this type."""
    if kode_jabatan is None or jenis_unit is None:
        return False
    if kode_jabatan is Jabatan.kepala_skpd:
        return True
    return kode_jabatan is kepala_unit(JenisUnit(jenis_unit))


# Roles and scope ---------------------------------------------------------------------------

BAGIAN_ORGANISASI = "ORG"
"""The Bagian Organisasi Setda coordinates SOPs of every unit (Pasal 8 ayat (2)-(4))."""


class Tindakan(StrEnum):
    """Kinds of action on an SOP, each allowed to some roles."""

    buat = "buat"
    langkah = "langkah"
    """Persiapan and penilaian kebutuhan steps."""
    draf = "draf"
    """Everything the drafting team records in penyusunan."""
    reviu = "reviu"
    """Answering, delegating or deciding a review round (the round checks the party)."""
    pengesahan = "pengesahan"
    """Signing or returning (Pasal 11 decides who)."""
    penerapan = "penerapan"
    paham = "paham"
    """A pelaksana of any target unit states they understood the SOP."""
    monitoring = "monitoring"
    evaluasi = "evaluasi"


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

CROSS_UNIT: frozenset[Tindakan] = frozenset(
    {Tindakan.reviu, Tindakan.pengesahan, Tindakan.paham}
)
"""Actions whose own rule names the unit (review parties, Pasal 11, target units)."""

TINDAKAN_OF: dict[str, Tindakan] = {
    "dibuat": Tindakan.buat,
    "selesaikan_pengumpulan_data": Tindakan.langkah,
    "selesaikan_persiapan": Tindakan.langkah,
    "nyatakan_diperlukan": Tindakan.langkah,
    "nyatakan_tidak_diperlukan": Tindakan.langkah,
    "tetapkan_daftar_sop": Tindakan.langkah,
    "sahkan": Tindakan.pengesahan,
    "kembalikan_ke_penulisan": Tindakan.pengesahan,
    "jawaban_reviu": Tindakan.reviu,
    "delegasi_reviu": Tindakan.reviu,
    "perpanjangan_reviu": Tindakan.reviu,
    "rencana_penerapan": Tindakan.penerapan,
    "sosialisasikan": Tindakan.penerapan,
    "distribusikan": Tindakan.penerapan,
    "mulai_pelatihan": Tindakan.penerapan,
    "sesi_pelatihan": Tindakan.penerapan,
    "berlakukan": Tindakan.penerapan,
    "pernyataan_paham": Tindakan.paham,
    "catatan_monitoring": Tindakan.monitoring,
    "mulai_evaluasi": Tindakan.evaluasi,
    "tetap_berlaku": Tindakan.evaluasi,
    "revisi": Tindakan.evaluasi,
    "cabut": Tindakan.evaluasi,
}
"""The kind of every event and record; anything else in penyusunan is ``Tindakan.draf``."""


def tindakan_of(event: str) -> Tindakan:
    return TINDAKAN_OF.get(event, Tindakan.draf)


def spans_units(peran: list[Peran], actor_unit: str | None) -> bool:
    """The Bagian Organisasi's coordinator works on every unit's SOPs."""
    return Peran.koordinator in peran and actor_unit == BAGIAN_ORGANISASI


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
