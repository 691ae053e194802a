"""The *Vérifier* pre-print check: what is missing or suspicious in a year's data before the
report is printed. It reads only; each finding says how many and which."""

from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select

from coorace_desktop.domain.enums import EventStatus, LabelledEnum
from coorace_desktop.domain.events import Event, Participation
from coorace_desktop.domain.french import plural, plural_word
from coorace_desktop.domain.organisations import Membership, Organisation, Site
from coorace_desktop.domain.reporting_rules import SHARE_TOLERANCE
from coorace_desktop.services.events.commands import rendezvous
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


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    section: str  # the report section it concerns (a key of report/sections.py)
    message: str
    details: tuple[str, ...] = ()


def _names(session, statement) -> tuple[str, ...]:
    return tuple(session.scalars(statement))


def _members_findings(database: Database, year: int) -> list[Finding]:
    members = year_members(year)
    incomplete_site = or_(Site.address == "", Site.postcode == "", Site.phone == "", Site.email == "")
    with database.session() as session:
        total = session.scalar(select(func.count()).where(Organisation.id.in_(members)))
        without_site = _names(
            session,
            select(Organisation.name)
            .where(Organisation.id.in_(members), ~exists().where(Site.organisation_id == Organisation.id))
            .order_by(Organisation.name_key),
        )
        incomplete = _names(
            session,
            select(Organisation.name)
            .join(Site, Site.organisation_id == Organisation.id)
            .where(Organisation.id.in_(members), incomplete_site)
            .distinct()
            .order_by(Organisation.name),
        )
        undated = _names(
            session,
            select(Organisation.name)
            .where(Organisation.id.in_(members), exists().where(Membership.organisation_id == Organisation.id, Membership.joined_on.is_(None)))
            .order_by(Organisation.name_key),
        )
    findings = []
    if not total:
        findings.append(Finding(Severity.WARNING, "adherents", f"Aucun adhérent en {year} : l'annuaire sera vide."))
    if without_site:
        findings.append(
            Finding(
                Severity.WARNING,
                "adherents",
                f"{len(without_site)} adhérent(s) sans site : imprimés sans adresse ni département.",
                without_site,
            )
        )
    if incomplete:
        findings.append(
            Finding(
                Severity.WARNING,
                "adherents",
                f"{len(incomplete)} adhérent(s) dont un site n'a pas d'adresse, de code postal, de téléphone ou d'e-mail.",
                incomplete,
            )
        )
    if undated:
        findings.append(
            Finding(
                Severity.WARNING,
                "adherents",
                f"{plural(len(undated), 'adhérent', 'adhérents')} sans date d'adhésion connue : "
                f"{plural_word(len(undated), 'compté', 'comptés')} dans toutes les années passées "
                "(saisir la date, ou l'année seule, dans la fiche).",
                undated,
            )
        )
    return findings


def _figures_findings(database: Database, year: int, reference_year: int | None) -> list[Finding]:
    figures = key_figures(database, year)
    findings = []
    if not figures.figures:
        return [Finding(Severity.WARNING, "en-bref", f"Aucun chiffre clé pour {year} : ni chiffres des adhérents, ni totaux du réseau.")]
    if any(figure.basis is Basis.MEMBERS for figure in figures.figures):
        missing = members_missing_figures(database, year)
        if missing:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "en-bref",
                    f"Chiffres {year} manquants pour {len(missing)} adhérent(s) sur {figures.members_total} : "
                    f"les chiffres clés en sont des sommes partielles ({figures.completeness}).",
                    tuple(missing),
                )
            )
    else:
        findings.append(
            Finding(
                Severity.INFO,
                "en-bref",
                f"Aucun chiffre par adhérent pour {year} : les chiffres clés imprimés sont les totaux du réseau.",
            )
        )
    reference_year = reference_year if reference_year is not None else default_reference_year(database, year)
    if reference_year is None:
        findings.append(Finding(Severity.INFO, "en-bref", "Aucune année de comparaison : pas d'évolutions imprimées."))
    elif not key_figures(database, reference_year).figures:
        findings.append(
            Finding(Severity.WARNING, "en-bref", f"Aucun chiffre pour l'année de comparaison {reference_year}.")
        )
    return findings


