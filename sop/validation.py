"""Structural validation of the uraian prosedur (Lampiran II.C.3, II.D and II.E).

The regulation draws a procedure as a flowchart (Lampiran II.D): it starts and ends with a
terminator ("Mulai/berakhir"), a keputusan answers "ya" or "tidak", a konektor carries the flow
to another page, and every step sits in the column of one pelaksana (Lampiran II.C.3 item 2).
``validate_procedure`` checks a ``SopDocument`` against these rules and returns every problem
found, in one list, so a drafter can fix them all at once; ``is_valid`` is true when none of them
is a ``galat`` (``peringatan`` only advise).

Rules (``kode`` of the problem in brackets):

* the procedure has at least two steps [``langkah_kurang``]; the first step is the start
  terminator [``awal_bukan_terminator``], the last is the end terminator
  [``akhir_bukan_terminator``] and no other step is a terminator [``terminator_di_tengah``];
* a keputusan names both a ``ya`` and a ``tidak`` target [``keputusan_tanpa_ya``,
  ``keputusan_tanpa_tidak``]; each target is an existing step [``tujuan_tidak_ada``] other than
  the keputusan itself [``tujuan_diri_sendiri``]; both answers going to the same step is only a
  warning [``cabang_sama``]; a step that is not a keputusan has no ``ya``/``tidak``
  [``cabang_bukan_keputusan``];
* every step's pelaksana is in the document's ``pelaksana`` list [``pelaksana_tidak_dikenal``];
  the list has no duplicates [``pelaksana_ganda``]; a listed pelaksana that no step uses is a
  warning [``pelaksana_tidak_digunakan``];
* konektor pairs: a konektor at the bottom of a page (the *outgoing* one) is immediately followed
  by the konektor at the top of the next page (the *incoming* one), and both carry the same
  non-empty label in ``keterangan`` (for example "A"). Reading the steps in order, a konektor
  opens a pair and the next step must close it [``konektor_tanpa_pasangan``,
  ``konektor_tanpa_label``, ``konektor_label_berbeda``]; a label reused by another pair is a
  warning [``konektor_label_ganda``];
* flow: a step that is not a keputusan flows to the next step (``no + 1``), a keputusan flows to
  its ``ya`` and ``tidak`` targets, and the last step (the end terminator) flows nowhere. Every
  step is reachable from the first step [``tidak_terjangkau``] and reaches the last step
  [``tidak_sampai_akhir``];
* every step that is not a terminator has a mutu baku waktu (Lampiran II.C.3 column 6)
  [``waktu_kosong``]; konektor steps are exempt too, they only mark a page change and no work
  happens in them.
"""

from collections import Counter, deque
from collections.abc import Iterable
from typing import Literal, TypeVar

from pydantic import BaseModel

from sop.document import Langkah, Simbol, SopDocument

Tingkat = Literal["galat", "peringatan"]
_T = TypeVar("_T")

