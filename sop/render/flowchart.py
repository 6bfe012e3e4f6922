"""The flowchart of the uraian prosedur (Lampiran II.D symbols, drawn as in Lampiran II.E).

Each step sits in one row of the procedure table and in the column of its pelaksana. Symbols
(Lampiran II.D): terminator = stadium ("Mulai"/"Selesai"), proses = rectangle, keputusan =
diamond with "ya"/"tidak" on its branches, konektor = small circle carrying its label; the flow
line (garis alir) is a polyline ending in an arrowhead.

``layout_flowchart`` computes the geometry once, in points, from the rows' heights and the
width of a pelaksana column; ``flowchart_svg`` draws it (or one page's band of rows) as SVG, and
the PDF renderer draws the same geometry with reportlab, so both outputs agree.

Routing: a step flows to the next one through its bottom, going across between the rows when
the next step is in another column (midway between the symbol and the row border, never on the
border). A keputusan branch that does not go to the next step leaves through a side corner,
runs vertically in a channel inside the keputusan's column, in the middle of the space between
the widest symbol and the column border (so the line neither touches the border nor any
symbol), and enters the target from the side at the target's row, where no other symbol stands
because a row holds exactly one step. A branch's label ("ya"/"tidak") sits beside the corner it
leaves, on the side away from the vertical run: above the stub of a branch going down, below the
stub of a loop back up, so no line crosses it. An outgoing konektor is not joined to its
incoming partner: they stand for a page change.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from sop.document import Langkah, Simbol, SopDocument
from sop.validation import konektor_pairs

Point = tuple[float, float]

DEFAULT_ROW_HEIGHT = 40.0
DEFAULT_LANE_WIDTH = 60.0
# Branch labels are set in 6pt italic; a generous estimate of their box, for routing and tests.
LABEL_SIZE = 6.0
LABEL_CHAR_WIDTH = 0.6 * LABEL_SIZE
LABEL_ASCENT, LABEL_DESCENT = 0.75 * LABEL_SIZE, 0.25 * LABEL_SIZE
# Room a keputusan leaves on each side of its column for a branch's channel and its label.
SIDE_ROOM = LABEL_CHAR_WIDTH * len("tidak") + 3.0


@dataclass(frozen=True)
class Node:
    """One step's symbol: centre ``(cx, cy)``, size ``w`` x ``h``, short ``label`` inside."""

    no: int
    simbol: Simbol
    lane: int
    cx: float
    cy: float
    w: float
    h: float
    label: str
    title: str

    def top(self) -> Point:
        return (self.cx, self.cy - self.h / 2)

    def bottom(self) -> Point:
        return (self.cx, self.cy + self.h / 2)

    def side(self, right: bool) -> Point:
        return (self.cx + self.w / 2 if right else self.cx - self.w / 2, self.cy)

    def outline(self) -> list[Point]:
        """Corner points of the keputusan diamond (top, right, bottom, left)."""
        return [self.top(), self.side(True), self.bottom(), self.side(False)]


@dataclass(frozen=True)
class Edge:
    """A flow line from step ``source`` to ``target``; ``label`` is "ya"/"tidak" or None."""

    source: int
    target: int
    points: tuple[Point, ...]
    label: str | None = None
    label_at: Point | None = None

    def label_box(self) -> tuple[float, float, float, float] | None:
        """(left, top, right, bottom) of the label as drawn: ``label_at`` is its baseline
        start, or its end when the label lies left of the line's first point."""
        if not self.label or self.label_at is None:
            return None
        x, y = self.label_at
        width = LABEL_CHAR_WIDTH * len(self.label)
        left = x if x >= self.points[0][0] else x - width
        return (left, y - LABEL_ASCENT, left + width, y + LABEL_DESCENT)


@dataclass
class Flowchart:
    lanes: list[str]
    lane_width: float
    row_tops: list[float]
    row_heights: list[float]
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.lane_width * len(self.lanes)

    @property
    def height(self) -> float:
        return self.row_tops[-1] + self.row_heights[-1] if self.row_tops else 0.0


def actor_columns(doc: SopDocument) -> list[str]:
    """Pelaksana columns in document order, then any pelaksana a step uses but the list lacks."""
    names = list(dict.fromkeys(doc.pelaksana))
    for step in doc.langkah:
        if step.pelaksana not in names:
            names.append(step.pelaksana)
    return names


