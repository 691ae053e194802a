"""The PySide6 interface: main window, one module per tab, table models, dialogs, workers.

Importing PySide6 replaces Python's import statement with one that reads the whole source of
every module imported afterwards, to find those that opt into `from __feature__ import
snake_case` or `true_property`. This application uses no such feature, so the plain import is
put back as soon as the interface is imported: reading the sources of SQLAlchemy, pydantic and
the application's own modules cost the start ~100 ms of CPU (bench/run.py's cold start)."""

import builtins

import PySide6.QtCore  # noqa: F401  (installs PySide6's import statement, undone below)

builtins.__import__ = getattr(builtins, "__orig_import__", builtins.__import__)
