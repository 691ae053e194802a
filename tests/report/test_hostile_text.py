"""User text is data, never markup: hostile names and notes print literally, or with the
documented replacements (U+FFFD for a character the font lacks, "…" past 400 characters in a
table cell), and never raise."""

from datetime import date

from sqlalchemy import insert

from coorace_desktop.domain.events import Event, EventKind
from coorace_desktop.domain.governance import Delegation
from coorace_desktop.domain.organisations import Membership, Organisation, OrganisationType, Site
from coorace_desktop.domain.reporting import Partner, ReportText
from coorace_desktop.report.styles import REPLACEMENT

MARKUP = "AT&T <b>gras</b> ]]> &amp; <i>non fermé <para> \"guillemets\" 'apostrophe'"
EMOJI = "Café 😀 et licorne 🦄"
CYRILLIC = "Жук Ёлка Łódź Ørsted Ğü"
LONG_NOTE = ("Une note très longue & <b>balisée</b>. " * 130)[:5000] + "FIN-DU-TEXTE"


def hostile_database(database):
    """Hostile values written as an import could write them, bypassing the forms' validation."""
    with database.session() as session:
        session.execute(insert(Delegation), [{"name": "Coorace & <Co>", "summary": MARKUP}])
        organisations = [
            {"id": 1, "name": MARKUP, "name_key": "a", "search_key": ""},
            {"id": 2, "name": EMOJI, "name_key": "b", "search_key": ""},
            {"id": 3, "name": CYRILLIC, "name_key": "c", "search_key": ""},
            {"id": 4, "name": "Adresse-fleuve", "name_key": "d", "search_key": ""},
        ]
        session.execute(insert(Organisation), organisations)
        session.execute(insert(OrganisationType), [{"organisation_id": row["id"], "siae_type": "AI"} for row in organisations])
        session.execute(insert(Membership), [{"organisation_id": row["id"], "notes": ""} for row in organisations])
        sites = [
            {"organisation_id": 1, "address": "<b>1 rue & Cie", "postcode": "31000", "city": "Toulouse", "department": "31",
             "phone": "05 61 00 00 00", "email": "a&b@example.org"},
            {"organisation_id": 2, "address": EMOJI, "postcode": "09000", "city": "Foix", "department": "09", "phone": "", "email": ""},
            {"organisation_id": 3, "address": CYRILLIC, "postcode": "12000", "city": "Rodez", "department": "12", "phone": "", "email": ""},
            {"organisation_id": 4, "address": LONG_NOTE, "postcode": "46000", "city": "Cahors", "department": "46",
             "phone": "", "email": "x" * 300 + "@example.org"},
        ]
        session.execute(insert(Site), [{**site, "position": 0} for site in sites])
        session.execute(
            insert(ReportText),
            [{"year": 2020, "moral_report": MARKUP + "\n\n" + LONG_NOTE, "signatory_name": "Zoë <i>", "signatory_title": "Présidente & co", "context": "]]> <br/>"}],
        )
        session.execute(insert(Partner), [{"name": "<para>Partenaire", "description": EMOJI}])
        kind = session.execute(insert(EventKind).values(name="Type <b>")).inserted_primary_key[0]
        session.execute(
            insert(Event),
            [{"title": MARKUP, "kind_id": kind, "year": 2020, "starts_on": date(2020, 3, 1), "status": "done", "is_highlight": True,
              "highlight_title": EMOJI, "highlight_story": LONG_NOTE, "sessions": 1, "other_participants": 0, "online": False,
              "organiser": "delegation", "place": "", "organiser_name": "", "description": "", "search_key": ""},
             {"title": CYRILLIC, "kind_id": kind, "year": 2021, "starts_on": date(2021, 5, 20), "status": "planned",
              "is_highlight": False, "highlight_title": "", "highlight_story": "", "sessions": 1, "other_participants": 0,
              "online": False, "organiser": "delegation", "place": "<Lille>", "organiser_name": "", "description": "", "search_key": ""}],
        )
    return database


def test_hostile_text_prints_literally_everywhere(database, print_report):
    report = print_report(hostile_database(database))
    text = report.text
    assert text.count(MARKUP) >= 3  # the summary (cover, organisation), the event list, the moral report...
    assert "AT&T <b>gras</b> ]]> &amp;" in text and "AT&T;" not in text
    assert f"Café {REPLACEMENT} et licorne {REPLACEMENT}" in text  # beyond the BMP: replaced (see styles.REPLACEMENT)
    assert CYRILLIC in text
    assert "Zoë <i> Présidente & co" in text
    assert "]]> <br/>" in text
    assert "<para>Partenaire" in text and "<Lille>" in text
    assert "FIN-DU-TEXTE" in text  # the 5,000-character moral report and story print whole
    assert text.count("Une note très longue & <b>balisée</b>.") > 250
    assert "RAPPORT D'ACTIVITÉ | 2020" in text and report.reader.metadata.title == "Rapport d'activité 2020 — Coorace & <Co>"


def test_overlong_cells_are_shortened_with_an_ellipsis(database, print_report):
    report = print_report(hostile_database(database), 2020, "adherents")
    assert "FIN-DU-TEXTE" not in report.text  # 5,000 characters do not fit a cell that cannot split
    assert "balisée</b>. Une note…" in report.text or "…" in report.text
    assert "x" * 40 in report.text.replace(" ", "")  # the 300-character e-mail is broken across lines, not lost
