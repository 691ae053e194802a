"""A panel whose figures cost a query worth skipping while nobody can see them."""

from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QWidget):
    """Subclasses start refresh() with `if self.deferred(): return`: a refresh asked while the
    panel is hidden runs when it is next shown (on 200,000 rows a refresh costs a few hundred ms)."""

    _stale = True

    def deferred(self) -> bool:
        self._stale = not self.isVisible()
        return self._stale

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError
