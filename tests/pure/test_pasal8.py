"""Pasal 8 ayat (5)-(9): penanggung jawab and koordinator of drafting, every unit type."""

import pytest

from sop.organisasi import Jabatan, JenisUnit, LingkupSop, judul_kepala, kepala_unit
from sop.pasal8 import koordinasi_penyusunan, koordinator, penanggung_jawab
from tests.support.organisasi_cases import LINTAS_BAGIAN_IMPOSSIBLE, VALID_COMBINATIONS

U = JenisUnit
J = Jabatan
L = LingkupSop

# (jenis_unit, lingkup, jabatan, sebutan, dasar) of the penanggung jawab.
PENANGGUNG_JAWAB = [
    (U.dinas, L.unit, J.kepala_skpd, "Kepala Dinas", "Pasal 8 ayat (6)"),
    (U.badan, L.unit, J.kepala_skpd, "Kepala Badan", "Pasal 8 ayat (6)"),
    (U.kecamatan, L.unit, J.kepala_skpd, "Camat", "Pasal 8 ayat (6)"),
    (U.kantor, L.unit, J.kepala_skpd, "Kepala Kantor", "Pasal 8 ayat (6)"),
    (U.upt, L.unit, J.kepala_upt, "Kepala UPT", "Pasal 8 ayat (6)"),
    (U.bagian, L.unit, J.kepala_skpd, "Kepala Bagian", "Pasal 8 ayat (6)"),
    (U.sekretariat_dprd, L.unit, J.sekretaris_dewan, "Sekretaris Dewan", "Pasal 8 ayat (6)"),
    (U.sekretariat_daerah, L.unit, J.sekretaris_daerah, "Sekretaris Daerah", "Pasal 8 ayat (6)"),
    (U.inspektorat, L.unit, J.kepala_skpd, "Inspektur", "Pasal 8 ayat (6)"),
    (U.bagian, L.lintas_bagian, J.sekretaris_daerah, "Sekretaris Daerah", "Pasal 8 ayat (6)"),
    (
        U.sekretariat_daerah,
        L.lintas_bagian,
        J.sekretaris_daerah,
        "Sekretaris Daerah",
        "Pasal 8 ayat (6)",
    ),
] + [
    (unit, L.lintas_skpd, J.asisten, "Asisten yang membidangi", "Pasal 8 ayat (5)")
    for unit in JenisUnit
]

# (jenis_unit, jabatan, sebutan, dasar) of the koordinator, whatever the scope.
KOORDINATOR = [
    (U.dinas, J.sekretaris, "Sekretaris Dinas", "Pasal 8 ayat (7)"),
    (U.badan, J.sekretaris, "Sekretaris Badan", "Pasal 8 ayat (7)"),
    (U.kecamatan, J.sekretaris, "Sekretaris Kecamatan", "Pasal 8 ayat (7)"),
    (U.inspektorat, J.sekretaris, "Sekretaris Inspektorat", "Pasal 8 ayat (7)"),
    (U.kantor, J.kasubbag_tata_usaha, "Kepala Subbag Tata Usaha", "Pasal 8 ayat (8)"),
    (U.upt, J.kasubbag_tata_usaha, "Kepala Subbag Tata Usaha", "Pasal 8 ayat (8)"),
    (
        U.bagian,
        J.kasubbag_ketatausahaan,
        "Kepala Sub Bagian yang membidangi ketatausahaan",
        "Pasal 8 ayat (9)",
    ),
    (
        U.sekretariat_dprd,
        J.kasubbag_ketatausahaan,
        "Kepala Sub Bagian yang membidangi ketatausahaan",
        "Pasal 8 ayat (9)",
    ),
    (
        U.sekretariat_daerah,
        J.kasubbag_ketatausahaan,
        "Kepala Sub Bagian yang membidangi ketatausahaan",
        "Pasal 8 ayat (9)",
    ),
]


@pytest.mark.parametrize(("unit", "lingkup", "jabatan", "sebutan", "dasar"), PENANGGUNG_JAWAB)
def test_penanggung_jawab(
    unit: JenisUnit, lingkup: LingkupSop, jabatan: Jabatan, sebutan: str, dasar: str
) -> None:
    result = penanggung_jawab(unit, lingkup)
    assert (result.jabatan, result.sebutan, result.dasar) == (jabatan, sebutan, dasar)


def test_every_valid_combination_is_in_the_table() -> None:
    covered = {(unit, lingkup) for unit, lingkup, *_ in PENANGGUNG_JAWAB}
    assert covered == VALID_COMBINATIONS
    assert {row[0] for row in KOORDINATOR} == set(JenisUnit)


@pytest.mark.parametrize(("unit", "jabatan", "sebutan", "dasar"), KOORDINATOR)
@pytest.mark.parametrize("lingkup", [L.unit, L.lintas_skpd])
def test_koordinator_depends_on_owning_unit_only(
    unit: JenisUnit, jabatan: Jabatan, sebutan: str, dasar: str, lingkup: LingkupSop
) -> None:
    result = koordinator(unit, lingkup)
    assert (result.jabatan, result.sebutan, result.dasar) == (jabatan, sebutan, dasar)


@pytest.mark.parametrize("unit", [U.bagian, U.sekretariat_daerah])
def test_koordinator_lintas_bagian(unit: JenisUnit) -> None:
    result = koordinator(unit, L.lintas_bagian)
    assert result.jabatan is J.kasubbag_ketatausahaan
    assert result.dasar == "Pasal 8 ayat (9)"


@pytest.mark.parametrize("unit", LINTAS_BAGIAN_IMPOSSIBLE)
def test_lintas_bagian_outside_setda_is_refused(unit: JenisUnit) -> None:
    with pytest.raises(ValueError, match="lintas Bagian hanya berlaku"):
        penanggung_jawab(unit, L.lintas_bagian)
    with pytest.raises(ValueError, match="lintas Bagian hanya berlaku"):
        koordinator(unit, L.lintas_bagian)
    with pytest.raises(ValueError, match="lintas Bagian hanya berlaku"):
        koordinasi_penyusunan(unit, L.lintas_bagian)


def test_koordinasi_penyusunan_combines_both_roles() -> None:
    result = koordinasi_penyusunan("kecamatan", "unit")  # plain strings are accepted
    assert result.penanggung_jawab.sebutan == "Camat"
    assert result.koordinator.sebutan == "Sekretaris Kecamatan"
    assert result.model_dump(mode="json") == {
        "penanggung_jawab": {
            "jabatan": "kepala_skpd",
            "sebutan": "Camat",
            "dasar": "Pasal 8 ayat (6)",
        },
        "koordinator": {
            "jabatan": "sekretaris",
            "sebutan": "Sekretaris Kecamatan",
            "dasar": "Pasal 8 ayat (7)",
        },
    }


@pytest.mark.parametrize("unit", list(JenisUnit))
def test_unit_head_title_and_code_are_consistent(unit: JenisUnit) -> None:
    result = penanggung_jawab(unit, L.unit)
    assert result.sebutan == judul_kepala(unit)
    assert result.jabatan is kepala_unit(unit)


def test_unknown_unit_type_is_refused() -> None:
    with pytest.raises(ValueError):
        penanggung_jawab("kelurahan", L.unit)  # type: ignore[arg-type]
