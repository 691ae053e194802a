"""Event figures for any period: sessions by kind, online share, participants, member coverage."""

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coorace_desktop.domain.french import percent, plural_word
from coorace_desktop.services.events.figures import EventFigures
from coorace_desktop.ui.widgets.dates import DateEdit
from coorace_desktop.ui.widgets.formats import display
from coorace_desktop.ui.widgets.shown_panel import RefreshWhenShown
from coorace_desktop.ui.widgets.table_tab import refill_combo

ALL_KINDS = "Tous les types"


def figures_html(figures: EventFigures) -> str:
    """The figures as the panel shows them; kind names are the office's own text, hence escaped."""
    lines = [
        f"<p><b>{display(figures.events)}</b> {plural_word(figures.events, 'séance', 'séances')}, "
        f"dont <b>{display(figures.online)}</b> en ligne ({percent(figures.online_percent)})</p>",
        f"<p><b>{display(figures.participants)}</b> {plural_word(figures.participants, 'participant', 'participants')} · "
        f"<b>{display(figures.persons_reached)}</b> "
        f"{plural_word(figures.persons_reached, 'personne distincte', 'personnes distinctes')} (par noms)</p>",
        f"<p>Événements comptés par noms : <b>{display(figures.by_names)}</b> · par nombres : "
        f"<b>{display(figures.by_numbers)}</b><br>Heures de formation : <b>{display(figures.training_hours) or '—'}</b></p>",
        f"<p>Couverture : <b>{percent(figures.coverage_percent)}</b> des structures adhérentes<br>"
        f"soit <b>{display(figures.reached)}</b> {plural_word(figures.reached, 'touchée', 'touchées')} au moins une "
        f"fois sur <b>{display(figures.active_members)}</b> "
        f"{plural_word(figures.active_members, 'adhérente', 'adhérentes')} pendant la période</p>",
    ]
    if figures.by_kind:
        rows = "".join(
            f"<tr><td>{escape(kind)}</td><td align='right'>{display(count)}</td>"
            f"<td align='right'>{display(figures.participants_by_kind.get(kind, 0))}</td></tr>"
            for kind, count in sorted(figures.by_kind.items(), key=lambda item: (-item[1], item[0]))
        )
        lines.append(
            "<table cellspacing='0' cellpadding='3' width='100%'>"
            "<tr><th align='left'>Type</th><th align='right'>Séances</th><th align='right'>Participants</th></tr>"
            f"{rows}</table>"
        )
    return "".join(lines)


class EventFiguresPanel(RefreshWhenShown):
    """A period (and optionally one kind) chosen above, its figures beneath, recomputed on change."""

    def __init__(
        self,
        compute: Callable[[date, date, str | None], EventFigures],
        kinds: Callable[[], list[str]],
        default_year: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._compute = compute
        self._kinds = kinds
        # The year shown unless a period is set first, asked when the panel is first shown (at
        # 200,000 events, finding the last year held is worth skipping while nobody looks).
        self._default_year: Callable[[], int] | None = default_year
        self.start_edit = DateEdit()
        self.end_edit = DateEdit()
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Type d'événement")
        self.result_label = QLabel(textFormat=Qt.TextFormat.RichText, wordWrap=True)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        period = QHBoxLayout()
        period.addWidget(self.start_edit)
        period.addWidget(QLabel("au"))
        period.addWidget(self.end_edit)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow("Du", period)
        form.addRow("Type", self.kind_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label, 1)
        self.figures: EventFigures | None = None
        self.reload_kinds()
        for signal in (self.start_edit.dateChanged, self.end_edit.dateChanged, self.kind_combo.currentIndexChanged):
            signal.connect(self.refresh)

    def reload_kinds(self) -> None:
        refill_combo(self.kind_combo, [(ALL_KINDS, None)] + [(name, name) for name in self._kinds()])

    def set_year(self, year: int) -> None:
        """Show a whole year."""
        self.set_period(date(year, 1, 1), date(year, 12, 31))

    def set_period(self, start: date, end: date) -> None:
        """Show the period from `start` to `end` (the list's filter or its selected event drive it)."""
        if self._default_year is None and self.period() == (start, end):
            return
        self._show_period(start, end)
        self.refresh()

    def _show_period(self, start: date, end: date) -> None:
        self._default_year = None
        for edit in (self.start_edit, self.end_edit):
            edit.blockSignals(True)
        self.start_edit.setDate(QDate(start))
        self.end_edit.setDate(QDate(end))
        for edit in (self.start_edit, self.end_edit):
            edit.blockSignals(False)

    def period(self) -> tuple[date, date]:
        return self.start_edit.date().toPython(), self.end_edit.date().toPython()

    def set_kind(self, name: str | None) -> None:
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(name), 0))

    def refresh(self) -> None:
        # Computed when seen: on 200,000 events a period's figures take a few hundred ms.
        if self.deferred():
            return
        if self._default_year is not None:
            year = self._default_year()
            self._show_period(date(year, 1, 1), date(year, 12, 31))
        start, end = self.period()
        if end < start:
            self.figures = None
            self.result_label.setText("<p>La fin de la période est antérieure à son début.</p>")
            return
        self.figures = self._compute(start, end, self.kind_combo.currentData())
        self.result_label.setText(figures_html(self.figures))
