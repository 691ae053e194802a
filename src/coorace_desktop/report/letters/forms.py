"""What the letters of one run print alike, laid out once and, in a combined PDF, drawn once as
a PDF form that each page references (the letterhead, the footer, repeated paragraphs, the
signature): 10,000 fee calls in one PDF at ~1 ms a letter."""

import copy
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.flowables import Flowable

from coorace_desktop.report.letters.text import text_flowable
from coorace_desktop.report.styles import PAGE_HEIGHT, text_blocks

if TYPE_CHECKING:
    from coorace_desktop.report.letters.layout import Letter


@dataclass
class _Layout:
    blocks: list[Flowable]
    width: float = -1.0
    height: float = 0.0
    placed: list[tuple[Flowable, float]] = field(default_factory=list)  # each block and its bottom, from the top


class Repeated:
    """What the letters of one run print alike, each laid out once: the blocks of text (body,
    closing, annex) found in more than one letter, and the signature; drawn as forms that each
    letter references when the letters share a file (`forms`), else drawn in each file."""

    def __init__(self, letters: Sequence["Letter"], forms: bool, width: float) -> None:
        counts = Counter(block for letter in letters for text in {letter.body, letter.closing, letter.annex}
                         for block in text_blocks(text))
        self.texts = {block for block, count in counts.items() if count > 1}
        self.signature, self.forms, self.width = len(letters) > 1, forms, width
        self.layouts: dict[str, _Layout] = {}
        self.names: dict[str, str] = {}

    def blocks(self, text: str, style: ParagraphStyle) -> list[Flowable]:
        """The blocks of `text`, those repeated as Shared."""
        return [self.shared(f"{style.name}\n{block}", lambda block=block: [text_flowable(block, style, self.width)])
                if block in self.texts else text_flowable(block, style, self.width) for block in text_blocks(text)]

    def shared(self, key: str, make: Callable[[], list[Flowable]], keep: bool = False) -> "Shared":
        name = self.names.setdefault(key, f"shared{len(self.names)}")
        if name not in self.layouts:
            self.layouts[name] = _Layout(make())
        return Shared(name, self.layouts[name], keep, self.forms)


class Shared(Flowable):
    """Blocks that every letter of a run prints alike, laid out once for the run and drawn once
    per file as a form that each letter then references (a Paragraph each would parse and break
    the same lines 10,000 times); without `form`, drawn where it is (a file of one letter
    would not reuse a form). Too tall for the rest of the page, it splits into its blocks, or
    with `keep` moves whole to the next page (as KeepTogether)."""

    def __init__(self, name: str, layout: _Layout, keep: bool, form: bool) -> None:
        super().__init__()
        self.name, self.layout, self.keep, self.form = name, layout, keep, form

    def wrap(self, available_width, available_height):
        layout = self.layout
        if layout.width != available_width:  # the blocks one under the other, spaced as a frame spaces them
            layout.placed, top, after = [], 0.0, None
            for block in layout.blocks:
                height = block.wrap(available_width, PAGE_HEIGHT)[1]
                top += 0 if after is None else max(after, block.getSpaceBefore())
                top += height
                layout.placed.append((block, top))
                after = block.getSpaceAfter()
            layout.width, layout.height = available_width, top
        return available_width, layout.height

    def getSpaceBefore(self):  # noqa: N802 (ReportLab's names)
        return self.layout.blocks[0].getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802
        return self.layout.blocks[-1].getSpaceAfter()

    def split(self, available_width, available_height):
        if self.keep:
            return []
        first, *rest = (copy.copy(block) for block in self.layout.blocks)
        if first.wrap(available_width, available_height)[1] <= available_height:
            return [first, *rest]
        pieces = first.split(available_width, available_height)  # [] when not even its first line fits
        return [*pieces, *rest] if pieces else []

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802
        layout = self.layout

        def blocks() -> None:
            for block, bottom in layout.placed:
                block.drawOn(canvas, 0, layout.height - bottom)

        canvas.saveState()
        canvas.translate(x, y)
        drawn(canvas, f"{self.name}_{layout.width:.0f}" if self.form else None, blocks)
        canvas.restoreState()


def drawn(canvas, form: str | None, draw: Callable[[], None]) -> None:
    """draw() on the canvas; with a form's name, drawn once per file into that form, which each
    later call references (the same letterhead on 10,000 pages is written once)."""
    if form is None:
        draw()
        return
    if not canvas.hasForm(form):
        canvas.beginForm(form)
        draw()
        canvas.endForm()
    canvas.doForm(form)
