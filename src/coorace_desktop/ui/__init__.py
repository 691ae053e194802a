"""The PySide6 interface: main window, one module per tab, table models, dialogs, workers."""
