"""Charts drawn with reportlab.graphics, in the report's font and colours."""

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from coorace_desktop.report.styles import CHART_COLOURS, FONT, FONT_BOLD, MUTED, PRIMARY, TEXT, printable


def pie_chart(slices: list[tuple[str, float, str]], width: float, height: float = 58 * mm) -> Drawing:
    """A pie of (label, value, value text) with a legend on its right; zero slices left out."""
    slices = [entry for entry in slices if entry[1] > 0]
    drawing = Drawing(width, height)
    if not slices:
        return drawing
    diameter = min(height - 6 * mm, width * 0.45)
    pie = Pie()
    pie.x, pie.y = 2 * mm, (height - diameter) / 2
    pie.width = pie.height = diameter
    pie.data = [value for _, value, _ in slices]
    pie.labels = None
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1.2
    for index in range(len(slices)):
        pie.slices[index].fillColor = CHART_COLOURS[index % len(CHART_COLOURS)]
    drawing.add(pie)
    legend_x = pie.x + diameter + 8 * mm
    line_height = 6.5 * mm
    top = height / 2 + (len(slices) - 1) * line_height / 2
    for index, (label, _, value_text) in enumerate(slices):
        y = top - index * line_height
        drawing.add(Rect(legend_x, y - 1, 3.2 * mm, 3.2 * mm, fillColor=CHART_COLOURS[index % len(CHART_COLOURS)], strokeColor=None))
        drawing.add(String(legend_x + 5.5 * mm, y, printable(label), fontName=FONT, fontSize=8.5, fillColor=TEXT))
        drawing.add(
            String(width - 2 * mm, y, printable(value_text), fontName=FONT_BOLD, fontSize=8.5, fillColor=PRIMARY, textAnchor="end")
        )
    return drawing


def bar_chart(bars: list[tuple[str, float]], width: float, bar_height: float = 5 * mm) -> Drawing:
    """Horizontal bars of (label, value), largest first as given, value printed at the end."""
    label_width = 18 * mm
    height = max(len(bars), 1) * (bar_height + 2 * mm) + 4 * mm
    drawing = Drawing(width, height)
    if not bars:
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 2 * mm
    chart.width, chart.height = width - label_width - 12 * mm, height - 4 * mm
    chart.data = [[value for _, value in reversed(bars)]]
    chart.bars[0].fillColor = PRIMARY
    chart.bars.strokeColor = None
    chart.barSpacing = 2
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visible = False
    chart.categoryAxis.categoryNames = [printable(label) for label, _ in reversed(bars)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = TEXT
    chart.categoryAxis.labels.dx = -2
    chart.categoryAxis.strokeColor = MUTED
    chart.categoryAxis.visibleTicks = False
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT_BOLD
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing
