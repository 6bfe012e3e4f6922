"""What changed between two versions of an SOP document (pure function)."""

from sop.diff import diff_documents
from sop.fixtures import lampiran_2e_example


def test_identical_documents_have_no_changes():
    assert diff_documents(lampiran_2e_example(), lampiran_2e_example()).unchanged


def test_identity_and_document_fields_field_by_field():
    before = lampiran_2e_example()
    after = before.model_copy(deep=True)
    after.identitas.nama_sop = "Pelayanan Surat Masuk"
    after.identitas.dasar_hukum = [*before.identitas.dasar_hukum, "Perbup Balangan 6/2013"]
    after.pelaksana = [*before.pelaksana, "Staf Arsip"]

    diff = diff_documents(before, after)

    assert {c.field: (c.before, c.after) for c in diff.identitas} == {
        "nama_sop": (before.identitas.nama_sop, "Pelayanan Surat Masuk"),
        "dasar_hukum": (
            before.identitas.dasar_hukum,
            [*before.identitas.dasar_hukum, "Perbup Balangan 6/2013"],
        ),
    }
    assert [c.field for c in diff.document] == ["pelaksana"]
    assert diff.langkah == []


def test_steps_added_removed_and_changed():
    before = lampiran_2e_example().model_dump(mode="json")
    after = lampiran_2e_example().model_dump(mode="json")
    steps = after["langkah"]
    removed = steps.pop(3)
    steps[1]["pelaksana"] = "Kasubbag Umum"
    steps[1]["mutu_baku"]["output"] = "Agenda surat"
    inserted = {**steps[0], "uraian": "Memindai surat ke arsip digital", "keterangan": ""}
    steps.insert(1, inserted)
    for number, step in enumerate(steps, start=1):
        step["no"] = number

    diff = diff_documents(before, after)

    by_change = {c.change: [] for c in diff.langkah}
    for change in diff.langkah:
        by_change[change.change].append(change)
    assert [(c.no_after, c.uraian) for c in by_change["added"]] == [
        (2, "Memindai surat ke arsip digital")
    ]
    assert [(c.no_before, c.uraian) for c in by_change["removed"]] == [(4, removed["uraian"])]
    changed = by_change["changed"]
    # Renumbering alone is not a change: only the step whose fields were edited is listed,
    # with each field (nested ones as dotted paths).
    assert [(c.no_before, c.no_after) for c in changed] == [(2, 3)]
    assert {f.field for f in changed[0].fields} == {"pelaksana", "mutu_baku.output"}
    assert diff.identitas == [] and diff.document == []
