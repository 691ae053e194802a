"""What the Governance tab's UI tests share: reading the tables, selecting a row, answering dialogs."""

import pytest

from coorace_desktop.ui.widgets.table_model import ROW_ROLE


@pytest.fixture
def shown(boxes):
    """Errors the dialogs would show in a message box."""
    return boxes.errors


def cell(model, row, column):
    return model.data(model.index(row, column))


def rows(table):
    model = table.model
    return [model.data(model.index(row, 0), ROW_ROLE) for row in range(model.rowCount())]


def select(table, predicate):
    position = next(n for n, row in enumerate(rows(table)) if predicate(row))
    table.view.selectRow(position)
    return rows(table)[position]


def answering(dialog_class, fill, monkeypatch):
    """Make dialog_class.exec() fill the form with fill(dialog) and press OK; returns the dialogs opened."""
    opened = []

    def fake_exec(dialog):
        opened.append(dialog)
        fill(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return opened
