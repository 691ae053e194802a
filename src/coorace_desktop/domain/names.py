"""How a person is written and found: one display name, one folded name key."""

from coorace_desktop.domain.text import fold


def display_name(first_name: str, last_name: str) -> str:
    """How the delegation writes a person: 'Isabelle CHATRY'."""
    return " ".join(part for part in (first_name.strip(), last_name.strip().upper()) if part)


def name_key(first_name: str, last_name: str) -> str:
    """The folded key a person is found and sorted by (persons.name_key): 'chatry isabelle'."""
    return fold(f"{last_name} {first_name}")
