"""Pasal 11: the competent signing official for every unit type and scope, right and wrong."""

from typing import NamedTuple

import pytest

from sop.organisasi import Jabatan, JenisUnit, LingkupSop
from sop.pasal11 import check_pengesah, pejabat_pengesah
from tests.support.organisasi_cases import LINTAS_BAGIAN_IMPOSSIBLE, VALID_COMBINATIONS

U = JenisUnit
J = Jabatan
L = LingkupSop


class Pengesahan(NamedTuple):
    """One row of the expected signers: who signs, by which Keputusan, under which ayat."""

    unit: JenisUnit
    lingkup: LingkupSop
    jabatan: Jabatan
    sebutan: str
    keputusan: str
    ayat: int


P = Pengesahan
SEKDA = ("Sekretaris Daerah", "Keputusan Sekretaris Daerah")
PENGESAH = [
    # ayat (1): the head of the SKPD/unit kerja
    P(U.dinas, L.unit, J.kepala_skpd, "Kepala Dinas", "Keputusan Kepala Dinas", 1),
    P(U.badan, L.unit, J.kepala_skpd, "Kepala Badan", "Keputusan Kepala Badan", 1),
    P(U.kecamatan, L.unit, J.kepala_skpd, "Camat", "Keputusan Camat", 1),
    P(U.kantor, L.unit, J.kepala_skpd, "Kepala Kantor", "Keputusan Kepala Kantor", 1),
    P(U.inspektorat, L.unit, J.kepala_skpd, "Inspektur", "Keputusan Inspektur", 1),
    P(U.bagian, L.unit, J.kepala_skpd, "Kepala Bagian", "Keputusan Kepala Bagian", 1),
    P(U.sekretariat_daerah, L.unit, J.sekretaris_daerah, *SEKDA, 1),
    # ayat (2): UPT
    P(U.upt, L.unit, J.kepala_upt, "Kepala UPT", "Keputusan Kepala UPT", 2),
    # ayat (3): lintas Bagian di Sekretariat Daerah
    P(U.bagian, L.lintas_bagian, J.sekretaris_daerah, *SEKDA, 3),
    P(U.sekretariat_daerah, L.lintas_bagian, J.sekretaris_daerah, *SEKDA, 3),
    # ayat (4): Sekretariat DPRD
    P(
        U.sekretariat_dprd,
        L.unit,
        J.sekretaris_dewan,
        "Sekretaris Dewan",
        "Keputusan Sekretaris Dewan",
        4,
    ),
] + [
    # ayat (5): lintas SKPD wins over everything
    P(unit, L.lintas_skpd, J.bupati, "Bupati", "Keputusan Bupati", 5)
    for unit in JenisUnit
]


def test_table_covers_every_valid_combination() -> None:
    covered = {(row.unit, row.lingkup) for row in PENGESAH}
    assert covered == VALID_COMBINATIONS


def _name(row: Pengesahan) -> str:
    return f"{row.unit.value}-{row.lingkup.value}"


@pytest.mark.parametrize("row", PENGESAH, ids=_name)
def test_pejabat_pengesah(row: Pengesahan) -> None:
    result = pejabat_pengesah(row.unit, row.lingkup)
    assert result.jabatan is row.jabatan
    assert result.sebutan == row.sebutan
    assert result.keputusan == row.keputusan
    assert result.dasar == f"Pasal 11 ayat ({row.ayat})"


@pytest.mark.parametrize("row", PENGESAH, ids=_name)
def test_right_official_may_sign(row: Pengesahan) -> None:
    assert check_pengesah(row.unit, row.lingkup, row.jabatan) is None
    assert check_pengesah(row.unit, row.lingkup, row.jabatan.value) is None  # plain string too


# For these units kepala_skpd ("the head of the owning unit") is the same office as the
# dedicated code, so it is not a wrong official there.
HEAD_ALIAS = {
    U.upt: J.kepala_upt,
    U.sekretariat_dprd: J.sekretaris_dewan,
    U.sekretariat_daerah: J.sekretaris_daerah,
}


