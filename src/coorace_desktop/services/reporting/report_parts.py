"""The parts of a year's report that are not counted from the records a closing summarises
(organisations, events, figures, actions): its texts, the delegation, its board and staff on
31 December, resources, TZCLD territories, the next year's rendez-vous and the partners. The
report's facts read them here, and a closed year's kept ones are compared with these."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pydantic_core import to_jsonable_python

from coorace_desktop.services.accompaniment.territories import territory_stage_counts
from coorace_desktop.services.events.figures import rendezvous
from coorace_desktop.services.governance.composition import board_composition, delegation_profile, staff_on
from coorace_desktop.services.reporting import year_inputs
from coorace_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class ReportPart:
    key: str  # its field in the report's facts
    name: str  # in French, as listed among the changes since closing
    read: Callable[[Database, int], object]  # (database, year) -> what the report prints


REPORT_PARTS = (
    ReportPart("profile", "présentation de la délégation", lambda database, _year: delegation_profile(database)),
    ReportPart("text", "rapport moral", year_inputs.report_text),
    ReportPart("resources", "ressources", year_inputs.resources),
    ReportPart("board", "conseil d'administration", lambda database, year: board_composition(database, date(year, 12, 31))),
    ReportPart("staff", "équipe salariée", lambda database, year: staff_on(database, date(year, 12, 31))),
    ReportPart("territories", "territoires TZCLD", lambda database, year: territory_stage_counts(database, date(year, 12, 31))),
    ReportPart("rendezvous", "rendez-vous de l'année suivante", lambda database, year: rendezvous(database, year + 1)),
    ReportPart("partners", "partenaires", year_inputs.partners),
)


def read_parts(database: Database, year: int) -> dict[str, object]:
    """The parts as the live data holds them now, by facts field."""
    return {part.key: part.read(database, year) for part in REPORT_PARTS}


def changed_parts(database: Database, year: int, kept: dict) -> list[str]:
    """The French names of the parts whose live value differs from `kept` (the facts as JSON)."""
    return [part.name for part in REPORT_PARTS if to_jsonable_python(part.read(database, year)) != kept.get(part.key)]
