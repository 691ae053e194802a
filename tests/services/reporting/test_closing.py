"""Closing a year: the report as sent reprints identically, the live changes since are listed,
reopening needs a reason and is kept in the history (on SQLite and PostgreSQL)."""

from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.closing import close_report
from coorace_desktop.report.facts import gather
from coorace_desktop.report.generate import generate_html, generate_report
from coorace_desktop.report.sections import ReportRequest
from coorace_desktop.services.events.commands import EventInput, create_event, event_kinds
from coorace_desktop.services.importing import MEMBERS, apply_members, preview_members, propose_mapping, read_table
from coorace_desktop.services.reporting import closing
from tests.services.importing.files import MEMBER_HEADERS, utf8_bom_csv

CLOSED_AT = datetime(2021, 3, 15, 10, 0, tzinfo=UTC)
FIVE_NEW = [
    [f"Structure nouvelle {n}", "ACI", f"{n} rue Neuve", "31000", "Toulouse", "", f"contact{n}@neuve.fr", "", "", ""]
    for n in range(1, 6)
]


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def import_five_without_joining_date(database, folder) -> None:
    table = read_table(utf8_bom_csv(folder / "nouveaux.csv", [MEMBER_HEADERS, *FIVE_NEW]))
    apply_members(database, preview_members(database, table, propose_mapping(table, MEMBERS)))


def add_event_of_2020(database) -> None:
    kind = event_kinds(database)[0].id
    create_event(database, EventInput("Réunion retrouvée dans un agenda", kind, 2020, date(2020, 6, 4)))


def test_a_closed_year_reprints_as_sent_and_lists_what_changed_since(demo_database, tmp_path):
    closed, findings = close_report(demo_database, 2020, "Claire", now=CLOSED_AT)
    assert findings  # Vérifier ran first (the demo has events without participants)
    assert closed.sha256 == closing.sha256_of(closed.pdf) and closed.closed_by == "Claire"
    (tmp_path / "closed.pdf").write_bytes(closed.pdf)
    assert "Chiffres arrêtés au 15/03/2021" in text_of(tmp_path / "closed.pdf")

    import_five_without_joining_date(demo_database, tmp_path)
    add_event_of_2020(demo_database)

    reprint = generate_report(demo_database, ReportRequest(2020), tmp_path / "reprint.pdf")
    assert text_of(reprint.path) == text_of(tmp_path / "closed.pdf")
    assert reprint.path.read_bytes() == closed.pdf
    changes = closing.changes_since_closing(demo_database, 2020)
    assert len(changes) == 2
    assert changes[0].startswith("5 organisations ajoutées : Structure nouvelle 1, ")
    assert changes[1] == "1 événement de l'année ajouté : Réunion retrouvée dans un agenda"
    # Open, the year would count the members it had: the five joined the day they were imported.
    assert gather(demo_database, 2020).counts.organisations == 51


def test_chosen_sections_of_a_closed_year_come_from_the_kept_facts(demo_database, tmp_path):
    close_report(demo_database, 2020, "Claire", now=CLOSED_AT)
    add_event_of_2020(demo_database)
    part = generate_report(demo_database, ReportRequest(2020, ("couverture", "temps-forts")), tmp_path / "part.pdf")
    text = text_of(part.path)
    assert "Chiffres arrêtés au 15/03/2021" in text and "Réunion retrouvée" not in text


def test_closing_twice_is_refused_and_reopening_needs_a_reason(demo_database):
    close_report(demo_database, 2020, "Claire", now=CLOSED_AT)
    with pytest.raises(ValidationError, match="déjà close"):
        close_report(demo_database, 2020, "Claire")
    with pytest.raises(ValidationError, match="pourquoi"):
        closing.reopen_year(demo_database, 2020, "  ", "Paul")
    assert closing.closed_report(demo_database, 2020) is not None  # refused: nothing changed
    closing.reopen_year(demo_database, 2020, "Chiffres 2020 de l'observatoire corrigés", "Paul")
    assert closing.closed_report(demo_database, 2020) is None
    assert closing.changes_since_closing(demo_database, 2020) == []
    with pytest.raises(ValidationError, match="n'est pas close"):
        closing.reopen_year(demo_database, 2020, "encore", "Paul")
    history = closing.closing_history(demo_database, 2020)
    assert [(entry.action, entry.by, entry.reason) for entry in history] == [
        (closing.CLOSE, "Claire", ""),
        (closing.REOPEN, "Paul", "Chiffres 2020 de l'observatoire corrigés"),
    ]
    assert history[0].sha256 == history[1].sha256 and history[0].at == CLOSED_AT
    kept = closing.reopened_pdf(demo_database, history[1].id)  # what was sent is never lost
    assert kept.startswith(b"%PDF") and closing.sha256_of(kept) == history[1].sha256


def test_a_closed_year_whose_kept_facts_are_unreadable_still_reprints_whole(demo_database, tmp_path):
    """As after a later migration that changed the facts' shape: the stored PDF is served as is."""
    from coorace_desktop.domain import ClosedYear

    closed, _ = close_report(demo_database, 2020, "Claire", now=CLOSED_AT)
    with demo_database.session() as session:
        row = session.get(ClosedYear, 2020)
        row.context, row.context_version = {**row.context, "facts": {"shape": "inconnue"}}, 99
        session.add(row)
    whole = generate_report(demo_database, ReportRequest(2020), tmp_path / "r.pdf")
    assert whole.path.read_bytes() == closed.pdf and whole.pages == len(PdfReader(whole.path).pages)
    with pytest.raises(ValidationError, match="seul le rapport complet"):
        generate_report(demo_database, ReportRequest(2020, ("adherents",)), tmp_path / "part.pdf")
    assert not (tmp_path / "part.pdf").exists()


