"""The *Vérifier* pre-print check: what is missing or suspicious in a year's data before the
report is printed. It reads only; each finding says how many and which, and where it is fixed:
an area's tab (the keys of ui/widgets' Area, as the dashboard's « À faire »), the record each
detail names, or one of the Rapports tab's own editors."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, or_, select

from coorace_desktop.domain.enums import EventStatus, LabelledEnum
from coorace_desktop.domain.events import Event
from coorace_desktop.domain.french import plural, plural_word, whole_euros
from coorace_desktop.domain.organisations import Membership, Organisation, Site
from coorace_desktop.domain.reporting_rules import SHARE_TOLERANCE
from coorace_desktop.services.events.commands import rendezvous
from coorace_desktop.services.events.registrations import attendance_not_entered, nobody_recorded
from coorace_desktop.services.fees.fee_list import YEAR as FEES_YEAR
from coorace_desktop.services.fees.fee_list import list_fees
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.membership import year_members
from coorace_desktop.services.reporting import year_inputs as reporting
from coorace_desktop.services.reporting.member_figures import (
    Basis,
    default_reference_year,
    key_figures,
    members_missing_figures,
)
from coorace_desktop.storage.database import Database


class Severity(LabelledEnum):
    WARNING = "warning", "À vérifier"  # the report would print something wrong or incomplete
    INFO = "info", "Pour information"  # worth knowing, nothing to fix


# Where a finding is fixed: an area's tab (the keys of ui/widgets' Area)…
MEMBERS, EVENTS, REPORTING = "members", "events", "reporting"
# …and, in the Rapports tab, which of its editors.
REPORT_TEXT, RESOURCES, PARTNERS = "report-text", "resources", "partners"


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    section: str  # the report section it concerns (a key of report/sections.py)
    message: str
    area: str  # where it is fixed: MEMBERS, EVENTS or REPORTING
    details: tuple[str, ...] = ()
    record_ids: tuple[int, ...] = ()  # the record each detail names (organisations, events), if they do
    editor: str = ""  # in REPORTING: REPORT_TEXT, RESOURCES or PARTNERS


def _records(session, statement) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The names and ids of a select of (id, name), in its order."""
    rows = session.execute(statement).all()
    return tuple(name for _, name in rows), tuple(record_id for record_id, _ in rows)


def _members_findings(database: Database, year: int) -> list[Finding]:
    members = year_members(year)
    incomplete_site = or_(Site.address == "", Site.postcode == "", Site.phone == "", Site.email == "")
    with database.session() as session:
        total = session.scalar(select(func.count()).where(Organisation.id.in_(members)))
        without_site = _records(
            session,
            select(Organisation.id, Organisation.name)
            .where(Organisation.id.in_(members), ~exists().where(Site.organisation_id == Organisation.id))
            .order_by(Organisation.name_key),
        )
        incomplete = _records(
            session,
            select(Organisation.id, Organisation.name)
            .join(Site, Site.organisation_id == Organisation.id)
            .where(Organisation.id.in_(members), incomplete_site)
            .distinct()
            .order_by(Organisation.name),
        )
        undated = _records(
            session,
            select(Organisation.id, Organisation.name)
            .where(Organisation.id.in_(members), exists().where(Membership.organisation_id == Organisation.id, Membership.joined_on.is_(None)))
            .order_by(Organisation.name_key),
        )
    findings = []
    if not total:
        findings.append(Finding(Severity.WARNING, "adherents", f"Aucun adhérent en {year} : l'annuaire sera vide.", MEMBERS))
    if without_site[0]:
        findings.append(
            Finding(
                Severity.WARNING,
                "adherents",
                f"{plural(len(without_site[0]), 'adhérent', 'adhérents')} sans site : "
                f"{plural_word(len(without_site[0]), 'imprimé', 'imprimés')} sans adresse ni département.",
                MEMBERS,
                *without_site,
            )
        )
    if incomplete[0]:
        findings.append(
            Finding(
                Severity.WARNING,
                "adherents",
                f"{plural(len(incomplete[0]), 'adhérent', 'adhérents')} dont un site n'a pas d'adresse, de code postal, "
                "de téléphone ou d'e-mail.",
                MEMBERS,
                *incomplete,
            )
        )
    if undated[0]:
        count = len(undated[0])
        findings.append(
            Finding(
                Severity.WARNING,
                "adherents",
                f"{plural(count, 'adhérent', 'adhérents')} sans date d'adhésion connue : "
                f"{plural_word(count, 'compté', 'comptés')} dans toutes les années passées "
                "(saisir la date, ou l'année seule, dans la fiche).",
                MEMBERS,
                *undated,
            )
        )
    return findings


