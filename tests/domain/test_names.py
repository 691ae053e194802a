"""A person's name: written one way everywhere, found by one folded key."""

from coorace_desktop.domain.names import display_name, name_key


def test_display_name_is_first_name_then_capitals():
    assert display_name("Isabelle", "Chatry") == "Isabelle CHATRY"
    assert display_name("", "DELCOUR ") == "DELCOUR"
    assert display_name("Anaïs", "Lefèvre") == "Anaïs LEFÈVRE"


def test_name_key_is_the_folded_last_then_first_name():
    assert name_key("Anaïs", "Lefèvre") == name_key("ANAIS", "lefevre") == "lefevre anais"
    assert name_key("", "Chatry") == "chatry"