def _texts_findings(database: Database, year: int) -> list[Finding]:
    findings = []
    text = reporting.report_text(database, year)
    if not text.moral_report:
        findings.append(Finding(Severity.WARNING, "rapport-moral", f"Le rapport moral {year} n'est pas écrit."))
    elif not text.signatory_name:
        findings.append(Finding(Severity.WARNING, "rapport-moral", "Le rapport moral n'a pas de signataire."))
    lines = reporting.resources(database, year)
    if not lines:
        findings.append(Finding(Severity.WARNING, "en-bref", f"Ressources de la délégation {year} non saisies : pas de graphique."))
    else:
        total = sum(line.share_percent or 0 for line in lines)
        if abs(total - 100) > SHARE_TOLERANCE:
            findings.append(
                Finding(Severity.WARNING, "en-bref", f"Les parts des ressources totalisent {total:g} % au lieu de 100 %.")
            )
    if not reporting.partners(database, year):
        findings.append(Finding(Severity.INFO, "rendez-vous", f"Aucun partenaire pour {year} : la liste des remerciements sera vide."))
    return findings


def _events_findings(database: Database, year: int) -> list[Finding]:
    has_participants = exists().where(Participation.event_id == Event.id)
    with database.session() as session:
        silent = _names(
            session,
            select(Event.title)
            .where(Event.year == year, Event.status == EventStatus.DONE, Event.other_participants == 0, ~has_participants)
            .order_by(Event.starts_on.is_(None), Event.starts_on, Event.id),
        )
        empty_highlights = _names(
            session,
            select(Event.title)
            .where(
                Event.year == year,
                Event.is_highlight,
                Event.status != EventStatus.CANCELLED,
                or_(func.trim(Event.highlight_story) == "", func.trim(Event.highlight_title) == ""),
            )
            .order_by(Event.id),
        )
        still_planned = _names(
            session,
            select(Event.title).where(Event.year == year, Event.status == EventStatus.PLANNED).order_by(Event.id),
        )
        any_highlight = session.scalar(
            select(exists().where(Event.year == year, Event.is_highlight, Event.status != EventStatus.CANCELLED))
        )
    findings = []
    if not any_highlight:
        findings.append(Finding(Severity.WARNING, "temps-forts", f"Aucun temps fort pour {year} : le récit de l'année sera absent."))
    if not rendezvous(database, year + 1):
        findings.append(
            Finding(Severity.WARNING, "rendez-vous", f"Aucun rendez-vous prévu en {year + 1} : la page des rendez-vous sera vide.")
        )
    if empty_highlights:
        findings.append(
            Finding(Severity.WARNING, "temps-forts", f"{len(empty_highlights)} temps fort(s) sans titre ou sans texte.", empty_highlights)
        )
    if silent:
        findings.append(
            Finding(
                Severity.WARNING,
                "temps-forts",
                f"{len(silent)} événement(s) réalisé(s) en {year} sans aucun participant enregistré "
                "(normal pour une publication ou une représentation).",
                silent,
            )
        )
    if still_planned:
        findings.append(
            Finding(
                Severity.WARNING,
                "temps-forts",
                f"{len(still_planned)} événement(s) de {year} encore « prévu(s) » : ils ne sont pas comptés dans les "
                "chiffres ; marquez-les réalisés ou annulés.",
                still_planned,
            )
        )
    return findings


def check_report(database: Database, year: int, reference_year: int | None = None) -> list[Finding]:
    """Everything worth fixing before printing the year's report, warnings first."""
    findings = [
        *_texts_findings(database, year),
        *_members_findings(database, year),
        *_figures_findings(database, year, reference_year),
        *_events_findings(database, year),
    ]
    return sorted(findings, key=lambda finding: finding.severity is not Severity.WARNING)
