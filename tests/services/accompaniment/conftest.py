"""A small accompaniment log on an empty database: two officers, programmes, named beneficiaries."""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import insert

from coorace_desktop.domain import Organisation, Person, Programme, ProjectHolder, StaffMember, Territory
from coorace_desktop.domain.accompaniment_rules import ActionDraft, BeneficiaryKind, BeneficiaryRef
from coorace_desktop.domain.enums import ActionKind
from coorace_desktop.domain.text import fold


@dataclass
class Log:
    officers: dict[str, int]
    programmes: dict[str, int]
    organisations: dict[str, int]
    holders: dict[str, int]
    territories: dict[str, int]

    def draft(self, programme: str, kind: ActionKind, beneficiary: BeneficiaryRef | None = None, **values) -> ActionDraft:
        values.setdefault("action_date", date(2024, 3, 1))
        values.setdefault("officer_id", self.officers["VERA"])
        return ActionDraft(programme_id=self.programmes[programme], kind=kind, beneficiary=beneficiary, **values)

    def organisation(self, name: str) -> BeneficiaryRef:
        return BeneficiaryRef(BeneficiaryKind.ORGANISATION, self.organisations[name])

    def holder(self, name: str) -> BeneficiaryRef:
        return BeneficiaryRef(BeneficiaryKind.PROJECT_HOLDER, self.holders[name])

    def territory(self, name: str) -> BeneficiaryRef:
        return BeneficiaryRef(BeneficiaryKind.TERRITORY, self.territories[name])


def _insert(session, table, rows: list[dict]) -> dict[str, int]:
    ids = {}
    for row in rows:
        key = row.pop("_key")
        ids[key] = session.execute(insert(table).values(**row).returning(table.id)).scalar_one()
    return ids


@pytest.fixture
def log(database) -> Log:
    with database.session() as session:
        persons = _insert(session, Person, [
            {"_key": "VERA", "first_name": "Rosana", "last_name": "VERA", "name_key": "vera rosana"},
            {"_key": "ROUMEAU", "first_name": "Steve", "last_name": "ROUMEAU", "name_key": "roumeau steve"},
        ])
        officers = _insert(session, StaffMember, [
            {"_key": key, "person_id": person_id, "job_title": "Chargé·e de mission"} for key, person_id in persons.items()
        ])
        programmes = _insert(session, Programme, [
            {"_key": name, "name": name} for name in ("Zest'", "CEDRE ISO 9001", "Évaluation CAP", "TZCLD")
        ])
        organisations = _insert(session, Organisation, [
            {"_key": name, "name": name, "name_key": fold(name)} for name in ("HERISSON BELLOR", "AJE", "Élan Sud")
        ])
        holders = _insert(session, ProjectHolder, [
            {"_key": name, "name": name, "name_key": fold(name)} for name in ("Ferme de Lézat", "Recyclerie du Lot")
        ])
        territories = _insert(session, Territory, [
            {"_key": name, "name": name, "name_key": fold(name)} for name in ("Pamiers", "Figeac")
        ])
    return Log(officers, programmes, organisations, holders, territories)
