"""E-mail drafts without a mail server: `.eml` files (RFC 5322, the standard library's `email`)
that Outlook, Thunderbird and Apple Mail open as a message to send from the user's own account.
`X-Unsent: 1` makes Outlook open it as a draft (Envoyer, not Répondre); there is no From (the
mail program puts the account's), no SMTP and no password anywhere."""

from email.message import EmailMessage
from email.policy import SMTP

from coorace_desktop.domain.text import CONTROL_CHARACTERS


def draft_message(to: str, subject: str, text: str, attachment_name: str, pdf: bytes) -> bytes:
    """One draft to `to` with `text` as its body and the PDF attached, as the bytes of a .eml."""
    message = EmailMessage(policy=SMTP)
    message["To"] = to
    message["Subject"] = " ".join(CONTROL_CHARACTERS.sub("", subject).split())
    message["X-Unsent"] = "1"
    message.set_content(CONTROL_CHARACTERS.sub("", text))
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=attachment_name)
    return message.as_bytes()


def address_list(addresses: list[str]) -> str:
    """The addresses for a mail program's To or Bcc field, each once (case ignored), '; ' between."""
    seen, kept = set(), []
    for address in addresses:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            kept.append(address)
    return "; ".join(kept)
