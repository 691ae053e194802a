"""Mail merge templates: the shipped ones, the office's copies in the data folder, restoring."""

import json

import pytest

from coorace_desktop.domain.mail_merge import template_errors
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.letters.templates import (
    LetterTemplate,
    delete_template,
    find_template,
    load_templates,
    restore_template,
    save_template,
    shipped_templates,
    templates_file,
    validate_template,
)


def test_the_shipped_templates_are_valid_and_the_convocation_has_a_proxy_form():
    shipped = shipped_templates()
    assert {"convocation-ag", "lettre-adherents"} <= set(shipped)
    for template in shipped.values():
        assert validate_template(template) == {}, template.key
    convocation = shipped["convocation-ag"]
    assert convocation.annex_title == "Pouvoir" and "{date_ag}" in convocation.body and "{nom}" in convocation.annex


def test_an_edited_shipped_template_is_kept_in_the_data_folder_and_restorable():
    original = find_template("convocation-ag")
    saved = save_template(LetterTemplate(original.key, original.title, "Notre AG", "{contact_civilite},\n\nVenez.", shipped=True))
    assert saved.edited and saved.shipped
    assert json.loads(templates_file().read_text(encoding="utf-8"))["convocation-ag"]["subject"] == "Notre AG"
    assert oct(templates_file().stat().st_mode & 0o777) == "0o600"
    assert find_template("Convocation à l'assemblée générale (avec pouvoir)").subject == "Notre AG"
    assert restore_template("convocation-ag") == original
    assert find_template("convocation-ag") == original


def test_the_office_writes_and_deletes_its_own_templates():
    saved = save_template(LetterTemplate("", "Invitation au séminaire", "Séminaire {annee}", "Bonjour {contact_prenom},"))
    assert saved.key == "invitation-au-seminaire" and not saved.shipped
    again = save_template(LetterTemplate("", "Invitation au séminaire", "", "Texte"))
    assert again.key == "invitation-au-seminaire-2"
    assert {"invitation-au-seminaire", "invitation-au-seminaire-2"} <= {template.key for template in load_templates()}
    delete_template(saved.key)
    assert saved.key not in {template.key for template in load_templates()}
    with pytest.raises(ValidationError, match="pas d'original"):
        restore_template(again.key)
    with pytest.raises(ValidationError, match="ne se supprime pas"):
        delete_template("lettre-adherents")


def test_an_invalid_template_is_refused_in_french_and_nothing_written():
    template = LetterTemplate("", "Essai", "Objet {ville", "Texte {inconu}")
    errors = validate_template(template)
    assert errors["subject"] == template_errors("Objet {ville", "de l'objet")[0]
    assert errors["body"] == "Champ inconnu {inconu} (ligne 1 du texte) : choisissez un champ de la liste."
    assert validate_template(LetterTemplate("", " ", "", ""))["title"] == "Le titre du modèle est obligatoire."
    with pytest.raises(ValidationError, match="Accolade ouverte seule"):
        save_template(template)
    assert not templates_file().exists()


def test_a_damaged_file_is_said_and_never_overwritten():
    templates_file().parent.mkdir(parents=True)
    templates_file().write_text("{pas du json", encoding="utf-8")
    with pytest.raises(ValidationError, match="endommagé"):
        load_templates()
    with pytest.raises(ValidationError, match="endommagé"):
        save_template(LetterTemplate("", "Nouveau", "", "Texte"))
    assert templates_file().read_text(encoding="utf-8") == "{pas du json"


def test_an_unknown_template_lists_the_known_ones():
    with pytest.raises(ValidationError, match="Modèle de courrier inconnu : « rien ». Modèles : convocation-ag"):
        find_template("rien")