def _figures_findings(database: Database, year: int, reference_year: int | None) -> list[Finding]:
    figures = key_figures(database, year)
    findings = []
    if not figures.figures:
        return [
            Finding(Severity.WARNING, "en-bref", f"Aucun chiffre clé pour {year} : ni chiffres des adhérents, ni totaux du réseau.", MEMBERS)
        ]
    if any(figure.basis is Basis.MEMBERS for figure in figures.figures):
        missing = members_missing_figures(database, year)
        if missing:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "en-bref",
                    f"Chiffres {year} manquants pour {plural(len(missing), 'adhérent', 'adhérents')} sur {figures.members_total} : "
                    f"les chiffres clés en sont des sommes partielles ({figures.completeness}).",
                    MEMBERS,
                    tuple(name for _, name in missing),
                    tuple(organisation_id for organisation_id, _ in missing),
                )
            )
    else:
        findings.append(
            Finding(
                Severity.INFO,
                "en-bref",
                f"Aucun chiffre par adhérent pour {year} : les chiffres clés imprimés sont les totaux du réseau.",
                MEMBERS,
            )
        )
    reference_year = reference_year if reference_year is not None else default_reference_year(database, year)
    if reference_year is None:
        findings.append(Finding(Severity.INFO, "en-bref", "Aucune année de comparaison : pas d'évolutions imprimées.", MEMBERS))
    elif not key_figures(database, reference_year).figures:
        findings.append(
            Finding(Severity.WARNING, "en-bref", f"Aucun chiffre pour l'année de comparaison {reference_year}.", MEMBERS)
        )
    return findings


def _texts_findings(database: Database, year: int) -> list[Finding]:
    findings = []
    text = reporting.report_text(database, year)
    if not text.moral_report:
        findings.append(Finding(Severity.WARNING, "rapport-moral", f"Le rapport moral {year} n'est pas écrit.", REPORTING, editor=REPORT_TEXT))
    elif not text.signatory_name:
        findings.append(Finding(Severity.WARNING, "rapport-moral", "Le rapport moral n'a pas de signataire.", REPORTING, editor=REPORT_TEXT))
    lines = reporting.resources(database, year)
    if not lines:
        findings.append(
            Finding(Severity.WARNING, "en-bref", f"Ressources de la délégation {year} non saisies : pas de graphique.", REPORTING, editor=RESOURCES)
        )
    else:
        total = sum(line.share_percent or 0 for line in lines)
        if abs(total - 100) > SHARE_TOLERANCE:
            findings.append(
                Finding(
                    Severity.WARNING, "en-bref", f"Les parts des ressources totalisent {total:g} % au lieu de 100 %.", REPORTING, editor=RESOURCES
                )
            )
    if not reporting.partners(database, year):
        findings.append(
            Finding(
                Severity.INFO, "rendez-vous", f"Aucun partenaire pour {year} : la liste des remerciements sera vide.", REPORTING, editor=PARTNERS
            )
        )
    return findings


