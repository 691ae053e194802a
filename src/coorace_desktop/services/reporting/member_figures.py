"""The report's numbers about members: who was a member, by type and département, and the
key figures of the observatoire with their year-on-year changes.

Every figure says what it counts: organisations or agreement types (conventionnements), the
sum of the members' own figures or the network totals published for the year."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import and_, cast, distinct, exists, func, or_, select

from coorace_desktop.domain.departments import department_label
from coorace_desktop.domain.enums import SIAE_TYPE_NAMES, SiaeType
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.organisations import (
    Organisation,
    OrganisationType,
    Site,
    YearlyFigures,
)
from coorace_desktop.services.members.membership import members_during, year_members
from coorace_desktop.storage.database import Database

# The observatoire's measures in the order the report prints them.
MEASURES: tuple[str, ...] = (
    "turnover",
    "gross_wages",
    "public_funding",
    "insertion_employees",
    "permanent_staff",
    "fte",
    "insertion_hours",
)
MONEY_MEASURES = frozenset({"turnover", "gross_wages", "public_funding"})


class Basis(StrEnum):
    """Where a key figure comes from."""

    MEMBERS = "members"  # the sum of the members' own yearly figures
    NETWORK = "network"  # the network total recorded for the year (organisation_id NULL)


@dataclass(frozen=True, slots=True)
class TypeCount:
    siae_type: SiaeType
    name: str
    organisations: int


@dataclass(frozen=True, slots=True)
class DepartmentCount:
    """Members present in a département: an organisation with sites in two counts in both."""

    code: str
    label: str
    organisations: int
    sites: int


@dataclass(frozen=True, slots=True)
class MemberCounts:
    year: int
    organisations: int
    type_memberships: int
    by_type: tuple[TypeCount, ...]
    by_department: tuple[DepartmentCount, ...]
    without_site: int
    in_several_departments: tuple[str, ...]

    @property
    def reading(self) -> str:
        """Both readings of "how many members": '51 structures adhérentes, 56 conventionnements'."""
        return (
            f"{plural(self.organisations, 'structure adhérente', 'structures adhérentes')}, "
            f"{plural(self.type_memberships, 'conventionnement', 'conventionnements')}"
        )


@dataclass(frozen=True, slots=True)
class KeyFigure:
    measure: str
    value: float
    basis: Basis
    # MEMBERS: members whose figure was summed, out of members_total; NETWORK: organisations
    # the published total covers, when recorded.
    reporting: int | None
    members_total: int


@dataclass(frozen=True, slots=True)
class KeyFigures:
    year: int
    members_total: int
    figures: tuple[KeyFigure, ...]
    network_source: str

    def get(self, measure: str) -> KeyFigure | None:
        return next((figure for figure in self.figures if figure.measure == measure), None)

    @property
    def completeness(self) -> str:
        """What the figures are, in French: 'chiffres de 38 adhérents sur 51' or the network source."""
        parts = []
        reporting = sorted({f.reporting for f in self.figures if f.basis is Basis.MEMBERS})
        if len(reporting) == 1:
            parts.append(f"chiffres de {reporting[0]} adhérents sur {self.members_total}")
        elif reporting:
            parts.append(
                f"chiffres de {reporting[0]} à {reporting[-1]} adhérents sur {self.members_total} selon l'indicateur"
            )
        if any(f.basis is Basis.NETWORK for f in self.figures):
            network = "totaux du réseau publiés"
            if self.network_source:
                network += f" ({self.network_source})"
            parts.append(network)
        return " ; ".join(parts)


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A key figure of the year against the same figure of a reference year."""

    measure: str
    reference_year: int
    value: float
    reference_value: float
    # Members present in both years whose figures were compared (same perimeter), or None
    # when totals were compared as recorded.
    panel: int | None

    @property
    def ratio(self) -> float:
        return (self.value - self.reference_value) / self.reference_value


def member_counts(database: Database, year: int, during: tuple[date, date] | None = None) -> MemberCounts:
    """The year's members by agreement type and by département; with `during` (first and last
    day), the members of that period instead."""
    members = members_during(*during) if during else year_members(year)
    with database.session() as session:
        organisations = session.scalar(select(func.count()).where(Organisation.id.in_(members)))
        by_type_rows = session.execute(
            select(OrganisationType.siae_type, func.count())
            .where(OrganisationType.organisation_id.in_(members))
            .group_by(OrganisationType.siae_type)
        ).all()
        department_rows = session.execute(
            select(Site.department, func.count(distinct(Site.organisation_id)), func.count())
            .where(Site.organisation_id.in_(members))
            .group_by(Site.department)
            .order_by(Site.department)
        ).all()
        without_site = session.scalar(
            select(func.count()).where(
                Organisation.id.in_(members), ~exists().where(Site.organisation_id == Organisation.id)
            )
        )
        several = session.scalars(
            select(Organisation.name)
            .join(Site, Site.organisation_id == Organisation.id)
            .where(Organisation.id.in_(members), Site.department != "")
            .group_by(Organisation.id)
            .having(func.count(distinct(Site.department)) > 1)
            .order_by(Organisation.name_key)
        ).all()
    counted = {SiaeType(kind): count for kind, count in by_type_rows}
    by_type = tuple(
        TypeCount(siae_type, SIAE_TYPE_NAMES[siae_type], counted[siae_type])
        for siae_type in sorted(counted, key=lambda kind: (-counted[kind], list(SiaeType).index(kind)))
    )
    by_department = tuple(
        DepartmentCount(code, department_label(code) if code else "Département non renseigné", orgs, sites)
        for code, orgs, sites in department_rows
    )
    return MemberCounts(
        year=year,
        organisations=organisations,
        type_memberships=sum(counted.values()),
        by_type=by_type,
        by_department=by_department,
        without_site=without_site,
        in_several_departments=tuple(several),
    )


