"""The overview page's wording (its layout is checked on the demo report, test_demo_report.py)."""

import pytest

from coorace_desktop.report.overview import department_without_site


@pytest.mark.parametrize(("count", "said"), [
    (1, " 1 adhérent sans site ne figure dans aucun département."),
    (3, " 3 adhérents sans site ne figurent dans aucun département."),
])
def test_members_without_a_site_are_counted_in_agreement(count, said):
    """The printed report read « 1 adhérent(s) sans site ne figurent »."""
    assert department_without_site(count) == said
