"""Pasal 9: the requirements (syarat) an SOP must meet, checked before pengesahan.

    Syarat SOP meliputi :
    a. menghasilkan paling sedikit 1 (satu) output tertentu;
    b. mengacu pada penjabaran tugas pokok dan fungsi;
    c. mengacu kepada peraturan perundang-undangan yang berlaku;
    d. memperhatikan SOP lainnya yang dibakukan; dan
    e. memperhatikan identifikasi kebutuhan SOP.

How each item is read from the data:

a. some step has a non-blank ``mutu_baku.output``;
b. the context names the tugas pokok dan fungsi the SOP derives from;
c. ``identitas.dasar_hukum`` has at least one non-blank entry;
d. ``identitas.keterkaitan`` has a non-blank entry, or the drafter recorded explicitly that
   there is no related SOP ("tidak ada": ``keterkaitan_dipertimbangkan``);
e. the SOP traces back to a row of the needs identification (Lampiran II.A), ``kebutuhan_id``.

Problems of the procedure's structure (found by the structural validator elsewhere) are passed
through with ``huruf="struktur"``: an SOP whose flow is broken does not meet the syarat either.
"""

from collections.abc import Sequence
from typing import Literal

from pydantic import ConfigDict, Field

from sop.document import SopDocument
from sop.strict import ClosedModel

HurufSyarat = Literal["a", "b", "c", "d", "e", "struktur"]


class KonteksSyarat(ClosedModel):
    """What the Pasal 9 check needs beyond the document itself."""

    tugas_pokok_fungsi: str | None = None
    """The tugas pokok dan fungsi (tupoksi) the SOP derives from."""
    kebutuhan_id: str | None = None
    """Id of the needs-identification row (Lampiran II.A) the SOP answers."""
    keterkaitan_dipertimbangkan: bool = False
    """True when the drafter recorded that no other standardised SOP is related."""
    struktur_valid_problems: list[str] = Field(default_factory=list)
    """Messages of the structural validator, passed through unchanged."""


class SyaratGagal(ClosedModel):
    """One unmet requirement: the huruf of Pasal 9 (or "struktur") and what to add."""

    model_config = ConfigDict(frozen=True)

    huruf: HurufSyarat
    pesan: str

    @property
    def teks(self) -> str:
        """The refusal as shown: "Pasal 9 huruf a: ..." for an item of Pasal 9; a structure
        problem is not an item of Pasal 9 and says what it is on its own."""
        if self.huruf == "struktur":
            return self.pesan
        # Drafts read before the reference moved to the prefix still carry it in the text.
        pesan = self.pesan.replace(f" (Pasal 9 huruf {self.huruf})", "")
        return f"Pasal 9 huruf {self.huruf}: {pesan}"


def _isi(text: str | None) -> bool:
    return bool(text and text.strip())


_URUTAN = ("a", "b", "c", "d", "e", "struktur")

# What to add when an item of Pasal 9 is unmet, by its huruf.
_PESAN: dict[HurufSyarat, str] = {
    "a": "SOP harus menghasilkan paling sedikit 1 (satu) output tertentu: isi "
    "kolom Output pada mutu baku sekurang-kurangnya satu langkah.",
    "b": "SOP harus mengacu pada penjabaran tugas pokok dan fungsi: cantumkan "
    "tugas pokok dan fungsi yang menjadi dasar SOP ini.",
    "c": "SOP harus mengacu kepada peraturan perundang-undangan yang berlaku: "
    "isi Dasar Hukum dengan sekurang-kurangnya satu peraturan.",
    "d": "SOP harus memperhatikan SOP lainnya yang dibakukan: isi Keterkaitan "
    "dengan SOP yang terkait, atau nyatakan bahwa tidak ada SOP terkait.",
    "e": "SOP harus memperhatikan identifikasi kebutuhan SOP: kaitkan SOP ini "
    "dengan baris identifikasi kebutuhan SOP yang mendasarinya.",
}


def _unmet(items: Sequence[tuple[HurufSyarat, bool]]) -> list[SyaratGagal]:
    """One ``SyaratGagal`` for each (huruf, met) pair that is not met, in the given order."""
    return [SyaratGagal(huruf=huruf, pesan=_PESAN[huruf]) for huruf, met in items if not met]


def syarat_dokumen(
    doc: SopDocument, struktur_valid_problems: Sequence[str] = ()
) -> list[SyaratGagal]:
    """The items read from the document alone: a (an output), c (dasar hukum) and the
    procedure's structure."""
    gagal = _unmet(
        [
            ("a", any(_isi(step.mutu_baku.output) for step in doc.langkah)),
            ("c", any(_isi(dasar) for dasar in doc.identitas.dasar_hukum)),
        ]
    )
    for problem in struktur_valid_problems:
        gagal.append(SyaratGagal(huruf="struktur", pesan=f"Struktur prosedur: {problem}"))
    return gagal


def ada_keterkaitan(doc: SopDocument) -> bool:
    """The document names at least one related SOP (item d from the document's side)."""
    return any(_isi(sop) for sop in doc.identitas.keterkaitan)


def syarat_konteks(context: KonteksSyarat, ada_sop_terkait: bool) -> list[SyaratGagal]:
    """The items that need the drafting context: b (tupoksi), d (keterkaitan named in the
    document, ``ada_sop_terkait``, or "tidak ada" recorded) and e (the needs entry)."""
    return _unmet(
        [
            ("b", _isi(context.tugas_pokok_fungsi)),
            ("d", ada_sop_terkait or context.keterkaitan_dipertimbangkan),
            ("e", _isi(context.kebutuhan_id)),
        ]
    )


def urutkan(gagal: list[SyaratGagal]) -> list[SyaratGagal]:
    """In the order of Pasal 9 (a-e), the structure last."""
    return sorted(gagal, key=lambda g: _URUTAN.index(g.huruf))


def check_syarat(doc: SopDocument, context: KonteksSyarat) -> list[SyaratGagal]:
    """Every unmet Pasal 9 requirement, in order a-e then structure; empty when all are met."""
    return urutkan(
        syarat_dokumen(doc, context.struktur_valid_problems)
        + syarat_konteks(context, ada_keterkaitan(doc))
    )
