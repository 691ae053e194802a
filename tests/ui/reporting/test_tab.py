"""The Rapports tab: year and sections, Vérifier, generation in the background with its
preview, cancel, and the editors of the year's texts, resources and partners."""

import os
import shutil
import subprocess
import sys
import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from sqlalchemy import select

from coorace_desktop.domain.enums import ResourceKind
from coorace_desktop.domain.organisations import Organisation, Site
from coorace_desktop.services.reporting import year_inputs as reporting
from coorace_desktop.services.reporting.check import check_report
from coorace_desktop.ui.events.event_dialog import EventDialog
from coorace_desktop.ui.members.organisation_dialog import OrganisationDialog
from coorace_desktop.ui.reporting.dialogs import PartnerDialog, ReportTextDialog, ResourcesDialog
from coorace_desktop.ui.reporting.tab import ReportsTab, default_year
from coorace_desktop.ui.window.main_window import MainWindow
from tests.ui.boxes import click_when_asked


@pytest.fixture
def tab(qtbot, demo_database):
    widget = ReportsTab(demo_database)
    qtbot.addWidget(widget)
    return widget


def test_opens_on_the_latest_year_with_data(tab, database):
    assert tab.year == 2020
    assert tab.reference_combo.currentText() == "Automatique (2018)"
    assert [tab.reference_combo.itemText(i) for i in range(tab.reference_combo.count())] == ["Automatique (2018)", "2018"]
    assert tab.moral_label.text() == "Rapport moral 2020 : 11 paragraphes, signé Isabelle Chatry."
    assert "Subventions 65\u00a0%" in tab.resources_label.text()
    assert default_year(database, today=date(2026, 3, 1)) == 2025


def test_check_lists_the_findings(tab, demo_database):
    tab.check()
    findings = check_report(demo_database, 2020)
    assert tab.findings.topLevelItemCount() == len(findings)
    first = tab.findings.topLevelItem(0)
    assert first.text(0) == findings[0].message and first.text(1) == "Temps forts"
    assert first.childCount() == len(findings[0].details)
    assert tab.pages.tabText(0) == "Vérification (1)"


def test_no_section_no_generation(tab):
    for check in tab.section_checks.values():
        check.setChecked(False)
    assert not tab.generate_button.isEnabled()
    assert tab.status_text() == "Rapport 2020 : 0 section sur 7"
    tab.section_checks["adherents"].setChecked(True)
    assert tab.generate_button.isEnabled()
    assert tab.request().sections == ("adherents",)


def test_generates_in_the_background_then_previews(tab, qtbot, tmp_path):
    target = tmp_path / "rapport.pdf"
    tab.section_checks["adherents"].setChecked(False)
    tab.generate_to(target)
    assert not tab.generate_button.isEnabled()  # one generation at a time
    qtbot.waitUntil(lambda: tab.last_result is not None, timeout=20_000)
    assert target.exists() and tab.last_result.path == target
    assert tab.preview.document.status() == QPdfDocument.Status.Ready
    assert tab.preview.document.pageCount() == tab.last_result.pages
    assert tab.pages.currentIndex() == 1 and tab.open_button.isEnabled()
    assert tab.status_text() == f"Rapport 2020 : {tab.last_result.pages} pages (rapport.pdf)"
    qtbot.waitUntil(lambda: tab.generate_button.isEnabled())