# Each problem's message, by its kode; ``{…}`` fields are filled from the step at fault.
_PESAN: dict[str, str] = {
    "langkah_kurang": "Prosedur harus memiliki paling sedikit dua langkah: langkah awal "
    "(terminator Mulai) dan langkah akhir (terminator Selesai).",
    "awal_bukan_terminator": "Langkah {no} adalah langkah awal; ubah simbolnya menjadi "
    "terminator (Mulai).",
    "akhir_bukan_terminator": "Langkah {no} adalah langkah terakhir; ubah simbolnya menjadi "
    "terminator (Selesai).",
    "terminator_di_tengah": "Langkah {no} memakai simbol terminator, padahal terminator "
    "hanya untuk langkah awal dan akhir; ganti dengan simbol proses.",
    "cabang_bukan_keputusan": "Langkah {no} bukan keputusan, tetapi memiliki tujuan "
    "'ya'/'tidak'; kosongkan tujuan tersebut atau ubah simbolnya menjadi keputusan.",
    "keputusan_tanpa_ya": "Keputusan pada langkah {no} belum memiliki tujuan 'ya'; isi nomor "
    "langkah yang dituju jika jawabannya 'ya'.",
    "keputusan_tanpa_tidak": "Keputusan pada langkah {no} belum memiliki tujuan 'tidak'; isi "
    "nomor langkah yang dituju jika jawabannya 'tidak'.",
    "tujuan_diri_sendiri": "Tujuan '{answer}' pada langkah {no} menunjuk ke langkah itu sendiri; "
    "isi dengan nomor langkah lain.",
    "tujuan_tidak_ada": "Tujuan '{answer}' pada langkah {no} adalah langkah {target}, yang tidak "
    "ada; isi dengan nomor langkah 1 sampai {count}.",
    "cabang_sama": "Jawaban 'ya' dan 'tidak' pada langkah {no} menuju langkah yang sama "
    "({target}); periksa apakah langkah ini memang keputusan.",
    "pelaksana_ganda": "Pelaksana '{name}' tercantum {count} kali dalam daftar pelaksana; "
    "hapus yang ganda.",
    "pelaksana_tidak_dikenal": "Pelaksana '{name}' pada langkah {no} tidak ada dalam daftar "
    "pelaksana; tambahkan ke daftar atau pilih pelaksana yang ada.",
    "pelaksana_tidak_digunakan": "Pelaksana '{name}' tidak melaksanakan satu langkah pun; hapus "
    "dari daftar pelaksana atau tetapkan langkah untuknya.",
    "konektor_tanpa_pasangan": "Konektor pada langkah {no} tidak berpasangan; langkah "
    "berikutnya harus konektor dengan label yang sama (konektor keluar di akhir halaman, "
    "konektor masuk di awal halaman berikutnya).",
    "konektor_tanpa_label": "Konektor pada langkah {no} belum berlabel; isi kolom keterangan "
    "dengan label pasangan konektor, misalnya 'A'.",
    "konektor_label_berbeda": "Konektor langkah {outgoing} berlabel '{label}' tetapi "
    "pasangannya pada langkah {no} berlabel '{other}'; samakan labelnya.",
    "konektor_label_ganda": "Label konektor '{label}' sudah dipakai pada langkah {first}; "
    "gunakan label lain agar pasangan konektor tidak tertukar.",
    "tidak_terjangkau": "Langkah {no} tidak dapat dicapai dari langkah awal; periksa tujuan "
    "'ya'/'tidak' keputusan sebelumnya agar alur sampai ke langkah ini.",
    "tidak_sampai_akhir": "Alur dari langkah {no} tidak pernah sampai ke langkah akhir "
    "({last}); periksa tujuan 'ya'/'tidak' agar tidak berputar tanpa jalan keluar.",
    "waktu_kosong": "Langkah {no} belum memiliki waktu mutu baku; isi lama waktunya, misalnya "
    "'30 Menit' atau '1 Hari'.",
}
# Problems that only advise; every other kode is a galat.
_PERINGATAN = {"cabang_sama", "pelaksana_tidak_digunakan", "konektor_label_ganda"}


class Masalah(BaseModel):
    """One problem of a procedure; ``pesan`` says in Bahasa Indonesia what to fix."""

    langkah: int | None = None
    kode: str
    pesan: str
    tingkat: Tingkat = "galat"


def _masalah(kode: str, no: int | None = None, **fields: object) -> Masalah:
    """The problem ``kode`` at step ``no``, its message filled from ``fields``."""
    tingkat: Tingkat = "peringatan" if kode in _PERINGATAN else "galat"
    return Masalah(
        langkah=no, kode=kode, pesan=_PESAN[kode].format(no=no, **fields), tingkat=tingkat
    )


def validate_procedure(doc: SopDocument) -> list[Masalah]:
    """Every structural problem of ``doc``'s procedure, ordered by rule then step number."""
    problems: list[Masalah] = []
    problems += _check_terminators(doc.langkah)
    problems += _check_branches(doc.langkah)
    problems += _check_pelaksana(doc)
    problems += _check_konektor(doc.langkah)
    problems += _check_flow(doc.langkah)
    problems += _check_waktu(doc.langkah)
    return problems


def is_valid(doc: SopDocument) -> bool:
    """True when the procedure has no problem of level ``galat``."""
    return not any(problem.tingkat == "galat" for problem in validate_procedure(doc))


def _check_terminators(steps: list[Langkah]) -> list[Masalah]:
    if len(steps) < 2:
        return [_masalah("langkah_kurang")]
    problems: list[Masalah] = []
    first, last = steps[0], steps[-1]
    if first.simbol != Simbol.terminator:
        problems.append(_masalah("awal_bukan_terminator", first.no))
    if last.simbol != Simbol.terminator:
        problems.append(_masalah("akhir_bukan_terminator", last.no))
    for step in steps[1:-1]:
        if step.simbol == Simbol.terminator:
            problems.append(_masalah("terminator_di_tengah", step.no))
    return problems


def _check_branches(steps: list[Langkah]) -> list[Masalah]:
    numbers = {step.no for step in steps}
    problems: list[Masalah] = []
    for step in steps:
        if step.simbol != Simbol.keputusan:
            if step.ya is not None or step.tidak is not None:
                problems.append(_masalah("cabang_bukan_keputusan", step.no))
            continue
        for answer, target in (("ya", step.ya), ("tidak", step.tidak)):
            if target is None:
                problems.append(_masalah(f"keputusan_tanpa_{answer}", step.no))
            elif target == step.no:
                problems.append(_masalah("tujuan_diri_sendiri", step.no, answer=answer))
            elif target not in numbers:
                problems.append(
                    _masalah(
                        "tujuan_tidak_ada", step.no, answer=answer, target=target, count=len(steps)
                    )
                )
        if step.ya is not None and step.ya == step.tidak and step.ya != step.no:
            problems.append(_masalah("cabang_sama", step.no, target=step.ya))
    return problems


