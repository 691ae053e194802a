"""Fichier > Imprimer… (Ctrl+P) and Aperçu avant impression…: what the current tab shows, the PDF
it offers to print (its `printable()`: the Rapports tab's report) or else its table as shown."""

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from coorace_desktop.ui.widgets import messages


def install_print_actions(window: QMainWindow) -> None:
    """Add the two items to the window's File menu (the window gives add_file_action and current_tab)."""
    window.print_action = window.add_file_action("Im&primer…", lambda: print_current(window), QKeySequence.StandardKey.Print)
    window.print_preview_action = window.add_file_action("Aperçu a&vant impression…", lambda: print_current(window, preview=True))


def print_current(window: QMainWindow, preview: bool = False) -> None:
    # QtPrintSupport and QtPdf load on the first print, not when the window starts.
    from coorace_desktop.ui.widgets.printing import print_pdf
    from coorace_desktop.ui.widgets.table_printing import print_table, shown_table

    tab = window.current_tab()
    if tab is None:
        return
    printable = getattr(tab, "printable", None)
    document = printable() if printable is not None else None
    if isinstance(document, Path):
        print_pdf(document, window, preview=preview)
    elif (table := shown_table(tab)) is not None:
        print_table(table, window, preview=preview)
    else:
        messages.show_error(window, "Rien à imprimer dans cet onglet : Ctrl+P imprime le tableau affiché, ou le rapport une fois son PDF généré.")
