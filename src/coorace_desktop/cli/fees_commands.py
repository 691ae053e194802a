"""`fees`: the year's fees per organisation and their totals; `fees calls` numbers the year's
calls, `fees pay` records a payment, `fees reminders` records the reminders due today."""

import argparse
import json
import sys
from datetime import date

from coorace_desktop.cli.common import CommandError, database_parent, open_existing, open_for_reading, year_argument
from coorace_desktop.cli.governance_commands import french_date
from coorace_desktop.domain.enums import FeeBasis, FeeLetterKind, PaymentMethod, SiaeType

# --method as typed in French, without accents or case.
METHODS = {"virement": PaymentMethod.TRANSFER, "cheque": PaymentMethod.CHEQUE, "chèque": PaymentMethod.CHEQUE,
           "prelevement": PaymentMethod.DIRECT_DEBIT, "prélèvement": PaymentMethod.DIRECT_DEBIT,
           "especes": PaymentMethod.CASH, "espèces": PaymentMethod.CASH}


def method_argument(text: str) -> PaymentMethod:
    try:
        return METHODS[text.strip().lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"mode de paiement inconnu : {text} (virement, chèque, prélèvement ou espèces)") from None


LETTERS_HELP = "les courriers : un PDF par adhérent dans le DOSSIER, ou tous dans un FICHIER.pdf"


def write_letters_to(database, kind: FeeLetterKind, year: int, organisation_ids, output: str, on: date | None = None) -> None:
    """The letters of `kind` into `output`: one combined PDF for a name ending in .pdf, else one per organisation in that folder."""
    from pathlib import Path

    from coorace_desktop.report.fee_letters import describe, write_fee_letters

    target = Path(output)
    per_file = target.suffix.lower() != ".pdf"
    result = write_fee_letters(database, kind, year, organisation_ids, target, per_file=per_file, on=on)
    print(f"Courriers écrits : {describe(result, kind)}")


def pair_argument(text: str) -> tuple[str, int]:
    key, _, amount = text.partition(":")
    try:
        return key.strip(), int(amount)
    except ValueError:
        raise argparse.ArgumentTypeError(f"attendu VALEUR:MONTANT en euros entiers, pas « {text} »") from None


def register(commands: argparse._SubParsersAction) -> None:
    fees = commands.add_parser(
        "fees", parents=[database_parent()], help="cotisations : état par adhérent et totaux, appels, paiements, relances"
    )
    fees.add_argument("--year", type=year_argument, default=None, help="année (défaut : l'année en cours)")
    fees.add_argument("--json", action="store_true", help="résultat en JSON")
    fees.set_defaults(run=run_status)
    actions = fees.add_subparsers(dest="fees_command", metavar="ACTION")
    scale = actions.add_parser("scale", parents=[database_parent()], help="enregistre le barème de l'année et affiche son aperçu")
    scale.add_argument("--year", type=year_argument, required=True)
    scale.add_argument("--basis", choices=[basis.value for basis in FeeBasis], default=None,
                       help="chiffre de l'année précédente des tranches : turnover (CA), headcount (salariés), fte (ETP) ; none : sans tranches")
    scale.add_argument("--bracket", action="append", type=pair_argument, default=None, metavar="SEUIL:MONTANT",
                       help="une tranche : à partir de SEUIL, MONTANT euros (répéter l'option)")
    scale.add_argument("--type", dest="types", action="append", type=pair_argument, default=None, metavar="TYPE:MONTANT",
                       help="montant fixe d'un conventionnement, par exemple ACI:150 (répéter l'option)")
    scale.add_argument("--minimum", type=int, default=None)
    scale.add_argument("--maximum", type=int, default=None)
    scale.set_defaults(run=run_scale)
    calls = actions.add_parser("calls", parents=[database_parent()], help="appelle les cotisations de l'année non encore appelées")
    calls.add_argument("--year", type=year_argument, required=True)
    calls.add_argument("--date", type=french_date, default=None, metavar="JJ/MM/AAAA", help="date des appels (défaut : aujourd'hui)")
    calls.add_argument("-o", "--output", default=None, metavar="DOSSIER|FICHIER.pdf", help=LETTERS_HELP)
    calls.set_defaults(run=run_calls)
    pay = actions.add_parser("pay", parents=[database_parent()], help="enregistre un paiement")
    pay.add_argument("organisation", metavar="ORGANISATION", help="nom (ou numéro) de l'adhérent")
    pay.add_argument("amount", metavar="MONTANT", help="montant en euros")
    pay.add_argument("--date", type=french_date, required=True, metavar="JJ/MM/AAAA")
    pay.add_argument("--method", type=method_argument, required=True, metavar="MODE", help="virement, chèque, prélèvement ou espèces")
    pay.add_argument("--reference", default="", help="numéro de chèque, libellé du virement…")
    pay.add_argument("--year", type=year_argument, default=None, help="année de la cotisation (défaut : celle de la date)")
    pay.add_argument("--confirm", action="store_true", help="accepter un paiement supérieur au reste dû")
    pay.set_defaults(run=run_pay)
    reminders = actions.add_parser("reminders", parents=[database_parent()], help="enregistre les relances dues aujourd'hui")
    reminders.add_argument("--year", type=year_argument, required=True)
    reminders.add_argument("--date", type=french_date, default=None, metavar="JJ/MM/AAAA", help="jour des relances (défaut : aujourd'hui)")
    reminders.add_argument("--dry-run", action="store_true", help="lister sans enregistrer")
    reminders.add_argument("-o", "--output", default=None, metavar="DOSSIER|FICHIER.pdf", help=LETTERS_HELP)
    reminders.set_defaults(run=run_reminders)
    receipts = actions.add_parser("receipts", parents=[database_parent()], help="attestations d'adhésion et de paiement des cotisations payées")
    receipts.add_argument("--year", type=year_argument, required=True)
    receipts.add_argument("-o", "--output", required=True, metavar="DOSSIER|FICHIER.pdf", help=LETTERS_HELP)
    receipts.set_defaults(run=run_receipts)


