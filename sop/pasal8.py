"""Pasal 8 ayat (5)-(9): who answers for drafting an SOP, and who coordinates it.

    (5) Penyusunan SOP lintas SKPD menjadi tanggung jawab Asisten yang membidangi.
    (6) Penyusunan SOP lingkup SKPD menjadi tanggung jawab Kepala SKPD.
    (7) Proses penyusunan SOP pada Dinas, Badan atau Kecamatan dikoordinasi oleh Sekretaris.
    (8) Proses penyusunan SOP pada Kantor atau UPT dikoordinasi oleh Kepala Subbag Tata Usaha.
    (9) Proses penyusunan SOP pada Bagian Sekretariat Daerah dan Sekretariat DPRD
        dikoordinasi oleh Sub Bagian yang membidangi ketatausahaan.

Readings decided here:

- Penanggung jawab within one SKPD/unit (ayat (6)) is the head of the *owning* unit, read
  together with Pasal 11 ayat (1) ("Kepala SKPD/Unit Kerja"): Kepala UPT for a UPT, Kepala
  Bagian for a Bagian Setda, Sekretaris Dewan for the Sekretariat DPRD. So the official who
  answers for the draft is the one who signs it (outside the lintas cases).
- Lintas Bagian di Sekretariat Daerah is still within one SKPD (the Setda): ayat (6) makes the
  Sekretaris Daerah responsible, matching Pasal 11 ayat (3).
- The koordinator depends only on the owning (initiating) unit, whatever the scope: a lintas
  SKPD draft is run by the initiating unit's office under ayat (7)-(9). The Sekretariat Daerah
  itself is coordinated like its Bagian (ayat (9)); an Inspektorat like a Badan (ayat (7)).
"""

from pydantic import ConfigDict

from sop.organisasi import (
    Jabatan,
    JenisUnit,
    LingkupSop,
    Pejabat,
    check_lingkup,
    judul_kepala,
    kepala_unit,
    sebutan_jabatan,
)
from sop.strict import ClosedModel

__all__ = [
    "KoordinasiPenyusunan",
    "LingkupSop",
    "koordinasi_penyusunan",
    "koordinator",
    "penanggung_jawab",
]

_AYAT_KOORDINATOR: dict[JenisUnit, tuple[Jabatan, str]] = {
    JenisUnit.dinas: (Jabatan.sekretaris, "Pasal 8 ayat (7)"),
    JenisUnit.badan: (Jabatan.sekretaris, "Pasal 8 ayat (7)"),
    JenisUnit.kecamatan: (Jabatan.sekretaris, "Pasal 8 ayat (7)"),
    JenisUnit.inspektorat: (Jabatan.sekretaris, "Pasal 8 ayat (7)"),
    JenisUnit.kantor: (Jabatan.kasubbag_tata_usaha, "Pasal 8 ayat (8)"),
    JenisUnit.upt: (Jabatan.kasubbag_tata_usaha, "Pasal 8 ayat (8)"),
    JenisUnit.bagian: (Jabatan.kasubbag_ketatausahaan, "Pasal 8 ayat (9)"),
    JenisUnit.sekretariat_dprd: (Jabatan.kasubbag_ketatausahaan, "Pasal 8 ayat (9)"),
    JenisUnit.sekretariat_daerah: (Jabatan.kasubbag_ketatausahaan, "Pasal 8 ayat (9)"),
}


class KoordinasiPenyusunan(ClosedModel):
    """Who answers for drafting an SOP and who coordinates the drafting."""

    model_config = ConfigDict(frozen=True)

    penanggung_jawab: Pejabat
    koordinator: Pejabat


def penanggung_jawab(jenis_unit: JenisUnit, lingkup: LingkupSop) -> Pejabat:
    """Pasal 8 ayat (5)-(6). Raises ``ValueError`` for an impossible scope (see check_lingkup)."""
    jenis_unit, lingkup = check_lingkup(jenis_unit, lingkup)
    if lingkup is LingkupSop.lintas_skpd:
        return Pejabat(
            jabatan=Jabatan.asisten, sebutan="Asisten yang membidangi", dasar="Pasal 8 ayat (5)"
        )
    if lingkup is LingkupSop.lintas_bagian:
        return Pejabat(
            jabatan=Jabatan.sekretaris_daerah,
            sebutan=sebutan_jabatan(Jabatan.sekretaris_daerah),
            dasar="Pasal 8 ayat (6)",
        )
    return Pejabat(
        jabatan=kepala_unit(jenis_unit), sebutan=judul_kepala(jenis_unit), dasar="Pasal 8 ayat (6)"
    )


def koordinator(jenis_unit: JenisUnit, lingkup: LingkupSop = LingkupSop.unit) -> Pejabat:
    """Pasal 8 ayat (7)-(9): decided by the owning unit's type; ``lingkup`` is only checked."""
    jenis_unit, _ = check_lingkup(jenis_unit, lingkup)
    jabatan, dasar = _AYAT_KOORDINATOR[jenis_unit]
    return Pejabat(jabatan=jabatan, sebutan=sebutan_jabatan(jabatan, jenis_unit), dasar=dasar)


def koordinasi_penyusunan(jenis_unit: JenisUnit, lingkup: LingkupSop) -> KoordinasiPenyusunan:
    """Both roles of Pasal 8 ayat (5)-(9) for an SOP owned by ``jenis_unit``."""
    return KoordinasiPenyusunan(
        penanggung_jawab=penanggung_jawab(jenis_unit, lingkup),
        koordinator=koordinator(jenis_unit, lingkup),
    )
