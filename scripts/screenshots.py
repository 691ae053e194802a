"""Screenshots of every tab (and each page inside one) and of the main dialogs, on the demo data,
offscreen, at 1366x768 and 1024x600, to look at before a release:

    PYTHONPATH=src .venv/bin/python scripts/screenshots.py [FOLDER]   (default: screenshots/)

Each screen size runs in its own process on an offscreen screen of that size (Qt's offscreen
platform reads it from a JSON file), the user's folders and settings in a temp dir. The window
fills the screen as a maximised one would; each dialog opens as the application opens it, is
grabbed, then cancelled. A line per picture says its size and whether it fits the screen."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = ((1366, 768), (1024, 600))


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    if os.environ.get("SCREENSHOTS_SIZE"):
        return shoot(folder, *map(int, os.environ["SCREENSHOTS_SIZE"].split("x")))
    failed = 0
    for width, height in SIZES:
        with tempfile.TemporaryDirectory() as home:
            screens = Path(home) / "screens.json"
            screens.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}]}))
            env = dict(os.environ, SCREENSHOTS_SIZE=f"{width}x{height}", QT_QPA_PLATFORM=f"offscreen:configfile={screens}",
                       XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config", XDG_STATE_HOME=f"{home}/state",
                       XDG_CACHE_HOME=f"{home}/cache")
            env.pop("COORACE_DB", None)
            failed |= subprocess.run([sys.executable, __file__, str(folder)], env=env).returncode
    return failed


def shoot(folder: Path, width: int, height: int) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog, QFileDialog, QTabWidget

    from coorace_desktop.app import make_application
    from coorace_desktop.domain.enums import SiaeType
    from coorace_desktop.services.demo import create_demo_database
    from coorace_desktop.services.fees.calls import generate_calls
    from coorace_desktop.services.fees.scale import ScaleInput, save_scale
    from coorace_desktop.storage.database import open_database
    from coorace_desktop.storage.paths import demo_database_path
    from coorace_desktop.ui.window.backup_controller import DataSafety
    from coorace_desktop.ui.window.main_window import MainWindow
    from coorace_desktop.ui.window.welcome_dialog import WelcomeDialog

    app = make_application()
    screen = app.primaryScreen().availableGeometry()
    prefix = f"{width}x{height}"
    misfits: list[str] = []
    count = 0

    def save(widget, name: str) -> None:
        nonlocal count
        count += 1
        for _ in range(3):  # what the first paint schedules (totals, previews), then its layout
            app.processEvents()
        path = folder / f"{prefix}-{count:02d}-{name}.png"
        widget.grab().save(str(path))
        size, minimum = widget.size(), widget.minimumSizeHint()
        fits = size.width() <= screen.width() and size.height() <= screen.height() and size.expandedTo(minimum) == size
        print(f"{path.name}: {size.width()}x{size.height()} (minimum {minimum.width()}x{minimum.height()})"
              f"{'' if fits else '  DOES NOT FIT'}")
        if not fits:
            misfits.append(path.name)

    def grab_dialog(dialog: QDialog) -> int:
        dialog.show()
        save(dialog, type(dialog).__name__)
        QDialog.done(dialog, 0)  # cancelled without the discard question: nothing was typed
        return 0

    QDialog.exec = QDialog.open = grab_dialog  # every dialog the window opens is grabbed, then cancelled

    path = demo_database_path()
    create_demo_database(path)
    # A 2021 fee campaign (a scale by agreement type: the demo has few yearly figures; its calls)
    # for the Cotisations page and its dialogs.
    database = open_database(path)
    save_scale(database, ScaleInput(2021, minimum=250, type_amounts={SiaeType.ACI: 400, SiaeType.ETTI: 600}))
    generate_calls(database, 2021)
    database.close()
    window = MainWindow(settings=QSettings(os.path.join(os.environ["XDG_CONFIG_HOME"], "settings.ini"), QSettings.Format.IniFormat))
    window.setGeometry(screen)
    window.show()
    window.use_database(open_database(path))
    DataSafety(window, None)  # the File menu's backup and privacy items
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.current_tab()
        pages = tab.findChild(QTabWidget)
        if pages is None:
            save(window, window.tabs.tabText(index))
            continue
        for page in range(pages.count()):
            pages.setCurrentIndex(page)
            save(window, f"{window.tabs.tabText(index)}-{pages.tabText(page)}".replace(" ", "_"))
    print(f"window: {window.width()}x{window.height()}, minimum {window.minimumSizeHint().width()}x{window.minimumSizeHint().height()}")

    members = window.show_tab("Adhérents")
    members.table.view.selectRow(0)
    members.table.edit_current()
    members.letters_menu.write_letters(email=False)  # « Courriers » (Ctrl+Shift+L), labels, the template editor
    members.letters_menu.write_labels()
    members.letters_menu.edit_templates()
    window.print_preview_action.trigger()  # the print preview of the members table
    fees = members.show_fees()
    fees.year_combo.setCurrentIndex(fees.year_combo.findData(2021))
    save(window, "Adhérents-Cotisations_2021")
    fees.edit_scale()
    fees.show_preview()
    model = fees.table.model
    fees.table.view.selectRow(next(row for row in range(model.rowCount()) if model.row_at(row).number is not None))
    fees.table.edit_current()  # a payment
    members.pages.setCurrentIndex(0)
    governance = window.show_tab("Gouvernance")
    governance.board_page.elect()
    governance.board_page.seats.view.selectRow(0)
    governance.board_page.assign_office()
    governance.board_page.end_mandate(governance.board_page.current_seat())
    governance.profile_page.edit()
    governance.assemblies_page.new_assembly()
    governance.staff_page.new_post()
    accompaniment = window.show_tab("Accompagnements")
    accompaniment.actions_view.table.view.selectRow(0)
    accompaniment.actions_view.table.edit_current()
    accompaniment.holders_view.table.new_button.click()
    accompaniment.territories_view.table.new_button.click()
    events = window.show_tab("Événements")
    events.new_event()
    events.table.view.selectRow(0)
    events.table.edit_current()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' scenario, from the checkout
    from tests.attendance_scenario import make_training  # the demo has no registrations: 25 people, 3 sessions

    from coorace_desktop.ui.events.attendance_dialog import AttendanceDialog

    AttendanceDialog(events.database, make_training(events.database).event_id, window).exec()
    reports = window.show_tab("Rapports")
    reports.edit_report_text()
    reports.edit_resources()
    reports.edit_partner(None)
    window.import_action.trigger()
    for action in window.file_menu.actions():
        if action.text().replace("&", "") in ("Restaurer une sauvegarde…", "Données personnelles (RGPD)…", "Connexion à un serveur…"):
            action.trigger()
    WelcomeDialog([path]).exec()
    window.show_tab("Gouvernance")
    window.show_help()  # F1: the guide at the tab's page
    save(window.help_window, "Aide-Gouvernance")
    window.help_window.close()
    file_dialog = QFileDialog(window, "Ouvrir une base de données", str(folder), "Bases Coorace (*.sqlite *.db);;Tous les fichiers (*)")
    file_dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    file_dialog.exec()

    print(f"{count} pictures in {folder}" + (f"; {len(misfits)} do not fit {prefix}: {', '.join(misfits)}" if misfits else ""))
    window.close()
    return 1 if misfits else 0


if __name__ == "__main__":
    sys.exit(main())
