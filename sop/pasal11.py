"""Pasal 11: which official signs (mengesahkan) an SOP, and by which Keputusan.

    (1) SOP di lingkungan SKPD/Unit Kerja disahkan oleh Kepala SKPD/Unit Kerja dan ditetapkan
        dengan Keputusan Kepala SKPD/Unit Kerja.
    (2) SOP di lingkungan UPT disahkan dengan Keputusan Kepala UPT.
    (3) SOP lintas Bagian di lingkungan Sekretariat Daerah disahkan oleh Sekretaris Daerah dan
        ditetapkan dengan Keputusan Sekretaris Daerah.
    (4) SOP di lingkungan Sekretariat Dewan disahkan oleh Sekretaris Dewan dan ditetapkan
        dengan Keputusan Sekretaris Dewan.
    (5) SOP lintas SKPD disahkan oleh Bupati dan ditetapkan dengan Keputusan Bupati.

Precedence, from the widest scope down (the first that applies wins):

1. lingkup lintas SKPD -> Bupati, ayat (5), whatever the owning unit (even a UPT or the
   Sekretariat DPRD: the procedure reaches beyond them).
2. lingkup lintas Bagian (only for the Sekretariat Daerah or one of its Bagian) -> Sekretaris
   Daerah, ayat (3).
3. owning unit Sekretariat DPRD -> Sekretaris Dewan, ayat (4).
4. owning unit UPT -> Kepala UPT, ayat (2).
5. otherwise the head of the owning SKPD/unit kerja, ayat (1): Kepala Dinas, Kepala Badan,
   Camat, Kepala Kantor, Inspektur, Kepala Bagian (an SOP within one Bagian Setda is a unit
   kerja SOP), or Sekretaris Daerah for an SOP of the Setda that is not lintas Bagian.
"""

from pydantic import ConfigDict

from sop.organisasi import (
    Jabatan,
    JenisUnit,
    LingkupSop,
    Pejabat,
    check_lingkup,
    kepala_unit,
    sebutan_jabatan,
)

__all__ = ["LingkupSop", "PejabatPengesah", "check_pengesah", "pejabat_pengesah"]


class PejabatPengesah(Pejabat):
    """The official who signs, the Keputusan that sets the SOP, and the ayat of Pasal 11."""

    model_config = ConfigDict(frozen=True)

    keputusan: str
    """The kind of Keputusan, e.g. "Keputusan Kepala UPT"."""


def pejabat_pengesah(jenis_unit: JenisUnit, lingkup: LingkupSop) -> PejabatPengesah:
    """The official competent to sign the SOP (precedence in the module docstring).

    Raises ``ValueError`` (Indonesian message) for a scope the unit type cannot have.
    """
    jenis_unit, lingkup = check_lingkup(jenis_unit, lingkup)
    if lingkup is LingkupSop.lintas_skpd:
        jabatan, ayat = Jabatan.bupati, 5
    elif lingkup is LingkupSop.lintas_bagian:
        jabatan, ayat = Jabatan.sekretaris_daerah, 3
    elif jenis_unit is JenisUnit.sekretariat_dprd:
        jabatan, ayat = Jabatan.sekretaris_dewan, 4
    elif jenis_unit is JenisUnit.upt:
        jabatan, ayat = Jabatan.kepala_upt, 2
    else:
        jabatan, ayat = kepala_unit(jenis_unit), 1
    sebutan = sebutan_jabatan(jabatan, jenis_unit)
    return PejabatPengesah(
        jabatan=jabatan,
        sebutan=sebutan,
        keputusan=f"Keputusan {sebutan}",
        dasar=f"Pasal 11 ayat ({ayat})",
    )


def check_pengesah(
    jenis_unit: JenisUnit, lingkup: LingkupSop, jabatan_of_actor: Jabatan | str
) -> str | None:
    """``None`` when the actor may sign; otherwise an Indonesian refusal naming who must.

    ``jabatan_of_actor`` is the actor's office relative to the owning unit: ``kepala_skpd``
    means the head of that unit, so for a UPT it is the Kepala UPT, for the Sekretariat DPRD the
    Sekretaris Dewan, for the Sekretariat Daerah the Sekretaris Daerah (see
    ``sop.organisasi.kepala_unit``). Whether the actor really holds that office in that unit is
    for the caller to establish. Raises ``ValueError`` for an impossible scope.
    """
    benar = pejabat_pengesah(jenis_unit, lingkup)
    jenis_unit, _ = check_lingkup(jenis_unit, lingkup)
    try:
        actor: Jabatan | None = Jabatan(jabatan_of_actor)
    except ValueError:
        actor = None
    if actor is Jabatan.kepala_skpd:
        actor = kepala_unit(jenis_unit)
    if actor is benar.jabatan:
        return None
    sebutan_actor = (
        sebutan_jabatan(actor, jenis_unit)
        if actor is not None
        else f"jabatan {str(jabatan_of_actor)!r}"
    )
    return (
        f"SOP ini harus disahkan oleh {benar.sebutan} dan ditetapkan dengan {benar.keputusan} "
        f"({benar.dasar} Peraturan Bupati Balangan Nomor 6 Tahun 2013); "
        f"{sebutan_actor} tidak berwenang mengesahkannya."
    )
