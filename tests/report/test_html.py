"""The accessible edition: valid HTML5 in French, headings and header cells, the chart's
numbers in a table, and every figure the PDF prints."""

import re

import html5lib
import pytest

from coorace_desktop.report.facts import gather
from coorace_desktop.report.html import report_html
from tests.report.conftest import normalised

# Numbers as the report writes them: 4 799, 27,5, 2020 (thousands apart, decimal comma).
NUMBER = re.compile(r"(?<![\d,])\d{1,3}(?: \d{3})*(?:,\d+)?(?![\d,])")


@pytest.fixture(scope="module")
def edition(demo_file):
    from coorace_desktop.storage.database import open_database

    database = open_database(demo_file)
    try:
        facts = gather(database, 2020)
    finally:
        database.close()
    text = report_html(facts)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return facts, text, parser.parse(text)  # strict: the first parse error raises


def test_it_is_html5_in_french_with_a_title(edition):
    _, text, tree = edition
    assert text.startswith("<!DOCTYPE html>")
    assert tree.get("lang") == "fr"
    assert tree.find("head/title").text == "Rapport d'activité 2020 — Coorace Occitanie"


def test_headings_and_tables_with_header_cells(edition):
    _, _, tree = edition
    assert [h.text for h in tree.iter("h1")] == ["Rapport d'activité 2020"]
    sections = tree.findall(".//main/section")
    assert [section.find("h2").text for section in sections] == [
        "Rapport moral", "La délégation en bref", "Notre organisation", "Temps forts 2020", "Nos adhérents en 2020", "Rendez-vous en 2021",
    ]
    tables = list(tree.iter("table"))
    assert len(tables) > 10
    for table in tables:
        assert table.find("caption").text
        assert table.findall("thead/tr/th[@scope='col']")
        assert all(row.find("th[@scope='row']") is not None for row in table.findall("tbody/tr"))


def test_the_chart_has_a_text_alternative_and_its_numbers_in_a_table(edition):
    facts, _, tree = edition
    (image,) = tree.iter("img")
    assert image.get("src").startswith("data:image/svg+xml;base64,")
    resources = next(table for table in tree.iter("table") if table.find("caption").text.startswith("Les ressources"))
    labels = [row.find("th").text for row in resources.findall("tbody/tr")]
    assert labels == [line.label for line in facts.resources] and len(labels) > 1
    assert all(label in image.get("alt") for label in labels)


def test_it_holds_every_figure_and_member_the_pdf_prints(edition, demo_report):
    facts, _, tree = edition
    html_text = normalised(" ".join(tree.find("body").itertext()))
    page_numbers = {str(page) for page in range(1, demo_report.pages + 1)}
    pdf_numbers = set(NUMBER.findall(demo_report.text)) - page_numbers
    assert len(pdf_numbers) > 50
    assert pdf_numbers <= set(NUMBER.findall(html_text))
    assert "51 structures adhérentes, 56 conventionnements" in html_text
    names = {entry.name for group in facts.directory for entry in group.entries}
    assert len(names) == 51 and all(name in html_text for name in names)


def test_user_text_is_text_never_markup(database):
    from coorace_desktop.domain.reporting_rules import PartnerInput
    from coorace_desktop.services.reporting.year_inputs import save_partner

    hostile = '<script>alert("x")</script> & Cie'
    save_partner(database, PartnerInput(hostile, "« citation » </li>", 2020))
    text = report_html(gather(database, 2020))
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    assert not list(tree.iter("script"))
    assert f"{hostile} — « citation » </li>" in [item.text for item in tree.iter("li")]