def test_a_changed_figure_and_a_deleted_event_are_listed(demo_database):
    from sqlmodel import select

    from coorace_desktop.domain import Event, YearlyFigures
    from coorace_desktop.services.events.commands import delete_events

    close_report(demo_database, 2020, "Claire", now=CLOSED_AT)
    with demo_database.session() as session:
        network = session.exec(select(YearlyFigures).where(YearlyFigures.year == 2020)).first()
        network.fte = (network.fte or 0) + 1
        session.add(network)
        event = session.exec(select(Event).where(Event.year == 2020).order_by(Event.id)).first()
    delete_events(demo_database, [event.id])
    assert closing.changes_since_closing(demo_database, 2020) == [
        "1 événement de l'année supprimé : " + event.title,
        "1 chiffre de l'année modifié : réseau",
    ]


def test_attendance_entered_after_closing_is_listed_as_a_change_of_its_event(demo_database):
    from coorace_desktop.domain.enums import AttendanceStatus
    from coorace_desktop.services.events.registrations import event_attendance, set_attendance
    from tests.attendance_scenario import make_training

    training = make_training(demo_database)  # 2020, 25 registered, nobody marked yet
    close_report(demo_database, 2020, "Claire", now=CLOSED_AT)
    assert closing.changes_since_closing(demo_database, 2020) == []
    person = event_attendance(demo_database, training.event_id).people[0]
    set_attendance(demo_database, training.event_id, 1, {person.person_id: AttendanceStatus.PRESENT})
    assert closing.changes_since_closing(demo_database, 2020) == [
        "1 événement de l'année modifié : Formation des encadrants techniques",
    ]


def test_an_edit_made_while_the_report_is_drawn_is_listed_as_a_change(demo_database, monkeypatch):
    """In the tab the close runs in the background: an event added while the PDF is laid out
    (after the facts were gathered) is not in the report, so it must be listed, never missed."""
    from coorace_desktop.report import closing as report_closing

    def render_while_someone_edits(*args, **kwargs):
        add_event_of_2020(demo_database)
        return render_pdf(*args, **kwargs)

    render_pdf = report_closing.render_pdf
    monkeypatch.setattr(report_closing, "render_pdf", render_while_someone_edits)
    closed, _ = close_report(demo_database, 2020, "Claire", now=CLOSED_AT)
    assert "Réunion retrouvée" not in str(closed.context["facts"]["event_rows"])
    assert closing.changes_since_closing(demo_database, 2020) == [
        "1 événement de l'année ajouté : Réunion retrouvée dans un agenda"
    ]


def test_the_other_parts_of_the_report_changed_since_closing_are_listed(demo_database):
    """Partners, resources, the rapport moral, the board and the staff are printed too: a change
    of any of them since closing is listed, by part."""
    from dataclasses import replace

    from coorace_desktop.domain.reporting_rules import PartnerInput
    from coorace_desktop.services.reporting import year_inputs

    close_report(demo_database, 2020, "Claire", now=CLOSED_AT)
    assert closing.changes_since_closing(demo_database, 2020) == [], "the live parts read as the kept ones"
    year_inputs.save_partner(demo_database, PartnerInput("Fondation retrouvée", since_year=2020, until_year=2020))
    assert closing.changes_since_closing(demo_database, 2020) == ["Autre élément du rapport modifié : partenaires"]
    text = year_inputs.report_text(demo_database, 2020)
    year_inputs.save_report_text(demo_database, replace(text, moral_report=text.moral_report + "\n\nPost-scriptum."))
    year_inputs.save_resources(demo_database, 2020, year_inputs.resource_inputs(demo_database, 2020)[1:])
    assert closing.changes_since_closing(demo_database, 2020) == [
        "Autres éléments du rapport modifiés : rapport moral, ressources, partenaires"
    ]


def test_a_closed_year_publishes_the_accessible_edition_stored_at_closing(demo_database, tmp_path, monkeypatch):
    """A later change of the code (here: of report_html) never alters the HTML published for a
    closed year; a year closed before the edition was kept has it drawn from its kept facts."""
    from coorace_desktop.domain import ClosedYear
    from coorace_desktop.report import generate

    closed, _ = close_report(demo_database, 2020, "Claire", now=CLOSED_AT)
    assert "Chiffres arrêtés au 15/03/2021" in closed.html.decode("utf-8")
    monkeypatch.setattr(generate, "report_html", lambda facts, closed_on=None: "<p>nouvelle mise en page</p>")
    assert generate_html(demo_database, 2020, tmp_path / "r.html").path.read_bytes() == closed.html
    with demo_database.session() as session:
        session.get(ClosedYear, 2020).html = None
    assert generate_html(demo_database, 2020, tmp_path / "r.html").path.read_text(encoding="utf-8") == "<p>nouvelle mise en page</p>"
