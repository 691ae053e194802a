"""The report's directory: one entry per site, by département, nobody dropped."""

from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.services.members.directory import NO_DEPARTMENT, directory
from tests.services.report_helpers import add_member


def test_demo_directory_lists_every_site_under_its_department(demo_database):
    groups = directory(demo_database, 2020)
    assert [group.code for group in groups] == ["09", "12", "30", "31", "32", "34", "46", "48", "66", "81", "82"]
    assert sum(len(group.entries) for group in groups) == 52
    by_code = {group.code: group for group in groups}
    assert [entry.name for entry in by_code["81"].entries] == ["AEP LALANDELLE", "LASER 81", "QUARTIERS PLUS"]
    assert "AVIE" in [entry.name for entry in by_code["31"].entries]
    avie = next(entry for entry in by_code["82"].entries if entry.name == "AVIE")
    assert (avie.city, avie.phone) == ("Montauban", "05 63 91 90 09")
    irisse = next(entry for entry in by_code["09"].entries if entry.name == "IRISSE")
    assert irisse.types == ("AI", "ACI", "GES")
    assert irisse.email == "contact@irisse.fr"


def test_members_without_site_come_last(database):
    add_member(database, "Zeta", sites=())
    add_member(database, "Alpha", types=(SiaeType.EI, SiaeType.AI))
    groups = directory(database, 2020)
    assert [(group.code, group.label) for group in groups] == [("31", "31 Haute-Garonne"), ("", NO_DEPARTMENT)]
    assert groups[0].entries[0].types == ("AI", "EI")
    assert groups[1].entries[0].name == "Zeta" and groups[1].entries[0].address == ""
