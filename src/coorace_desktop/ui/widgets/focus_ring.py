"""A focus ring that shows: Fusion marks the focused button or combo with a faint line, so a
keyboard user could not tell « Annuler » from « Enregistrer » before pressing Space."""

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

RING_COLOR = QColor("#1a5fb4")
RING_WIDTH = 2

_RINGED_PRIMITIVES = (
    QStyle.PrimitiveElement.PE_PanelButtonCommand,
    QStyle.PrimitiveElement.PE_FrameLineEdit,
    QStyle.PrimitiveElement.PE_FrameFocusRect,  # check boxes, radio buttons, list items
)
_RINGED_CONTROLS = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)


class FocusRingStyle(QProxyStyle):
    """Fusion, with a two-pixel ring in the highlight blue around the control holding the focus."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element, option: QStyleOption, painter: QPainter, widget: QWidget | None = None) -> None:
        if element != QStyle.PrimitiveElement.PE_FrameFocusRect:
            super().drawPrimitive(element, option, painter, widget)
        if element in _RINGED_PRIMITIVES and option.state & QStyle.StateFlag.State_HasFocus:
            # A focus rectangle hugs a text (tab, check box): the ring goes around it, not across it.
            _ring(painter, option, outset=RING_WIDTH if element == QStyle.PrimitiveElement.PE_FrameFocusRect else 0)

    def drawComplexControl(self, control, option, painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _RINGED_CONTROLS and option.state & QStyle.StateFlag.State_HasFocus:
            _ring(painter, option)


def _ring(painter: QPainter, option: QStyleOption, outset: int = 0) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(RING_COLOR, RING_WIDTH))
    painter.setBrush(QColor(0, 0, 0, 0))
    inset = RING_WIDTH / 2 - outset
    painter.drawRoundedRect(QRectF(option.rect).adjusted(inset, inset, -inset, -inset), 3, 3)
    painter.restore()
