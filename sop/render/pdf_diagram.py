"""The diagram alir of the PDF (Lampiran II.E): rows measured, split into pages, flowchart drawn.

Each row's height is measured from its wrapped text, the rows are split into landscape pages,
and each page's table is drawn with the band of the flowchart (``sop.render.flowchart``) that
belongs to its rows over the pelaksana columns, clipped to them.
"""

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from sop.document import Langkah, Simbol, SopDocument
from sop.render.flowchart import Edge, Flowchart, Node, actor_columns, layout_flowchart
from sop.render.pdf_cells import (
    FONT,
    GRID,
    HEAD,
    HEAD_SMALL,
    ITALIC,
    PAD,
    mutu_cells,
    para,
    procedure_heading,
    total_text,
    uraian_cell,
)

FIXED = {"no": 24.0, "uraian": 170.0, "kelengkapan": 72.0, "waktu": 46.0, "output": 64.0}
KET = 56.0
MIN_ROW = 44.0


def diagram_alir(doc: SopDocument, frame_w: float, frame_h: float) -> list[Flowable]:
    lanes = actor_columns(doc)
    fixed = sum(FIXED.values()) + KET
    lane_w = max((frame_w - fixed) / max(len(lanes), 1), 17.0)
    widths = [FIXED["no"], FIXED["uraian"], *[lane_w] * len(lanes)]
    widths += [FIXED["kelengkapan"], FIXED["waktu"], FIXED["output"], KET]
    header, header_heights = _diagram_header(lanes, widths)
    rows = [_diagram_row(step, len(lanes)) for step in doc.langkah]
    heights = [max(MIN_ROW, _row_height(row, widths)) for row in rows]
    chart = layout_flowchart(doc, heights, lane_w)
    total_row = [para("Jumlah waktu", HEAD)] + [""] * (len(lanes) + 1)
    total_row += [para(total_text(doc), HEAD), "", "", ""]
    total_h = 16.0
    heading = procedure_heading(doc)
    heading_h = heading.wrap(frame_w, frame_h)[1] + 6
    room = frame_h - heading_h - sum(header_heights) - total_h - 4
    pages = _paginate(heights, room)
    story: list[Flowable] = []
    for number, page in enumerate(pages):
        last = number == len(pages) - 1
        data = header + [rows[i] for i in page] + ([total_row] if last else [])
        row_heights = header_heights + [heights[i] for i in page] + ([total_h] if last else [])
        table = Table(data, colWidths=widths, rowHeights=row_heights)
        table.setStyle(TableStyle(_diagram_style(len(lanes), len(data), last)))
        band = _Band(table, chart, page, widths[0] + widths[1], sum(header_heights))
        story += [procedure_heading(doc), Spacer(1, 6), band]
        if not last:
            story.append(PageBreak())
    return story


def _diagram_header(
    lanes: list[str], widths: list[float]
) -> tuple[list[list[object]], list[float]]:
    count = len(lanes)
    top: list[object] = [para("No", HEAD_SMALL), para("Uraian Prosedur", HEAD_SMALL)]
    top += [para("Pelaksana", HEAD_SMALL)] + [""] * (count - 1)
    top += [para("Mutu Baku", HEAD_SMALL), "", "", para("Ket.", HEAD_SMALL)]
    names: list[object] = ["", "", *(para(name, HEAD_SMALL) for name in lanes)]
    names += [para(h, HEAD_SMALL) for h in ("Kelengkapan", "Waktu", "Output")] + [""]
    numbers: list[object] = [para(str(i), HEAD_SMALL) for i in range(1, count + 7)]
    names_h = max(18.0, _row_height(names, widths))
    return [top, names, numbers], [16.0, names_h, 13.0]


def _diagram_row(step: Langkah, lane_count: int) -> list[object]:
    return [para(f"{step.no}."), uraian_cell(step), *[""] * lane_count, *mutu_cells(step)]


def _row_height(row: list[object], widths: list[float]) -> float:
    tallest = 0.0
    for cell, width in zip(row, widths, strict=True):
        if isinstance(cell, Paragraph):
            tallest = max(tallest, cell.wrap(width - 2 * PAD, 10_000)[1])
    return tallest + 2 * PAD + 2


def _diagram_style(lane_count: int, row_count: int, last: bool) -> list[tuple]:
    mutu = 2 + lane_count
    style = [*GRID, ("BACKGROUND", (0, 0), (-1, 2), colors.HexColor("#eeeeee"))]
    style += [("VALIGN", (0, 0), (-1, 2), "MIDDLE")]
    style += [("SPAN", (c, 0), (c, 1)) for c in (0, 1, mutu + 3)]
    style += [("SPAN", (2, 0), (mutu - 1, 0)), ("SPAN", (mutu, 0), (mutu + 2, 0))]
    style += [("TOPPADDING", (0, 2), (-1, 2), 1), ("BOTTOMPADDING", (0, 2), (-1, 2), 1)]
    if last:
        style += [("SPAN", (0, row_count - 1), (mutu - 1, row_count - 1))]
        style += [("SPAN", (mutu, row_count - 1), (mutu + 3, row_count - 1))]
    return style


def _paginate(heights: list[float], room: float) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    used = 0.0
    for index, height in enumerate(heights):
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(index)
        used += height
    return pages


class _Band(Flowable):
    """One page of the procedure table with its band of the flowchart drawn on top."""

    def __init__(
        self, table: Table, chart: Flowchart, rows: list[int], lanes_x: float, header_h: float
    ) -> None:
        super().__init__()
        self.table, self.chart, self.rows = table, chart, rows
        self.lanes_x, self.header_h = lanes_x, header_h

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(avail_width, avail_height)
        # An oversized single row overflows the bottom margin instead of failing the build.
        return self.width, min(self.height, avail_height)

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)
        if not self.rows:
            return
        chart = self.chart
        y_from = chart.row_tops[self.rows[0]]
        y_to = chart.row_tops[self.rows[-1]] + chart.row_heights[self.rows[-1]]
        top = self.height - self.header_h
        canvas = self.canv
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(self.lanes_x, top - (y_to - y_from), chart.width, y_to - y_from)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.translate(self.lanes_x, top + y_from)
        canvas.scale(1, -1)  # chart coordinates grow downwards
        for edge in chart.edges:
            _draw_edge(canvas, edge)
        for node in chart.nodes:
            if node.cy + node.h / 2 > y_from and node.cy - node.h / 2 < y_to:
                _draw_node(canvas, node)
        canvas.restoreState()


def _draw_edge(canvas: Canvas, edge: Edge) -> None:
    canvas.setLineWidth(0.8)
    path = canvas.beginPath()
    path.moveTo(*edge.points[0])
    for point in edge.points[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)
    (x0, y0), (x1, y1) = edge.points[-2], edge.points[-1]
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-6)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    head = canvas.beginPath()
    head.moveTo(x1, y1)
    head.lineTo(x1 - 5 * ux - 2.2 * uy, y1 - 5 * uy + 2.2 * ux)
    head.lineTo(x1 - 5 * ux + 2.2 * uy, y1 - 5 * uy - 2.2 * ux)
    head.close()
    canvas.setFillColor(colors.black)
    canvas.drawPath(head, stroke=0, fill=1)
    if edge.label and edge.label_at:
        x, y = edge.label_at
        _text(canvas, x, y, edge.label, ITALIC, 6, "start" if x >= edge.points[0][0] else "end")


def _draw_node(canvas: Canvas, node: Node) -> None:
    canvas.setLineWidth(0.9)
    canvas.setFillColor(colors.white)
    x, y = node.cx - node.w / 2, node.cy - node.h / 2
    if node.simbol == Simbol.keputusan:
        path = canvas.beginPath()
        first, *rest = node.outline()
        path.moveTo(*first)
        for point in rest:
            path.lineTo(*point)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
    elif node.simbol == Simbol.konektor:
        canvas.circle(node.cx, node.cy, node.w / 2, stroke=1, fill=1)
    elif node.simbol == Simbol.terminator:
        canvas.roundRect(x, y, node.w, node.h, node.h / 2, stroke=1, fill=1)
    else:
        canvas.rect(x, y, node.w, node.h, stroke=1, fill=1)
    canvas.setFillColor(colors.black)
    _text(canvas, node.cx, node.cy + 2.3, node.label, FONT, 6.5, "middle")


def _text(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, anchor: str
) -> None:
    """Text at chart coordinates (y grows downwards), upright on the page."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(1, -1)
    canvas.setFont(font, size)
    if anchor == "middle":
        canvas.drawCentredString(0, 0, text)
    elif anchor == "end":
        canvas.drawRightString(0, 0, text)
    else:
        canvas.drawString(0, 0, text)
    canvas.restoreState()
