"""Pure checks of what the event form sends."""

from datetime import date, time

import pytest

from coorace_desktop.domain.enums import Organiser
from coorace_desktop.domain.events_rules import (
    EventInput,
    clean_event,
    clean_kind_name,
    clean_participants,
    event_errors,
)
from coorace_desktop.domain.validation import DraftInvalid, ValidationError


def test_a_minimal_event_is_valid_and_trimmed():
    cleaned = clean_event(EventInput("  Réunion   CDIAE 31 ", 1, 2020, place=" Toulouse "))
    assert (cleaned.title, cleaned.place, cleaned.year) == ("Réunion CDIAE 31", "Toulouse", 2020)


def test_the_year_of_a_dated_event_is_its_date_year():
    assert clean_event(EventInput("AG", 1, 2020, date(2021, 5, 20))).year == 2021


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (EventInput(" ", 1, 2020), "title"),
        (EventInput("T", None, 2020), "kind_id"),
        (EventInput("T", 1, 20), "year"),
        (EventInput("T", 1, 2020, date(2020, 5, 2), ends_on=date(2020, 5, 1)), "ends_on"),
        (EventInput("T", 1, 2020, ends_on=date(2020, 5, 1)), "ends_on"),
        (EventInput("T", 1, 2020, date(2020, 1, 1), ends_on=date(2021, 1, 3)), "ends_on"),
        (EventInput("T", 1, 2020, start_time=time(9)), "start_time"),
        (EventInput("T", 1, 2020, date(2020, 5, 2), time(14), end_time=time(10)), "end_time"),
        (EventInput("T", 1, 2020, date(2020, 5, 2), end_time=time(10)), "end_time"),
        (EventInput("T", 1, 2020, sessions=0), "sessions"),
        (EventInput("T", 1, 2020, other_participants=-1), "other_participants"),
        (EventInput("T", 1, 2020, organiser=Organiser.PARTNER), "organiser_name"),
        (EventInput("T", 1, 2020, is_highlight=True), "highlight_title"),
    ],
)
def test_each_mistake_is_reported_on_its_field(values, field):
    errors = event_errors(values)
    assert list(errors) == [field]
    with pytest.raises(DraftInvalid) as raised:
        clean_event(values)
    assert raised.value.errors == errors and errors[field] in str(raised.value)


def test_an_end_time_earlier_on_a_later_day_is_fine():
    values = EventInput("Congrès", 1, 2021, date(2021, 11, 25), time(14), date(2021, 11, 26), time(12))
    assert event_errors(values) == {}


def test_participants_need_at_least_one_person():
    assert clean_participants({3: 2}) == {3: 2}
    with pytest.raises(ValidationError, match="au moins une personne"):
        clean_participants({3: 0})


def test_kind_name_is_required():
    assert clean_kind_name("  Petit   déjeuner ") == "Petit déjeuner"
    with pytest.raises(ValidationError):
        clean_kind_name("   ")
