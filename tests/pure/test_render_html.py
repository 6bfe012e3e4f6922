"""HTML rendering and flowchart geometry (sop.render.html / sop.render.flowchart, Lampiran II.E)."""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sop.document import FormatSop, Simbol, SopDocument
from sop.fixtures import lampiran_2e_example
from sop.render.common import HEADING, RenderMeta
from sop.render.flowchart import layout_flowchart, render_flowchart_svg
from sop.render.html import render_html

FIXTURES = Path(__file__).parents[1] / "support" / "fixtures"
LAMPIRAN_ACTORS = ["Staf", "Kasubbag", "Kabag", "Asisten", "Sekda", "Bupati"]


def load(name: str) -> SopDocument:
    return SopDocument.model_validate_json((FIXTURES / f"{name}.json").read_text("utf-8"))


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list["Element"] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self):  # noqa: ANN201 - generator of Element
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, tag: str, cls: str | None = None) -> list["Element"]:
        return [e for e in self.walk() if e.tag == tag and (cls is None or cls in e.classes())]

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


class TreeBuilder(HTMLParser):
    VOID = {"meta", "br", "col", "img", "path", "polyline", "circle", "rect", "polygon"}

    def __init__(self) -> None:
        super().__init__()
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack[-1].tag == tag, f"unbalanced </{tag}> in <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Element("#text", {}, data))


def parse(html: str) -> Element:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def test_lampiran_2e_has_nine_steps_in_six_actor_columns() -> None:
    tree = parse(render_html(lampiran_2e_example()))
    heads = tree.find("th", "pelaksana")
    assert [h.all_text() for h in heads] == LAMPIRAN_ACTORS
    rows = tree.find("tr", "langkah")
    assert [r.attrs["data-langkah"] for r in rows] == [str(n) for n in range(1, 10)]
    expected_lane = ["Staf", "Kasubbag", "Kabag", "Staf", "Kasubbag", "Kabag", "Asisten"]
    expected_lane += ["Sekda", "Bupati"]
    for row, actor in zip(rows, expected_lane, strict=True):
        cells = [c for c in row.children if c.tag == "td"]
        assert len(cells) == 2 + 6 + 4  # No, Uraian, 6 pelaksana, Kelengkapan..Ket.
        actors = [c for c in cells if "aktor" in c.classes()]
        assert len(actors) == 6
        active = [i for i, c in enumerate(actors) if "aktif" in c.classes()]
        assert active == [LAMPIRAN_ACTORS.index(actor)]
    # Column numbers 1..12 under the header, like the numbered header of Lampiran II.E.
    numbers = tree.find("tr", "nomor-kolom")[0]
    assert [c.all_text() for c in numbers.children] == [str(n) for n in range(1, 13)]


def test_lampiran_2e_flowchart_symbols_and_lines() -> None:
    tree = parse(render_html(lampiran_2e_example()))
    svgs = tree.find("svg")
    assert len(svgs) == 1
    symbols = [e for e in svgs[0].walk() if "data-simbol" in e.attrs]
    assert [s.attrs["data-langkah"] for s in symbols] == [str(n) for n in range(1, 10)]
    kinds = [s.attrs["data-simbol"] for s in symbols]
    assert kinds == ["terminator"] + ["proses"] * 7 + ["terminator"]
    assert [s.tag for s in symbols] == ["rect"] * 9
    assert float(symbols[0].attrs["rx"]) > 0 and float(symbols[1].attrs["rx"]) == 0
    lines = svgs[0].find("polyline", "garis")
    assert [(ln.attrs["data-dari"], ln.attrs["data-ke"]) for ln in lines] == [
        (str(n), str(n + 1)) for n in range(1, 9)
    ]
    marker_id = svgs[0].find("marker")[0].attrs["id"]
    assert all(ln.attrs["marker-end"] == f"url(#{marker_id})" for ln in lines)
    labels = [t.all_text() for t in svgs[0].find("text", "teks")]
    assert labels[0] == "Mulai" and labels[-1] == "Selesai"


