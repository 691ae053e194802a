"""The *Vérifier* check: each finding says how many and which."""

import pytest
from sqlalchemy import insert, update

from coorace_desktop.domain.events import Event, EventKind
from coorace_desktop.domain.members import FiguresDraft
from coorace_desktop.domain.reporting import ReportText, YearlyResource
from coorace_desktop.services.reporting.check import (
    EVENTS,
    MEMBERS,
    PARTNERS,
    REPORT_TEXT,
    REPORTING,
    RESOURCES,
    Severity,
    check_report,
)
from tests.services.report_helpers import add_member


def messages(findings):
    return {finding.message: finding for finding in findings}


def test_demo_check_flags_events_without_participants_and_network_figures(demo_database):
    findings = check_report(demo_database, 2020)
    assert findings[0].severity is Severity.WARNING  # warnings come first
    silent = next(f for f in findings if "sans aucun participant" in f.message)
    assert "Participation aux CDIAE de la région" in silent.details
    assert silent.message.startswith(f"{len(silent.details)} événements réalisés en 2020 sans aucun participant")
    assert any(f.severity is Severity.INFO and "totaux du réseau" in f.message for f in findings)
    assert not any("rapport moral" in f.message for f in findings)


def test_missing_member_figures_are_named(database):
    add_member(database, "Alpha", figures=(FiguresDraft(2020, turnover=10),))
    beta = add_member(database, "Beta")
    gamma = add_member(database, "Gamma", figures=(FiguresDraft(2020),))  # a row of unknowns only
    finding = next(f for f in check_report(database, 2020) if f.message.startswith("Chiffres 2020 manquants"))
    assert finding.message.startswith("Chiffres 2020 manquants pour 2 adhérents sur 3")
    assert finding.details == ("Beta", "Gamma")
    assert (finding.area, finding.record_ids) == (MEMBERS, (beta, gamma))  # each opens its organisation


def test_member_without_site_empty_highlight_and_unwritten_moral_report(database):
    member = add_member(database, "Sans Adresse", sites=())
    with database.session() as session:
        kind = session.execute(insert(EventKind).values(name="Rencontre")).inserted_primary_key[0]
        event = session.execute(
            insert(Event).values(
                {"title": "Rencontre d'été", "kind_id": kind, "year": 2020, "status": "done", "is_highlight": True,
                 "highlight_title": "Un temps fort", "highlight_story": "   ", "sessions": 1, "other_participants": 5,
                 "online": False, "organiser": "delegation", "place": "", "organiser_name": "", "description": "", "search_key": ""}
            )
        ).inserted_primary_key[0]
    found = messages(check_report(database, 2020))
    without_site = found["1 adhérent sans site : imprimé sans adresse ni département."]
    assert (without_site.details, without_site.record_ids, without_site.area) == (("Sans Adresse",), (member,), MEMBERS)
    empty_highlight = found["1 temps fort sans titre ou sans texte."]
    assert (empty_highlight.details, empty_highlight.record_ids, empty_highlight.area) == (("Rencontre d'été",), (event,), EVENTS)
    moral = found["Le rapport moral 2020 n'est pas écrit."]
    assert (moral.area, moral.editor) == (REPORTING, REPORT_TEXT)  # fixed in the Rapports tab's own editor
    assert found["Ressources de la délégation 2020 non saisies : pas de graphique."].editor == RESOURCES
    assert found["Aucun partenaire pour 2020 : la liste des remerciements sera vide."].editor == PARTNERS
    no_figures = found["Aucun chiffre clé pour 2020 : ni chiffres des adhérents, ni totaux du réseau."]
    assert (no_figures.area, no_figures.record_ids) == (MEMBERS, ())


def test_resource_shares_not_adding_up_are_flagged(demo_database):
    with demo_database.session() as session:
        session.execute(update(ReportText).where(ReportText.year == 2020).values(signatory_name=""))
    with demo_database.session() as session:
        session.execute(update(YearlyResource).where(YearlyResource.kind == "other").values(share_percent=13))
    found = messages(check_report(demo_database, 2020))
    assert "Les parts des ressources totalisent 110 % au lieu de 100 %." in found
    assert "Le rapport moral n'a pas de signataire." in found


