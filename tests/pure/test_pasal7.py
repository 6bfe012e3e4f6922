"""Pasal 7: format recommendation from the number of steps and decisions."""

import pytest

from sop.document import FormatSop, Identitas, Langkah, MutuBaku, Simbol, SopDocument
from sop.fixtures import lampiran_2e_example
from sop.pasal7 import (
    KEGIATAN_PANJANG_MIN_GRAFIK,
    KEPUTUSAN_MIN_DIAGRAM_ALIR,
    LANGKAH_MAKS_LANGKAH_SEDERHANA,
    URAIAN_PANJANG_CHARS,
    is_kegiatan_panjang,
    rekomendasi_format,
)

SHORT = "Memeriksa berkas"
LONG = "x" * (URAIAN_PANJANG_CHARS + 1)
EDGE = "x" * URAIAN_PANJANG_CHARS  # exactly the threshold: not long


def _doc(
    steps: int,
    keputusan: int = 0,
    long_uraian: int = 0,
    long_waktu: int = 0,
    waktu_panjang: str = "1 Minggu",
) -> SopDocument:
    """``steps`` steps; the first ``keputusan`` are decisions, then long ones, then short."""
    langkah = []
    for no in range(1, steps + 1):
        index = no - 1
        simbol = Simbol.keputusan if index < keputusan else Simbol.proses
        uraian = LONG if index < long_uraian else SHORT
        waktu = waktu_panjang if long_uraian <= index < long_uraian + long_waktu else "30 Menit"
        langkah.append(
            Langkah(
                no=no,
                uraian=uraian,
                pelaksana="Staf",
                simbol=simbol,
                ya=no + 1 if simbol is Simbol.keputusan else None,
                tidak=no if simbol is Simbol.keputusan else None,
                mutu_baku=MutuBaku(waktu=waktu),
            )
        )
    return SopDocument(
        identitas=Identitas(unit_kerja="Dinas Contoh", nama_sop="SOP Contoh"), langkah=langkah
    )


def test_thresholds() -> None:
    assert KEPUTUSAN_MIN_DIAGRAM_ALIR == 2
    assert LANGKAH_MAKS_LANGKAH_SEDERHANA == 10  # "lebih dari sepuluh langkah"
    assert KEGIATAN_PANJANG_MIN_GRAFIK == 5


@pytest.mark.parametrize(
    ("doc", "expected", "ayat"),
    [
        # ayat (3): few steps, few decisions
        (_doc(0), FormatSop.langkah_sederhana, 3),
        (_doc(1), FormatSop.langkah_sederhana, 3),
        (_doc(5, keputusan=1), FormatSop.langkah_sederhana, 3),
        (_doc(10, keputusan=1), FormatSop.langkah_sederhana, 3),
        (_doc(10, long_uraian=4), FormatSop.langkah_sederhana, 3),
        (_doc(10, long_waktu=4), FormatSop.langkah_sederhana, 3),
        (_doc(8, long_waktu=6, waktu_panjang="4 Hari"), FormatSop.langkah_sederhana, 3),
        # ayat (4): more than ten steps, few decisions
        (_doc(11), FormatSop.tahapan_berurutan, 4),
        (_doc(11, keputusan=1), FormatSop.tahapan_berurutan, 4),
        (_doc(30, long_uraian=2, long_waktu=2), FormatSop.tahapan_berurutan, 4),
        # ayat (5): many long, specific activities
        (_doc(5, long_uraian=5), FormatSop.grafik, 5),
        (_doc(5, long_waktu=5), FormatSop.grafik, 5),
        (_doc(6, long_uraian=2, long_waktu=3), FormatSop.grafik, 5),
        (_doc(7, long_waktu=5, waktu_panjang="5 Hari"), FormatSop.grafik, 5),
        (_doc(7, long_waktu=5, waktu_panjang="1 Bulan"), FormatSop.grafik, 5),
        (_doc(20, keputusan=1, long_uraian=6), FormatSop.grafik, 5),
        # ayat (6): many ya/tidak decisions win over everything
        (_doc(3, keputusan=2), FormatSop.diagram_alir, 6),
        (_doc(12, keputusan=3), FormatSop.diagram_alir, 6),
        (_doc(12, keputusan=2, long_uraian=8), FormatSop.diagram_alir, 6),
    ],
)
def test_rekomendasi_format(doc: SopDocument, expected: FormatSop, ayat: int) -> None:
    result = rekomendasi_format(doc)
    assert result.format is expected
    assert result.dasar == f"Pasal 7 ayat ({ayat})"
    assert f"sesuai Pasal 7 ayat ({ayat}) Peraturan Bupati Balangan" in result.alasan
    assert result.alasan.startswith("Format ")


@pytest.mark.parametrize(
    ("uraian", "waktu", "panjang"),
    [
        (SHORT, None, False),
        (EDGE, None, False),
        (LONG, None, True),
        (SHORT, "4 Hari", False),
        (SHORT, "1 Minggu", True),
        (SHORT, "5 Hari", True),
        (SHORT, "2 Bulan", True),
        (SHORT, "37 Jam", False),
        (SHORT, "37.5 Jam", True),
    ],
)
def test_is_kegiatan_panjang(uraian: str, waktu: str | None, panjang: bool) -> None:
    step = Langkah(no=1, uraian=uraian, pelaksana="Staf", mutu_baku=MutuBaku(waktu=waktu))
    assert is_kegiatan_panjang(step) is panjang


def test_alasan_names_the_counts() -> None:
    assert "3 pengambilan keputusan" in rekomendasi_format(_doc(12, keputusan=3)).alasan
    assert "11 langkah" in rekomendasi_format(_doc(11)).alasan
    assert "5 kegiatan yang panjang" in rekomendasi_format(_doc(5, long_waktu=5)).alasan


def test_lampiran_2e_example() -> None:
    # Nine steps, no ya/tidak decision, one uraian over 150 characters, no step of a week:
    # Pasal 7 advises langkah sederhana (the regulation's example is drawn as a flowchart,
    # which the drafter may still choose; this is advice, not a rule).
    result = rekomendasi_format(lampiran_2e_example())
    assert result.format is FormatSop.langkah_sederhana
    assert result.alasan == (
        "Format langkah sederhana (simple steps) dianjurkan karena prosedur memuat sedikit "
        "kegiatan (9 langkah, paling banyak sepuluh) dan sedikit keputusan (0), sesuai "
        "Pasal 7 ayat (3) Peraturan Bupati Balangan Nomor 6 Tahun 2013."
    )
