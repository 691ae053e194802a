"""Letters for a selection from a template: each organisation's page names it and its address,
the convocation's proxy form is a page of its own, drafts carry the letter as PDF, and what
cannot be printed is said in French."""

import io
from datetime import date, timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from coorace_desktop.domain import Organisation
from coorace_desktop.domain.governance_drafts import AssemblyDraft
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.letters.mail_merge import write_email_drafts, write_merged_letters
from coorace_desktop.services.governance.records import save_assembly
from coorace_desktop.services.letters.recipients import recipients
from coorace_desktop.services.letters.templates import LetterTemplate, find_template
from tests.report.conftest import normalised
from tests.services.letters.test_recipients_and_drafts import add_organisation


def all_ids(database) -> list[int]:
    with database.session() as session:
        return list(session.execute(select(Organisation.id).order_by(Organisation.name_key)).scalars())


def pages_of(path) -> list[str]:
    return [normalised(page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture
def assembly(demo_database):
    day = date.today() + timedelta(days=40)
    save_assembly(demo_database, AssemblyDraft(held_on=day, place="Toulouse, Maison de l'ESS"))
    return day


def test_the_convocation_for_every_member_two_pages_each(demo_database, assembly, tmp_path):
    ids = all_ids(demo_database)
    result = write_merged_letters(demo_database, find_template("convocation-ag"), ids, tmp_path / "convocations.pdf")
    pages = pages_of(tmp_path / "convocations.pdf")
    assert result.pages == len(pages) == 2 * len(ids) == 102
    chosen = recipients(demo_database, ids)
    day = f"{assembly.day} " if assembly.day > 1 else "1er "
    for number, recipient in enumerate(chosen):
        letter, proxy = pages[2 * number], pages[2 * number + 1]
        assert normalised(" ".join(recipient.address_lines)) in letter
        assert f"Nous avons le plaisir de convier {recipient.name} à l'assemblée générale" in letter
        assert day in letter and "Toulouse, Maison de l'ESS" in letter and "Isabelle CHATRY" in letter
        assert proxy.startswith("Coorace Occitanie") and "Pouvoir" in proxy and f"adhérente {recipient.name}," in proxy


def test_one_file_per_organisation(demo_database, assembly, tmp_path):
    ids = all_ids(demo_database)[:3]
    result = write_merged_letters(demo_database, find_template("lettre-adherents"), ids, tmp_path / "lettres", per_file=True)
    names = [recipient.name for recipient in recipients(demo_database, ids)]
    assert [path.stem for path in result.paths] == names and result.pages == 3
    assert names[1] in pages_of(result.paths[1])[0]


def test_a_convocation_without_an_assembly_to_come_is_refused(demo_database, tmp_path):
    with pytest.raises(ValidationError, match="aucune assemblée n'est enregistrée après le"):
        write_merged_letters(demo_database, find_template("convocation-ag"), all_ids(demo_database), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_a_wrong_template_or_an_empty_selection_is_refused(demo_database, tmp_path):
    wrong = LetterTemplate("", "Essai", "", "Bonjour {prenom}")
    with pytest.raises(ValidationError, match=r"Le modèle « Essai » ne peut pas servir : Champ inconnu \{prenom\}"):
        write_merged_letters(demo_database, wrong, all_ids(demo_database), tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="Aucune structure choisie"):
        write_merged_letters(demo_database, find_template("lettre-adherents"), [], tmp_path / "x.pdf")


def test_a_400_character_name_prints_whole_in_the_body(database, tmp_path):
    name = ("Association d'insertion & <b>de la vallée</b> Жук " * 9)[:400]
    organisation_id = add_organisation(database, name)
    template = LetterTemplate("", "Essai", "Pour {nom}", "La structure {nom} est adhérente.")
    write_merged_letters(database, template, [organisation_id], tmp_path / "long.pdf")
    (page,) = pages_of(tmp_path / "long.pdf")
    assert f"La structure {normalised(name).strip()} est adhérente." in page.replace("- ", "-")


def test_drafts_to_each_address_with_the_letter_attached(database, tmp_path):
    first = add_organisation(database, "ADEL", contact=("Catherine", "GUILLET", "c.guillet@adel.fr"))
    second = add_organisation(database, "AILES")  # no e-mail anywhere
    third = add_organisation(database, "CASTA", site_email="contact@casta.fr")
    template = LetterTemplate("", "Essai", "Information {annee}", "{contact_civilite},\n\nUn mot pour {nom}.")
    result = write_email_drafts(database, template, [first, second, third], tmp_path / "brouillons")
    assert [path.name for path in result.paths] == ["ADEL.eml", "CASTA.eml"] and result.without_email == ["AILES"]
    for path, name, address in zip(result.paths, ("ADEL", "CASTA"), ("c.guillet@adel.fr", "contact@casta.fr")):
        message = message_from_bytes(path.read_bytes(), policy=default)
        assert message["To"] == address and message["X-Unsent"] == "1"
        assert message["Subject"] == f"Information {date.today().year}"
        assert f"Un mot pour {name}." in message.get_body(("plain",)).get_content()
        (attachment,) = message.iter_attachments()
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_filename() == f"Information {date.today().year} - {name}.pdf"
        assert f"Un mot pour {name}." in normalised(PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text())