def _events_findings(database: Database, year: int) -> list[Finding]:
    with database.session() as session:
        silent = _records(
            session,
            select(Event.id, Event.title)
            .where(Event.year == year, Event.status == EventStatus.DONE, nobody_recorded())
            .order_by(Event.starts_on.is_(None), Event.starts_on, Event.id),
        )
        unmarked = _records(
            session,
            select(Event.id, Event.title)
            .where(Event.year == year, attendance_not_entered(date.today()))
            .order_by(Event.starts_on, Event.id),
        )
        empty_highlights = _records(
            session,
            select(Event.id, Event.title)
            .where(
                Event.year == year,
                Event.is_highlight,
                Event.status != EventStatus.CANCELLED,
                or_(func.trim(Event.highlight_story) == "", func.trim(Event.highlight_title) == ""),
            )
            .order_by(Event.id),
        )
        still_planned = _records(
            session,
            select(Event.id, Event.title).where(Event.year == year, Event.status == EventStatus.PLANNED).order_by(Event.id),
        )
        any_highlight = session.scalar(
            select(exists().where(Event.year == year, Event.is_highlight, Event.status != EventStatus.CANCELLED))
        )
    findings = []
    if not any_highlight:
        findings.append(Finding(Severity.WARNING, "temps-forts", f"Aucun temps fort pour {year} : le récit de l'année sera absent.", EVENTS))
    if not rendezvous(database, year + 1):
        findings.append(
            Finding(Severity.WARNING, "rendez-vous", f"Aucun rendez-vous prévu en {year + 1} : la page des rendez-vous sera vide.", EVENTS)
        )
    if empty_highlights[0]:
        findings.append(
            Finding(Severity.WARNING, "temps-forts", f"{plural(len(empty_highlights[0]), 'temps fort', 'temps forts')} sans titre "
                    "ou sans texte.", EVENTS, *empty_highlights)
        )
    if silent[0]:
        findings.append(
            Finding(
                Severity.WARNING,
                "temps-forts",
                f"{plural(len(silent[0]), 'événement réalisé', 'événements réalisés')} en {year} sans aucun participant enregistré "
                "(normal pour une publication ou une représentation).",
                EVENTS,
                *silent,
            )
        )
    if unmarked[0]:
        findings.append(
            Finding(
                Severity.WARNING,
                "temps-forts",
                f"{plural(len(unmarked[0]), 'événement passé', 'événements passés')} de {year} avec des inscrits mais "
                "sans présences saisies : cochez qui était là (Inscriptions et présences).",
                EVENTS,
                *unmarked,
            )
        )
    if still_planned[0]:
        count = len(still_planned[0])
        findings.append(
            Finding(
                Severity.WARNING,
                "temps-forts",
                f"{plural(count, 'événement', 'événements')} de {year} encore « {plural_word(count, 'prévu', 'prévus')} » : "
                + plural_word(count, "il n'est pas compté dans les chiffres ; marquez-le réalisé ou annulé.",
                              "ils ne sont pas comptés dans les chiffres ; marquez-les réalisés ou annulés."),
                EVENTS,
                *still_planned,
            )
        )
    return findings


def _fees_findings(database: Database, year: int, today: date) -> list[Finding]:
    """Members whose fee of a year already over is still unpaid (called, not paid in full)."""
    if year >= today.year:
        return []
    unpaid = [row for row in list_fees(database, ListQuery(filters={FEES_YEAR: year})) if row.outstanding > 0]
    if not unpaid:
        return []
    owed = sum(row.outstanding for row in unpaid)
    return [Finding(
        Severity.WARNING, "adherents",
        f"{plural(len(unpaid), 'adhérent', 'adhérents')} sans cotisation {year} réglée en fin d'année "
        f"({whole_euros(owed)} restant dû) : à relancer, ou à annuler dans Adhérents > Cotisations.",
        MEMBERS, tuple(f"{row.name} : {row.status_text}, reste {whole_euros(row.outstanding)}" for row in unpaid),
        tuple(row.id for row in unpaid),
    )]


def check_report(database: Database, year: int, reference_year: int | None = None, today: date | None = None) -> list[Finding]:
    """Everything worth fixing before printing the year's report, warnings first."""
    findings = [
        *_texts_findings(database, year),
        *_members_findings(database, year),
        *_fees_findings(database, year, today or date.today()),
        *_figures_findings(database, year, reference_year),
        *_events_findings(database, year),
    ]
    return sorted(findings, key=lambda finding: finding.severity is not Severity.WARNING)
