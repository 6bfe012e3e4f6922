"""Organisation vocabulary of Perbup Balangan 6/2013: unit types, offices and SOP scope.

Plain data shared by the Pasal 8 (coordination) and Pasal 11 (pengesahan) rules:

- Pasal 8 ayat (7)-(9) name the unit types: "Dinas, Badan atau Kecamatan", "Kantor atau UPT",
  "Bagian Sekretariat Daerah dan Sekretariat DPRD".
- Pasal 11 names the officials who sign: "Kepala SKPD/Unit Kerja", "Kepala UPT",
  "Sekretaris Daerah", "Sekretaris Dewan", "Bupati".

Conventions (decided here, used everywhere):

- ``Jabatan.kepala_skpd`` means *the head of the owning unit* ("Kepala SKPD/Unit Kerja" of
  Pasal 11 ayat (1)); its display title depends on the unit type (``judul_kepala``): "Kepala
  Dinas", "Camat", "Kepala Bagian", ... ``kepala_unit`` gives the dedicated code where the
  regulation names that head separately (UPT, Sekretariat DPRD, Sekretariat Daerah).
- ``JenisUnit.inspektorat`` is treated like a Badan (it has a Sekretaris; its head is the
  Inspektur).
- ``JenisUnit.bagian`` is a Bagian of the Sekretariat Daerah, a unit kerja headed by a Kepala
  Bagian; ``JenisUnit.sekretariat_daerah`` is the Setda itself, headed by the Sekretaris Daerah.
"""

from enum import StrEnum

from pydantic import ConfigDict

from sop.strict import ClosedModel

BAGIAN_ORGANISASI = "ORG"
"""Unit code of the Bagian Organisasi Sekretariat Daerah: it coordinates the SOPs of every unit
(Pasal 8 ayat (2)-(4)), is told of approvals and overdue evaluations (Pasal 13 ayat (2)) and
receives the campaign report (Pasal 14)."""


class JenisUnit(StrEnum):
    """The type of the SKPD/unit kerja that owns an SOP."""

    dinas = "dinas"
    badan = "badan"
    kecamatan = "kecamatan"
    kantor = "kantor"
    upt = "upt"
    bagian = "bagian"
    """A Bagian of the Sekretariat Daerah."""
    sekretariat_dprd = "sekretariat_dprd"
    sekretariat_daerah = "sekretariat_daerah"
    """The Sekretariat Daerah itself."""
    inspektorat = "inspektorat"
    """Treated like a Badan for Pasal 8 and Pasal 11."""


class Jabatan(StrEnum):
    """Offices the regulation gives a role in drafting (Pasal 8) or signing (Pasal 11)."""

    kepala_upt = "kepala_upt"
    kepala_skpd = "kepala_skpd"
    """Head of the owning SKPD/unit kerja: Kepala Dinas/Badan/Kantor/Bagian, Camat, Inspektur."""
    sekretaris_daerah = "sekretaris_daerah"
    sekretaris_dewan = "sekretaris_dewan"
    bupati = "bupati"
    asisten = "asisten"
    """Asisten Sekretaris Daerah (the one "yang membidangi" the SOP's field)."""
    sekretaris = "sekretaris"
    """Sekretaris of a Dinas, Badan, Inspektorat or Kecamatan."""
    kasubbag_tata_usaha = "kasubbag_tata_usaha"
    """Kepala Subbag Tata Usaha of a Kantor or UPT."""
    kasubbag_ketatausahaan = "kasubbag_ketatausahaan"
    """Sub Bagian that handles ketatausahaan, in a Bagian Setda or the Sekretariat DPRD."""


class LingkupSop(StrEnum):
    """How far an SOP's procedure reaches (Pasal 8 ayat (5)-(6), Pasal 11 ayat (1)-(5))."""

    unit = "unit"
    """Within one SKPD/unit kerja."""
    lintas_bagian = "lintas_bagian"
    """Across Bagian of the Sekretariat Daerah."""
    lintas_skpd = "lintas_skpd"
    """Across SKPD."""


class Pejabat(ClosedModel):
    """An office the regulation names for a role, with the ayat that names it."""

    model_config = ConfigDict(frozen=True)

    jabatan: Jabatan
    sebutan: str
    """Indonesian display title, e.g. "Kepala Dinas", "Camat"."""
    dasar: str
    """The provision cited, e.g. "Pasal 8 ayat (7)"."""


NAMA_JENIS_UNIT: dict[JenisUnit, str] = {
    JenisUnit.dinas: "Dinas",
    JenisUnit.badan: "Badan",
    JenisUnit.kecamatan: "Kecamatan",
    JenisUnit.kantor: "Kantor",
    JenisUnit.upt: "UPT",
    JenisUnit.bagian: "Bagian Sekretariat Daerah",
    JenisUnit.sekretariat_dprd: "Sekretariat DPRD",
    JenisUnit.sekretariat_daerah: "Sekretariat Daerah",
    JenisUnit.inspektorat: "Inspektorat",
}
"""Indonesian name of each unit type."""

