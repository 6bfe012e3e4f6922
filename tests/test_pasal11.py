"""Pasal 11: the competent signing official for every unit type and scope, right and wrong."""

import pytest

from sop.organisasi import Jabatan, JenisUnit, LingkupSop
from sop.pasal11 import check_pengesah, pejabat_pengesah

U = JenisUnit
J = Jabatan
L = LingkupSop

# (jenis_unit, lingkup, jabatan, sebutan, keputusan, dasar)
PENGESAH = [
    # ayat (1): the head of the SKPD/unit kerja
    (U.dinas, L.unit, J.kepala_skpd, "Kepala Dinas", "Keputusan Kepala Dinas", 1),
    (U.badan, L.unit, J.kepala_skpd, "Kepala Badan", "Keputusan Kepala Badan", 1),
    (U.kecamatan, L.unit, J.kepala_skpd, "Camat", "Keputusan Camat", 1),
    (U.kantor, L.unit, J.kepala_skpd, "Kepala Kantor", "Keputusan Kepala Kantor", 1),
    (U.inspektorat, L.unit, J.kepala_skpd, "Inspektur", "Keputusan Inspektur", 1),
    (U.bagian, L.unit, J.kepala_skpd, "Kepala Bagian", "Keputusan Kepala Bagian", 1),
    (
        U.sekretariat_daerah,
        L.unit,
        J.sekretaris_daerah,
        "Sekretaris Daerah",
        "Keputusan Sekretaris Daerah",
        1,
    ),
    # ayat (2): UPT
    (U.upt, L.unit, J.kepala_upt, "Kepala UPT", "Keputusan Kepala UPT", 2),
    # ayat (3): lintas Bagian di Sekretariat Daerah
    (
        U.bagian,
        L.lintas_bagian,
        J.sekretaris_daerah,
        "Sekretaris Daerah",
        "Keputusan Sekretaris Daerah",
        3,
    ),
    (
        U.sekretariat_daerah,
        L.lintas_bagian,
        J.sekretaris_daerah,
        "Sekretaris Daerah",
        "Keputusan Sekretaris Daerah",
        3,
    ),
    # ayat (4): Sekretariat DPRD
    (
        U.sekretariat_dprd,
        L.unit,
        J.sekretaris_dewan,
        "Sekretaris Dewan",
        "Keputusan Sekretaris Dewan",
        4,
    ),
] + [
    # ayat (5): lintas SKPD wins over everything
    (unit, L.lintas_skpd, J.bupati, "Bupati", "Keputusan Bupati", 5)
    for unit in JenisUnit
]

LINTAS_BAGIAN_IMPOSSIBLE = [u for u in JenisUnit if u not in {U.bagian, U.sekretariat_daerah}]


def test_table_covers_every_valid_combination() -> None:
    covered = {(unit, lingkup) for unit, lingkup, *_ in PENGESAH}
    expected = {
        (unit, lingkup)
        for unit in JenisUnit
        for lingkup in LingkupSop
        if not (lingkup is L.lintas_bagian and unit in LINTAS_BAGIAN_IMPOSSIBLE)
    }
    assert covered == expected


@pytest.mark.parametrize(("unit", "lingkup", "jabatan", "sebutan", "keputusan", "ayat"), PENGESAH)
def test_pejabat_pengesah(
    unit: JenisUnit,
    lingkup: LingkupSop,
    jabatan: Jabatan,
    sebutan: str,
    keputusan: str,
    ayat: int,
) -> None:
    result = pejabat_pengesah(unit, lingkup)
    assert result.jabatan is jabatan
    assert result.sebutan == sebutan
    assert result.keputusan == keputusan
    assert result.dasar == f"Pasal 11 ayat ({ayat})"


@pytest.mark.parametrize(("unit", "lingkup", "jabatan", "sebutan", "keputusan", "ayat"), PENGESAH)
def test_right_official_may_sign(
    unit: JenisUnit,
    lingkup: LingkupSop,
    jabatan: Jabatan,
    sebutan: str,
    keputusan: str,
    ayat: int,
) -> None:
    assert check_pengesah(unit, lingkup, jabatan) is None
    assert check_pengesah(unit, lingkup, jabatan.value) is None  # plain string too


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
    ("unit", "lingkup", "jabatan", "sebutan", "keputusan", "ayat", "wrong"),
    [(*row, wrong) for row in PENGESAH for wrong in _wrong_officials(row[0], row[2])],
)
def test_wrong_official_is_refused_naming_the_right_one(
    unit: JenisUnit,
    lingkup: LingkupSop,
    jabatan: Jabatan,
    sebutan: str,
    keputusan: str,
    ayat: int,
    wrong: Jabatan,
) -> None:
    message = check_pengesah(unit, lingkup, wrong)
    assert message is not None
    assert f"harus disahkan oleh {sebutan} " in message
    assert f"ditetapkan dengan {keputusan} " in message
    assert f"Pasal 11 ayat ({ayat})" in message
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