def layout_flowchart(
    doc: SopDocument,
    row_heights: list[float] | None = None,
    lane_width: float = DEFAULT_LANE_WIDTH,
) -> Flowchart:
    """Geometry of ``doc``'s flowchart; ``row_heights[i]`` is the height of step ``i + 1``."""
    steps = doc.langkah
    heights = list(row_heights) if row_heights else [DEFAULT_ROW_HEIGHT] * len(steps)
    if len(heights) != len(steps):
        raise ValueError("row_heights needs one height per langkah")
    tops: list[float] = []
    y = 0.0
    for height in heights:
        tops.append(y)
        y += height
    lanes = actor_columns(doc)
    chart = Flowchart(lanes=lanes, lane_width=lane_width, row_tops=tops, row_heights=heights)
    chart.nodes = [
        _node(step, index, len(steps), lanes.index(step.pelaksana), chart)
        for index, step in enumerate(steps)
    ]
    chart.edges = _edges(steps, chart)
    return chart


def _node(step: Langkah, index: int, count: int, lane: int, chart: Flowchart) -> Node:
    lane_w, row_h = chart.lane_width, chart.row_heights[index]
    cx = (lane + 0.5) * lane_w
    cy = chart.row_tops[index] + row_h / 2
    if step.simbol == Simbol.keputusan:
        w = min(lane_w * 0.72, 64.0, max(lane_w - 2 * SIDE_ROOM, lane_w * 0.5))
        h = min(row_h * 0.6, 34.0)
        label = str(step.no)
    elif step.simbol == Simbol.konektor:
        w = h = min(lane_w * 0.4, row_h * 0.5, 18.0)
        label = (step.keterangan or str(step.no))[:3]
    else:
        w, h = min(lane_w * 0.72, 70.0), min(row_h * 0.55, 24.0)
        label = str(step.no)
        if step.simbol == Simbol.terminator:
            label = "Selesai" if index == count - 1 and count > 1 else "Mulai"
    return Node(step.no, step.simbol, lane, cx, cy, w, h, label, f"{step.no}. {step.uraian}")


def _edges(steps: list[Langkah], chart: Flowchart) -> list[Edge]:
    nodes = {node.no: node for node in chart.nodes}
    gutter_use: dict[tuple[int, bool], int] = {}
    edges: list[Edge] = []
    page_changes = {outgoing for outgoing, _ in konektor_pairs(steps)}
    for index, step in enumerate(steps):
        source = nodes[step.no]
        if step.simbol != Simbol.keputusan:
            nxt = nodes.get(step.no + 1)
            is_last = index == len(steps) - 1
            if nxt is not None and not is_last and step.no not in page_changes:
                edges.append(_down(source, nxt, chart))
            continue
        edges += _branches(step, source, nodes, chart, gutter_use)
    return edges


def _down(source: Node, target: Node, chart: Flowchart, label: str | None = None) -> Edge:
    start, end = source.bottom(), target.top()
    row_bottom = chart.row_tops[source.no - 1] + chart.row_heights[source.no - 1]
    gap = row_bottom - start[1]
    # The label stands beside the drop, on the side the line does not turn to, just under the
    # keputusan's lower edge; the run goes across midway between the symbol and the row border.
    left = target.lane < source.lane
    label_at = None
    if label:
        dx = 2.5
        under_edge = start[1] - dx * source.h / max(source.w, 1.0) + LABEL_ASCENT + 0.5
        label_at = (start[0] + (dx if left else -dx), under_edge)
    if source.lane == target.lane:
        if label_at is not None:
            label_at = (start[0] + 2.5, label_at[1])
        return Edge(source.no, target.no, (start, end), label, label_at)
    run_y = start[1] + gap * 0.5
    points = (start, (start[0], run_y), (end[0], run_y), end)
    return Edge(source.no, target.no, points, label, label_at)


def _branches(
    step: Langkah,
    source: Node,
    nodes: dict[int, Node],
    chart: Flowchart,
    gutter_use: dict[tuple[int, bool], int],
) -> list[Edge]:
    branches = [
        (label, target)
        for label, target in (("ya", step.ya), ("tidak", step.tidak))
        if target is not None and target in nodes and target != step.no
    ]
    edges: list[Edge] = []
    bottom_taken = False
    sides_taken: set[bool] = set()
    for label, target_no in branches:
        target = nodes[target_no]
        if target_no == step.no + 1 and not bottom_taken:
            bottom_taken = True
            edges.append(_down(source, target, chart, label))
            continue
        if target.lane != source.lane:
            right = target.lane > source.lane
        else:
            right = label == "ya"
        if right in sides_taken:
            right = not right
        sides_taken.add(right)
        edges.append(_side(source, target, right, label, chart, gutter_use))
    return edges


