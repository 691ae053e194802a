"""Address labels: where each label goes on the sheet, from any start position, and what prints
there (pypdf)."""

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.letters.labels import SHEETS, LabelPlace, label_places, sheet_format, write_labels
from coorace_desktop.report.styles import PAGE_HEIGHT, PAGE_WIDTH
from tests.services.letters.test_recipients_and_drafts import add_organisation


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: sheet.key)
def test_every_label_lies_on_the_a4_sheet_without_overlapping(sheet):
    places = label_places(sheet, sheet.per_sheet)
    for place in places:
        assert 0 <= place.left and place.left + sheet.width <= PAGE_WIDTH / mm + 0.01
        assert 0 <= place.top and place.top + sheet.height <= PAGE_HEIGHT / mm + 0.01
    assert sheet.pitch_x >= sheet.width and sheet.pitch_y >= sheet.height
    assert len({(place.left, place.top) for place in places}) == sheet.per_sheet


def test_3x7_and_2x7_positions_from_a_start_position():
    three = sheet_format("3x7")
    assert label_places(three, 4, start=20) == [
        LabelPlace(0, 70, pytest.approx(0.45 + 6 * 42.3)),
        LabelPlace(0, 140, pytest.approx(0.45 + 6 * 42.3)),
        LabelPlace(1, 0, 0.45),
        LabelPlace(1, 70, 0.45),
    ]
    two = sheet_format("2x7")
    assert label_places(two, 3, start=2) == [
        LabelPlace(0, pytest.approx(4.65 + 101.6), 15.15),
        LabelPlace(0, 4.65, pytest.approx(15.15 + 38.1)),
        LabelPlace(0, pytest.approx(4.65 + 101.6), pytest.approx(15.15 + 38.1)),
    ]


def test_a_start_outside_the_sheet_or_an_unknown_format_is_refused():
    with pytest.raises(ValidationError, match="entre 1 et 14"):
        label_places(sheet_format("2x7"), 1, start=15)
    with pytest.raises(ValidationError, match="Format d'étiquettes inconnu : 4x4"):
        sheet_format("4x4")


def test_the_labels_print_each_address_inside_its_label(database, tmp_path):
    ids = [add_organisation(database, f"STRUCTURE {number:02}", address=f"{number} rue Haute") for number in range(1, 24)]
    sheet = sheet_format("3x7")
    result = write_labels(database, ids, tmp_path / "etiquettes.pdf", sheet, start=3)
    assert (result.labels, result.pages) == (23, 2)
    reader = PdfReader(tmp_path / "etiquettes.pdf")
    assert len(reader.pages) == 2
    found = {}
    for page_number, page in enumerate(reader.pages):
        def visit(text, cm, tm, _font, _size, page_number=page_number):
            if text.startswith("STRUCTURE"):
                found[text.strip()] = (page_number, tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
        page.extract_text(visitor_text=visit)
    places = label_places(sheet, 23, start=3)
    for number, place in enumerate(places, start=1):
        page, x, y = found[f"STRUCTURE {number:02}"]
        assert page == place.page
        assert place.left * mm < x < (place.left + sheet.width) * mm
        assert PAGE_HEIGHT - (place.top + sheet.height) * mm < y < PAGE_HEIGHT - place.top * mm
    assert "1 rue Haute" in reader.pages[0].extract_text() and "12000 RODEZ" in reader.pages[1].extract_text()
