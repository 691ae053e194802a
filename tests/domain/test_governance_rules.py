"""The pure governance rules: periods, offices, mandates, membership warnings."""

from dataclasses import replace
from datetime import date

import pytest

from coorace_desktop.domain.enums import BureauRole, OfficeForm
from coorace_desktop.domain.governance_rules import (
    OfficeHolding,
    add_months,
    check_end,
    check_office,
    check_single_mandate,
    check_span,
    check_within_mandate,
    ends_soon,
    membership_warning,
)
from coorace_desktop.domain.periods import Period
from coorace_desktop.domain.validation import ValidationError

JULY_2020 = date(2020, 7, 2)


def holding(person_id, role, start=JULY_2020, end=None):
    return OfficeHolding(person_id, f"Personne {person_id}", role, Period(start, end))


def test_a_period_is_half_open():
    span = Period(date(2020, 7, 2), date(2021, 3, 15))
    assert span.holds_on(date(2020, 7, 2))
    assert span.holds_on(date(2021, 3, 14))
    assert not span.holds_on(date(2021, 3, 15))
    assert not span.holds_on(date(2020, 7, 1))
    assert Period(None, None).holds_on(date(1900, 1, 1))


def test_a_successor_may_start_the_day_the_predecessor_ends():
    assert not Period(date(2020, 1, 1), date(2021, 1, 1)).overlaps(Period(date(2021, 1, 1), None))
    assert Period(date(2020, 1, 1), date(2021, 1, 2)).overlaps(Period(date(2021, 1, 1), None))
    assert Period(None, None).overlaps(Period(date(2021, 1, 1), None))


def test_contains_needs_an_end_inside_a_closed_mandate():
    mandate = Period(date(2020, 7, 2), date(2023, 7, 2))
    assert mandate.contains(Period(date(2020, 7, 2), date(2023, 7, 2)))
    assert not mandate.contains(Period(date(2020, 7, 2), None))
    assert not mandate.contains(Period(date(2020, 7, 1), date(2021, 1, 1)))
    assert Period(date(2020, 7, 2), None).contains(Period(date(2021, 1, 1), None))
    assert not mandate.contains(Period(date(2023, 7, 2), date(2023, 7, 2)))


def test_an_end_before_its_start_is_refused_in_french():
    with pytest.raises(ValidationError, match="antérieure au début"):
        check_span(Period(date(2021, 1, 2), date(2021, 1, 1)))
    check_span(Period(date(2021, 1, 1), date(2021, 1, 1)))


def test_an_end_is_only_ever_brought_forward():
    check_end(Period(JULY_2020, None), date(2021, 3, 15), "Le mandat")
    check_end(Period(JULY_2020, date(2023, 7, 2)), date(2021, 3, 15), "Le mandat")
    with pytest.raises(ValidationError, match="se termine déjà le 15/03/2021"):
        check_end(Period(JULY_2020, date(2021, 3, 15)), date(2021, 6, 1), "Le mandat")
    with pytest.raises(ValidationError, match="antérieure au début"):
        check_end(Period(JULY_2020, None), date(2020, 1, 1), "Le mandat")


def test_one_office_per_person_at_a_time():
    president = holding(1, BureauRole.PRESIDENT)
    with pytest.raises(ValidationError, match="une personne n'occupe qu'une fonction à la fois"):
        check_office(holding(1, BureauRole.MEMBER), [president])
    # After the first office ended, the same person may take another.
    check_office(holding(1, BureauRole.TREASURER, start=date(2021, 1, 1)), [holding(1, BureauRole.PRESIDENT, end=date(2021, 1, 1))])


def test_one_holder_per_office_at_a_time():
    with pytest.raises(ValidationError, match="Président·e est déjà occupée par Personne 1"):  # no form known
        check_office(holding(2, BureauRole.PRESIDENT), [holding(1, BureauRole.PRESIDENT)])
    she = replace(holding(1, BureauRole.PRESIDENT), form=OfficeForm.FEMININE)
    with pytest.raises(ValidationError, match="La fonction Présidente est déjà occupée par Personne 1"):  # the holder's form
        check_office(holding(2, BureauRole.PRESIDENT), [she])
    check_office(holding(2, BureauRole.PRESIDENT, start=date(2022, 7, 1)), [holding(1, BureauRole.PRESIDENT, end=date(2022, 7, 1))])


def test_several_board_members_may_be_plain_members_of_the_bureau():
    check_office(holding(3, BureauRole.MEMBER), [holding(1, BureauRole.MEMBER), holding(2, BureauRole.MEMBER)])


def test_a_person_sits_once_at_a_time():
    with pytest.raises(ValidationError, match="siège déjà au conseil"):
        check_single_mandate("Isabelle CHATRY", Period(date(2021, 1, 1)), [Period(JULY_2020, None)])
    check_single_mandate("Isabelle CHATRY", Period(date(2023, 7, 2)), [Period(JULY_2020, date(2023, 7, 2))])


def test_an_office_lies_within_the_mandate():
    with pytest.raises(ValidationError, match="dépasse le mandat"):
        check_within_mandate(Period(date(2020, 7, 1)), Period(JULY_2020), "Isabelle CHATRY", "La fonction Présidente")
    check_within_mandate(Period(JULY_2020), Period(JULY_2020), "Isabelle CHATRY", "La fonction Présidente")


def test_a_former_member_is_a_warning_not_a_refusal():
    memberships = [Period(None, date(2021, 1, 1))]
    assert membership_warning("CASTA", memberships, date(2020, 12, 31)) is None
    warning = membership_warning("CASTA", memberships, date(2021, 1, 1))
    assert warning == "CASTA n'est pas adhérent au 01/01/2021 : vérifiez qu'il peut être représenté au conseil."
    assert membership_warning("CASTA", [], date(2021, 1, 1)) is not None


def test_ends_soon_is_within_three_months():
    on = date(2021, 1, 15)
    assert ends_soon(date(2021, 4, 15), on)
    assert not ends_soon(date(2021, 4, 16), on)
    assert not ends_soon(date(2021, 1, 15), on)
    assert not ends_soon(None, on)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2020, 11, 30), 3) == date(2021, 2, 28)
    assert add_months(date(2020, 12, 31), 2) == date(2021, 2, 28)
    assert add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert add_months(date(2020, 10, 15), 3) == date(2021, 1, 15)