def _side(
    source: Node,
    target: Node,
    right: bool,
    label: str,
    chart: Flowchart,
    gutter_use: dict[tuple[int, bool], int],
) -> Edge:
    lane_w = chart.lane_width
    # The space between the column border and the widest symbol of the column in the rows the
    # channel spans; channels use its middle, a further branch on the same side a step nearer
    # the symbols.
    low, high = sorted((source.no, target.no))
    widest = max(
        node.w for node in chart.nodes if node.lane == source.lane and low <= node.no <= high
    )
    free = max((lane_w - widest) / 2, 2.0)
    used = gutter_use.get((source.lane, right), 0)
    gutter_use[(source.lane, right)] = used + 1
    offset = min(free * 0.45 + 2.5 * used, free - 1.0)
    lane_left = source.lane * lane_w
    gutter_x = lane_left + lane_w - offset if right else lane_left + offset
    start = source.side(right)
    end = target.side(target.cx < gutter_x)
    points = (start, (gutter_x, start[1]), (gutter_x, end[1]), end)
    # Beside the corner, away from the vertical run: below the stub when the line loops back up.
    upward = end[1] < start[1]
    label_y = start[1] + 1.5 + LABEL_ASCENT if upward else start[1] - 1.5 - LABEL_DESCENT
    label_at = (start[0] + (1.5 if right else -1.5), label_y)
    return Edge(source.no, target.no, points, label, label_at)


# --- SVG -----------------------------------------------------------------------------------

_STYLE = (
    ".simbol{fill:#fff;stroke:#000;stroke-width:0.9}"
    ".garis{fill:none;stroke:#000;stroke-width:0.8}"
    ".teks{font:6.5pt sans-serif;text-anchor:middle;dominant-baseline:central}"
    ".cabang{font:italic 6pt sans-serif}"
)


def render_flowchart_svg(
    doc: SopDocument,
    row_heights: list[float] | None = None,
    lane_width: float = DEFAULT_LANE_WIDTH,
) -> str:
    """The whole flowchart of ``doc`` as one SVG element (for tests and previews)."""
    return flowchart_svg(layout_flowchart(doc, row_heights, lane_width))


def flowchart_svg(
    chart: Flowchart,
    y_from: float = 0.0,
    y_to: float | None = None,
    id_prefix: str = "alur",
) -> str:
    """SVG of the band ``y_from``..``y_to`` of ``chart`` (the whole chart by default).

    Lines crossing the band's edges are cut by the viewBox, so consecutive bands printed on
    consecutive pages join up. Sizes are in points (1 user unit = 1pt).
    """
    bottom = chart.height if y_to is None else y_to
    band = bottom - y_from
    marker = f"{id_prefix}-panah"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram-alir" '
        f'width="{_n(chart.width)}pt" height="{_n(band)}pt" '
        f'viewBox="0 {_n(y_from)} {_n(chart.width)} {_n(band)}" role="img" '
        f'aria-label="Diagram alir prosedur">',
        f"<style>{_STYLE}</style>",
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#000"/></marker></defs>',
    ]
    for edge in chart.edges:
        if _in_band((y for _, y in edge.points), y_from, bottom):
            parts.append(_edge_svg(edge, marker))
    for node in chart.nodes:
        if _in_band((node.cy - node.h / 2, node.cy + node.h / 2), y_from, bottom):
            parts.append(_node_svg(node))
    parts.append("</svg>")
    return "".join(parts)


def _edge_svg(edge: Edge, marker: str) -> str:
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in edge.points)
    out = (
        f'<polyline class="garis" data-dari="{edge.source}" data-ke="{edge.target}" '
        f'points="{points}" marker-end="url(#{marker})"/>'
    )
    if edge.label and edge.label_at:
        x, y = edge.label_at
        anchor = "start" if x >= edge.points[0][0] else "end"
        out += (
            f'<text class="cabang" data-cabang="{edge.label}" x="{_n(x)}" y="{_n(y)}" '
            f'text-anchor="{anchor}">{edge.label}</text>'
        )
    return out


def _node_svg(node: Node) -> str:
    attrs = f'class="simbol" data-langkah="{node.no}" data-simbol="{node.simbol.value}"'
    x, y = node.cx - node.w / 2, node.cy - node.h / 2
    if node.simbol == Simbol.keputusan:
        points = " ".join(f"{_n(px)},{_n(py)}" for px, py in node.outline())
        shape = f'<polygon {attrs} points="{points}">'
        close = "</polygon>"
    elif node.simbol == Simbol.konektor:
        shape = f'<circle {attrs} cx="{_n(node.cx)}" cy="{_n(node.cy)}" r="{_n(node.w / 2)}">'
        close = "</circle>"
    else:
        rx = node.h / 2 if node.simbol == Simbol.terminator else 0
        shape = (
            f'<rect {attrs} x="{_n(x)}" y="{_n(y)}" width="{_n(node.w)}" '
            f'height="{_n(node.h)}" rx="{_n(rx)}">'
        )
        close = "</rect>"
    title = f"<title>{escape(node.title)}</title>"
    text = f'<text class="teks" x="{_n(node.cx)}" y="{_n(node.cy)}">{escape(node.label)}</text>'
    return shape + title + close + text


def _in_band(ys: Iterable[float], top: float, bottom: float) -> bool:
    values = list(ys)
    return min(values) < bottom and max(values) > top


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
