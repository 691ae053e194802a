from tests.ui.governance.helpers import shown  # noqa: F401 (a fixture of every governance UI test)
