"""The letterhead of the delegation's letters, from what Gouvernance keeps: its name and sites
(*Profil de la délégation*, as on the report's cover) and its président(e) on the day, who signs
(the office's form, « Présidente » or « Président », since migration 0007)."""

from datetime import date

from coorace_desktop.domain.enums import BureauRole
from coorace_desktop.report.cover import site_lines
from coorace_desktop.report.letters.layout import Sender
from coorace_desktop.services.governance.composition import board_composition, delegation_profile
from coorace_desktop.storage.database import Database


def letter_sender(database: Database, on: date | None = None) -> Sender:
    """The delegation as it signs its letters on `on` (default today): the date line's place is
    its first site's city; no signatory when nobody holds the presidency that day."""
    on = on or date.today()
    profile = delegation_profile(database)
    president = next((seat for seat in board_composition(database, on).bureau if seat.role is BureauRole.PRESIDENT), None)
    return Sender(
        name=profile.name or "La délégation",
        lines=tuple(site_lines(profile, with_opening=False)),
        place=next((site.city for site in profile.sites if site.city), ""),
        signatory_name=president.person_name if president else "",
        signatory_title=president.role_label if president else "",
    )
