"""The fee campaign's letters on the office's shared layout (report/letters): calls, reminders,
and receipts (attestation of membership and of payment), for a selection or a whole year, into
one combined PDF or one file per organisation."""

from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus.flowables import Flowable

from coorace_desktop.domain.enums import FeeLetterKind, FeeStatus
from coorace_desktop.domain.fees import FeeScale
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.formats import money
from coorace_desktop.report.letters import Letter, LettersResult, letter_sender, write_letters
from coorace_desktop.report.letters.layout import letter_styles
from coorace_desktop.report.letters.text import text_flowable
from coorace_desktop.report.styles import FONT, FONT_BOLD, RULE
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


class Amounts(Flowable):
    """Labels and amounts, a rule under each line, the last (the total) in bold, drawn where a
    Table of two columns (120 and 35 mm, padding 6 × 3) would draw them, without the Table and
    its Paragraphs (a third of a call's layout): a label too long for its column wraps (a manual
    amount's reason may be long). Split by lines across pages; `total`: whether the last is it."""

    LABEL, AMOUNT, PAD_X, PAD_Y, SIZE, LEADING = 120 * mm, 35 * mm, 6, 3, 10, 12

    def __init__(self, lines: Iterable[tuple[str, str]], total: bool = True) -> None:
        super().__init__()
        self.lines, self.total = list(lines), total
        self.spaceBefore, self.spaceAfter = 2, 10
        self.rows: list[tuple[Flowable, float, float]] = []  # each label, its height and its line's

    def _bold(self, index: int) -> bool:
        return self.total and index == len(self.lines) - 1

    def wrap(self, available_width, available_height):
        width = self.LABEL - 2 * self.PAD_X
        self.rows = []
        for index, (label, _) in enumerate(self.lines):
            block = text_flowable(label, _label_styles()[self._bold(index)], width)
            height = block.wrap(width, available_height)[1]
            self.rows.append((block, height, max(height, self.LEADING) + 2 * self.PAD_Y))
        return self.LABEL + self.AMOUNT, sum(row[2] for row in self.rows)

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        fit, used = 0, 0.0
        while fit < len(self.rows) and used + self.rows[fit][2] <= available_height:
            used += self.rows[fit][2]
            fit += 1
        return [Amounts(self.lines[:fit], total=False), Amounts(self.lines[fit:], self.total)] if 0 < fit < len(self.rows) else []

    def draw(self):
        canvas, top = self.canv, sum(row[2] for row in self.rows)
        canvas.setLineCap(1)  # round, as a Table's lines
        for index, ((_, amount), (block, height, line_height)) in enumerate(zip(self.lines, self.rows)):
            block.drawOn(canvas, self.PAD_X, top - self.PAD_Y - height)
            canvas.setFont(FONT_BOLD if self._bold(index) else FONT, self.SIZE)
            canvas.setFillColor(black)
            canvas.drawRightString(self.LABEL + self.AMOUNT - self.PAD_X, top - self.PAD_Y - self.SIZE, amount)
            top -= line_height
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(0, top, self.LABEL + self.AMOUNT, top)


@cache
def _label_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    """A label's style, and the total's."""
    cell = ParagraphStyle("fee_cell", parent=letter_styles().body, spaceAfter=0)
    return cell, ParagraphStyle("fee_total", parent=cell, fontName=FONT_BOLD)


def _payment_details(row: FeeRow, delegation: str, when: str) -> str:
    return (f"Règlement par virement en indiquant la référence {row.number_text}, ou par chèque à l'ordre de "
            f"{delegation}, {when}.")


def call_letter(row: FeeRow, recipient: Recipient, delegation: str, on: date) -> Letter:
    basis = f"montant fixé : {row.manual_reason}" if row.manual_reason else "selon le barème voté pour l'année"
    body = (f"{SALUTATION},\n\nNous vous prions de trouver ci-dessous l'appel de votre cotisation {row.year} "
            f"à {delegation}. Votre adhésion nous permet de porter la voix des structures de l'insertion "
            "et de vous accompagner tout au long de l'année.")
    table = Amounts([(f"Cotisation {row.year} ({basis})", money(row.amount or 0)), ("Montant à régler", money(row.amount or 0))])
    when = f"avant le {row.due_on:%d/%m/%Y}" if row.due_on else "à réception de ce courrier"
    closing = f"{_payment_details(row, delegation, when)}\n\nNous vous remercions de votre fidélité et vous prions d'agréer nos salutations distinguées."
    return Letter(recipient.address_lines, f"Appel de cotisation {row.year} n° {row.number_text}", body, on,
                  file_stem=f"{row.number_text} {row.name}", reference=row.number_text, flowables=(table,), closing=closing)


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
                  flowables=(Amounts(lines),), closing=closing)


def receipt_letter(row: FeeRow, recipient: Recipient, payments, delegation: str, on: date) -> Letter:
    body = (f"{SALUTATION},\n\nNous attestons que la structure {row.name} est adhérente de {delegation} pour l'année {row.year} "
            f"et a réglé sa cotisation {row.year} (appel n° {row.number_text}) d'un montant de {money(row.amount or 0)}.")
    lines = [(f"Paiement du {payment.paid_on:%d/%m/%Y} ({payment.method.label.lower()}"
              + (f", {payment.reference}" if payment.reference else "") + ")", money(payment.amount)) for payment in payments]
    lines.append(("Total reçu", money(row.received)))
    closing = "Cette attestation est délivrée pour servir et valoir ce que de droit."
    return Letter(recipient.address_lines, f"Attestation d'adhésion et de paiement {row.year}", body, on,
                  file_stem=f"Reçu {row.number_text} {row.name}", reference=row.number_text,
                  flowables=(Amounts(lines),), closing=closing)


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

