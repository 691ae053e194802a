"""A chart on the dashboard (QtCharts): its title, the values written on the bars so it reads
without colour (each series also has its own hatching), French numbers, export to PNG or SVG,
and a click on a bar reported as (series key, category index); from the keyboard, the arrows
choose a bar (highlighted, named beside the title) and Entrée opens it as a click would."""

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QLocale, QMargins, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from coorace_desktop.domain.french import number as number_text
from coorace_desktop.ui.widgets import messages

# Colour-blind-safe colours (Okabe–Ito) with a hatching each: two series never differ by colour alone.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
PATTERNS = (
    Qt.BrushStyle.SolidPattern,
    Qt.BrushStyle.BDiagPattern,
    Qt.BrushStyle.Dense4Pattern,
    Qt.BrushStyle.CrossPattern,
    Qt.BrushStyle.FDiagPattern,
    Qt.BrushStyle.HorPattern,
    Qt.BrushStyle.DiagCrossPattern,
    Qt.BrushStyle.VerPattern,
)
MINIMUM_HEIGHT = 230
LINE_HEIGHT = 32  # of a horizontal bar with its label (QtCharts elides a label given less)
EXPORT_FILTERS = {"png": "Image PNG (*.png)", "svg": "Image SVG (*.svg)"}
SELECTED_COLOUR = "#FFD500"  # the bar the keyboard is on: bright, under black values, in no series
STEPS = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


def _brush(index: int) -> QBrush:
    return QBrush(QColor(COLOURS[index % len(COLOURS)]), PATTERNS[index % len(PATTERNS)])


def _new_chart() -> QChart:
    chart = QChart()
    chart.setLocalizeNumbers(True)  # French numbers on bars and axes
    chart.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


