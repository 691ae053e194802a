"""The fee campaign's letters on the office's shared layout (report/letters): calls, reminders,
and receipts (attestation of membership and of payment), for a selection or a whole year, into
one combined PDF or one file per organisation."""

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from coorace_desktop.domain.enums import FeeLetterKind, FeeStatus
from coorace_desktop.domain.fees import FeeScale
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.formats import money
from coorace_desktop.report.letters import Letter, LettersResult, letter_sender, write_letters
from coorace_desktop.report.letters.layout import letter_styles
from coorace_desktop.report.styles import FONT, FONT_BOLD, RULE, markup, paragraphs
from coorace_desktop.services.fees.fee_list import YEAR, FeeRow, list_fees
from coorace_desktop.services.fees.payments import payments_of
from coorace_desktop.services.letters.recipients import SALUTATION, Recipient, recipients
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.database import Database

# What each kind is called in messages.
KIND_NAMES = {FeeLetterKind.CALL: ("appel", "appels"), FeeLetterKind.REMINDER: ("relance", "relances"),
              FeeLetterKind.RECEIPT: ("reçu", "reçus")}


def eligible(kind: FeeLetterKind, row: FeeRow) -> bool:
    """A call for a fee called and not cancelled; a reminder for a fee reminded and still owed;
    a receipt for a fee paid in full."""
    if kind is FeeLetterKind.CALL:
        return row.number is not None and row.status is not FeeStatus.CANCELLED
    if kind is FeeLetterKind.REMINDER:
        return row.reminder_level > 0 and row.outstanding > 0 and row.status is not FeeStatus.CANCELLED
    return row.status is FeeStatus.PAID


def _amounts(lines: Iterable[tuple[str, str]]) -> Table:
    """Labels and amounts, the last line (the total) in bold; a label wraps (a manual amount's reason may be long)."""
    cell = ParagraphStyle("fee_cell", parent=letter_styles().body, spaceAfter=0)
    total = ParagraphStyle("fee_total", parent=cell, fontName=FONT_BOLD)
    lines = list(lines)
    rows = [[Paragraph(markup(label), total if n == len(lines) - 1 else cell), value] for n, (label, value) in enumerate(lines)]
    table = Table(rows, colWidths=(120 * mm, 35 * mm), hAlign="LEFT", spaceBefore=2, spaceAfter=10)
    table.setStyle(TableStyle([
        ("FONT", (1, 0), (1, -1), FONT, 10), ("FONT", (1, -1), (1, -1), FONT_BOLD, 10), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _payment_details(row: FeeRow, delegation: str, when: str) -> str:
    return (f"Règlement par virement en indiquant la référence {row.number_text}, ou par chèque à l'ordre de "
            f"{delegation}, {when}.")


def call_letter(row: FeeRow, recipient: Recipient, delegation: str, on: date) -> Letter:
    basis = f"montant fixé : {row.manual_reason}" if row.manual_reason else "selon le barème voté pour l'année"
    body = (f"{SALUTATION},\n\nNous vous prions de trouver ci-dessous l'appel de votre cotisation {row.year} "
            f"à {delegation}. Votre adhésion nous permet de porter la voix des structures de l'insertion "
            "et de vous accompagner tout au long de l'année.")
    table = _amounts([(f"Cotisation {row.year} ({basis})", money(row.amount or 0)), ("Montant à régler", money(row.amount or 0))])
    when = f"avant le {row.due_on:%d/%m/%Y}" if row.due_on else "à réception de ce courrier"
    closing = f"{_payment_details(row, delegation, when)}\n\nNous vous remercions de votre fidélité et vous prions d'agréer nos salutations distinguées."
    return Letter(recipient.address_lines, f"Appel de cotisation {row.year} n° {row.number_text}", body, on,
                  file_stem=f"{row.number_text} {row.name}", reference=row.number_text,
                  flowables=(table, *_closing(closing)))


def reminder_letter(row: FeeRow, recipient: Recipient, text: str, delegation: str, on: date) -> Letter:
    body = f"{SALUTATION},\n\n{text}"
    lines = [(f"Cotisation {row.year}, appel n° {row.number_text}", money(row.amount or 0))]
    if row.received:
        lines.append(("Déjà reçu", money(row.received)))
    lines.append(("Reste à régler", money(row.outstanding)))
    closing = f"{_payment_details(row, delegation, 'dès réception de ce courrier')}\n\nSi votre règlement nous est parvenu entre-temps, merci de ne pas tenir compte de ce courrier."
    level = "" if row.reminder_level <= 1 else f" ({row.reminder_level}e relance)"
    return Letter(recipient.address_lines, f"Relance de la cotisation {row.year} n° {row.number_text}{level}", body, on,
                  file_stem=f"Relance {row.number_text} {row.name}", reference=row.number_text,
                  flowables=(_amounts(lines), *_closing(closing)))


def receipt_letter(row: FeeRow, recipient: Recipient, payments, delegation: str, on: date) -> Letter:
    body = (f"{SALUTATION},\n\nNous attestons que la structure {row.name} est adhérente de {delegation} pour l'année {row.year} "
            f"et a réglé sa cotisation {row.year} (appel n° {row.number_text}) d'un montant de {money(row.amount or 0)}.")
    lines = [(f"Paiement du {payment.paid_on:%d/%m/%Y} ({payment.method.label.lower()}"
              + (f", {payment.reference}" if payment.reference else "") + ")", money(payment.amount)) for payment in payments]
    lines.append(("Total reçu", money(row.received)))
    closing = "Cette attestation est délivrée pour servir et valoir ce que de droit."
    return Letter(recipient.address_lines, f"Attestation d'adhésion et de paiement {row.year}", body, on,
                  file_stem=f"Reçu {row.number_text} {row.name}", reference=row.number_text,
                  flowables=(_amounts(lines), *_closing(closing)))


def _closing(text: str) -> list:
    return paragraphs(text, letter_styles().body)


def write_fee_letters(
    database: Database, kind: FeeLetterKind, year: int, organisation_ids: Iterable[int] | None, target: Path, *,
    per_file: bool = False, on: date | None = None, progress: Progress = no_progress,
) -> LettersResult:
    """The letters of `kind` for the year's fees (of `organisation_ids`, else all) that it is for,
    in number order, into `target` (one PDF, or a folder with `per_file`). Refused in French
    when none is for it."""
    on = on or date.today()
    wanted = None if organisation_ids is None else set(organisation_ids)
    rows = [row for row in list_fees(database, ListQuery(filters={YEAR: year}, sort_key="number"))
            if (wanted is None or row.id in wanted) and eligible(kind, row)]
    if not rows:
        singular, _ = KIND_NAMES[kind]
        raise ValidationError(f"Aucun {singular} à imprimer pour {year} : " + {
            FeeLetterKind.CALL: "aucune de ces cotisations n'est appelée.",
            FeeLetterKind.REMINDER: "aucune de ces cotisations n'est relancée et encore due.",
            FeeLetterKind.RECEIPT: "aucune de ces cotisations n'est payée entièrement.",
        }[kind])
    sender = letter_sender(database, on)
    addressed = {recipient.organisation_id: recipient for recipient in recipients(database, [row.id for row in rows])}
    texts = {}
    if kind is FeeLetterKind.REMINDER:
        with database.session() as session:
            scale = session.get(FeeScale, year)
        texts = {1: scale.reminder1_text, 2: scale.reminder2_text}
    letters = []
    for row in rows:
        recipient = addressed.get(row.id) or Recipient(row.id, row.name, (row.name,), "")
        if kind is FeeLetterKind.CALL:
            letters.append(call_letter(row, recipient, sender.name, on))
        elif kind is FeeLetterKind.REMINDER:
            letters.append(reminder_letter(row, recipient, texts[row.reminder_level], sender.name, on))
        else:
            letters.append(receipt_letter(row, recipient, payments_of(database, row.fee_id), sender.name, on))
    return write_letters(letters, sender, target, per_file=per_file, progress=progress)


def describe(result: LettersResult, kind: FeeLetterKind) -> str:
    """« 51 appels, 51 pages : appels.pdf »."""
    singular, plurals = KIND_NAMES[kind]
    where = result.paths[0] if len(result.paths) == 1 else result.paths[0].parent
    return f"{plural(result.letters, singular, plurals)}, {plural(result.pages, 'page', 'pages')} : {where}"