def test_title_page_identity_table_and_metadata() -> None:
    html = render_html(lampiran_2e_example(), RenderMeta(versi=3, revisi=2, status="Disahkan"))
    tree = parse(html)
    title = tree.find("section", "judul")[0].all_text()
    assert "SEKRETARIAT DAERAH KABUPATEN BALANGAN" in title
    assert HEADING in title
    assert "PELAYANAN ADMINISTRASI SURAT MASUK DAN SURAT KELUAR" in title
    assert "Versi 3" in title and "Revisi 2" in title and "Status: Disahkan" in title
    identity = tree.find("table", "identitas")[0].all_text()
    for label in [
        "Nomor SOP",
        "Tanggal Pembuatan",
        "Tanggal Revisi",
        "Tanggal Pengesahan",
        "Disahkan Oleh",
        "Nama SOP",
        "DASAR HUKUM",
        "KUALIFIKASI PELAKSANA",
        "KETERKAITAN",
        "PERALATAN / PERLENGKAPAN",
        "PERINGATAN",
        "PENCATATAN DAN PENDATAAN",
    ]:
        assert label in identity
    assert "LOGO" in identity  # item 1: the logo slot beside the unit's name (item 2)
    assert "Printer" in identity and "Peraturan Bupati Balangan Nomor 13 Tahun 2012" in identity
    assert "@page lanskap { size: A4 landscape" in html
    assert "@page { size: A4 portrait" in html
    assert tree.find("section", "lanskap")


def test_identity_values_and_dates_in_indonesian() -> None:
    identity = parse(render_html(load("keputusan_izin_usaha"))).find("table", "identitas")[0]
    text = identity.all_text()
    assert "01/DPMPTSP/PLY/007" in text
    assert "1 Februari 2024" in text and "15 Agustus 2024" in text and "2 September 2024" in text


def test_user_text_is_escaped() -> None:
    data = json.loads((FIXTURES / "keputusan_izin_usaha.json").read_text("utf-8"))
    data["identitas"]["nama_sop"] = 'Izin <script>alert("x")</script>'
    data["pelaksana"][0] = "Kepala <b>Dinas</b>"
    for step in data["langkah"]:
        if step["pelaksana"] == "Kepala Dinas":
            step["pelaksana"] = "Kepala <b>Dinas</b>"
    html = render_html(SopDocument.model_validate(data))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;segera&gt;" in html  # step 7's uraian
    parse(html)  # still well formed


def test_keputusan_branches_are_drawn_with_labels() -> None:
    tree = parse(render_html(load("keputusan_izin_usaha")))
    svg = tree.find("svg")[0]
    diamonds = [e for e in svg.walk() if e.attrs.get("data-simbol") == "keputusan"]
    assert [(d.tag, d.attrs["data-langkah"]) for d in diamonds] == [
        ("polygon", "3"),
        ("polygon", "6"),
    ]
    edges = {(ln.attrs["data-dari"], ln.attrs["data-ke"]) for ln in svg.find("polyline")}
    assert edges == {("1", "2"), ("2", "3"), ("3", "5"), ("3", "4"), ("4", "5")} | {
        ("5", "6"),
        ("6", "7"),
        ("6", "5"),
    }
    branch_labels = sorted(t.all_text() for t in svg.find("text", "cabang"))
    assert branch_labels == ["tidak", "tidak", "ya", "ya"]


def test_konektor_pair_is_not_joined_by_a_line() -> None:
    svg = parse(render_html(load("konektor_pengarsipan"))).find("svg")[0]
    circles = svg.find("circle")
    assert [c.attrs["data-langkah"] for c in circles] == ["4", "5"]
    edges = {(ln.attrs["data-dari"], ln.attrs["data-ke"]) for ln in svg.find("polyline")}
    assert ("4", "5") not in edges
    assert {("3", "4"), ("5", "6")} <= edges
    labels = [t.all_text() for t in svg.find("text", "teks")]
    assert labels.count("A") == 2


def _long_document(steps: int) -> SopDocument:
    data = lampiran_2e_example().model_dump(mode="json")
    template = data["langkah"][1]
    data["langkah"] = [data["langkah"][0]] + [
        {**template, "no": n, "pelaksana": LAMPIRAN_ACTORS[n % 6]} for n in range(2, steps)
    ]
    data["langkah"].append({**data["langkah"][0], "no": steps, "pelaksana": "Bupati"})
    return SopDocument.model_validate(data)


