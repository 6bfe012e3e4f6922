"""PDF rendering (sop.render.pdf), checked by rasterizing and reading back with pypdfium2."""

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from sop.document import FormatSop, SopDocument
from sop.fixtures import lampiran_2e_example
from sop.render import pdf_diagram
from sop.render.common import HEADING, RenderMeta
from sop.render.pdf import render_pdf

FIXTURES = Path(__file__).parents[1] / "support" / "fixtures"
A4 = (595.28, 841.89)


def load(name: str) -> SopDocument:
    return SopDocument.model_validate_json((FIXTURES / f"{name}.json").read_text("utf-8"))


def page_text(page: pdfium.PdfPage) -> str:
    return " ".join(page.get_textpage().get_text_range().split())


def ink_ratio(page: pdfium.PdfPage) -> float:
    """Share of pixels that are not white (the page rendered in grey at 50 dpi)."""
    histogram = page.render(scale=50 / 72, grayscale=True).to_pil().convert("L").histogram()
    return sum(histogram[:200]) / sum(histogram)


def is_a4(page: pdfium.PdfPage, *, landscape: bool) -> bool:
    width, height = page.get_size()
    expected = (A4[1], A4[0]) if landscape else A4
    return abs(width - expected[0]) < 1 and abs(height - expected[1]) < 1


@pytest.fixture(scope="module")
def lampiran_pdf() -> pdfium.PdfDocument:
    data = render_pdf(lampiran_2e_example(), RenderMeta(versi=2, revisi=1, status="Draf"))
    assert data.startswith(b"%PDF-")
    return pdfium.PdfDocument(data)


def test_lampiran_2e_pages_and_sizes(lampiran_pdf: pdfium.PdfDocument) -> None:
    assert len(lampiran_pdf) == 3
    assert is_a4(lampiran_pdf[0], landscape=False)  # title page
    assert is_a4(lampiran_pdf[1], landscape=False)  # identity table
    assert is_a4(lampiran_pdf[2], landscape=True)  # uraian prosedur


def test_lampiran_2e_pages_are_not_blank(lampiran_pdf: pdfium.PdfDocument) -> None:
    ratios = [ink_ratio(page) for page in lampiran_pdf]
    assert all(ratio > 0.005 for ratio in ratios), ratios
    # The procedure table with its grid and flowchart carries far more ink than the title page.
    assert ratios[2] > ratios[0]


def test_lampiran_2e_text(lampiran_pdf: pdfium.PdfDocument) -> None:
    title = page_text(lampiran_pdf[0])
    assert "PELAYANAN ADMINISTRASI SURAT MASUK DAN SURAT KELUAR" in title
    assert HEADING in title
    assert "SEKRETARIAT DAERAH KABUPATEN BALANGAN" in title
    assert "Versi 2" in title and "Status: Draf" in title
    identity = page_text(lampiran_pdf[1])
    for label in ("Nomor SOP", "Tanggal Pengesahan", "DASAR HUKUM", "PENCATATAN DAN PENDATAAN"):
        assert label in identity
    procedure = page_text(lampiran_pdf[2])
    assert "Menerima, memaraf Surat dan melaporkan kepada Bupati" in procedure
    for actor in ("Staf", "Kasubbag", "Kabag", "Asisten", "Sekda", "Bupati"):
        assert actor in procedure
    assert "Mulai" in procedure and "Selesai" in procedure  # terminator labels of the chart
    assert "5 Hari 2 Jam" in procedure


def test_flowchart_is_drawn_in_the_actor_columns(
    lampiran_pdf: pdfium.PdfDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same document, same table, but with the symbols and flow lines switched off.
    monkeypatch.setattr(pdf_diagram, "_draw_node", lambda canvas, node: None)
    monkeypatch.setattr(pdf_diagram, "_draw_edge", lambda canvas, edge: None)
    without_chart = pdfium.PdfDocument(render_pdf(lampiran_2e_example()))
    assert "Mulai" not in page_text(without_chart[2])
    assert ink_ratio(lampiran_pdf[2]) > ink_ratio(without_chart[2]) + 0.002


def test_keputusan_branch_labels_are_in_the_pdf() -> None:
    pdf = pdfium.PdfDocument(render_pdf(load("keputusan_izin_usaha")))
    text = page_text(pdf[len(pdf) - 1])
    assert text.count("ya") >= 2 and text.count("tidak") >= 2
    assert "Menandatangani surat izin <segera>" in text  # markup-like text printed literally


def test_long_procedure_continues_on_more_landscape_pages() -> None:
    data = lampiran_2e_example().model_dump(mode="json")
    middle = data["langkah"][1]
    steps = [data["langkah"][0]]
    steps += [{**middle, "no": n, "uraian": f"Langkah uji nomor {n}"} for n in range(2, 40)]
    steps.append({**data["langkah"][-1], "no": 40})
    data["langkah"] = steps
    pdf = pdfium.PdfDocument(render_pdf(SopDocument.model_validate(data)))
    assert len(pdf) >= 5
    assert all(is_a4(pdf[i], landscape=True) for i in range(2, len(pdf)))
    text = " ".join(page_text(pdf[i]) for i in range(2, len(pdf)))
    for n in (2, 20, 39):
        assert f"Langkah uji nomor {n}" in text


@pytest.mark.parametrize(
    "fmt", [FormatSop.langkah_sederhana, FormatSop.tahapan_berurutan, FormatSop.grafik]
)
def test_other_formats(fmt: FormatSop) -> None:
    doc = load("keputusan_izin_usaha").model_copy(update={"format": fmt})
    pdf = pdfium.PdfDocument(render_pdf(doc))
    assert len(pdf) == 3
    assert is_a4(pdf[2], landscape=True)
    text = page_text(pdf[2])
    assert "Memeriksa kelengkapan berkas permohonan" in text
    assert "Jika ya, lanjut ke langkah 5; jika tidak, ke langkah 4." in text
    assert "3 Hari 2 Jam 30 Menit" in text
    assert ink_ratio(pdf[2]) > 0.005
