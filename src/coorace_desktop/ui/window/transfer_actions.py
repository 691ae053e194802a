"""File menu items for spreadsheets in and out: « Importer un tableur… », « Exporter les chiffres
annuels… » (what the import reads back unchanged) and « Exporter l'annuaire des adhérents
(vCard)… ». (Tables export themselves: « Exporter… » under each table; events go to an agenda
from their tab.)"""

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow

from coorace_desktop.domain.enums import MembershipStatus
from coorace_desktop.domain.french import plural
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisation_list import STATUS_FILTER
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.table_export import TABLE_FILTERS, chosen_path
from coorace_desktop.ui.widgets.worker import run_in_background

VCARD_FILTER = "Carnet d'adresses vCard (*.vcf)"


def install_transfer_actions(window: QMainWindow) -> None:
    """Add the items to the window's File menu (the window gives add_file_action and database)."""
    window.import_action = window.add_file_action("&Importer un tableur…", lambda: open_import(window), "Ctrl+I", writes=True)
    window.figures_action = window.add_file_action("Exporter les c&hiffres annuels…", lambda: export_figures(window))
    window.vcard_action = window.add_file_action("Exporter l'&annuaire des adhérents (vCard)…", lambda: export_directory(window))


def open_import(window: QMainWindow):
    """The import wizard (the import package, rapidfuzz and the spreadsheet readers load now)."""
    from coorace_desktop.ui.importing.dialog import ImportWizard

    wizard = ImportWizard(window.database, parent=window)
    wizard.open()  # the import job announces what it changed: the tabs follow
    return wizard


def export_figures(window: QMainWindow, path: Path | None = None) -> None:
    """Every member's yearly figures to .xlsx or .csv, under the columns the import reads."""
    if path is None:
        suggested = Path.home() / f"chiffres-annuels-{date.today():%Y-%m-%d}.xlsx"
        name, selected = QFileDialog.getSaveFileName(window, "Exporter les chiffres annuels", str(suggested), TABLE_FILTERS)
        if not name:
            return
        path = chosen_path(name, selected)
    from coorace_desktop.services.exporting.figures import FIGURES_EXPORT  # not at start: loads the import's fields
    from coorace_desktop.services.exporting.tables import export_table

    database = window.database

    def done(result) -> None:
        messages.inform(
            window, "Export terminé",
            f"{plural(result.rows, 'ligne de chiffres enregistrée', 'lignes de chiffres enregistrées')} dans {path.name}. Corrigé ou complété, le fichier "
            "se réimporte par Fichier > Importer un tableur…, « Chiffres annuels par adhérent ».",
        )

    run_in_background(window, "Export des chiffres annuels…", lambda progress: export_table(database, FIGURES_EXPORT, path, ListQuery(), progress), done)


def export_directory(window: QMainWindow, path: Path | None = None) -> None:
    """Current members, with their contacts, to a .vcf file that Outlook, Thunderbird or a phone imports."""
    if path is None:
        suggested = Path.home() / f"annuaire-adherents-{date.today():%Y-%m-%d}.vcf"
        name, _ = QFileDialog.getSaveFileName(window, "Exporter l'annuaire des adhérents", str(suggested), VCARD_FILTER)
        if not name:
            return
        path = Path(name) if name.lower().endswith(".vcf") else Path(f"{name}.vcf")
    from coorace_desktop.services.exporting.members import MEMBERS_EXPORT  # not at start
    from coorace_desktop.services.exporting.tables import export_table

    database = window.database
    query = ListQuery(filters={STATUS_FILTER: MembershipStatus.ACTIVE.value})

    def done(result) -> None:
        messages.inform(window, "Export terminé", f"Annuaire enregistré dans {path.name} : {result.detail}.")

    run_in_background(window, "Export de l'annuaire…", lambda progress: export_table(database, MEMBERS_EXPORT, path, query, progress), done)
