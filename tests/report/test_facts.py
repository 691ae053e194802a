"""The report's context: what a closed year keeps as JSON comes back as the same facts."""

import json

import pytest

from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.facts import from_json, gather, to_json
from coorace_desktop.services.reporting.closing import CONTEXT_VERSION


def test_the_facts_survive_json_as_the_database_stores_it(demo_database):
    facts = gather(demo_database, 2020)
    kept = json.loads(json.dumps(to_json(facts)))
    again = from_json(kept, CONTEXT_VERSION)
    assert again == facts
    assert again.counts.reading == "51 structures adhérentes, 56 conventionnements"  # properties work on them
    assert again.events.events == facts.events.events > 0 and len(again.directory) == len(facts.directory) > 5


def test_an_unknown_version_is_refused_in_french(demo_database):
    with pytest.raises(ValidationError, match="version que ce logiciel ne lit pas"):
        from_json(to_json(gather(demo_database, 2020)), CONTEXT_VERSION + 1)
