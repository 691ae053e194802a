"""Data safety in the window: File menu items, second instance, backups on close and daily, restore."""

import pytest

from coorace_desktop.storage.backup import BackupKind, create_backup
from coorace_desktop.storage.integrity import opening_problems
from coorace_desktop.storage.lock import DatabaseInUseError, DatabaseLock, lock_path
from coorace_desktop.storage.rotation import list_backups
from coorace_desktop.ui.widgets import errors
from coorace_desktop.ui.window import backup_controller, backup_dialogs
from coorace_desktop.ui.window.backup_controller import DataSafety, open_locked
from coorace_desktop.ui.window.backup_dialogs import RestoreDialog
from coorace_desktop.ui.window.main_window import MainWindow
from tests.sqlite_files import execute, organisation_count


@pytest.fixture
def path(demo_database):
    path = demo_database.path
    demo_database.close()
    return path


@pytest.fixture
def window(qtbot, path, settings):
    database, lock = open_locked(None, path, False, at_start=True)
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    window.safety = DataSafety(window, lock)
    yield window
    window.safety.release_all()


def test_file_menu_items_come_before_quit(window):
    texts = [action.text().replace("&", "") for action in window.file_menu.actions() if action.text()]
    assert texts[-4:] == ["Enregistrer une copie…", "Restaurer une sauvegarde…", "Données personnelles (RGPD)…", "Quitter"]


def test_the_window_holds_the_lock_and_a_second_instance_may_read_only(window, path, monkeypatch, boxes):
    assert lock_path(path).exists()
    with pytest.raises(DatabaseInUseError):
        DatabaseLock(path).acquire()
    asked = []
    monkeypatch.setattr(backup_controller, "ask_read_only", lambda parent, error, at_start: asked.append(str(error)) or False)
    assert open_locked(None, path, False, at_start=True) is None
    assert "est déjà ouverte par Coorace Desktop" in asked[0]
    monkeypatch.setattr(backup_controller, "ask_read_only", lambda parent, error, at_start: True)
    database, lock = open_locked(None, path, False, at_start=True)
    assert database.read_only and lock is None
    shown = boxes.errors
    with database.engine.connect() as connection:
        ok, _ = errors.run_command(None, connection.exec_driver_sql, "DELETE FROM partners")
    assert not ok and "lecture seule" in shown[0]
    database.close()


def test_a_read_only_window_says_so_and_cannot_restore(qtbot, path, settings, monkeypatch):
    with DatabaseLock(path):
        monkeypatch.setattr(backup_controller, "ask_read_only", lambda parent, error, at_start: True)
        database, lock = open_locked(None, path, False, at_start=True)
        window = MainWindow(database, settings)
        qtbot.addWidget(window)
        safety = DataSafety(window, lock)
        assert window.windowTitle() == "demo.sqlite (lecture seule) — Coorace Desktop"  # said once
        assert not safety.restore_action.isEnabled() and safety.copy_action.isEnabled()
        window.close()
        assert list_backups(None, path) == []  # the holder backs up, not the reader


def test_closing_the_window_backs_up_and_releases_the_lock(window, path):
    window.close()
    window.safety.release_all()
    (backup,) = list_backups(None, path)
    assert backup.kind is BackupKind.AUTOMATIC and backup.counts["organisations"] == 51
    assert not lock_path(path).exists()


def test_opening_another_file_moves_the_lock(window, path, tmp_path):
    other = tmp_path / "autre.sqlite"
    assert window.open_path(other, create=True)
    assert lock_path(other).exists() and not lock_path(path).exists()
    assert [b.kind for b in list_backups(None, path)] == [BackupKind.AUTOMATIC]  # the file left behind


def test_the_daily_backup_runs_in_the_background_when_due(window, path, qtbot):
    window.safety.backup_if_due()
    qtbot.waitUntil(lambda: len(list_backups(None, path)) == 1, timeout=10000)
    window.safety.backup_if_due()  # no longer due: nothing more
    qtbot.wait(200)
    assert len(list_backups(None, path)) == 1


