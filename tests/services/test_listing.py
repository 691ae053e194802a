"""List queries refuse a sort key or a filter they do not know, rather than silently replace it."""

from datetime import date

import pytest

from coorace_desktop.services.accompaniment.actions_list import action_page
from coorace_desktop.services.events.event_list import count_events, list_events
from coorace_desktop.services.governance.lists import count_staff
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisation_list import count_members, list_members
from coorace_desktop.services.privacy.person_data import list_persons


@pytest.mark.parametrize(
    "read",
    [
        lambda db, query: list_members(db, query, 0, 10, date(2026, 1, 1)),
        lambda db, query: list_events(db, query, 0, 10),
        lambda db, query: action_page(db, query, 0, 10),
        lambda db, query: list_persons(db, query, 0, 10),
    ],
    ids=["members", "events", "actions", "persons"],
)
def test_an_unknown_sort_key_is_refused(database, read):
    with pytest.raises(ValueError, match="Tri inconnu « nom » : tris possibles"):
        read(database, ListQuery(sort_key="nom"))


@pytest.mark.parametrize(
    "count",
    [
        lambda db, query: count_members(db, query, date(2026, 1, 1)),
        count_events,
        count_staff,
    ],
    ids=["members", "events", "staff"],
)
def test_an_unknown_filter_is_refused(database, count):
    with pytest.raises(ValueError, match="Filtre inconnu « statut »"):
        count(database, ListQuery(filters={"statut": "actif"}))
