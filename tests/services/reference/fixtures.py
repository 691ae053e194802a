"""Reference files written by the tests from the published field lists: the demo's members among
2,000 regional SIAE, some moved, some closed; as data·inclusion JSON and CSV, and as pages of the
emplois de l'inclusion's API."""

import csv
import json
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select, update
from stdnum import luhn

from coorace_desktop.domain import Organisation, OrganisationType, Site
from coorace_desktop.domain.departments import OCCITANIE
from coorace_desktop.domain.reference import REFERENCE_TYPES
from coorace_desktop.services.reference.reading import DATA_INCLUSION_FIELDS, EMPLOIS_FIELDS

REGIONAL_SIAE = 2_000
WITH_SIRET = 25  # demo members given a SIRET in the database (the first by id); the others have none
CLOSED_WITH_SIRET = 3  # of those, absent from the file
CLOSED_WITHOUT_SIRET = 2  # members without SIRET absent from the file
MOVED = 4  # members with a SIRET whose address the file gives otherwise
PROSPECT_TYPES = ("ACI", "AI", "EI", "ETTI", "EITI", "GEIQ")


def make_siret(n: int, establishment: int = 1) -> str:
    siren = f"{4_000_000 + n:08d}"
    siren += luhn.calc_check_digit(siren)
    body = siren + f"{establishment:04d}"
    return body + luhn.calc_check_digit(body)


@dataclass(frozen=True)
class Entry:
    siret: str
    name: str
    types: tuple[str, ...]
    address: str
    postcode: str
    city: str
    phone: str = ""
    email: str = ""
    networks: tuple[str, ...] = ("coorace",)


@dataclass
class ReferenceFixture:
    entries: list[Entry]
    member_sirets: dict[int, str]  # organisation id -> SIRET stored in the database
    moved: list[int]  # organisation ids whose address the file changes
    closed: list[int]  # organisation ids the file no longer lists
    prospects: list[Entry]
    retyped: int  # an organisation id the file gives one more agreement type


def build_fixture(database) -> ReferenceFixture:
    """Give the first demo members a SIRET (in the database) and make the file's entries."""
    with database.session() as session:
        organisations = session.execute(select(Organisation.id, Organisation.name).order_by(Organisation.id)).all()
        sites = {row.organisation_id: row for row in session.execute(select(Site).where(Site.position == 0)).scalars()}
        types: dict[int, list[str]] = {}
        for organisation_id, kind in session.execute(select(OrganisationType.organisation_id, OrganisationType.siae_type)):
            if kind in REFERENCE_TYPES:
                types.setdefault(organisation_id, []).append(kind)
        member_sirets = {}
        for n, (organisation_id, _name) in enumerate(organisations[:WITH_SIRET]):
            member_sirets[organisation_id] = make_siret(n)
            session.execute(update(Organisation).where(Organisation.id == organisation_id).values(siret=member_sirets[organisation_id]))
    entries, moved, closed = [], [], []
    with_siret = list(member_sirets)
    closed = with_siret[:CLOSED_WITH_SIRET] + [o.id for o in organisations[WITH_SIRET : WITH_SIRET + CLOSED_WITHOUT_SIRET]]
    moved = with_siret[CLOSED_WITH_SIRET : CLOSED_WITH_SIRET + MOVED]
    retyped = next(o for o in with_siret[CLOSED_WITH_SIRET + MOVED :] if "ETTI" not in types.get(o, ()))
    for n, (organisation_id, name) in enumerate(organisations):
        if organisation_id in closed:
            continue
        site = sites.get(organisation_id)
        entry = Entry(
            member_sirets.get(organisation_id) or make_siret(n, establishment=2), name, tuple(sorted(types.get(organisation_id, ()))),
            site.address if site else "", site.postcode if site else "31000", site.city if site else "Toulouse",
            site.phone if site else "", site.email if site else "",
        )
        if organisation_id in moved:
            entry = replace(entry, address=f"{n + 10} avenue de la Gare", phone="05 61 00 00 0" + str(n % 10))
        if organisation_id == retyped:
            entry = replace(entry, types=("ETTI",))
        entries.append(entry)
    prospects = []
    for n in range(REGIONAL_SIAE - len(entries)):
        department = OCCITANIE[n % len(OCCITANIE)]
        prospects.append(Entry(
            make_siret(1000 + n), f"Prospect SIAE {n:04d}", (PROSPECT_TYPES[n % len(PROSPECT_TYPES)],),
            f"{n % 90 + 1} rue des Prospects", f"{department}{n % 9 + 1:03d}", f"Ville {department}",
            f"05 62 {n // 100 % 100:02d} {n % 100:02d} 00", f"contact{n}@prospect.example", networks=(),
        ))
    return ReferenceFixture(entries + prospects, member_sirets, moved, closed, prospects, retyped)


def data_inclusion_record(number: int, entry: Entry) -> dict:
    return dict(zip(DATA_INCLUSION_FIELDS, (
        f"struct-{number}", entry.name, entry.siret, entry.city, entry.postcode, "", entry.address, "",
        entry.phone, entry.email, "", "2026-11-30", list(entry.networks), entry.types[0] if entry.types else "",
    ), strict=True))


def write_data_inclusion_json(path: Path, entries: list[Entry]) -> Path:
    path.write_text(json.dumps([data_inclusion_record(n, e) for n, e in enumerate(entries)], ensure_ascii=False), encoding="utf-8")
    return path


def write_data_inclusion_csv(path: Path, entries: list[Entry]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(DATA_INCLUSION_FIELDS)
        for n, entry in enumerate(entries):
            record = data_inclusion_record(n, entry)
            record["reseaux_porteurs"] = ",".join(entry.networks)
            writer.writerow(record.values())
    return path


def write_emplois_pages(folder: Path, entries: list[Entry], per_page: int = 500) -> list[Path]:
    """The API's pages as saved from /api/v1/siaes/ (one entry per SIAE and agreement type)."""
    paths = []
    for start in range(0, len(entries), per_page):
        results = [
            dict(zip(EMPLOIS_FIELDS, (entry.siret, kind, entry.name.upper(), entry.name, "", entry.address, "",
                                      entry.postcode, entry.city, entry.postcode[:2]), strict=True))
            for entry in entries[start : start + per_page] for kind in entry.types
        ]
        page = {"count": len(entries), "next": None, "previous": None, "results": results}
        paths.append(folder / f"siaes-{start // per_page + 1}.json")
        paths[-1].write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    return paths
