"""Loop-back lines run inside their column, off the lane and row borders; labels touch no line.

A Kecamatan SOP with four pelaksana: step 2 returns to step 1 and step 4 to step 3 when the
answer is "tidak" (the case reported on a printed flowchart).
"""

import json
from pathlib import Path

import pytest

from sop.document import SopDocument
from sop.render.flowchart import Edge, Flowchart, layout_flowchart
from sop.render.html import estimate_row_heights, lane_width

FIXTURES = Path(__file__).parents[1] / "support" / "fixtures"
LANES = ["Pemohon", "Staf Pelayanan", "Kasi Pelayanan Umum", "Camat"]
# The PDF's pelaksana column for four lanes (A4 landscape, sop.render.pdf_diagram), the HTML's,
# and the narrow default.
LANE_WIDTHS = [85.0, lane_width(4), 60.0]
CLEARANCE = 2.0


def kecamatan_doc() -> SopDocument:
    data = json.loads((FIXTURES / "keputusan_izin_usaha.json").read_text("utf-8"))
    data["identitas"]["unit_kerja"] = "Kecamatan Paringin"
    data["pelaksana"] = LANES
    mutu = {"kelengkapan": "Berkas", "output": "Berkas", "waktu": "1 Jam"}
    steps = [
        ("Staf Pelayanan", "terminator", "Menerima berkas permohonan dari pemohon", None, None),
        ("Kasi Pelayanan Umum", "keputusan", "Apakah berkas lengkap?", 3, 1),
        ("Staf Pelayanan", "proses", "Menyiapkan konsep surat keterangan", None, None),
        ("Camat", "keputusan", "Apakah konsep disetujui?", 5, 3),
        ("Pemohon", "proses", "Menerima surat keterangan yang telah ditandatangani", None, None),
        ("Staf Pelayanan", "terminator", "Mengarsipkan salinan surat", None, None),
    ]
    data["langkah"] = [
        {"no": no, "pelaksana": pelaksana, "simbol": simbol, "uraian": uraian, "mutu_baku": mutu,
         **({"ya": ya, "tidak": tidak} if ya else {})}
        for no, (pelaksana, simbol, uraian, ya, tidak) in enumerate(steps, start=1)
    ]
    return SopDocument.model_validate(data)


def _segments(edge: Edge):  # noqa: ANN202
    return list(zip(edge.points, edge.points[1:], strict=False))


def _borders(chart: Flowchart) -> tuple[list[float], list[float]]:
    xs = [lane * chart.lane_width for lane in range(len(chart.lanes) + 1)]
    ys = [*chart.row_tops, chart.height]
    return xs, ys


def _box_meets_segment(box, segment, margin: float = 0.5) -> bool:  # noqa: ANN001
    left, top, right, bottom = box
    (x1, y1), (x2, y2) = segment
    return (min(x1, x2) < right + margin and max(x1, x2) > left - margin
            and min(y1, y2) < bottom + margin and max(y1, y2) > top - margin)


def _charts() -> list[Flowchart]:
    doc = kecamatan_doc()
    heights = [[44.0] * 6, estimate_row_heights(doc), [40.0] * 6]
    return [layout_flowchart(doc, h, w) for h in heights for w in LANE_WIDTHS]


@pytest.mark.parametrize("chart", _charts())
def test_back_edges_stay_off_the_lane_and_row_borders(chart: Flowchart) -> None:
    back = [edge for edge in chart.edges if edge.target < edge.source]
    assert {(e.source, e.target, e.label) for e in back} == {(2, 1, "tidak"), (4, 3, "tidak")}
    xs, ys = _borders(chart)
    for edge in back:
        for (x1, y1), (x2, y2) in _segments(edge):
            if x1 == pytest.approx(x2):  # vertical: not along a lane border
                assert min(abs(x1 - x) for x in xs) > CLEARANCE, (edge, x1)
            if y1 == pytest.approx(y2):  # horizontal: not along a row border
                assert min(abs(y1 - y) for y in ys) > CLEARANCE, (edge, y1)
        # The channel is inside the keputusan's own column.
        source = next(n for n in chart.nodes if n.no == edge.source)
        channel = edge.points[1][0]
        lane_left = source.lane * chart.lane_width
        assert lane_left + CLEARANCE < channel < lane_left + chart.lane_width - CLEARANCE


@pytest.mark.parametrize("chart", _charts())
def test_labels_are_clear_of_every_line(chart: Flowchart) -> None:
    segments = [segment for edge in chart.edges for segment in _segments(edge)]
    for edge in chart.edges:
        box = edge.label_box()
        if box is None:
            continue
        for segment in segments:
            assert not _box_meets_segment(box, segment), (edge.source, edge.label, segment)


@pytest.mark.parametrize("chart", [c for c in _charts() if c.lane_width in LANE_WIDTHS[:2]])
def test_loop_back_labels_stay_in_their_column(chart: Flowchart) -> None:
    """At the PDF's and the HTML's widths, "tidak" is not crossed by a lane border either."""
    xs, _ = _borders(chart)
    for edge in chart.edges:
        box = edge.label_box()
        if box is None or edge.target > edge.source:
            continue
        assert all(not (box[0] - 0.5 < x < box[2] + 0.5) for x in xs), (edge, box)
