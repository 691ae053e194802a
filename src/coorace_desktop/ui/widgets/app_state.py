"""What every area reads of the application's state: the change signal (after Anki's OpChanges:
a successful command says which areas it changed, and the window marks the tabs reading them
stale), the request to open an area's tab filtered (a dashboard bar clicked), and whether the
open database is read-only. All are found through a widget's parents, a dialog's parent
included: a widget outside any window (a tab tested alone) sees none."""

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QObject, Signal


class Area(StrEnum):
    MEMBERS = "members"  # organisations, persons, contacts, fees, yearly figures
    GOVERNANCE = "governance"
    ACCOMPANIMENT = "accompaniment"
    EVENTS = "events"
    REPORTING = "reporting"


EVERY_AREA = frozenset(Area)
# The filter asking an area's tab to open one record's dialog: {OPEN_RECORD: its id}.
OPEN_RECORD = "open"
READ_ONLY_HINT = "Base ouverte en lecture seule : rien ne peut y être enregistré."


class AppState(QObject):
    """Owned by the main window as `app_state`: `changed(areas, source)`, source being the widget
    that announced; `read_only` follows the open database (tabs are rebuilt when it changes);
    `open_requested(area, filters)` asks the window to show the area's tab with those filters."""

    changed = Signal(object, object)
    open_requested = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.read_only = False


def app_state(widget: QObject | None) -> AppState | None:
    while widget is not None:
        state = getattr(widget, "app_state", None)
        if isinstance(state, AppState):
            return state
        widget = widget.parent()
    return None


def announce(source: QObject, areas: Iterable[Area]) -> None:
    """Tell the window holding `source` that these areas changed (after a successful command)."""
    state, areas = app_state(source), frozenset(areas)
    if state is not None and areas:
        state.changed.emit(areas, source)


def is_read_only(widget: QObject | None) -> bool:
    state = app_state(widget)
    return state is not None and state.read_only


def is_within(widget: QObject | None, container: QObject) -> bool:
    """Whether `widget` is `container` or below it, dialogs included (QWidget.isAncestorOf stops
    at a window's edge)."""
    while widget is not None:
        if widget is container:
            return True
        widget = widget.parent()
    return False


def open_area(source: QObject, area: Area, filters: dict[str, object]) -> None:
    """Ask the window holding `source` to show the tab of `area` filtered (filter names of that
    area's list service, e.g. the actions' officer and period; OPEN_RECORD opens a record)."""
    state = app_state(source)
    if state is not None:
        state.open_requested.emit(area, filters)
