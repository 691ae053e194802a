"""`fees`: the year's statuses and totals, the scale, numbered calls with their letters, a
payment, reminders and receipts, as a user types them."""

import json

from pypdf import PdfReader

from coorace_desktop.cli import main
from tests import fee_campaign as campaign


def run(database, *arguments: str) -> int:
    return main(["fees", *arguments[:1], "--db", str(database.path), *arguments[1:]]) if arguments and not arguments[0].startswith("-") \
        else main(["fees", "--db", str(database.path), *arguments])


def test_scale_calls_with_one_pdf_payment_reminders_and_status(demo_database, tmp_path, capsys):
    assert run(demo_database, "scale", "--year", "2021", "--basis", "headcount", "--bracket", "0:250", "--bracket", "20:500",
               "--bracket", "60:900", "--minimum", "200") == 0
    out = capsys.readouterr().out
    assert "Sans le chiffre du barème (ne seront pas appelés) : AD'OC INTERIM, ADEL" in out  # the demo has no member figures
    assert run(demo_database, "scale", "--year", "2021", "--basis", "none", "--bracket", "0:0", "--type", "ACI:300") == 1
    assert "choisissez le chiffre" in capsys.readouterr().err
    assert run(demo_database, "scale", "--year", "2021", "--basis", "none", "--type", "ACI:300", "--type", "AI:250") == 0
    capsys.readouterr()

    letters = tmp_path / "appels.pdf"
    assert run(demo_database, "calls", "--year", "2021", "--date", "01/02/2021", "-o", str(letters)) == 0
    out = capsys.readouterr().out
    assert out.startswith("51 appels de cotisation 2021-001 à 2021-051.\nCourriers écrits : 51 appels, 51 pages")
    pages = PdfReader(letters).pages
    assert len(pages) == 51 and "2021-014" in pages[13].extract_text()

    assert run(demo_database, "pay", "adel", "abc", "--date", "01/03/2021", "--method", "virement") == 1
    assert "« abc » n'est pas un nombre" in capsys.readouterr().err
    assert run(demo_database, "pay", "adel", "5000", "--date", "01/03/2021", "--method", "virement") == 1
    assert "Ajoutez --confirm" in capsys.readouterr().err
    assert run(demo_database, "pay", "adel", "100", "--date", "01/03/2021", "--method", "chèque", "--reference", "n° 123") == 0
    assert capsys.readouterr().out.startswith("Paiement enregistré : ADEL, cotisation 2021, 100")

    assert run(demo_database, "reminders", "--year", "2021", "--date", "10/03/2021") == 1  # before the delay
    assert "Aucune relance à faire le 10/03/2021" in capsys.readouterr().err
    folder = tmp_path / "relances"
    assert run(demo_database, "reminders", "--year", "2021", "--date", "20/03/2021", "-o", str(folder)) == 0
    assert "51 relances enregistrées le 20/03/2021" in capsys.readouterr().out
    assert len(list(folder.glob("*.pdf"))) == 51

    assert run(demo_database, "--year", "2021", "--json") == 0
    result = json.loads(capsys.readouterr().out)
    adel = next(row for row in result["organisations"] if row["name"] == "ADEL")
    assert (adel["status"], adel["received"], adel["reminder_level"]) == ("partial", 100, 1)
    assert result["totals"]["received"] == 100 and result["totals"]["calls"] == 51
    assert result["totals"]["outstanding"] == result["totals"]["called"] - 100


def test_receipts_for_the_fees_paid_in_full(demo_database, tmp_path, capsys):
    members = campaign.run_calls(demo_database)
    campaign.record_payments(demo_database, members)
    receipts = tmp_path / "recus.pdf"
    assert run(demo_database, "receipts", "--year", "2021", "-o", str(receipts)) == 0
    assert "8 reçus, 8 pages" in capsys.readouterr().out
    texts = [page.extract_text() for page in PdfReader(receipts).pages]
    assert all("Attestation d'adhésion et de paiement 2021" in text for text in texts)
    paid = {members[n][1] for n, part in campaign.PAYMENTS if part is None}
    assert {next(name for name in paid if name in text) for text in texts} == paid
