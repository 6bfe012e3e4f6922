"""What changed between two versions of an SOP document (pure; no I/O).

Identity fields and the document's own fields are compared field by field (nested fields as
dotted paths, e.g. ``nomor_sop.no_urut``). Steps are aligned by their text (``uraian``) rather
than their number, so inserting one step shows one step added, not every later step changed;
steps whose text changed in place are paired up and shown as changed, field by field.
"""

from difflib import SequenceMatcher
from typing import Any, Literal

from pydantic import BaseModel

from sop.document import SopDocument

# Fields outside the identity table and the steps that still belong to the document.
DOCUMENT_FIELDS = ("jenis", "format", "pelaksana")


class FieldChange(BaseModel):
    field: str
    before: Any = None
    after: Any = None


class StepChange(BaseModel):
    change: Literal["added", "removed", "changed"]
    no_before: int | None = None
    no_after: int | None = None
    uraian: str
    fields: list[FieldChange] = []


class DocumentDiff(BaseModel):
    identitas: list[FieldChange]
    document: list[FieldChange]
    langkah: list[StepChange]

    @property
    def unchanged(self) -> bool:
        return not (self.identitas or self.document or self.langkah)


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}{key}."))
        return flat
    return {prefix.rstrip("."): value}


def field_changes(
    before: dict, after: dict, skip: frozenset[str] = frozenset()
) -> list[FieldChange]:
    """Every dotted field whose value differs (a list is one value, compared whole)."""
    a, b = _flatten(before), _flatten(after)
    changes = []
    for name in sorted(set(a) | set(b)):
        if name in skip or (a.get(name) == b.get(name)):
            continue
        changes.append(FieldChange(field=name, before=a.get(name), after=b.get(name)))
    return changes


def _as_dict(document: SopDocument | dict) -> dict:
    return document.model_dump(mode="json") if isinstance(document, SopDocument) else document


def _step_diff(before: list[dict], after: list[dict]) -> list[StepChange]:
    matcher = SequenceMatcher(
        a=[s.get("uraian", "") for s in before],
        b=[s.get("uraian", "") for s in after],
        autojunk=False,
    )
    changes: list[StepChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = before[i1:i2], after[j1:j2]
        paired = zip(old, new, strict=False) if tag in ("equal", "replace") else ()
        for a, b in paired:
            fields = field_changes(a, b, skip=frozenset({"no"}))
            if fields:
                changes.append(
                    StepChange(
                        change="changed",
                        no_before=a.get("no"),
                        no_after=b.get("no"),
                        uraian=b.get("uraian", ""),
                        fields=fields,
                    )
                )
        paired_count = min(len(old), len(new)) if tag in ("equal", "replace") else 0
        for a in old[paired_count:]:
            changes.append(
                StepChange(change="removed", no_before=a.get("no"), uraian=a.get("uraian", ""))
            )
        for b in new[paired_count:]:
            changes.append(
                StepChange(change="added", no_after=b.get("no"), uraian=b.get("uraian", ""))
            )
    return changes


def diff_documents(before: SopDocument | dict, after: SopDocument | dict) -> DocumentDiff:
    """The changes from ``before`` to ``after`` (documents or their stored JSON)."""
    a, b = _as_dict(before), _as_dict(after)
    return DocumentDiff(
        identitas=field_changes(a.get("identitas", {}), b.get("identitas", {})),
        document=field_changes(
            {k: a.get(k) for k in DOCUMENT_FIELDS}, {k: b.get(k) for k in DOCUMENT_FIELDS}
        ),
        langkah=_step_diff(a.get("langkah", []), b.get("langkah", [])),
    )
