"""The report's typography: the embedded font, paragraph styles, colours, tables, and the
one way user text enters a Paragraph (escaped, never parsed as markup)."""

import re
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, Table, TableStyle

from coorace_desktop.report.fonts import SharedSubsetFont
from coorace_desktop.resources import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 20 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

PRIMARY = colors.HexColor("#0B5C6B")
ACCENT = colors.HexColor("#E07B22")
LIGHT = colors.HexColor("#E9F2F4")
RULE = colors.HexColor("#B9CDD2")
MUTED = colors.HexColor("#5C6A6E")
TEXT = colors.HexColor("#1E2A2D")
# Slice colours of the charts, in order.
CHART_COLOURS = [PRIMARY, ACCENT, colors.HexColor("#6FA8B5"), colors.HexColor("#F2B880"), colors.HexColor("#3C8D5A"), MUTED]

# What replaces a character the embedded font cannot draw (documented in the README), and
# any character beyond the Basic Multilingual Plane (most emoji): ReportLab 5.1 writes those
# into the PDF's text layer as invalid CMap entries, so search and copy would lose them.
REPLACEMENT = "\ufffd"
# Table cells hold at most this many characters of user text, then "…": a cell cannot split
# across pages, so a 5,000-character address would not fit on one.
MAX_CELL_CHARS = 400

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_AFTER_GUILLEMET = re.compile(r"« ")
_BEFORE_PUNCTUATION = re.compile(r" ([:;!?»])")


@cache
def register_fonts() -> frozenset[int]:
    """Register DejaVu Sans (regular and bold) once; returns the BMP code points both can draw."""
    regular = SharedSubsetFont(FONT, str(resource("fonts", "DejaVuSans.ttf")))
    bold = SharedSubsetFont(FONT_BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return frozenset(code for code in regular.face.charToGlyph if code <= 0xFFFF) & frozenset(bold.face.charToGlyph)


def printable(text: str) -> str:
    """The text with control characters dropped and characters the font lacks replaced by U+FFFD."""
    if text.isascii() and text.isprintable():
        return text
    drawable = register_fonts()
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    missing = {ch for ch in text if ch > "\x7f" and ord(ch) not in drawable}
    return "".join(REPLACEMENT if ch in missing else ch for ch in text) if missing else text


def markup(text: str) -> str:
    """User text made safe for Paragraph: printable, XML-escaped, line breaks kept, and French
    spacing kept on one line ("« mot »", "mot :") with no-break spaces."""
    text = _BEFORE_PUNCTUATION.sub("\u00a0\\1", _AFTER_GUILLEMET.sub("«\u00a0", printable(text)))
    text = text.replace("\u202f", "\u00a0")  # ReportLab breaks lines at U+202F (see formats.py)
    return escape(text).replace("\n", "<br/>")


def shorten(text: str, limit: int = MAX_CELL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user (or data) text, printed literally."""
    return Paragraph(markup(text), style)


def text_blocks(text: str) -> list[str]:
    """The blank-line-separated blocks of a long user text, stripped, the empty ones dropped."""
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """One Paragraph per blank-line-separated block of a long user text (each may split across pages)."""
    return [para(block, style) for block in text_blocks(text)]


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    cover_year: ParagraphStyle
    cover_text: ParagraphStyle
    section: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    bullet: ParagraphStyle
    signature: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    header_cell: ParagraphStyle
    figure_value: ParagraphStyle
    figure_label: ParagraphStyle


@cache
def styles() -> Styles:
    """The report's paragraph styles (fonts registered on first use)."""
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=9.5, leading=13.5, textColor=TEXT, spaceAfter=5
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0)
    return Styles(
        cover_title=ParagraphStyle("cover_title", parent=body, fontName=FONT_BOLD, fontSize=30, leading=36, textColor=colors.white),
        cover_year=ParagraphStyle("cover_year", parent=body, fontName=FONT_BOLD, fontSize=54, leading=60, textColor=ACCENT),
        cover_text=ParagraphStyle("cover_text", parent=body, fontSize=11, leading=16, textColor=TEXT),
        section=ParagraphStyle(
            "section", parent=body, fontName=FONT_BOLD, fontSize=20, leading=24, textColor=PRIMARY, spaceAfter=10
        ),
        heading=ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, fontSize=12.5, leading=16, textColor=PRIMARY,
            spaceBefore=10, spaceAfter=5,
        ),
        subheading=ParagraphStyle(
            "subheading", parent=body, fontName=FONT_BOLD, fontSize=10, leading=13, textColor=ACCENT,
            spaceBefore=6, spaceAfter=3,
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10.5),
        note=ParagraphStyle("note", parent=body, fontSize=7.5, leading=10, textColor=MUTED),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=2),
        signature=ParagraphStyle("signature", parent=body, fontName=FONT_BOLD, alignment=TA_RIGHT, spaceBefore=10),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        header_cell=ParagraphStyle("header_cell", parent=cell, fontName=FONT_BOLD, textColor=colors.white),
        figure_value=ParagraphStyle(
            "figure_value", parent=body, fontName=FONT_BOLD, fontSize=15, leading=18, textColor=PRIMARY,
            alignment=TA_CENTER, spaceAfter=0,
        ),
        figure_label=ParagraphStyle("figure_label", parent=cell, alignment=TA_CENTER, textColor=MUTED),
    )


def data_table(header: list[str], rows: list[list], col_widths: list[float], *, numeric_columns=()) -> Table:
    """A table whose header row repeats on every page it spans, with light zebra rows.

    Header labels are the program's own text; cells are Paragraphs or short strings."""
    style = styles()
    head = [Paragraph(escape(label), style.header_cell) for label in header]
    table = Table([head, *rows], colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 1), (-1, -1), FONT),
        ("FONTSIZE", (0, 1), (-1, -1), 8),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, LIGHT]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("ALIGN", (column, 1), (column, -1), "RIGHT") for column in numeric_columns]
    table.setStyle(TableStyle(commands))
    return table
