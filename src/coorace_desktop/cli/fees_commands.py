"""`fees`: the year's fees per organisation and their totals; `fees calls` numbers the year's
calls, `fees pay` records a payment, `fees reminders` records the reminders due today."""

import argparse
import json
import sys
from datetime import date

from coorace_desktop.cli.common import CommandError, database_parent, open_existing, open_for_reading, year_argument
from coorace_desktop.cli.governance_commands import french_date
from coorace_desktop.domain.enums import PaymentMethod

# --method as typed in French, without accents or case.
METHODS = {"virement": PaymentMethod.TRANSFER, "cheque": PaymentMethod.CHEQUE, "chèque": PaymentMethod.CHEQUE,
           "prelevement": PaymentMethod.DIRECT_DEBIT, "prélèvement": PaymentMethod.DIRECT_DEBIT,
           "especes": PaymentMethod.CASH, "espèces": PaymentMethod.CASH}


def method_argument(text: str) -> PaymentMethod:
    try:
        return METHODS[text.strip().lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"mode de paiement inconnu : {text} (virement, chèque, prélèvement ou espèces)") from None


def register(commands: argparse._SubParsersAction) -> None:
    fees = commands.add_parser(
        "fees", parents=[database_parent()], help="cotisations : état par adhérent et totaux, appels, paiements, relances"
    )
    fees.add_argument("--year", type=year_argument, default=None, help="année (défaut : l'année en cours)")
    fees.add_argument("--json", action="store_true", help="résultat en JSON")
    fees.set_defaults(run=run_status)
    actions = fees.add_subparsers(dest="fees_command", metavar="ACTION")
    calls = actions.add_parser("calls", parents=[database_parent()], help="appelle les cotisations de l'année non encore appelées")
    calls.add_argument("--year", type=year_argument, required=True)
    calls.add_argument("--date", type=french_date, default=None, metavar="JJ/MM/AAAA", help="date des appels (défaut : aujourd'hui)")
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
    reminders.set_defaults(run=run_reminders)


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


def run_calls(arguments: argparse.Namespace) -> int:
    from coorace_desktop.services.fees.calls import generate_calls

    with open_existing(arguments) as database:
        outcome = generate_calls(database, arguments.year, called_on=arguments.date)
    print(outcome.summary())
    return 0


def run_pay(arguments: argparse.Namespace) -> int:
    from coorace_desktop.domain.fee_rules import payment_amount
    from coorace_desktop.domain.french import whole_euros
    from coorace_desktop.services.fees.payments import PaymentInput, called_fee, find_organisation, record_payment

    amount = payment_amount(arguments.amount)
    with open_existing(arguments) as database:
        organisation_id, name = find_organisation(database, arguments.organisation)
        year = arguments.year or arguments.date.year
        fee_id = called_fee(database, organisation_id, year)
        payment = PaymentInput(amount, arguments.date, arguments.method, arguments.reference)
        warnings = record_payment(database, fee_id, payment, confirmed=arguments.confirm)
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
    return 0
