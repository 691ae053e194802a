"""The Rapports tab's Clôture page: close after Vérifier, the changes since, reopen with a reason."""

from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from coorace_desktop.domain.reporting_rules import PartnerInput
from coorace_desktop.services.events.commands import EventInput, create_event, event_kinds
from coorace_desktop.services.reporting.closing import closed_report
from coorace_desktop.services.reporting.year_inputs import save_partner
from coorace_desktop.ui.reporting.tab import CLOSING_PAGE, ReportsTab


@pytest.fixture
def tab(qtbot, demo_database):
    widget = ReportsTab(demo_database)
    qtbot.addWidget(widget)
    return widget


def test_close_list_the_changes_since_and_reopen_with_a_reason(qtbot, tab, demo_database, monkeypatch, tmp_path, boxes):
    panel = tab.closing
    assert panel.status_label.text().startswith("Année 2020 ouverte") and not panel.reopen_button.isEnabled()
    questions = boxes.asked
    assert panel.close_year()
    qtbot.waitUntil(lambda: panel.job is None and panel.reopen_button.isEnabled(), timeout=20_000)
    assert questions[0].startswith("Vérifier signale 1 point à vérifier")
    closed = closed_report(demo_database, 2020)
    assert closed is not None and closed.sha256 in panel.status_label.text()
    assert not panel.close_button.isEnabled() and panel.changes_list.item(0).text() == "Aucun changement."

    create_event(demo_database, EventInput("Réunion retrouvée", event_kinds(demo_database)[0].id, 2020, date(2020, 6, 4)))
    save_partner(demo_database, PartnerInput("Fondation retrouvée", since_year=2020))
    tab.pages.setCurrentIndex(CLOSING_PAGE)
    tab.resize(1200, 700)
    tab.show()  # the page shown again reads the live data afresh
    assert [panel.changes_list.item(row).text() for row in range(panel.changes_list.count())] == [
        "1 événement de l'année ajouté : Réunion retrouvée", "Autre élément du rapport modifié : partenaires"
    ]
    tab.grab().save(str(tmp_path / "closing.png"))

    monkeypatch.setattr(QInputDialog, "getText", lambda *args: ("", True))
    assert not panel.reopen()  # no reason: refused, still closed
    assert "raison" in boxes.errors[-1] and closed_report(demo_database, 2020) is not None
    monkeypatch.setattr(QInputDialog, "getText", lambda *args: ("Chiffres corrigés", True))
    assert panel.reopen()
    assert closed_report(demo_database, 2020) is None and panel.close_button.isEnabled()
    history = [panel.history_list.item(row).text() for row in range(panel.history_list.count())]
    assert history[0].startswith("Clôture le ") and history[1].endswith(": Chiffres corrigés")
    panel.history_list.setCurrentRow(0)
    assert not panel.sent_button.isEnabled()  # a closing: its PDF is the one the reopening kept
    panel.history_list.setCurrentRow(1)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "envoyé.pdf"), ""))
    assert panel.sent_button.isEnabled() and panel.save_reopened_pdf() is not None
    assert (tmp_path / "envoyé.pdf").read_bytes() == closed.pdf
