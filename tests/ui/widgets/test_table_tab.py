"""The table tab's keys belong to the table that has the focus, not to the whole window."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable


def _table(name: str) -> DataTable:
    rows = [f"{name} 1", f"{name} 2"]
    return DataTable([Column("Nom", "name", str)], lambda query: len(rows), lambda query, offset, limit: rows[offset:offset + limit],
                     noun=("ligne", "lignes"), settings_key=name)


def test_two_tables_side_by_side_each_keep_their_keys(qtbot):
    window = QWidget()
    board, bureau = _table("board"), _table("bureau")
    QHBoxLayout(window).addWidget(board)
    window.layout().addWidget(bureau)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    new, edited = [], []
    for table in (board, bureau):
        table.new_requested.connect(lambda table=table: new.append(table.settings_key))
        table.edit_requested.connect(edited.append)
    board.view.setFocus()
    board.view.selectRow(1)
    qtbot.keyClick(board.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(board.view, Qt.Key.Key_Return)  # was ambiguous with the bureau's, so did nothing
    assert (new, edited) == (["board"], ["board 2"])
    qtbot.keyClick(board.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert board.search_edit.hasFocus()


def test_enter_in_the_search_box_searches_at_once_and_gives_the_list_the_keyboard(qtbot):
    rows = ["Arles", "Albi", "Rodez"]
    table = DataTable([Column("Nom", "name", str)], lambda query: len(_matching(rows, query)),
                      lambda query, offset, limit: _matching(rows, query)[offset:offset + limit], noun=("ligne", "lignes"), settings_key="t")
    qtbot.addWidget(table)
    table.show()
    table.activateWindow()
    qtbot.waitUntil(table.isActiveWindow)
    edited = []
    table.edit_requested.connect(edited.append)
    table.search_edit.setFocus()
    qtbot.keyClicks(table.search_edit, "ro")
    qtbot.keyClick(table.search_edit, Qt.Key.Key_Return)  # before the search's delay is over
    assert table.model.rowCount() == 1 and table.view.hasFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Return)
    assert edited == ["Rodez"]


def _matching(rows, query):
    return [row for row in rows if query.search.lower() in row.lower()]


def _focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets of `root` Tab visits, in order, from its search box."""
    chain, widget = [], root.search_edit
    while True:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(root) and widget.isEnabled():
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is root.search_edit:
            return chain


def test_tab_runs_from_the_search_through_the_filters_to_the_table_then_the_buttons(qtbot):
    table = _table("members")
    first, second = table.add_filter("type", "Type", [("Tous", None)]), table.add_filter("status", "Statut", [("Tous", None)])
    table.add_button(extra := QPushButton("Courriers"))
    qtbot.addWidget(table)
    table.show()
    chain = [widget for widget in _focus_chain(table) if table.isAncestorOf(widget)]
    assert chain[:5] == [table.search_edit, first, second, table.view, table.new_button]
    assert chain[-2:] == [table.export_button, extra]