def _check_pelaksana(doc: SopDocument) -> list[Masalah]:
    problems = [
        _masalah("pelaksana_ganda", name=name, count=count)
        for name, count in Counter(doc.pelaksana).items()
        if count > 1
    ]
    known = set(doc.pelaksana)
    problems += [
        _masalah("pelaksana_tidak_dikenal", step.no, name=step.pelaksana)
        for step in doc.langkah
        if step.pelaksana not in known
    ]
    used = {step.pelaksana for step in doc.langkah}
    problems += [
        _masalah("pelaksana_tidak_digunakan", name=name)
        for name in _unique(doc.pelaksana)
        if name not in used
    ]
    return problems


def konektor_pairs(steps: list[Langkah]) -> list[tuple[int, int | None]]:
    """(outgoing, incoming) step numbers of the konektor pairs, read in order.

    A konektor opens a pair and the step right after it closes the pair when it is a konektor
    too; otherwise the pair is ``(outgoing, None)``: an unmatched konektor.
    """
    pairs: list[tuple[int, int | None]] = []
    index = 0
    while index < len(steps):
        if steps[index].simbol != Simbol.konektor:
            index += 1
            continue
        following = steps[index + 1] if index + 1 < len(steps) else None
        if following is not None and following.simbol == Simbol.konektor:
            pairs.append((steps[index].no, following.no))
            index += 2
        else:
            pairs.append((steps[index].no, None))
            index += 1
    return pairs


def _check_konektor(steps: list[Langkah]) -> list[Masalah]:
    by_no = {step.no: step for step in steps}
    problems: list[Masalah] = []
    seen_labels: dict[str, int] = {}
    for outgoing_no, incoming_no in konektor_pairs(steps):
        if incoming_no is None:
            problems.append(_masalah("konektor_tanpa_pasangan", outgoing_no))
            continue
        problems += _check_konektor_pair(by_no[outgoing_no], by_no[incoming_no], seen_labels)
    return problems


def _check_konektor_pair(
    outgoing: Langkah, incoming: Langkah, seen_labels: dict[str, int]
) -> list[Masalah]:
    problems = [
        _masalah("konektor_tanpa_label", step.no)
        for step in (outgoing, incoming)
        if not step.keterangan
    ]
    label = outgoing.keterangan
    if label and incoming.keterangan:
        if label != incoming.keterangan:
            problems.append(
                _masalah(
                    "konektor_label_berbeda",
                    incoming.no,
                    outgoing=outgoing.no,
                    label=label,
                    other=incoming.keterangan,
                )
            )
        elif label in seen_labels:
            problems.append(
                _masalah("konektor_label_ganda", outgoing.no, label=label, first=seen_labels[label])
            )
        else:
            seen_labels[label] = outgoing.no
    return problems


def successors(steps: list[Langkah], step: Langkah) -> list[int]:
    """Step numbers that ``step`` flows to (see the flow rule in the module docstring)."""
    if step.simbol == Simbol.keputusan:
        return [target for target in _unique([step.ya, step.tidak]) if target is not None]
    if steps and step.no == steps[-1].no:
        return []
    return [step.no + 1]


def _check_flow(steps: list[Langkah]) -> list[Masalah]:
    if len(steps) < 2:
        return []
    numbers = {step.no for step in steps}
    forward: dict[int, list[int]] = {
        step.no: [t for t in successors(steps, step) if t in numbers] for step in steps
    }
    backward: dict[int, list[int]] = {no: [] for no in numbers}
    for source, targets in forward.items():
        for target in targets:
            backward[target].append(source)
    from_start = _reach(steps[0].no, forward)
    to_end = _reach(steps[-1].no, backward)
    problems: list[Masalah] = []
    for step in steps:
        if step.no not in from_start:
            problems.append(_masalah("tidak_terjangkau", step.no))
        if step.no not in to_end:
            problems.append(_masalah("tidak_sampai_akhir", step.no, last=steps[-1].no))
    return problems


def _check_waktu(steps: list[Langkah]) -> list[Masalah]:
    return [
        _masalah("waktu_kosong", step.no)
        for step in steps
        if step.simbol not in (Simbol.terminator, Simbol.konektor) and step.mutu_baku.waktu is None
    ]


def _reach(start: int, edges: dict[int, list[int]]) -> set[int]:
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in edges.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _unique(items: Iterable[_T]) -> list[_T]:
    return list(dict.fromkeys(items))
