"""Pasal 9: the syarat SOP checked before pengesahan, each missing item listed."""

import pytest

from sop.document import MutuBaku, SopDocument
from sop.fixtures import lampiran_2e_example
from sop.pasal9 import KonteksSyarat, SyaratGagal, check_syarat

COMPLETE = KonteksSyarat(
    tugas_pokok_fungsi="Penyelenggaraan administrasi umum dan tata naskah dinas",
    kebutuhan_id="kebutuhan-2013-001",
    keterkaitan_dipertimbangkan=True,
)


def _example(**identitas: object) -> SopDocument:
    doc = lampiran_2e_example()
    return doc.model_copy(update={"identitas": doc.identitas.model_copy(update=identitas)})


def _without_output() -> SopDocument:
    doc = lampiran_2e_example()
    langkah = [
        step.model_copy(update={"mutu_baku": step.mutu_baku.model_copy(update={"output": ""})})
        for step in doc.langkah
    ]
    return doc.model_copy(update={"langkah": langkah})


def _blank_output() -> SopDocument:
    doc = _without_output()
    first = doc.langkah[0].model_copy(update={"mutu_baku": MutuBaku(output="   ")})
    return doc.model_copy(update={"langkah": [first, *doc.langkah[1:]]})


def test_complete_example_meets_every_syarat() -> None:
    assert check_syarat(lampiran_2e_example(), COMPLETE) == []


def test_keterkaitan_listed_needs_no_explicit_tidak_ada() -> None:
    doc = _example(keterkaitan=["SOP Pengarsipan Surat"])
    context = COMPLETE.model_copy(update={"keterkaitan_dipertimbangkan": False})
    assert check_syarat(doc, context) == []


@pytest.mark.parametrize(
    ("doc", "context", "huruf", "fragment"),
    [
        (_without_output(), COMPLETE, "a", "isi kolom Output"),
        (_blank_output(), COMPLETE, "a", "paling sedikit 1 (satu) output"),
        (_example(), COMPLETE.model_copy(update={"tugas_pokok_fungsi": None}), "b", "tugas pokok"),
        (_example(), COMPLETE.model_copy(update={"tugas_pokok_fungsi": "  "}), "b", "fungsi"),
        (_example(dasar_hukum=[]), COMPLETE, "c", "isi Dasar Hukum"),
        (_example(dasar_hukum=[" "]), COMPLETE, "c", "peraturan perundang-undangan"),
        (
            _example(keterkaitan=[]),
            COMPLETE.model_copy(update={"keterkaitan_dipertimbangkan": False}),
            "d",
            "tidak ada SOP terkait",
        ),
        (_example(), COMPLETE.model_copy(update={"kebutuhan_id": None}), "e", "identifikasi"),
        (_example(), COMPLETE.model_copy(update={"kebutuhan_id": ""}), "e", "kebutuhan SOP"),
    ],
)
def test_each_missing_item_alone(
    doc: SopDocument, context: KonteksSyarat, huruf: str, fragment: str
) -> None:
    failures = check_syarat(doc, context)
    assert [f.huruf for f in failures] == [huruf]
    assert fragment in failures[0].pesan
    assert failures[0].teks.startswith(f"Pasal 9 huruf {huruf}: SOP harus")
    assert failures[0].teks.count("Pasal 9") == 1


def test_structure_problems_are_passed_through() -> None:
    context = COMPLETE.model_copy(
        update={"struktur_valid_problems": ["langkah 3 tidak punya tujuan 'tidak'", "buntu"]}
    )
    assert check_syarat(lampiran_2e_example(), context) == [
        SyaratGagal(
            huruf="struktur", pesan="Struktur prosedur: langkah 3 tidak punya tujuan 'tidak'"
        ),
        SyaratGagal(huruf="struktur", pesan="Struktur prosedur: buntu"),
    ]


def test_everything_missing_lists_every_item_in_order() -> None:
    doc = _without_output()
    doc = doc.model_copy(update={"identitas": doc.identitas.model_copy(update={"dasar_hukum": []})})
    context = KonteksSyarat(struktur_valid_problems=["prosedur tidak berakhir di terminator"])
    failures = check_syarat(doc, context)
    assert [f.huruf for f in failures] == ["a", "b", "c", "d", "e", "struktur"]
    assert all(f.pesan for f in failures)


def test_empty_procedure_has_no_output() -> None:
    doc = _example().model_copy(update={"langkah": []})
    assert [f.huruf for f in check_syarat(doc, COMPLETE)] == ["a"]


def test_context_defaults_and_strictness() -> None:
    context = KonteksSyarat()
    assert context.tugas_pokok_fungsi is None
    assert context.kebutuhan_id is None
    assert context.keterkaitan_dipertimbangkan is False
    assert context.struktur_valid_problems == []
    with pytest.raises(ValueError):
        KonteksSyarat(tupoksi="x")  # type: ignore[call-arg]


def test_a_structure_problem_is_not_called_a_huruf_of_pasal_9() -> None:
    context = COMPLETE.model_copy(update={"struktur_valid_problems": ["buntu"]})
    (failure,) = check_syarat(lampiran_2e_example(), context)
    assert failure.teks == "Struktur prosedur: buntu"


def test_a_draft_read_before_keeps_one_reference() -> None:
    old = SyaratGagal(huruf="a", pesan="SOP harus menghasilkan output (Pasal 9 huruf a): isi.")
    assert old.teks == "Pasal 9 huruf a: SOP harus menghasilkan output: isi."
