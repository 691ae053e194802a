"""The yearly summary per programme: actions, distinct beneficiaries and organisations, hours, by
officer, and the "En 2020, ce sont aussi" lines the report prints, with the TZCLD stage counts."""

from datetime import date
from html import escape

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from coorace_desktop.services.accompaniment import (
    ProgrammeSummary,
    programme_summary,
    stage_counts_text,
    territory_stage_counts,
)
from coorace_desktop.services.accompaniment.actions import action_years
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets.formats import display
from coorace_desktop.ui.widgets.shown_panel import RefreshWhenShown
from coorace_desktop.ui.widgets.table_tab import refill_combo

STYLE = """
h2 { color: #1f4e79; margin: 14px 0 2px 0; font-size: 15px; }
p.figures { color: #333; margin: 0 0 4px 0; }
table.officers { margin: 2px 0 6px 12px; }
table.officers td { padding: 1px 12px 1px 0; color: #444; }
ul { margin-top: 2px; }
p.empty { color: #666; font-style: italic; }
"""


def _count(value: int | float, singular: str, plural: str) -> str:
    return f"{display(value)} {singular if value in (0, 1) else plural}"


def summary_html(year: int, summaries: list[ProgrammeSummary], tzcld: str) -> str:
    """The summary as HTML (every name escaped: programmes and labels are typed by users)."""
    parts = [f"<style>{STYLE}</style>", f"<h1>Accompagnements {year}</h1>"]
    if not summaries:
        parts.append(f"<p class='empty'>Aucune action enregistrée en {year}.</p>")
    for summary in summaries:
        parts.append(f"<h2>{escape(summary.programme)}</h2>")
        parts.append(
            "<p class='figures'>"
            f"{_count(summary.actions, 'action', 'actions')} · "
            f"{_count(summary.beneficiaries, 'bénéficiaire', 'bénéficiaires')} · "
            f"{_count(summary.organisations, 'adhérent distinct', 'adhérents distincts')} · "
            f"{display(summary.hours)} h</p>"
        )
        rows = "".join(
            f"<tr><td>{escape(officer.officer)}</td><td>{_count(officer.actions, 'action', 'actions')}</td>"
            f"<td>{_count(officer.beneficiaries, 'bénéficiaire', 'bénéficiaires')}</td>"
            f"<td>{display(officer.hours)} h</td></tr>"
            for officer in summary.by_officer
        )
        parts.append(f"<table class='officers'>{rows}</table>")
        if summary.lines:
            parts.append(f"<p><b>En {year}, ce sont aussi</b></p><ul>")
            parts.extend(f"<li>{escape(line.text)}</li>" for line in summary.lines)
            parts.append("</ul>")
    parts.append(f"<h2>Territoires zéro chômeur de longue durée</h2><p>{escape(tzcld)}</p>")
    return "".join(parts)


class AccompanimentSummaryView(RefreshWhenShown):
    """Pick a year, read what the report's accompaniment section will print."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Année")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("Année :"))
        top.addWidget(self.year_combo)
        top.addWidget(QLabel("Les chiffres viennent des actions enregistrées ; le rapport imprime les mêmes."), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        self.year_combo.currentIndexChanged.connect(lambda _=0: self.refresh())
        self.reload_years()

    def reload_years(self) -> None:
        years = action_years(self.database) or [date.today().year]
        refill_combo(self.year_combo, [(str(year), year) for year in years])
        self.refresh()

    def set_year(self, year: int) -> None:
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(year), 0))

    def refresh(self) -> None:
        # Computed when seen: on 200,000 actions a year's summary takes a few hundred ms, and the
        # tab asked for it four times while starting (bench/run.py: opening the tab 375 -> 35 ms).
        if self.deferred():
            return
        year = self.year_combo.currentData()
        if year is None:
            return
        end = date(year, 12, 31)
        tzcld = stage_counts_text(territory_stage_counts(self.database, end), end)
        self.browser.setHtml(summary_html(year, programme_summary(self.database, year), tzcld))