def test_long_procedure_is_split_into_landscape_pages_with_joined_bands() -> None:
    tree = parse(render_html(_long_document(30)))
    pages = tree.find("section", "lanskap")
    assert len(pages) >= 3
    assert sum(len(page.find("tr", "langkah")) for page in pages) == 30
    bands = []
    for page in pages:
        svgs = page.find("svg")
        assert len(svgs) == 1
        viewbox = svgs[0].attrs["viewbox"]  # html.parser lowercases attribute names
        _, top, _, height = (float(v) for v in viewbox.split())
        bands.append((top, top + height))
        markers = {m.attrs["id"] for m in svgs[0].find("marker")}
        assert len(markers) == 1
    assert bands[0][0] == 0
    assert all(a[1] == pytest.approx(b[0]) for a, b in zip(bands, bands[1:], strict=False))
    ids = [m.attrs["id"] for m in tree.find("marker")]
    assert len(ids) == len(set(ids))  # one marker id per page, no clashes
    only_last = [page for page in pages if page.find("tr", "jumlah")]
    assert only_last == [pages[-1]]


@pytest.mark.parametrize(
    ("fmt", "container", "cls"),
    [
        (FormatSop.langkah_sederhana, "li", None),
        (FormatSop.tahapan_berurutan, "tr", "langkah"),
        (FormatSop.grafik, "tr", "langkah"),
    ],
)
def test_other_formats(fmt: FormatSop, container: str, cls: str | None) -> None:
    doc = load("keputusan_izin_usaha").model_copy(update={"format": fmt})
    tree = parse(render_html(doc))
    procedure = tree.find("section", "lanskap")
    assert len(procedure) == 1
    items = [e for e in procedure[0].find(container, cls) if "data-langkah" in e.attrs]
    assert [e.attrs["data-langkah"] for e in items] == [str(n) for n in range(1, 8)]
    assert not tree.find("svg")
    text = procedure[0].all_text()
    assert "Jika ya, lanjut ke langkah 5; jika tidak, ke langkah 4." in text
    assert "3 Hari 2 Jam 30 Menit" in text


def test_tahapan_berurutan_numbers_stages_hierarchically() -> None:
    doc = lampiran_2e_example().model_copy(update={"format": FormatSop.tahapan_berurutan})
    tree = parse(render_html(doc))
    stages = tree.find("tr", "tahap")
    assert len(stages) == 9  # the actor changes at every step of Lampiran II.E
    doc = load("keputusan_izin_usaha").model_copy(update={"format": FormatSop.tahapan_berurutan})
    tree = parse(render_html(doc))
    stage_titles = [s.all_text() for s in tree.find("tr", "tahap")]
    assert stage_titles[0] == "1Tahap 1: Staf"
    numbers = [r.children[0].all_text() for r in tree.find("tr", "langkah")]
    assert numbers == ["1.1", "1.2", "2.1", "3.1", "4.1", "5.1", "5.2"]


# --- flowchart geometry ----------------------------------------------------------------------


def _segments(points: tuple[tuple[float, float], ...]):  # noqa: ANN202
    return list(zip(points, points[1:], strict=False))


def _crosses(segment, node) -> bool:  # noqa: ANN001
    (x1, y1), (x2, y2) = segment
    left, right = node.cx - node.w / 2 + 0.5, node.cx + node.w / 2 - 0.5
    top, bottom = node.cy - node.h / 2 + 0.5, node.cy + node.h / 2 - 0.5
    return max(x1, x2) > left and min(x1, x2) < right and max(y1, y2) > top and min(y1, y2) < bottom


def _same_lane_loop() -> SopDocument:
    """Step 6 loops back to step 3 past step 5, all three in the Kasubbag column."""
    data = json.loads((FIXTURES / "keputusan_izin_usaha.json").read_text("utf-8"))
    data["langkah"][5].update(pelaksana="Kasubbag", tidak=3)
    return SopDocument.model_validate(data)


