"""Structural validation of the uraian prosedur (sop.validation, Lampiran II.C.3/II.D)."""

import json
from pathlib import Path

import pytest

from sop.document import SopDocument
from sop.fixtures import lampiran_2e_example
from sop.validation import Masalah, is_valid, konektor_pairs, validate_procedure

FIXTURES = Path(__file__).parents[1] / "support" / "fixtures"
BROKEN = sorted(path.stem.removeprefix("rusak_") for path in FIXTURES.glob("rusak_*.json"))


def load(name: str) -> SopDocument:
    return SopDocument.model_validate_json((FIXTURES / f"{name}.json").read_text("utf-8"))


def raw(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))


def codes(problems: list[Masalah]) -> set[str]:
    return {problem.kode for problem in problems}


@pytest.mark.parametrize(
    "doc",
    [lampiran_2e_example(), load("keputusan_izin_usaha"), load("konektor_pengarsipan")],
    ids=["lampiran_2e", "keputusan", "konektor"],
)
def test_valid_documents_have_no_problem(doc: SopDocument) -> None:
    assert validate_procedure(doc) == []
    assert is_valid(doc)


def test_every_rule_has_a_broken_fixture() -> None:
    assert len(BROKEN) >= 18


# A broken fixture may set off a consequence of its own fault, listed here.
SIDE_EFFECTS = {"tidak_sampai_akhir": {"tidak_terjangkau"}}
# Rules whose problem is only a warning: the document stays valid.
WARNINGS = {"pelaksana_tidak_digunakan"}
# Expected step number of the problem (None: about the whole document).
STEP = {
    "awal_bukan_terminator": 1,
    "akhir_bukan_terminator": 7,
    "terminator_di_tengah": 5,
    "langkah_kurang": None,
    "keputusan_tanpa_ya": 3,
    "keputusan_tanpa_tidak": 6,
    "tujuan_tidak_ada": 3,
    "tujuan_diri_sendiri": 6,
    "cabang_bukan_keputusan": 2,
    "pelaksana_tidak_dikenal": 4,
    "pelaksana_tidak_digunakan": None,
    "pelaksana_ganda": None,
    "konektor_tanpa_pasangan": 4,
    "konektor_label_berbeda": 5,
    "konektor_tanpa_label": 4,
    "tidak_terjangkau": 4,
    "waktu_kosong": 5,
}


@pytest.mark.parametrize("rule", BROKEN)
def test_broken_fixture_breaks_exactly_its_rule(rule: str) -> None:
    problems = validate_procedure(load(f"rusak_{rule}"))
    assert codes(problems) == {rule} | SIDE_EFFECTS.get(rule, set())
    assert is_valid(load(f"rusak_{rule}")) is (rule in WARNINGS)
    mine = [problem for problem in problems if problem.kode == rule]
    assert all(
        problem.tingkat == ("peringatan" if rule in WARNINGS else "galat") for problem in mine
    )
    if rule in STEP:
        assert [problem.langkah for problem in mine] == [STEP[rule]]


def test_cycle_without_exit_is_reported_for_every_step_that_cannot_finish() -> None:
    problems = validate_procedure(load("rusak_tidak_sampai_akhir"))
    stuck = sorted(p.langkah for p in problems if p.kode == "tidak_sampai_akhir")
    assert stuck == [1, 2, 3, 4, 5, 6]
    assert [p.langkah for p in problems if p.kode == "tidak_terjangkau"] == [7]


def test_messages_are_indonesian_and_name_the_step() -> None:
    problems = validate_procedure(load("rusak_tujuan_tidak_ada"))
    assert len(problems) == 1
    assert "langkah 3" in problems[0].pesan
    assert "langkah 12" in problems[0].pesan
    assert "tidak ada" in problems[0].pesan


def test_same_target_for_both_answers_is_a_warning() -> None:
    data = raw("keputusan_izin_usaha")
    data["langkah"][2].update(ya=4, tidak=4)
    doc = SopDocument.model_validate(data)
    problems = validate_procedure(doc)
    assert [(p.kode, p.tingkat, p.langkah) for p in problems] == [("cabang_sama", "peringatan", 3)]
    assert is_valid(doc)


def test_a_label_used_by_two_konektor_pairs_is_a_warning() -> None:
    data = raw("konektor_pengarsipan")
    steps = data["langkah"]
    extra = [
        {**steps[3], "no": 6, "pelaksana": "Staf"},
        {**steps[4], "no": 7, "pelaksana": "Kasubbag"},
    ]
    for offset, step in enumerate(steps[5:]):
        step["no"] = 8 + offset
    data["langkah"] = steps[:5] + extra + steps[5:]
    doc = SopDocument.model_validate(data)
    assert konektor_pairs(doc.langkah) == [(4, 5), (6, 7)]
    problems = validate_procedure(doc)
    assert [(p.kode, p.tingkat, p.langkah) for p in problems] == [
        ("konektor_label_ganda", "peringatan", 6)
    ]


def test_three_konektor_in_a_row_leave_the_third_unpaired() -> None:
    data = raw("konektor_pengarsipan")
    data["langkah"][5].update(simbol="konektor", keterangan="A")
    doc = SopDocument.model_validate(data)
    assert konektor_pairs(doc.langkah) == [(4, 5), (6, None)]
    assert "konektor_tanpa_pasangan" in codes(validate_procedure(doc))


def test_konektor_and_terminators_need_no_waktu_but_proses_does() -> None:
    doc = load("konektor_pengarsipan")
    assert doc.langkah[3].mutu_baku.waktu is None  # konektor
    assert doc.langkah[0].mutu_baku.waktu is None  # start terminator
    assert validate_procedure(doc) == []


def test_empty_procedure() -> None:
    doc = lampiran_2e_example().model_copy(update={"langkah": []})
    assert codes(validate_procedure(doc)) == {"langkah_kurang", "pelaksana_tidak_digunakan"}
    assert not is_valid(doc)
