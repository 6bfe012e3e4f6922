"""Pasal 7: which format suits an SOP, from its steps and its decisions.

    (1) Faktor ... penentuan format ...: a. berapa banyak langkah dan sub langkah ...; dan
        b. berapa banyak keputusan yang akan dibuat dalam suatu prosedur.
    (3) langkah sederhana: memuat sedikit kegiatan dan memerlukan sedikit keputusan.
    (4) tahapan berurutan: panjang, lebih dari sepuluh langkah, ... sedikit keputusan.
    (5) grafik: memerlukan banyak kegiatan yang panjang dan spesifik.
    (6) diagram alir: pengambilan keputusan yang banyak dan membutuhkan jawaban "ya" atau
        "tidak".

The regulation gives one number only ("lebih dari sepuluh langkah"); the other thresholds are
choices made here, as named constants, so they can be argued about and changed in one place.
Rules are tried in this order and the first that holds is the recommendation:

1. ``jumlah keputusan >= KEPUTUSAN_MIN_DIAGRAM_ALIR`` (2) -> diagram alir, ayat (6). A
   decision is a step drawn with the ``keputusan`` symbol (a ya/tidak branch). Ayat (3) and (4)
   both require "sedikit keputusan", so many decisions rule them out first; one decision is
   still "sedikit".
2. ``jumlah kegiatan panjang >= KEGIATAN_PANJANG_MIN_GRAFIK`` (5) -> grafik, ayat (5). A step is
   a "kegiatan panjang dan spesifik" when its uraian is longer than ``URAIAN_PANJANG_CHARS``
   (150 characters: about two lines of the printed table, i.e. a detailed, specific activity)
   or its mutu baku waktu is at least ``WAKTU_PANJANG_MENIT`` (one working week, 5 working days
   as defined in ``sop.waktu``). Five such steps are "banyak". This comes before ayat (4)
   because it is the more specific description of a long procedure.
3. ``jumlah langkah > LANGKAH_MAKS_LANGKAH_SEDERHANA`` (10) -> tahapan berurutan, ayat (4).
4. otherwise -> langkah sederhana, ayat (3).

This is advice to the drafter (Lampiran I 3.c.1: the drafter decides the format); it never
refuses a document.
"""

from pydantic import ConfigDict

from sop.document import FormatSop, Langkah, Simbol, SopDocument
from sop.strict import ClosedModel
from sop.waktu import MINUTES_PER_WORKING_DAY

KEPUTUSAN_MIN_DIAGRAM_ALIR = 2
"""From this many ya/tidak decisions on, the diagram alir is recommended (ayat (6))."""

LANGKAH_MAKS_LANGKAH_SEDERHANA = 10
"""More steps than this is "lebih dari sepuluh langkah": tahapan berurutan (ayat (4))."""

URAIAN_PANJANG_CHARS = 150
"""An uraian longer than this many characters makes the step a long, specific activity."""

WAKTU_PANJANG_MENIT = 5 * MINUTES_PER_WORKING_DAY
"""A step taking at least this many working minutes (one working week) is a long activity."""

KEGIATAN_PANJANG_MIN_GRAFIK = 5
"""From this many long, specific activities on, the grafik is recommended (ayat (5))."""

_NAMA_FORMAT: dict[FormatSop, str] = {
    FormatSop.langkah_sederhana: "langkah sederhana (simple steps)",
    FormatSop.tahapan_berurutan: "tahapan berurutan (hierarchical steps)",
    FormatSop.grafik: "grafik (graphic)",
    FormatSop.diagram_alir: "diagram alir (flowchart)",
}


class RekomendasiFormat(ClosedModel):
    """The recommended format and why, in Indonesian, citing the ayat of Pasal 7."""

    model_config = ConfigDict(frozen=True)

    format: FormatSop
    alasan: str
    dasar: str
    """The ayat applied, e.g. "Pasal 7 ayat (6)"."""


def is_kegiatan_panjang(step: Langkah) -> bool:
    """A long, specific activity in the sense of ayat (5) (thresholds in the module docstring)."""
    if len(step.uraian) > URAIAN_PANJANG_CHARS:
        return True
    waktu = step.mutu_baku.waktu
    return waktu is not None and waktu.menit >= WAKTU_PANJANG_MENIT


def rekomendasi_format(doc: SopDocument) -> RekomendasiFormat:
    """Recommend a FormatSop for ``doc`` from its steps (Pasal 7 ayat (1)-(6))."""
    jumlah_langkah = len(doc.langkah)
    jumlah_keputusan = sum(1 for step in doc.langkah if step.simbol is Simbol.keputusan)
    jumlah_panjang = sum(1 for step in doc.langkah if is_kegiatan_panjang(step))

    if jumlah_keputusan >= KEPUTUSAN_MIN_DIAGRAM_ALIR:
        return _rekomendasi(
            FormatSop.diagram_alir,
            6,
            f"prosedur memuat {jumlah_keputusan} pengambilan keputusan berjawaban ya/tidak "
            f"(banyak: {KEPUTUSAN_MIN_DIAGRAM_ALIR} atau lebih)",
        )
    if jumlah_panjang >= KEGIATAN_PANJANG_MIN_GRAFIK:
        return _rekomendasi(
            FormatSop.grafik,
            5,
            f"prosedur memuat {jumlah_panjang} kegiatan yang panjang dan spesifik (uraian lebih "
            f"dari {URAIAN_PANJANG_CHARS} karakter atau waktu paling sedikit 1 minggu kerja; "
            f"banyak: {KEGIATAN_PANJANG_MIN_GRAFIK} atau lebih)",
        )
    if jumlah_langkah > LANGKAH_MAKS_LANGKAH_SEDERHANA:
        return _rekomendasi(
            FormatSop.tahapan_berurutan,
            4,
            f"prosedur panjang, {jumlah_langkah} langkah (lebih dari sepuluh langkah), dengan "
            f"sedikit keputusan ({jumlah_keputusan})",
        )
    return _rekomendasi(
        FormatSop.langkah_sederhana,
        3,
        f"prosedur memuat sedikit kegiatan ({jumlah_langkah} langkah, paling banyak sepuluh) "
        f"dan sedikit keputusan ({jumlah_keputusan})",
    )


def _rekomendasi(fmt: FormatSop, ayat: int, sebab: str) -> RekomendasiFormat:
    dasar = f"Pasal 7 ayat ({ayat})"
    alasan = (
        f"Format {_NAMA_FORMAT[fmt]} dianjurkan karena {sebab}, sesuai {dasar} "
        "Peraturan Bupati Balangan Nomor 6 Tahun 2013."
    )
    return RekomendasiFormat(format=fmt, alasan=alasan, dasar=dasar)