def test_the_restore_list_shows_date_kind_size_and_counts(qtbot, qtmodeltester, path, tmp_path):
    create_backup(path)
    create_backup(path, kind=BackupKind.AUTOMATIC)
    dialog = RestoreDialog(path)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert model.rowCount() == 2
    headers = [model.headerData(c, backup_dialogs.Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Date", "Type", "Taille", "Adhérents", "Personnes", "Événements", "Fichier"]
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first[1] == "Sauvegarde automatique"  # newest first
    assert first[2].endswith(" Mo") and "," in first[2]
    assert first[3:6] == ["51", "20", "34"]
    assert dialog.table.current_row() is None and not dialog.restore_button.isEnabled(), "nothing chosen in advance"
    dialog.view.selectRow(1)
    assert dialog.restore_button.isEnabled()


def test_a_copy_saved_elsewhere_is_in_the_restore_list(window, path, tmp_path, qtbot, monkeypatch, settings, boxes):
    elsewhere = tmp_path / "clé USB" / "copie.sqlite"
    elsewhere.parent.mkdir()
    monkeypatch.setattr(backup_controller.QFileDialog, "getSaveFileName", lambda *args: (str(elsewhere), ""))
    window.safety.save_copy()
    qtbot.waitUntil(lambda: settings.value(backup_controller.SAVED_COPIES_KEY) == [str(elsewhere)], timeout=10_000)
    opened = []
    monkeypatch.setattr(RestoreDialog, "exec", lambda dialog: opened.append(dialog) and False)
    window.safety.restore()
    assert [row.info.path for row in opened[0].backups.rows] == [elsewhere]


def test_restore_from_the_list_replaces_the_open_database(window, path, monkeypatch, boxes):
    saved = create_backup(path, kind=BackupKind.AUTOMATIC)
    with window.database.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM partners")
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: setattr(self, "chosen", saved.path) or True)
    told = boxes.informed
    window.safety.restore()
    assert "La base a été restaurée depuis" in told[0] and "La base remplacée est conservée" in told[0]
    with window.database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM partners").scalar() == 6
    assert lock_path(path).exists()  # still ours
    assert [b.kind for b in list_backups(None, path)].count(BackupKind.BEFORE_RESTORE) == 1


def test_a_refused_restore_says_why_and_keeps_working(window, path, tmp_path, monkeypatch, boxes):
    bad = tmp_path / "liste.sqlite"
    bad.write_text("nom;ville\n" * 50)
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: setattr(self, "chosen", bad) or True)
    shown = boxes.errors
    window.safety.restore()
    assert shown == ["liste.sqlite n'est pas une base de données Coorace Desktop."]
    assert organisation_count(path) == 51
    with window.database.engine.connect() as connection:  # the window works on the reopened file
        assert connection.exec_driver_sql("SELECT count(*) FROM organisations").scalar() == 51


def test_a_protected_folder_opens_read_only_after_saying_so(qtbot, path, monkeypatch, boxes):
    def refuse(self):
        raise backup_controller.ReadOnlyError("Le dossier de demo.sqlite est protégé en écriture : …")

    monkeypatch.setattr(DatabaseLock, "acquire", refuse)
    told = boxes.informed
    database, lock = open_locked(None, path, False, at_start=True)
    assert database.read_only and lock is None and "protégé en écriture" in told[0]
    database.close()


def damaged_window(qtbot, path, settings, monkeypatch, choice):
    execute(path, "DELETE FROM support_actions_fts_data")
    asked = []
    monkeypatch.setattr(backup_controller, "ask_repair_or_restore", lambda parent, name, problems: asked.append(problems) or choice)
    database, lock = open_locked(None, path, False, at_start=True)
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    window.safety = DataSafety(window, lock)
    qtbot.waitUntil(lambda: bool(asked))
    return window, asked


def test_opening_a_damaged_file_offers_repair_and_repairs_it(qtbot, path, settings, monkeypatch, boxes):
    told = boxes.informed
    window, asked = damaged_window(qtbot, path, settings, monkeypatch, "repair")
    try:
        assert "support_actions_fts" in asked[0][0]
        assert "Index de recherche par mots support_actions_fts reconstruit." in told[0] and "Base saine." in told[0]
        assert opening_problems(window.database) == []
        assert organisation_count(path) == 51
    finally:
        window.safety.release_all()


def test_opening_a_damaged_file_may_restore_instead(qtbot, path, settings, monkeypatch, boxes):
    saved = create_backup(path, kind=BackupKind.AUTOMATIC)
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: setattr(self, "chosen", saved.path) or True)
    told = boxes.informed
    window, _asked = damaged_window(qtbot, path, settings, monkeypatch, "restore")
    try:
        assert "L'ancienne base était endommagée" in told[0]
        assert opening_problems(window.database) == []
    finally:
        window.safety.release_all()
