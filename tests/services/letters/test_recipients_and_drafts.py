"""Who letters go to (organisation, main site, main contact) and the .eml drafts, read back
with the standard library."""

from email import message_from_bytes
from email.policy import default

from coorace_desktop.domain import Contact, Organisation, Person, Site
from coorace_desktop.services.letters.email_drafts import address_list, draft_message
from coorace_desktop.services.letters.recipients import recipients


def add_organisation(database, name, *, contact=None, site_email="", address="2 rue Béteille", city="Rodez") -> int:
    with database.session() as session:
        organisation = Organisation(name=name, name_key=name.lower())
        session.add(organisation)
        session.flush()
        session.add(Site(organisation_id=organisation.id, address=address, postcode="12000", city=city, email=site_email))
        if contact:
            person = Person(first_name=contact[0], last_name=contact[1], email=contact[2])
            session.add(person)
            session.flush()
            session.add(Contact(organisation_id=organisation.id, person_id=person.id, role="Directrice"))
        session.flush()
        return organisation.id


def test_recipients_in_the_order_asked_with_address_and_fields(database):
    first = add_organisation(database, "ADEL", contact=("Catherine", "GUILLET", "c.guillet@adel.fr"), site_email="accueil@adel.fr")
    second = add_organisation(database, "AILES", site_email="contact@ailes.fr", city="Revel")
    third = add_organisation(database, "CASTA", address="")
    found = recipients(database, [second, 999_999, first, third])
    assert [recipient.name for recipient in found] == ["AILES", "ADEL", "CASTA"]
    ailes, adel, casta = found
    assert adel.address_lines == ("ADEL", "À l'attention de Catherine GUILLET", "2 rue Béteille", "12000 RODEZ")
    assert adel.email == "c.guillet@adel.fr"  # the contact's before the organisation's
    assert ailes.email == "contact@ailes.fr" and ailes.address_lines == ("AILES", "2 rue Béteille", "12000 REVEL")
    assert casta.email == "" and casta.address_lines == ("CASTA", "12000 RODEZ")
    assert adel.values["contact_nom"] == "Catherine GUILLET" and adel.values["contact_fonction"] == "Directrice"
    assert adel.values["adresse"] == "2 rue Béteille\n12000 RODEZ" and adel.values["contact_civilite"] == "Madame, Monsieur"


def test_a_draft_is_an_unsent_message_to_the_contact_with_the_pdf_attached():
    pdf = b"%PDF-1.4 fake"
    raw = draft_message("c.guillet@adel.fr", "Convocation à l'AG\n", "Madame, Monsieur,\n\nVenez.", "Convocation - ADEL.pdf", pdf)
    message = message_from_bytes(raw, policy=default)
    assert message["To"] == "c.guillet@adel.fr" and message["X-Unsent"] == "1" and message["From"] is None
    assert message["Subject"] == "Convocation à l'AG"
    assert message.get_body(("plain",)).get_content().startswith("Madame, Monsieur,")
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "Convocation - ADEL.pdf" and attachment.get_content() == pdf
    assert b"\r\n" in raw  # SMTP line endings, which every mail program reads


def test_address_list_once_each():
    assert address_list(["a@x.fr", "", "B@x.fr", "A@X.fr"]) == "a@x.fr; B@x.fr"