def test_cancel_leaves_no_file(tab, qtbot, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "rapport.pdf"
    job = tab.generate_to(target)
    job.cancel()
    qtbot.waitUntil(lambda: tab.job is None and tab.generate_button.isEnabled(), timeout=20_000)
    assert tab.last_result is None and not tab.open_button.isEnabled()
    assert list(folder.iterdir()) == []


def test_report_text_dialog_saves_and_requires_a_signatory(qtbot, demo_database):
    dialog = ReportTextDialog(demo_database, 2021)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.moral_edit.setPlainText("Premier paragraphe.\n\nSecond <b> & co.")
    assert not dialog.ok_button.isEnabled()
    dialog.name_edit.setText("Camille Vergely")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert reporting.report_text(demo_database, 2021).moral_report == "Premier paragraphe.\n\nSecond <b> & co."


def test_resources_dialog_refuses_bad_numbers_then_saves(tab, qtbot, demo_database):
    dialog = ResourcesDialog(demo_database, 2020)
    qtbot.addWidget(dialog)
    dialog.show()
    amount, share = dialog.edits[ResourceKind.SUBSIDIES]
    amount.setText("douze")
    assert not dialog.ok_button.isEnabled()
    amount.setText("120 000")
    share.setText("")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    lines = {line.kind: line for line in reporting.resources(demo_database, 2020)}
    assert lines[ResourceKind.SUBSIDIES].amount == 120_000
    tab.refresh()  # what the window calls when the report's data change
    assert "Subventions 65\u00a0%" not in tab.resources_label.text()


def test_the_fees_amount_can_come_from_the_payments_recorded(qtbot, demo_database):
    from tests import fee_campaign as campaign

    assert ResourcesDialog(demo_database, 2021).fees_from_payments is None  # no payment yet
    campaign.record_payments(demo_database, campaign.run_calls(demo_database))
    dialog = ResourcesDialog(demo_database, 2021)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fees_from_payments.click()
    assert dialog.edits[ResourceKind.FEES][0].text() == "4\u202f800"
    assert dialog.fees_from_payments.text() == "Cotisations : montant repris des paiements enregistrés pour 2021"
    dialog.accept()
    assert {line.kind: line.amount for line in reporting.resources(demo_database, 2021)}[ResourceKind.FEES] == 4800


def test_partners_table_and_dialog(tab, qtbot, qtmodeltester, demo_database):
    qtmodeltester.check(tab.partners.model)
    assert tab.partners.model.rowCount() == 6
    dialog = PartnerDialog(demo_database, None, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("Fondation <Abbé> & Cie")
    dialog.since_spin.setValue(2021)
    dialog.until_spin.setValue(2020)
    assert not dialog.ok_button.isEnabled()
    dialog.until_spin.setValue(dialog.until_spin.minimum())  # "—": no end
    dialog.accept()
    tab.partners.reload(select_id=dialog.result_value)
    assert tab.partners.model.rowCount() == 7
    assert [row.name for row in reporting.partners(demo_database, 2020)].count("Fondation <Abbé> & Cie") == 0
    assert "Fondation <Abbé> & Cie" in [row.name for row in reporting.partners(demo_database, 2021)]


def test_generating_over_findings_asks_first(tab, monkeypatch):
    targets = []
    monkeypatch.setattr(tab, "choose_target", lambda: targets.append("asked") and None)
    asked: list[str] = []
    click_when_asked("Voir les points", asked)
    tab.generate()
    assert asked == ["1 point à vérifier : générer quand même ?"]
    assert targets == [] and tab.pages.currentIndex() == 0, "back to the findings, no file chosen"
    click_when_asked("Générer quand même", asked)
    tab.generate()
    assert targets == ["asked"]


def test_sections_without_data_say_why_they_are_left_out(tab, qtbot):
    tab.show()
    label = tab.omitted_labels["rapport-moral"]
    qtbot.waitUntil(lambda: not tab.omitted_reads.pending)
    assert not any(label.isVisibleTo(tab) for label in tab.omitted_labels.values())
    tab.year_spin.setValue(2021)
    qtbot.waitUntil(lambda: label.isVisibleTo(tab))
    assert label.text() == "Laissée de côté : le rapport moral 2021 n'est pas écrit."
    assert not tab.omitted_labels["couverture"].isVisibleTo(tab)


def test_the_tab_paints_before_the_sections_left_out_are_read_in_a_thread(qtbot, demo_database, monkeypatch):
    """Why a section is left out needs the whole year's report facts (~0.6 s on a large
    database): read in a thread once the tab has painted; another year's reasons never show."""
    from coorace_desktop.ui.reporting import tab as reports_tab

    asked, release, read = [], threading.Event(), reports_tab.omitted_sections

    def slow_omitted(database, request):
        asked.append(request.year)
        release.wait(5)
        return read(database, request)

    monkeypatch.setattr(reports_tab, "omitted_sections", slow_omitted)
    tab = ReportsTab(demo_database)
    qtbot.addWidget(tab)
    tab.year_spin.setValue(2021)
    assert asked == [] and tab.year == 2021  # built and ready without them
    tab.show()
    qtbot.waitUntil(lambda: asked == [2021])
    assert tab.isEnabled() and not tab.omitted_labels["rapport-moral"].isVisibleTo(tab)
    release.set()
    qtbot.waitUntil(lambda: tab.omitted_labels["rapport-moral"].isVisibleTo(tab))
    tab.year_spin.setValue(2020)  # 2021's reasons go at once, 2020 has none
    assert not any(label.isVisibleTo(tab) for label in tab.omitted_labels.values())
    qtbot.waitUntil(lambda: asked == [2021, 2020] and not tab.omitted_reads.pending)
    assert not any(label.isVisibleTo(tab) for label in tab.omitted_labels.values())


def test_showing_the_tab_and_checking_leave_reportlab_until_printing(demo_file, tmp_path):
    """Section keys and titles come from report/sections.py; ReportLab and PIL (~100 ms, ~20 MB)
    are imported when a PDF is generated, not when Rapports is shown or Vérifier runs."""
    database = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, database)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from coorace_desktop.app import make_application\n"
        "from coorace_desktop.ui.window.main_window import MainWindow, open_plain\n"
        "app = make_application()\n"
        f"window = MainWindow(open_plain(Path({str(database)!r}), create=False))\n"
        "window.show()\n"
        "tab = window.show_tab('Rapports')\n"
        "tab.check()\n"
        "app.processEvents()\n"
        "print(len(tab.section_checks), ' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    finished = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    sections, *loaded = finished.stdout.split()
    assert sections == "7"
    assert {"reportlab", "PIL"} & set(loaded) == set()


# -- a finding opens what fixes it (Enter or double-click)
@pytest.fixture
def window(qtbot, demo_database, settings):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    return window


def activate(view, item) -> None:
    """Enter on the line, as a user would."""
    view.setCurrentItem(item)
    QTest.keyClick(view, Qt.Key.Key_Return)


def test_a_member_detail_opens_that_organisation(window, demo_database, monkeypatch):
    with demo_database.session() as session:
        site = session.scalars(select(Site).join(Organisation).order_by(Organisation.name_key)).first()
        site.phone = ""
        organisation_id, name = site.organisation_id, session.get(Organisation, site.organisation_id).name
        session.commit()
    opened = []
    monkeypatch.setattr(OrganisationDialog, "exec", lambda dialog: opened.append(dialog.original.id) or 0)
    tab = window.show_tab("Rapports")
    tab.check()
    finding = next(item for item in items(tab.findings) if "dont un site" in item.text(0))
    detail = next(finding.child(i) for i in range(finding.childCount()) if finding.child(i).text(0) == name)
    assert "Entrée ou double-clic : ouvrir" in detail.toolTip(0)
    activate(tab.findings, detail)
    assert opened == [organisation_id]
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Adhérents"


def test_a_rapport_moral_finding_opens_its_editor(tab, monkeypatch):
    tab.year_spin.setValue(2021)
    opened = []
    monkeypatch.setattr(ReportTextDialog, "exec", lambda dialog: opened.append(dialog.year) or 0)
    tab.check()
    finding = next(item for item in items(tab.findings) if item.text(0) == "Le rapport moral 2021 n'est pas écrit.")
    activate(tab.findings, finding)
    assert opened == [2021]


def test_a_detail_without_a_record_switches_tab(window, monkeypatch):
    tab = window.show_tab("Rapports")
    tab.year_spin.setValue(2021)
    monkeypatch.setattr(EventDialog, "exec", lambda dialog: pytest.fail("no event to open"))
    tab.check()
    finding = next(item for item in items(tab.findings) if item.text(0).startswith("Aucun rendez-vous prévu en 2022"))
    activate(tab.findings, finding)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Événements"


def test_a_planned_event_detail_opens_that_event(window, demo_database, monkeypatch):
    opened = []
    monkeypatch.setattr(EventDialog, "exec", lambda dialog: opened.append(dialog.title_edit.text()) or 0)
    tab = window.show_tab("Rapports")
    tab.year_spin.setValue(2021)
    tab.check()
    finding = next(item for item in items(tab.findings) if "encore « prévu" in item.text(0))
    window.show()
    finding.setExpanded(True)
    detail = finding.child(0)
    rect = tab.findings.visualItemRect(detail)
    QTest.mouseClick(tab.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(tab.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click too
    assert opened == [detail.text(0)]


def items(view):
    return [view.topLevelItem(i) for i in range(view.topLevelItemCount())]