def run_status(arguments: argparse.Namespace) -> int:
    from coorace_desktop.services.fees.fee_list import YEAR, fee_totals, list_fees
    from coorace_desktop.services.listing import ListQuery

    year = arguments.year or date.today().year
    query = ListQuery(filters={YEAR: year})
    with open_for_reading(arguments) as database:
        rows, totals = list_fees(database, query), fee_totals(database, query)
    if arguments.json:
        print(json.dumps({
            "year": year,
            "totals": {"called": totals.called, "received": totals.received, "outstanding": totals.outstanding,
                       "calls": totals.calls, "unpaid": totals.unpaid},
            "organisations": [
                {"id": row.id, "name": row.name, "status": row.status.value, "status_text": row.status_text,
                 "number": row.number_text or None, "amount": row.amount, "received": row.received,
                 "outstanding": row.outstanding, "reminder_level": row.reminder_level,
                 "due_on": row.due_on.isoformat() if row.due_on else None, "left": row.left}
                for row in rows
            ],
        }, ensure_ascii=False))
        return 0
    from coorace_desktop.domain.french import whole_euros

    print(f"Cotisations {year} : {whole_euros(totals.called)} appelés, {whole_euros(totals.received)} reçus, "
          f"{whole_euros(totals.outstanding)} restant dû")
    for row in rows:
        amount = "" if row.amount is None else f"  {whole_euros(row.amount)}, reçu {whole_euros(row.received)}"
        print(f"  {row.number_text or '—':>9}  {row.name} : {row.status_text}{amount}")
    return 0


