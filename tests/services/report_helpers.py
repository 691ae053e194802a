"""Building members for the figures, directory and report tests through the members service."""

from datetime import date

from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.domain.members import FiguresDraft, MembershipDraft, OrganisationDraft, SiteDraft
from coorace_desktop.services.members.organisations import save_organisation


def add_member(
    database,
    name: str,
    *,
    types=(SiaeType.AI,),
    sites=(("1 rue Haute", "31000", "Toulouse", "05 61 00 00 00", "contact@example.org"),),
    joined_on: date | None = date(2000, 1, 1),  # a member for years (no date: from the day it is saved)
    left_on: date | None = None,
    figures: tuple[FiguresDraft, ...] = (),
) -> int:
    """A member organisation with one membership period; sites as (address, postcode, city, phone, e-mail)."""
    draft = OrganisationDraft(
        name=name,
        types=frozenset(types),
        sites=tuple(SiteDraft(address=a, postcode=p, city=c, phone=t, email=e) for a, p, c, t, e in sites),
        memberships=(MembershipDraft(joined_on=joined_on, left_on=left_on),),
        figures=figures,
    )
    return save_organisation(database, draft)