class ChartCard(QFrame):
    """`bar_clicked(key, index)`: the bar of the series whose key is `key`, at category `index`."""

    bar_clicked = Signal(object, int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = title
        self.title_label = QLabel(f"<b>{title}</b>")
        self.title_label.setWordWrap(True)
        self.export_button = QToolButton(text="Exporter", popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setAccessibleName(f"Exporter « {title} »")
        menu = QMenu(self.export_button)
        menu.addAction("Image PNG…", lambda: self._ask_export("png"))
        menu.addAction("Image SVG…", lambda: self._ask_export("svg"))
        self.export_button.setMenu(menu)
        self.chart = _new_chart()
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(MINIMUM_HEIGHT)
        self.view.setAccessibleName(title)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches the chart, the arrows its bars
        self.empty_label = QLabel("Lecture…", alignment=Qt.AlignmentFlag.AlignCenter)  # until the first values
        self.empty_label.setMinimumHeight(MINIMUM_HEIGHT)  # the grid keeps its place while a chart waits or is empty
        self.view.hide()
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        self.values: dict[object, tuple[float, ...]] = {}  # what is shown, by series key (tests, exports)
        # The bars the keyboard walks through, in reading order: (set, position in it, key, index, text).
        self.bars: list[tuple[QBarSet, int, object, int, str]] = []
        self.current_bar = -1
        self.view.installEventFilter(self)

    def _reset(self, empty: bool) -> None:
        # A new chart each time: axes removed from a chart were still drawn over the new ones.
        old, self.chart = self.chart, _new_chart()
        self.view.setChart(self.chart)
        old.deleteLater()
        self.values = {}
        self.bars, self.current_bar = [], -1
        self.title_label.setText(f"<b>{self.title}</b>")
        self.empty_label.setText("Rien sur la période.")
        self.view.setVisible(not empty)
        self.empty_label.setVisible(empty)

    def show_bars(
        self,
        categories: Sequence[str],
        series: Sequence[tuple[str, object, Sequence[float]]],
        *,
        stacked: bool = False,
        horizontal: bool = False,
    ) -> None:
        """Bars of each (name, key, values) over `categories`, values written on them; horizontal
        bars read top down in the order given, and the chart grows to give each its line."""
        self._reset(empty=not any(any(values) for _, _, values in series))
        sets = [QBarSet(name) for name, _key, _values in series]
        self.bars = [(sets[number], len(values) - 1 - index if horizontal else index, key, index, f"{category} — {name} : {number_text(values[index])}")
                     for index, category in enumerate(categories) for number, (name, key, values) in enumerate(series) if values[index]]
        if horizontal:
            categories = list(reversed(categories))  # Qt draws the first category at the bottom
            series = [(name, key, list(reversed(values))) for name, key, values in series]
            self.view.setMinimumHeight(max(MINIMUM_HEIGHT, LINE_HEIGHT * len(categories) + 40))
        kind = QHorizontalBarSeries if horizontal else QStackedBarSeries if stacked else QBarSeries
        bars = kind()
        for index, (bar_set, (_name, key, values)) in enumerate(zip(sets, series, strict=True)):
            bar_set.setSelectedColor(QColor(SELECTED_COLOUR))
            bar_set.append([float(value) for value in values])
            bar_set.setBrush(_brush(index))
            bar_set.setPen(QPen(QColor("#333333"), 0.5))
            bar_set.setLabelColor(QColor("#000000"))
            bar_set.clicked.connect(lambda category, key=key, count=len(values): self.bar_clicked.emit(
                key, count - 1 - category if horizontal else category))
            bars.append(bar_set)
            self.values[key] = tuple(reversed(values)) if horizontal else tuple(values)
        bars.setLabelsVisible(True)
        bars.setLabelsFormat("@value")
        if stacked:
            bars.setLabelsPosition(QBarSeries.LabelsPosition.LabelsCenter)
        else:
            bars.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart.addSeries(bars)
        category_axis = QBarCategoryAxis()
        category_axis.append(list(categories))
        value_axis = QValueAxis()
        top = max((sum(column) for column in zip(*(values for _, _, values in series))) if stacked else
                  (max(values, default=0) for _, _, values in series), default=0)
        value_axis.setRange(0, max(top * 1.15, 1))  # room for the values written above the bars
        value_axis.setVisible(False)  # the values are on the bars
        self.chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(category_axis)
        bars.attachAxis(value_axis)
        self.chart.legend().setVisible(stacked or len(series) > 1)  # a stack's one series still has a name

    def show_line(self, categories: Sequence[str], name: str, values: Sequence[float]) -> None:
        """A line over `categories` (e.g. years), each point labelled with its value."""
        self._reset(empty=not any(values))
        line = QLineSeries(name=name)
        for index, value in enumerate(values):
            line.append(QPointF(index, float(value)))
        line.setPointsVisible(True)
        line.setPointLabelsVisible(True)
        line.setPointLabelsFormat("@yPoint")
        line.setPointLabelsClipping(False)
        line.setPen(QPen(QColor(COLOURS[0]), 2))
        self.chart.addSeries(line)
        category_axis = QBarCategoryAxis()
        category_axis.append(list(categories))
        value_axis = QValueAxis()
        top = max(max(values, default=0), 1)
        value_axis.setRange(-0.15 * top, 1.2 * top)  # the labels of points at 0 clear the years below
        value_axis.setVisible(False)
        self.chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(category_axis)
        line.attachAxis(value_axis)
        self.chart.legend().setVisible(False)
        self.values = {name: tuple(values)}

    # -- keyboard
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and self.bars:
            if event.type() == QEvent.Type.KeyPress and event.key() in STEPS:
                self._select((self.current_bar + STEPS[event.key()]) % len(self.bars))
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() in OPEN_KEYS and self.current_bar >= 0:
                _set, _position, key, index, _text = self.bars[self.current_bar]
                self.bar_clicked.emit(key, index)
                return True
            if event.type() == QEvent.Type.FocusIn and self.current_bar < 0:
                self._select(0)
        return super().eventFilter(watched, event)

    def _select(self, number: int) -> None:
        if self.current_bar >= 0:
            self.bars[self.current_bar][0].deselectAllBars()
        self.current_bar = number
        bar_set, position, _key, _index, text = self.bars[number]
        bar_set.selectBar(position)
        self.view.setAccessibleDescription(f"{text}. Entrée : voir la liste")
        self.title_label.setText(f"<b>{self.title}</b> · {text} (Entrée : voir la liste)")

    # -- export
    def _ask_export(self, kind: str) -> None:
        name, _ = QFileDialog.getSaveFileName(self, f"Exporter « {self.title} »", f"{self.title}.{kind}", EXPORT_FILTERS[kind])
        if name and not self.export(Path(name)):
            messages.show_error(self, f"L'image n'a pas pu être enregistrée dans {name} : vérifiez le dossier et ses droits.")

    def export(self, path: Path) -> bool:
        """The chart as it is shown, to `path` (.svg: vector, else PNG); False when it could not be written."""
        if path.suffix.lower() == ".svg":
            size = self.view.size() if self.view.isVisible() else QSize(800, 500)
            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(size)
            generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
            generator.setTitle(self.title)
            painter = QPainter()
            if not painter.begin(generator):
                return False
            self.view.render(painter)
            painter.end()
            return path.is_file()
        return self.view.grab().save(str(path), "PNG")