def run_scale(arguments: argparse.Namespace) -> int:
    """Changes what the options give (the rest as recorded, or as copied from the previous year), then the preview."""
    from dataclasses import replace

    from coorace_desktop.domain.french import number, whole_euros
    from coorace_desktop.services.fees.scale import get_scale, preview, save_scale

    with open_existing(arguments) as database:
        scale = get_scale(database, arguments.year)
        changes = {name: getattr(arguments, name) for name in ("minimum", "maximum") if getattr(arguments, name) is not None}
        if arguments.basis:
            changes["basis"] = FeeBasis(arguments.basis)
            if changes["basis"] is FeeBasis.NONE:
                changes["brackets"] = ()  # no figure: no brackets
        if arguments.bracket is not None:
            changes["brackets"] = tuple((float(bound.replace(",", ".")), amount) for bound, amount in arguments.bracket)
        if arguments.types is not None:
            known = {siae_type.label.lower(): siae_type for siae_type in SiaeType} | {t.value.lower(): t for t in SiaeType}
            unknown = [name for name, _ in arguments.types if name.lower() not in known]
            if unknown:
                raise CommandError(f"Conventionnement inconnu : {', '.join(unknown)}. Les conventionnements possibles : "
                                   f"{', '.join(t.label for t in SiaeType)}.")
            changes["type_amounts"] = {known[name.lower()]: amount for name, amount in arguments.types}
        save_scale(database, replace(scale, **changes))
        lines = preview(database, arguments.year)
    if scale.copied_from:
        print(f"Barème {arguments.year} repris de {scale.copied_from}.")
    for line in lines:
        figure = "" if line.figure is None else f" (chiffre {arguments.year - 1} : {number(line.figure)})"
        amount = "sans le chiffre du barème" if line.amount is None else whole_euros(line.amount)
        reason = f", montant saisi : {line.manual_reason}" if line.manual_reason else ""
        print(f"  {line.name} : {amount}{figure}{reason}")
    missing = [line.name for line in lines if line.missing_figure]
    if missing:
        print(f"Sans le chiffre du barème (ne seront pas appelés) : {', '.join(missing)}")
    return 0


def run_calls(arguments: argparse.Namespace) -> int:
    from coorace_desktop.services.fees.calls import generate_calls

    with open_existing(arguments) as database:
        outcome = generate_calls(database, arguments.year, called_on=arguments.date)
        print(outcome.summary())
        if arguments.output and outcome.called:
            write_letters_to(database, FeeLetterKind.CALL, arguments.year, outcome.organisation_ids, arguments.output, arguments.date)
    return 0


def run_pay(arguments: argparse.Namespace) -> int:
    from coorace_desktop.domain.fee_rules import OverpaymentError, payment_amount
    from coorace_desktop.domain.french import whole_euros
    from coorace_desktop.services.fees.payments import PaymentInput, called_fee, find_organisation, record_payment

    amount = payment_amount(arguments.amount)
    with open_existing(arguments) as database:
        organisation_id, name = find_organisation(database, arguments.organisation)
        year = arguments.year or arguments.date.year
        fee_id = called_fee(database, organisation_id, year)
        payment = PaymentInput(amount, arguments.date, arguments.method, arguments.reference)
        try:
            warnings = record_payment(database, fee_id, payment, confirmed=arguments.confirm)
        except OverpaymentError as error:
            raise CommandError(f"{error} Ajoutez --confirm pour l'enregistrer.") from None
    for warning in warnings:
        print(f"Attention : {warning}", file=sys.stderr)
    print(f"Paiement enregistré : {name}, cotisation {year}, {whole_euros(amount)} le {arguments.date:%d/%m/%Y} "
          f"({arguments.method.label.lower()}).")
    return 0


def run_reminders(arguments: argparse.Namespace) -> int:
    from coorace_desktop.domain.french import plural, whole_euros
    from coorace_desktop.services.fees.reminders import due_reminders, record_reminders

    today = arguments.date or date.today()
    opener = open_for_reading if arguments.dry_run else open_existing
    with opener(arguments) as database:
        due = due_reminders(database, arguments.year, today)
        if not due:
            raise CommandError(f"Aucune relance à faire le {today:%d/%m/%Y} pour les cotisations {arguments.year}.")
        if not arguments.dry_run:
            record_reminders(database, due, today)
        verb = "à faire" if arguments.dry_run else "enregistrées"
        print(f"{plural(len(due), 'relance', 'relances')} {verb} le {today:%d/%m/%Y} :")
        for reminder in due:
            print(f"  niveau {reminder.level}  {reminder.fee.number_text}  {reminder.fee.name} : reste {whole_euros(reminder.balance)}")
        if arguments.output and not arguments.dry_run:
            write_letters_to(database, FeeLetterKind.REMINDER, arguments.year, [reminder.fee.id for reminder in due], arguments.output, today)
    return 0


def run_receipts(arguments: argparse.Namespace) -> int:
    with open_for_reading(arguments) as database:
        write_letters_to(database, FeeLetterKind.RECEIPT, arguments.year, None, arguments.output)
    return 0
