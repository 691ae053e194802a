"""The directory's text table: wraps once, splits by rows, repeats its header, keeps text literal."""

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from coorace_desktop.report.styles import FONT, REPLACEMENT, register_fonts
from coorace_desktop.report.text_table import LEADING, PAD_Y, Run, TextTable, layout_cell, wrap_text

register_fonts()


def run(text: str) -> Run:
    return Run(text, FONT, 8, colors.black)


def test_wrap_breaks_at_spaces_and_inside_a_word_only_when_needed():
    width = 30 * mm
    lines = wrap_text("avenue du 19 Août 1944 " + "x" * 120, FONT, 8, width)
    assert lines[0].startswith("avenue du 19")
    assert all(stringWidth(line, FONT, 8) <= width for line in lines)
    assert "".join(lines).replace(" ", "").endswith("x" * 120)
    assert wrap_text("court", FONT, 8, width) == ["court"]


def test_cells_are_literal_and_printable():
    [(line, *_)] = layout_cell([run("<b>AT&T</b> 🦄")], 200)
    assert line == f"<b>AT&T</b> {REPLACEMENT}"


def test_split_keeps_every_row_once_and_each_piece_has_the_header():
    rows = [[[run(f"ligne {number}")], [run("a"), run("b")]] for number in range(100)]
    table = TextTable(["Nom", "Détail"], rows, [60 * mm, 60 * mm])
    _, full_height = table.wrap(120 * mm, 10_000)
    row_height = 2 * 8 * LEADING + 2 * PAD_Y
    assert full_height == table._rows.header_height + 100 * row_height
    first, rest = table.split(120 * mm, 200)
    assert first.wrap(120 * mm, 200)[1] <= 200 < first.wrap(0, 0)[1] + row_height
    pieces, remaining = [first], rest
    while True:
        split = remaining.split(120 * mm, 200)
        if not split:
            break
        pieces.append(split[0])
        remaining = split[1]
        if remaining.rows == 0:
            break
    assert sum(piece.rows for piece in pieces) + remaining.rows == 100
    assert table.split(120 * mm, table._rows.header_height + row_height / 2) == []