@pytest.mark.parametrize(
    "doc",
    [
        lampiran_2e_example(),
        load("keputusan_izin_usaha"),
        load("konektor_pengarsipan"),
        _same_lane_loop(),
    ],
    ids=["lampiran", "keputusan", "konektor", "same_lane_loop"],
)
def test_lines_are_orthogonal_join_their_symbols_and_cross_no_symbol(doc: SopDocument) -> None:
    chart = layout_flowchart(doc, [40.0 + 5 * (i % 3) for i in range(len(doc.langkah))], 55.0)
    nodes = {node.no: node for node in chart.nodes}
    for edge in chart.edges:
        for (x1, y1), (x2, y2) in _segments(edge.points):
            assert x1 == pytest.approx(x2) or y1 == pytest.approx(y2)
        source, target = nodes[edge.source], nodes[edge.target]
        start, end = edge.points[0], edge.points[-1]
        assert start in (source.bottom(), source.side(True), source.side(False))
        assert end in (target.top(), target.side(True), target.side(False))
        for node in chart.nodes:  # not even through its own source or target
            for segment in _segments(edge.points):
                assert not _crosses(segment, node), (edge, node.no)


def test_symbols_sit_in_their_actor_column_and_row() -> None:
    doc = load("keputusan_izin_usaha")
    heights = [30.0, 50.0, 60.0, 40.0, 45.0, 70.0, 35.0]
    chart = layout_flowchart(doc, heights, 80.0)
    for node, step in zip(chart.nodes, doc.langkah, strict=True):
        lane = doc.pelaksana.index(step.pelaksana)
        assert lane * 80 < node.cx - node.w / 2 and node.cx + node.w / 2 < (lane + 1) * 80
        top = sum(heights[: step.no - 1])
        assert top < node.cy - node.h / 2 and node.cy + node.h / 2 < top + heights[step.no - 1]
        assert node.simbol == step.simbol
    assert chart.height == sum(heights) and chart.width == 240


def test_standalone_svg_is_well_formed_and_has_one_shape_per_step() -> None:
    svg = render_flowchart_svg(load("keputusan_izin_usaha"))
    tree = parse(svg)
    shapes = [e for e in tree.walk() if "data-simbol" in e.attrs]
    assert len(shapes) == 7
    assert {s.attrs["data-simbol"] for s in shapes} == {s.value for s in Simbol} - {"konektor"}
    assert re.search(r'<svg[^>]+viewBox="0 0 180 280"', svg)


def test_unknown_pelaksana_gets_its_own_column_instead_of_disappearing() -> None:
    data = json.loads((FIXTURES / "rusak_pelaksana_tidak_dikenal.json").read_text("utf-8"))
    tree = parse(render_html(SopDocument.model_validate(data)))
    heads = [h.all_text() for h in tree.find("th", "pelaksana")]
    assert heads == ["Kepala Dinas", "Kasubbag", "Staf", "Pemohon"]


def test_loop_back_lines_in_the_page_run_inside_their_column() -> None:
    """In the HTML flowchart, a "tidak" line back to an earlier step keeps off the lane borders,
    and its label is drawn under the corner it leaves (the line goes up, away from it)."""
    from sop.render.html import lane_width
    from tests.pure.test_flowchart_routing import kecamatan_doc

    html = render_html(kecamatan_doc())
    width = lane_width(4)
    back = re.findall(r'data-dari="(\d+)" data-ke="(\d+)" points="([^"]+)"', html)
    loops = [(int(a), int(b), pts) for a, b, pts in back if int(b) < int(a)]
    assert [(a, b) for a, b, _ in loops] == [(2, 1), (4, 3)]
    for _, _, pts in loops:
        (x0, y0), (x1, _), *_ = [tuple(map(float, p.split(","))) for p in pts.split()]
        assert min(abs(x1 - lane * width) for lane in range(5)) > 2.0
    labels = re.findall(r'data-cabang="tidak" x="[^"]+" y="([^"]+)"', html)
    corners = [float(pts.split()[0].split(",")[1]) for _, _, pts in loops]
    assert len(labels) == 2 and all(float(y) > c for y, c in zip(labels, corners, strict=True))
