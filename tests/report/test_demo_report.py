"""The 2020 report printed from the demo data carries the seed report's facts, once each."""

import tomllib

import pytest

from coorace_desktop.resources import resource
from coorace_desktop.services.demo import DEMO_DATA

DEMO = tomllib.loads(resource(*DEMO_DATA).read_text(encoding="utf-8"))


def test_every_page_has_the_running_header_and_its_number(demo_report):
    assert demo_report.pages == len(demo_report.page_texts) >= 12
    for number, text in enumerate(demo_report.page_texts[1:], start=2):
        assert "RAPPORT D'ACTIVITÉ | 2020" in text
        assert f"{number} / {demo_report.pages}" in text
    assert "Coorace Occitanie Rapport d'activité 2020" in demo_report.page_texts[0]


def test_the_cover_lists_each_section_with_its_page(demo_report):
    cover = demo_report.page_texts[0]
    assert "Sommaire" in cover
    pages = demo_report.section_pages()
    assert list(pages.values()) == sorted(pages.values()) and pages["Rapport moral"] == 2
    for title, page in pages.items():
        assert f"{title} {page}" in cover
        assert demo_report.page_texts[page - 1].startswith(title)  # the outline links to the section's page


def test_sections_are_in_the_outline_in_order(demo_report):
    titles = [entry.title for entry in demo_report.reader.outline]
    assert titles == [
        "Rapport moral", "La délégation en bref", "Notre organisation", "Temps forts 2020",
        "Nos adhérents en 2020", "Rendez-vous en 2021",
    ]
    assert demo_report.reader.metadata.title == "Rapport d'activité 2020 — Coorace Occitanie"


def test_every_directory_entry_with_address_phone_and_email(demo_report):
    text = demo_report.section_text("Nos adhérents en 2020")
    for organisation in DEMO["organisations"]:
        for address, postcode, city, phone, email in organisation["sites"]:
            for fragment in (organisation["name"], address, f"{postcode} {city}", phone, email):
                assert fragment in text, fragment
    assert text.count("AILES") == 1  # the seed printed it twice, under 31 and 81
    assert text.count("AVIE") == 2  # one organisation, two sites: 31 and 82
    assert "51 structures adhérentes, 52 adresses par département" in text


def test_member_counts_agree_between_pages(demo_report):
    assert "rassemble 51 structures adhérentes, 56 conventionnements, dans 11 départements" in demo_report.text
    assert "Association intermédiaire (AI) 26" in demo_report.text
    assert "Total des conventionnements 56" in demo_report.text
    assert "54" not in demo_report.section_text("La délégation en bref")


def test_key_figures_resources_and_changes(demo_report):
    text = demo_report.text
    for fragment in (
        "27,5 M € de chiffre d'affaires cumulé", "25,1 M € de salaires bruts versés", "13,9 M € de financement public",
        "4 799 salarié·e·s en insertion", "337 salarié·e·s permanent·e·s", "1 469 équivalents temps plein salariés",
        "Source : totaux du réseau publiés",
        "Baisse du chiffre d'affaires de 4 % par rapport à 2018",
        "Hausse du financement public de 13 % par rapport à 2018",
        "Baisse du nombre de salarié·e·s en insertion de 9,6 % par rapport à 2018",
        "Prestations 16 %", "Subventions 65 %", "Cotisations 16 %", "Autres 3 %",
        "3 nouveaux adhérents en 2020",
    ):
        assert fragment in text, fragment


def test_board_bureau_national_representatives_and_staff(demo_report):
    text = demo_report.section_text("Notre organisation")
    for organisation, first_name, last_name in DEMO["governance"]["board"]:
        assert f"{first_name} {last_name}" in text
        assert organisation in text
    assert "ADEL 12 Catherine GUILLET" in text
    assert "Présidente Isabelle CHATRY INTER RELAIS" in text
    assert "Trésorier adjoint Nicolas FAURE LA PASSERELLE" in text
    assert "15 administrateur·rice·s au 31 décembre 2020 ; mandats ouverts le 2 juillet 2020." in text
    assert "Isabelle CHATRY et Sylvia RICCI" in text
    for first_name, last_name, job_title, _site in DEMO["governance"]["staff"]:
        assert f"{first_name} {last_name}" in text and job_title in text
    assert "REPRÉSENTER les intérêts de ses adhérents" in text


def test_highlights_programmes_and_events(demo_report):
    text = demo_report.text
    for event in DEMO["events"]:
        if event.get("highlight_title"):
            assert event["highlight_title"].upper() in text
    assert "12 structures certifiées CEDRE ISO 9001 (dont Coorace Occitanie)" in text
    assert "26 structures accompagnées sur leurs projets de développement et de transformation" in text
    assert "Au 31 décembre 2020 : 13 projets émergents et 23 territoires intéressés" in text
    assert "Animation régionale 16 243" in text  # sessions and participants by kind
    assert "Participation aux CDIAE de la région Représentation / CDIAE 23" in text
    assert "12 CDIAE" not in text  # the seed's contradiction is gone


def test_rendezvous_2021_and_partners(demo_report):
    page = demo_report.section_text("Rendez-vous en 2021")
    for fragment in (
        "20 mai 2021 Assemblée générale 2021", "17 juin 2021 Journée régionale ENEDIS",
        "25 et 26 novembre 2021 Congrès Coorace", "Lille", "Date à préciser Lancement de Zest' BTP",
        "Merci à nos partenaires pour leur soutien", "ENEDIS — Partenariat RSE, poursuivi en 2020",
        "Union européenne (Fonds social européen)",
    ):
        assert fragment in page, fragment


def test_moral_report_is_printed_whole_and_signed(demo_report):
    text = demo_report.section_text("Rapport moral")
    assert "Mesdames, Messieurs les Cooraciens, nos partenaires," in text
    assert "l'accès à l'emploi pour tous. Isabelle Chatry Présidente" in text


@pytest.mark.parametrize(
    "section, title",
    [("rapport-moral", "Rapport moral"), ("en-bref", "La délégation en bref"), ("organisation", "Notre organisation"),
     ("temps-forts", "Temps forts 2020"), ("adherents", "Nos adhérents en 2020"), ("rendez-vous", "Rendez-vous en 2021")],
)
def test_each_section_prints_alone_from_its_first_page(demo_database, print_report, section, title):
    report = print_report(demo_database, 2020, section)
    assert title in report.page_texts[0]
    assert [entry.title for entry in report.reader.outline] == [title]


def test_the_pdf_says_its_language_and_title_and_opens_on_its_outline(demo_report):
    catalog = demo_report.reader.trailer["/Root"]
    assert catalog["/Lang"] == "fr-FR" and catalog["/PageMode"] == "/UseOutlines"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert demo_report.reader.metadata.title == "Rapport d'activité 2020 — Coorace Occitanie"
