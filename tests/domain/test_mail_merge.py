"""Mail merge fields: replaced by their values, braces doubled to print, anything else reported."""

import pytest

from coorace_desktop.domain.mail_merge import FIELD_KEYS, TemplateError, fields_used, merge, template_errors


def test_fields_are_replaced_and_doubled_braces_print_one():
    text = "Bonjour {contact_nom}, {nom} ({ville}) : {{nom}} s'écrit ainsi."
    values = {"contact_nom": "Catherine GUILLET", "nom": "ADEL", "ville": "Rodez"}
    assert merge(text, values) == "Bonjour Catherine GUILLET, ADEL (Rodez) : {nom} s'écrit ainsi."


def test_a_value_is_never_read_as_a_field_again():
    assert merge("{nom} {ville}", {"nom": "{ville}", "ville": "Foix"}) == "{ville} Foix"


def test_an_unknown_field_is_named_with_its_line():
    assert template_errors("Bonjour,\n\n{adrese}", "du texte") == [
        "Champ inconnu {adrese} (ligne 3 du texte) : choisissez un champ de la liste."
    ]
    with pytest.raises(TemplateError, match="Champ inconnu {nom.__class__}"):
        merge("{nom.__class__}", {"nom": "x"})


@pytest.mark.parametrize("text, kind", [("{nom", "ouverte"), ("nom}", "fermée"), ("{nom}}", "fermée")])
def test_a_brace_alone_is_reported(text, kind):
    (error,) = template_errors(text)
    assert error.startswith(f"Accolade {kind} seule (ligne 1)")


def test_fields_used_and_every_key_lower_case():
    assert fields_used("{nom} {date_ag} {inconnu} {{ville}}") == {"nom", "date_ag"}
    assert all(key.isidentifier() and key.islower() for key in FIELD_KEYS)