@dataclass(frozen=True, slots=True)
class _YearSums:
    members_total: int
    sums: dict[str, float]
    reporting: dict[str, int]
    network: dict[str, float]
    covered: int | None
    source: str


def _sum(column):
    """SUM keeping the column's type: PostgreSQL's SUM of a BIGINT is a NUMERIC (a Decimal)."""
    return cast(func.sum(column), column.type)


def _year_sums(session, year: int) -> _YearSums:
    members = year_members(year)
    columns = [getattr(YearlyFigures, measure) for measure in MEASURES]
    row = session.execute(
        select(
            *(_sum(column) for column in columns),
            *(func.count(column) for column in columns),
        ).where(YearlyFigures.year == year, YearlyFigures.organisation_id.in_(members))
    ).one()
    network = session.execute(
        select(YearlyFigures).where(YearlyFigures.year == year, YearlyFigures.organisation_id.is_(None))
    ).scalar_one_or_none()
    total = session.scalar(select(func.count()).where(Organisation.id.in_(members)))
    count = len(MEASURES)
    return _YearSums(
        members_total=total,
        sums={m: row[i] for i, m in enumerate(MEASURES) if row[count + i]},
        reporting={m: row[count + i] for i, m in enumerate(MEASURES) if row[count + i]},
        network={m: getattr(network, m) for m in MEASURES if network and getattr(network, m) is not None},
        covered=network.organisations_covered if network else None,
        source=network.source if network else "",
    )


def _key_figures(sums: _YearSums, year: int) -> KeyFigures:
    figures = []
    for measure in MEASURES:
        if measure in sums.sums:
            figures.append(KeyFigure(measure, sums.sums[measure], Basis.MEMBERS, sums.reporting[measure], sums.members_total))
        elif measure in sums.network:
            figures.append(KeyFigure(measure, sums.network[measure], Basis.NETWORK, sums.covered, sums.members_total))
    return KeyFigures(year, sums.members_total, tuple(figures), sums.source)


def key_figures(database: Database, year: int) -> KeyFigures:
    """Each measure: the members' sum where any member's figure was collected, else the network total."""
    with database.session() as session:
        return _key_figures(_year_sums(session, year), year)


def figure_years(database: Database) -> list[int]:
    """Years holding any yearly figures (a member's or the network's), newest first."""
    with database.session() as session:
        return list(session.scalars(select(YearlyFigures.year).distinct().order_by(YearlyFigures.year.desc())))


def default_reference_year(database: Database, year: int) -> int | None:
    """The latest year before `year` that has figures (the last observatoire published)."""
    return next((candidate for candidate in figure_years(database) if candidate < year), None)


def _panel_sums(session, year: int, reference_year: int, measure: str) -> tuple[float, float, int] | None:
    """Sums over the members of `year` with the measure recorded in both years (same perimeter)."""
    column = getattr(YearlyFigures, measure)
    current = YearlyFigures.__table__.alias("current")
    reference = YearlyFigures.__table__.alias("reference")
    members = year_members(year)
    row = session.execute(
        select(_sum(current.c[column.key]), _sum(reference.c[column.key]), func.count())
        .select_from(current)
        .join(reference, and_(reference.c.organisation_id == current.c.organisation_id, reference.c.year == reference_year))
        .where(
            current.c.year == year,
            current.c.organisation_id.in_(members),
            current.c[column.key].is_not(None),
            reference.c[column.key].is_not(None),
        )
    ).one()
    return (row[0], row[1], row[2]) if row[2] else None


def year_changes(database: Database, year: int, reference_year: int) -> list[FigureChange]:
    """The change of each key figure since the reference year, comparing like with like.

    When both years hold members' figures, only members present in both are compared;
    otherwise the year totals are compared as recorded. Measures missing in either year,
    or zero in the reference year, are left out."""
    changes = []
    with database.session() as session:
        current = _key_figures(_year_sums(session, year), year)
        reference = _key_figures(_year_sums(session, reference_year), reference_year)
        for figure in current.figures:
            before = reference.get(figure.measure)
            if before is None:
                continue
            if figure.basis is Basis.MEMBERS and before.basis is Basis.MEMBERS:
                panel = _panel_sums(session, year, reference_year, figure.measure)
                if panel is None or not panel[1]:
                    continue
                changes.append(FigureChange(figure.measure, reference_year, panel[0], panel[1], panel[2]))
            elif before.value:
                changes.append(FigureChange(figure.measure, reference_year, figure.value, before.value, None))
    return changes


def members_missing_figures(database: Database, year: int) -> list[tuple[int, str]]:
    """Ids and names of the year's members with no yearly figure recorded for it (no row, or only unknowns)."""
    with database.session() as session:
        return list(
            session.execute(
                select(Organisation.id, Organisation.name)
                .where(
                    Organisation.id.in_(year_members(year)),
                    ~exists().where(
                        YearlyFigures.organisation_id == Organisation.id,
                        YearlyFigures.year == year,
                        or_(*(getattr(YearlyFigures, measure).is_not(None) for measure in MEASURES)),
                    ),
                )
                .order_by(Organisation.name_key)
            )
        )
