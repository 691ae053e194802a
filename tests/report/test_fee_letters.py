"""The fee campaign's letters on the demo: 43 level-1 reminders (the balance for the two partial
payments), 8 receipts, one file per organisation, and user text printed literally."""

from datetime import date

from pypdf import PdfReader
from sqlalchemy import update

from coorace_desktop.domain.enums import FeeLetterKind
from coorace_desktop.domain.french import whole_euros
from coorace_desktop.domain.organisations import MembershipFee, Organisation
from coorace_desktop.report.fee_letters import Amounts, write_fee_letters
from coorace_desktop.report.letters import Letter, Sender, write_letters
from coorace_desktop.services.fees.fee_list import YEAR, list_fees
from coorace_desktop.services.fees.reminders import due_reminders, record_reminders
from coorace_desktop.services.listing import ListQuery
from tests import fee_campaign as campaign


def flat(text: str) -> str:
    """Every run of spaces, no-break ones and line breaks (between table cells) as one space."""
    return " ".join(text.split())


def test_reminders_name_the_balance_and_receipts_go_to_the_fees_paid_in_full(demo_database, tmp_path):
    members = campaign.run_calls(demo_database)
    campaign.record_payments(demo_database, members)
    record_reminders(demo_database, due_reminders(demo_database, campaign.YEAR, campaign.REMINDERS_DAY), campaign.REMINDERS_DAY)
    result = write_fee_letters(demo_database, FeeLetterKind.REMINDER, campaign.YEAR, None, tmp_path / "relances.pdf")
    assert (result.letters, result.pages) == (43, 43)
    texts = [flat(page.extract_text()) for page in PdfReader(result.paths[0]).pages]
    for n, paid in ((30, 100), (33, 150)):
        text = next(text for text in texts if members[n][1] in text)
        assert f"Déjà reçu {flat(whole_euros(paid))}" in text
        assert f"Reste à régler {flat(whole_euros(campaign.expected_amount(n) - paid))}" in text
    assert all("Sauf erreur de notre part" in text for text in texts)  # the level's text, from the scale
    assert "Objet : Relance de la cotisation 2021 n° 2021-001" in texts[0]  # not « Relance : cotisation »

    folder = tmp_path / "recus"
    result = write_fee_letters(demo_database, FeeLetterKind.RECEIPT, campaign.YEAR, None, folder, per_file=True)
    assert (result.letters, result.pages, len(list(folder.glob("*.pdf")))) == (8, 8, 8)
    first = sorted(result.paths)[0]
    assert first.name.startswith("Reçu 2021-004 ")
    # « que la structure AIDAL 31 est adhérente »: no « que AIDAL », whatever the name's first letter or gender.
    assert f"Nous attestons que la structure {members[3][1]} est adhérente de" in flat(PdfReader(first).pages[0].extract_text())


def test_a_400_character_name_and_markup_in_a_reason_print_literally(demo_database, tmp_path):
    members = campaign.run_calls(demo_database)
    long_name = "Régie <b>&amp; " + "très longue " * 33
    with demo_database.session() as session:
        session.execute(update(Organisation).where(Organisation.id == members[0][0]).values(name=long_name[:400]))
        session.execute(update(MembershipFee).where(MembershipFee.organisation_id == members[0][0])
                        .values(manual_reason="Pas de chiffres 2020 : forfait du bureau <i>" + " voté en AG" * 30))
    result = write_fee_letters(demo_database, FeeLetterKind.CALL, campaign.YEAR, [members[0][0]], tmp_path / "appel.pdf")
    text = flat(PdfReader(result.paths[0]).pages[0].extract_text())
    assert result.pages == 1
    assert "Régie <b>&amp; très longue" in text and "forfait du bureau <i> voté en AG" in text


STATIC = ("Madame, Monsieur,", "Nous vous prions de trouver ci-dessous l'appel de votre cotisation 2021 à Coorace Occitanie.",
          "Nous vous remercions de votre fidélité", "Présidente Isabelle CHATRY", "Toulouse, le 1er février 2021",
          "Coorace Occitanie · Toulouse · Montpellier (pôle Réalis)")


def test_each_call_names_its_organisation_and_amount_and_the_text_they_share_is_on_every_page(demo_database, tmp_path):
    """What every letter prints alike is laid out once and drawn from forms: on every page all the same."""
    campaign.run_calls(demo_database)
    rows = list_fees(demo_database, ListQuery(filters={YEAR: campaign.YEAR}, sort_key="number"))
    on = date(2021, 2, 1)
    combined = write_fee_letters(demo_database, FeeLetterKind.CALL, campaign.YEAR, None, tmp_path / "appels.pdf", on=on)
    each = write_fee_letters(demo_database, FeeLetterKind.CALL, campaign.YEAR, None, tmp_path / "appels", per_file=True, on=on)
    pages = [flat(page.extract_text()) for page in PdfReader(combined.paths[0]).pages]
    files = [flat(PdfReader(path).pages[0].extract_text()) for path in each.paths]
    assert len(pages) == len(files) == 51
    for row, page, file in zip(rows, pages, files):
        for text in (page, file):
            assert f"{row.name} " in text and f"Objet : Appel de cotisation 2021 n° {row.number_text}" in text
            assert f"Montant à régler {flat(whole_euros(row.amount))}" in text
            assert all(static in text for static in STATIC), text


def test_amounts_too_many_for_a_page_continue_on_the_next_with_the_total_last(tmp_path):
    """The amounts are drawn without a Table (report/fee_letters.Amounts): they still split across pages."""
    sender = Sender("Coorace Occitanie", ("Toulouse",), "Toulouse", "Isabelle CHATRY", "Présidente")
    lines = [(f"Paiement {n} du 01/03/2021 (virement, <b>VIR {n}</b>)", f"{n} €") for n in range(60)] + [("Total reçu", "1 770 €")]
    result = write_letters([Letter(("ADEL",), "Reçu", "Madame, Monsieur,", date(2021, 3, 1), flowables=(Amounts(lines),))],
                           sender, tmp_path / "recu.pdf")
    pages = [flat(page.extract_text()) for page in PdfReader(result.paths[0]).pages]
    assert result.pages == len(pages) == 3
    text = " ".join(pages)
    assert [text.index(f"Paiement {n} du") for n in range(60)] == sorted(text.index(f"Paiement {n} du") for n in range(60))
    assert "(virement, <b>VIR 59</b>) 59 € Total reçu 1 770 €" in pages[2] and "Isabelle CHATRY" in pages[2]
