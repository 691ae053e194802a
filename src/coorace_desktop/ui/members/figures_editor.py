"""The observatoire's yearly figures of an organisation: one year at a time, with the previous
year's value and the change beside each figure.

What is typed is kept as text per year until the dialog asks for drafts, so switching years
loses nothing; an empty field is an unknown figure, never zero."""

from datetime import date

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.french import LOCALE
from coorace_desktop.domain.members import FIGURE_LABELS, FiguresDraft
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.formats import display, parse_number

FLOAT_FIGURES = {"fte"}
CURRENT = "figures.current"
PREVIOUS_STYLE = "color: #555;"


def _text(value: int | float | None) -> str:
    return display(value)


class FiguresEditor(QWidget):
    def __init__(self, dialog: FormDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self._texts: dict[int, dict[str, str]] = {}
        self.current_year: int | None = None
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Année des chiffres")
        self.add_button = QPushButton("Ajouter une &année…", autoDefault=False)
        self.remove_button = QPushButton("Retirer cette année", autoDefault=False)
        self.none_label = QLabel("Aucune année saisie : « Ajouter une année… » pour commencer.", styleSheet=PREVIOUS_STYLE)
        top = QHBoxLayout()
        top.addWidget(QLabel("Année :"))
        top.addWidget(self.year_combo)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        top.addStretch(1)
        self.form = QFormLayout()
        self.year_header = QLabel(styleSheet="font-weight: bold;", alignment=Qt.AlignmentFlag.AlignRight)
        self.previous_header = QLabel(styleSheet="font-weight: bold;")
        self.form.addRow("", self._figure_row(self.year_header, self.previous_header))
        self.edits: dict[str, QLineEdit] = {}
        self.previous_labels: dict[str, QLabel] = {}
        for name, label in FIGURE_LABELS.items():
            edit = QLineEdit(alignment=Qt.AlignmentFlag.AlignRight)
            previous = QLabel(styleSheet=PREVIOUS_STYLE)
            dialog.add_field(f"{CURRENT}.{name}", label, self._figure_row(edit, previous), self.form)
            dialog.watch(edit, f"{CURRENT}.{name}")
            edit.textEdited.connect(lambda text, name=name: self._store(name, text))
            self.edits[name] = edit
            self.previous_labels[name] = previous
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.none_label)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.year_combo.currentIndexChanged.connect(lambda _index: self.show_year(self.year_combo.currentData()))
        self.add_button.clicked.connect(self.ask_year)
        self.remove_button.clicked.connect(self.remove_year)
        self._refresh_years()

    @staticmethod
    def _figure_row(current: QWidget, previous: QLabel) -> QWidget:
        """This year's field and last year's value side by side, aligned from row to row."""
        current.setFixedWidth(150)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(current)
        line.addSpacing(24)
        line.addWidget(previous, 1)
        return row

    # -- the drafts
    def set_values(self, figures: tuple[FiguresDraft, ...]) -> None:
        self._texts = {entry.year: {name: _text(getattr(entry, name)) for name in FIGURE_LABELS} for entry in figures}
        self._refresh_years(max(self._texts) if self._texts else None)

    def values(self) -> tuple[tuple[FiguresDraft, ...], dict[str, str]]:
        """The drafts by year, and what could not be read as a number (keyed like the domain's errors)."""
        drafts, errors = [], {}
        for number, year in enumerate(sorted(self._texts)):
            figures = {}
            for name, text in self._texts[year].items():
                try:
                    figures[name] = parse_number(text, integer=name not in FLOAT_FIGURES)
                except ValueError as error:
                    figures[name] = None
                    errors[f"figures.{number}.{name}"] = str(error)
            drafts.append(FiguresDraft(year=year, **figures))
        return tuple(drafts), errors

    def place_errors(self, errors: dict[str, str], drafts: tuple[FiguresDraft, ...]) -> dict[str, str]:
        """Messages about the year on screen go beside its fields; about another year, above the buttons."""
        placed = {}
        for key, message in errors.items():
            if not key.startswith("figures."):
                placed.setdefault(key, message)
                continue
            _, number, name = key.split(".", 2)
            year = drafts[int(number)].year
            if year == self.current_year and name in FIGURE_LABELS:
                placed.setdefault(f"{CURRENT}.{name}", message)
            else:
                placed.setdefault("", f"Chiffres {year}, {FIGURE_LABELS.get(name, name)} : {message}")
        return placed

    # -- years
    def ask_year(self) -> None:
        default = max(self._texts) + 1 if self._texts else date.today().year - 1
        year, ok = QInputDialog.getInt(self, "Ajouter une année", "Année des chiffres :", default, 1900, 2200)
        if ok:
            self.add_year(year)

    def add_year(self, year: int) -> None:
        self._texts.setdefault(year, {name: "" for name in FIGURE_LABELS})
        self._refresh_years(year)
        self.edits[next(iter(FIGURE_LABELS))].setFocus()

    def remove_year(self) -> None:
        if self.current_year is not None:
            del self._texts[self.current_year]
            self._refresh_years(max(self._texts) if self._texts else None)

    def show_year(self, year: int | None) -> None:
        self.current_year = year
        has_year = year is not None
        for name, edit in self.edits.items():
            edit.setEnabled(has_year)
            edit.setText(self._texts[year][name] if has_year else "")
        self._show_previous()
        self.year_header.setText(str(year) if has_year else "")
        self.previous_header.setText(f"{year - 1}, pour comparaison" if has_year else "")
        self.remove_button.setEnabled(has_year)
        self.none_label.setVisible(not has_year)
        self.dialog.revalidate()

    def _refresh_years(self, select: int | None = None) -> None:
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in sorted(self._texts, reverse=True):
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(select), 0) if select is not None else -1)
        self.year_combo.blockSignals(False)
        self.show_year(select)

    def _store(self, name: str, text: str) -> None:
        if self.current_year is not None:
            self._texts[self.current_year][name] = text
            self._show_previous()

    def _show_previous(self) -> None:
        """Last year's value of each figure, and the change from it when both are known."""
        year = self.current_year
        previous_texts = self._texts.get(year - 1) if year is not None else None
        for name, label in self.previous_labels.items():
            if previous_texts is None:
                label.setText("" if year is None else "non saisi")
                continue
            integer = name not in FLOAT_FIGURES
            try:
                before = parse_number(previous_texts[name], integer)
                now = parse_number(self._texts[year][name], integer)
            except ValueError:
                label.setText(previous_texts[name])
                continue
            text = _text(before) if before is not None else "inconnu"
            if before and now is not None:
                change = (now - before) / before * 100
                text += f"   ({format_decimal(change, format='+#,##0.0;-#,##0.0', locale=LOCALE)} %)"
            label.setText(text)