def test_a_year_without_highlights_or_rendez_vous_is_flagged(demo_database):
    assert not any(f.section in ("temps-forts", "rendez-vous") and f.message.startswith("Aucun") for f in check_report(demo_database, 2020))
    found = messages(check_report(demo_database, 2021))
    assert found["Aucun temps fort pour 2021 : le récit de l'année sera absent."].severity is Severity.WARNING
    assert found["Aucun rendez-vous prévu en 2022 : la page des rendez-vous sera vide."].section == "rendez-vous"


def test_members_without_a_known_joining_date_are_flagged(demo_database):
    """Periods entered before recorded_on existed may have no joining date: they count as members
    of every past year, which Vérifier says."""
    from coorace_desktop.domain.organisations import Membership, Organisation

    assert not any("sans date d'adhésion" in f.message for f in check_report(demo_database, 2020))
    with demo_database.session() as session:
        first = session.get(Organisation, 1)
        session.execute(update(Membership).where(Membership.organisation_id == first.id).values(joined_on=None))
    (finding,) = [f for f in check_report(demo_database, 2020) if "sans date d'adhésion" in f.message]
    assert finding.severity is Severity.WARNING and finding.details == (first.name,)
    assert finding.message.startswith("1 adhérent sans date d'adhésion connue : compté dans toutes les années passées")


@pytest.mark.parametrize(("count", "said"), [
    (1, ["1 adhérent sans site : imprimé sans adresse ni département.",
         "1 adhérent dont un site n'a pas d'adresse, de code postal, de téléphone ou d'e-mail.",
         "Chiffres 2020 manquants pour 1 adhérent sur 3 : ",
         "1 temps fort sans titre ou sans texte.",
         "1 événement réalisé en 2020 sans aucun participant enregistré ",
         "1 événement de 2020 encore « prévu » : il n'est pas compté dans les chiffres ; marquez-le réalisé ou annulé."]),
    (2, ["2 adhérents sans site : imprimés sans adresse ni département.",
         "2 adhérents dont un site n'a pas d'adresse, de code postal, de téléphone ou d'e-mail.",
         "Chiffres 2020 manquants pour 2 adhérents sur 5 : ",
         "2 temps forts sans titre ou sans texte.",
         "2 événements réalisés en 2020 sans aucun participant enregistré ",
         "2 événements de 2020 encore « prévus » : ils ne sont pas comptés dans les chiffres ; "
         "marquez-les réalisés ou annulés."]),
])
def test_each_finding_agrees_with_its_count(database, count, said):
    """They read « 1 adhérent(s) », « 1 temps fort(s) », « encore « prévu(s) » : ils »."""
    add_member(database, "Complet", figures=(FiguresDraft(2020, turnover=10),))
    for n in range(count):
        add_member(database, f"Sans site {n}", sites=(), figures=(FiguresDraft(2020, turnover=10),))
        add_member(database, f"Sans téléphone {n}", sites=(("1 rue Haute", "31000", "Toulouse", "", "a@example.org"),))
    with database.session() as session:
        kind = session.execute(insert(EventKind).values(name="Rencontre")).inserted_primary_key[0]
        event = {"kind_id": kind, "year": 2020, "status": "done", "sessions": 1, "other_participants": 5, "online": False,
                 "organiser": "delegation", "place": "", "organiser_name": "", "description": "", "search_key": ""}
        for n in range(count):
            session.execute(insert(Event).values({**event, "title": f"Temps fort {n}", "is_highlight": True,
                                                  "highlight_title": "", "highlight_story": "Un récit"}))
            session.execute(insert(Event).values({**event, "title": f"Silencieux {n}", "other_participants": 0}))
            session.execute(insert(Event).values({**event, "title": f"Prévu {n}", "status": "planned"}))
    found = [finding.message for finding in check_report(database, 2020)]
    for message in said:
        assert any(text.startswith(message) for text in found), (message, found)
