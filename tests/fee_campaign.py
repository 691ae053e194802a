"""The done-when campaign on the demo data, shared by the service, command-line and window tests:
a 2021 scale of three brackets of the 2020 headcount; three members without figures get a
manual amount; 51 calls; 10 payments, two of them partial."""

from datetime import date

from sqlalchemy import insert, select

from coorace_desktop.domain.enums import FeeBasis, PaymentMethod
from coorace_desktop.domain.organisations import Organisation, YearlyFigures
from coorace_desktop.services.fees.calls import generate_calls
from coorace_desktop.services.fees.payments import PaymentInput, called_fee, record_payment
from coorace_desktop.services.fees.scale import ScaleInput, save_scale, set_manual_amount
from coorace_desktop.services.members.membership import year_members

YEAR = 2021
SCALE = ScaleInput(YEAR, FeeBasis.HEADCOUNT, minimum=200, maximum=1500, brackets=((0, 250), (20, 500), (60, 900)))
WITHOUT_FIGURES = 3
CALLED_ON = date(2021, 2, 1)  # due 30 days later (3 March), level-1 reminders 15 days after that
REMINDERS_DAY = date(2021, 3, 20)


def members_by_name(database) -> list[tuple[int, str]]:
    with database.session() as session:
        return [(organisation_id, name) for organisation_id, name in session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_(year_members(YEAR))).order_by(Organisation.name_key)
        )]


def headcount(position: int) -> int:
    """The 2020 headcount given to the member at `position`: 5, 18, 31… across the brackets."""
    return 5 + (position * 13) % 90


def expected_amount(position: int) -> int:
    if position < WITHOUT_FIGURES:
        return 300 + position
    people = headcount(position)
    return 900 if people >= 60 else 500 if people >= 20 else 250


def prepare_scale(database) -> list[tuple[int, str]]:
    """The scale, the members' 2020 figures (not for the first three by name), their manual amounts."""
    members = members_by_name(database)
    with database.session() as session:
        session.execute(insert(YearlyFigures), [
            {"organisation_id": organisation_id, "year": YEAR - 1, "insertion_employees": headcount(n) - 2, "permanent_staff": 2,
             "source": ""}
            for n, (organisation_id, _) in enumerate(members) if n >= WITHOUT_FIGURES
        ])
    save_scale(database, SCALE)
    return members


def run_calls(database) -> list[tuple[int, str]]:
    members = prepare_scale(database)
    for n, (organisation_id, _) in enumerate(members[:WITHOUT_FIGURES]):
        set_manual_amount(database, organisation_id, YEAR, 300 + n, "Pas de chiffres 2020 : forfait du bureau")
    generate_calls(database, YEAR, called_on=CALLED_ON)
    return members


# (position by name, amount paid or None for the whole fee): 8 paid in full, 2 partially.
PAYMENTS = [(n, None) for n in (3, 6, 9, 12, 15, 18, 21, 24)] + [(30, 100), (33, 150)]


def record_payments(database, members) -> None:
    for n, part in PAYMENTS:
        organisation_id = members[n][0]
        amount = part if part is not None else expected_amount(n)
        record_payment(database, called_fee(database, organisation_id, YEAR),
                       PaymentInput(str(amount), date(2021, 3, 1), PaymentMethod.TRANSFER, f"VIR {n}"))
