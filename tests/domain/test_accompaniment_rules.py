"""Pure rules of an action draft: which field is wrong, in French."""

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from coorace_desktop.domain.accompaniment_rules import (
    MAX_ACTION_HOURS,
    ActionDraft,
    BeneficiaryKind,
    BeneficiaryRef,
    action_errors,
    clean_action,
)
from coorace_desktop.domain.enums import ActionKind

TODAY = date(2026, 11, 27)
VALID = ActionDraft(
    action_date=TODAY, officer_id=1, programme_id=2, kind=ActionKind.TRAINING,
    beneficiary=BeneficiaryRef(BeneficiaryKind.ORGANISATION, 3), hours=2,
)


def test_a_complete_draft_has_no_errors():
    assert action_errors(VALID, today=TODAY) == {}


def test_each_missing_field_is_named():
    empty = ActionDraft(action_date=None, officer_id=None, programme_id=None, kind=None)
    assert set(action_errors(empty, today=TODAY)) == {"action_date", "officer_id", "programme_id", "kind", "beneficiary"}


def test_officer_may_be_unknown_only_when_allowed():
    draft = replace(VALID, officer_id=None)
    assert "officer_id" in action_errors(draft, today=TODAY)
    assert action_errors(draft, today=TODAY, officer_required=False) == {}


def test_a_group_needs_a_size_and_a_label_and_no_name():
    group = replace(VALID, beneficiary=None, group_count=6, group_label="structures formées")
    assert action_errors(group, today=TODAY) == {}
    assert set(action_errors(replace(group, group_count=0), today=TODAY)) == {"group_count"}
    assert set(action_errors(replace(group, group_label=" "), today=TODAY)) == {"group_label"}
    assert set(action_errors(replace(group, beneficiary=VALID.beneficiary), today=TODAY)) == {"beneficiary"}


def test_dates_and_hours_out_of_range():
    assert "action_date" in action_errors(replace(VALID, action_date=date(1980, 1, 1)), today=TODAY)
    assert "action_date" in action_errors(replace(VALID, action_date=date(2028, 1, 1)), today=TODAY)
    assert "hours" in action_errors(replace(VALID, hours=-1), today=TODAY)
    assert "hours" in action_errors(replace(VALID, hours=MAX_ACTION_HOURS + 1), today=TODAY)


def test_clean_drops_the_group_label_of_a_named_action():
    assert clean_action(replace(VALID, group_label="reste", notes="  note ")) == replace(VALID, notes="note")


@given(st.floats(allow_nan=False), st.integers(min_value=-5, max_value=50))
def test_hours_and_group_sizes_never_crash(hours, size):
    errors = action_errors(replace(VALID, beneficiary=None, hours=hours, group_count=size, group_label="x"), today=TODAY)
    assert ("hours" in errors) == (not 0 <= hours <= MAX_ACTION_HOURS)
    assert ("group_count" in errors) == (size <= 0)