def _wrong_officials(unit: JenisUnit, right: Jabatan) -> list[Jabatan]:
    return [
        j
        for j in Jabatan
        if j is not right and not (j is J.kepala_skpd and HEAD_ALIAS.get(unit) is right)
    ]


@pytest.mark.parametrize(
    ("row", "wrong"),
    [(row, wrong) for row in PENGESAH for wrong in _wrong_officials(row.unit, row.jabatan)],
    ids=lambda value: _name(value) if isinstance(value, Pengesahan) else str(value),
)
def test_wrong_official_is_refused_naming_the_right_one(row: Pengesahan, wrong: Jabatan) -> None:
    message = check_pengesah(row.unit, row.lingkup, wrong)
    assert message is not None
    assert f"harus disahkan oleh {row.sebutan} " in message
    assert f"ditetapkan dengan {row.keputusan} " in message
    assert f"Pasal 11 ayat ({row.ayat})" in message
    assert "tidak berwenang mengesahkannya" in message


@pytest.mark.parametrize(
    ("unit", "lingkup", "actor", "expected"),
    [
        # kepala_skpd means the head of the owning unit
        (U.upt, L.unit, J.kepala_skpd, None),
        (U.sekretariat_dprd, L.unit, J.kepala_skpd, None),
        (U.sekretariat_daerah, L.unit, J.kepala_skpd, None),
        (U.sekretariat_daerah, L.lintas_bagian, J.kepala_skpd, None),
        # but the head of a Bagian cannot sign a lintas Bagian SOP
        (U.bagian, L.lintas_bagian, J.kepala_skpd, "Kepala Bagian tidak berwenang"),
        # a Kepala UPT cannot sign for a Dinas
        (U.dinas, L.unit, J.kepala_upt, "Kepala UPT tidak berwenang"),
        # the Sekda cannot sign a lintas SKPD SOP, even for the Setda
        (U.sekretariat_daerah, L.lintas_skpd, J.sekretaris_daerah, "oleh Bupati dan"),
        # the Bupati does not sign a unit SOP: Pasal 11 names the Kepala SKPD
        (U.dinas, L.unit, J.bupati, "Bupati tidak berwenang"),
        # the coordinator of Pasal 8 is not the signer
        (U.kecamatan, L.unit, J.sekretaris, "oleh Camat dan ditetapkan dengan Keputusan Camat"),
        (U.kecamatan, L.unit, J.sekretaris, "Sekretaris Kecamatan tidak berwenang"),
        # an unknown jabatan is refused, quoted
        (U.dinas, L.unit, "staf", "jabatan 'staf' tidak berwenang"),
    ],
)
def test_check_pengesah_cases(
    unit: JenisUnit, lingkup: LingkupSop, actor: Jabatan | str, expected: str | None
) -> None:
    message = check_pengesah(unit, lingkup, actor)
    if expected is None:
        assert message is None
    else:
        assert message is not None and expected in message


def test_full_refusal_message() -> None:
    assert check_pengesah(U.upt, L.unit, J.kepala_skpd) is None
    assert check_pengesah(U.upt, L.unit, J.sekretaris) == (
        "SOP ini harus disahkan oleh Kepala UPT dan ditetapkan dengan Keputusan Kepala UPT "
        "(Pasal 11 ayat (2) Peraturan Bupati Balangan Nomor 6 Tahun 2013); "
        "Sekretaris tidak berwenang mengesahkannya."
    )


@pytest.mark.parametrize("unit", LINTAS_BAGIAN_IMPOSSIBLE)
def test_lintas_bagian_outside_setda_is_refused(unit: JenisUnit) -> None:
    with pytest.raises(ValueError, match="Sekretariat Daerah"):
        pejabat_pengesah(unit, L.lintas_bagian)
    with pytest.raises(ValueError):
        check_pengesah(unit, L.lintas_bagian, J.sekretaris_daerah)