JUDUL_KEPALA: dict[JenisUnit, str] = {
    JenisUnit.dinas: "Kepala Dinas",
    JenisUnit.badan: "Kepala Badan",
    JenisUnit.kecamatan: "Camat",
    JenisUnit.kantor: "Kepala Kantor",
    JenisUnit.upt: "Kepala UPT",
    JenisUnit.bagian: "Kepala Bagian",
    JenisUnit.sekretariat_dprd: "Sekretaris Dewan",
    JenisUnit.sekretariat_daerah: "Sekretaris Daerah",
    JenisUnit.inspektorat: "Inspektur",
}
"""Display title of the head of each unit type."""

JUDUL_SEKRETARIS: dict[JenisUnit, str] = {
    JenisUnit.dinas: "Sekretaris Dinas",
    JenisUnit.badan: "Sekretaris Badan",
    JenisUnit.kecamatan: "Sekretaris Kecamatan",
    JenisUnit.inspektorat: "Sekretaris Inspektorat",
}
"""Display title of the Sekretaris, for the unit types that have one."""

SEBUTAN_JABATAN: dict[Jabatan, str] = {
    Jabatan.kepala_upt: "Kepala UPT",
    Jabatan.kepala_skpd: "Kepala SKPD/Unit Kerja",
    Jabatan.sekretaris_daerah: "Sekretaris Daerah",
    Jabatan.sekretaris_dewan: "Sekretaris Dewan",
    Jabatan.bupati: "Bupati",
    Jabatan.asisten: "Asisten Sekretaris Daerah",
    Jabatan.sekretaris: "Sekretaris",
    Jabatan.kasubbag_tata_usaha: "Kepala Subbag Tata Usaha",
    Jabatan.kasubbag_ketatausahaan: "Kepala Sub Bagian yang membidangi ketatausahaan",
}
"""Display title of each office when the unit type is not known."""

_KEPALA_KHUSUS: dict[JenisUnit, Jabatan] = {
    JenisUnit.upt: Jabatan.kepala_upt,
    JenisUnit.sekretariat_dprd: Jabatan.sekretaris_dewan,
    JenisUnit.sekretariat_daerah: Jabatan.sekretaris_daerah,
}


def judul_kepala(jenis_unit: JenisUnit) -> str:
    """Indonesian title of the head of a unit type: "Kepala Dinas", "Camat", "Kepala UPT"..."""
    return JUDUL_KEPALA[JenisUnit(jenis_unit)]


def kepala_unit(jenis_unit: JenisUnit) -> Jabatan:
    """The office code of the head of a unit type.

    ``kepala_upt``, ``sekretaris_dewan`` or ``sekretaris_daerah`` where the regulation names that
    head separately; ``kepala_skpd`` for every other unit type.
    """
    return _KEPALA_KHUSUS.get(JenisUnit(jenis_unit), Jabatan.kepala_skpd)


def sebutan_jabatan(jabatan: Jabatan, jenis_unit: JenisUnit | None = None) -> str:
    """Indonesian display title of an office, specific to the unit type when it is given."""
    jabatan = Jabatan(jabatan)
    if jenis_unit is not None:
        jenis_unit = JenisUnit(jenis_unit)
        if jabatan is Jabatan.kepala_skpd:
            return judul_kepala(jenis_unit)
        if jabatan is Jabatan.sekretaris and jenis_unit in JUDUL_SEKRETARIS:
            return JUDUL_SEKRETARIS[jenis_unit]
    return SEBUTAN_JABATAN[jabatan]


LINGKUP_LINTAS_BAGIAN_UNITS: frozenset[JenisUnit] = frozenset(
    {JenisUnit.bagian, JenisUnit.sekretariat_daerah}
)
"""Only an SOP of the Sekretariat Daerah (or one of its Bagian) can be lintas Bagian."""


def check_lingkup(jenis_unit: JenisUnit, lingkup: LingkupSop) -> tuple[JenisUnit, LingkupSop]:
    """Both values as enums; raises ``ValueError`` (Indonesian message) for an impossible scope.

    "Lintas Bagian" in Pasal 11 ayat (3) means across Bagian *di lingkungan Sekretariat Daerah*;
    an SOP across the bidang of a Dinas is still an SOP within one SKPD (``LingkupSop.unit``).
    """
    jenis_unit = JenisUnit(jenis_unit)
    lingkup = LingkupSop(lingkup)
    if lingkup is LingkupSop.lintas_bagian and jenis_unit not in LINGKUP_LINTAS_BAGIAN_UNITS:
        raise ValueError(
            "lingkup lintas Bagian hanya berlaku bagi SOP di lingkungan Sekretariat Daerah; "
            f"SOP {NAMA_JENIS_UNIT[jenis_unit]} yang melibatkan beberapa bidang/seksi di "
            "dalamnya berlingkup satu SKPD/unit kerja"
        )
    return jenis_unit, lingkup
