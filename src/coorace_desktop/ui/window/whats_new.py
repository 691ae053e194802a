"""What's new: this version's section of resources/NOUVEAUTES.md, shown once after the application
was updated (the first start of a new version, which is when it migrates the databases it opens),
and at any time from Aide > Nouveautés. A first start ever shows nothing: the welcome dialog is
enough, and a new user has nothing to compare with."""

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from coorace_desktop import __version__
from coorace_desktop.resources import resource

SEEN_KEY = "whats_new/version"  # the version whose notes this user was last shown
CHANGELOG = ("NOUVEAUTES.md",)


def version_notes(changelog: str, version: str) -> str:
    """The changelog's section `## Version <version>`, its heading included ('' when it has none)."""
    kept: list[str] = []
    inside = False
    for line in changelog.splitlines():
        if line.startswith("## "):
            inside = line[3:].split() == ["Version", version]
        if inside:
            kept.append(line)
    return "\n".join(kept).strip()


def updated_since_last_start(settings: QSettings) -> bool:
    """Whether another version ran last (settings without the key but with others are those of a
    version older than these notes; no settings at all is a first start); records this version.
    Called before the start writes any other setting."""
    seen = settings.value(SEEN_KEY)
    updated = seen != __version__ and (seen is not None or bool(settings.allKeys()))
    settings.setValue(SEEN_KEY, __version__)
    return updated


class WhatsNewDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Nouveautés de Coorace Desktop {__version__}")
        self.resize(640, 520)
        self.browser = QTextBrowser(openExternalLinks=True)
        notes = version_notes(resource(*CHANGELOG).read_text(encoding="utf-8"), __version__)
        self.browser.setMarkdown(notes or f"Aucune note pour la version {__version__}.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def show_whats_new(parent: QWidget) -> WhatsNewDialog:
    """Open the notes over `parent`, without blocking the start."""
    dialog = WhatsNewDialog(parent)
    dialog.open()
    return dialog
