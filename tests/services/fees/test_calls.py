"""Call numbers: per year, never repeated nor skipped, with two connections at once or a
generation cancelled halfway; deleting a call."""

import threading
from datetime import date

import pytest
from sqlalchemy import select

from coorace_desktop.domain.enums import PaymentMethod
from coorace_desktop.domain.fees import FeeScale
from coorace_desktop.domain.organisations import MembershipFee
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.fees.calls import cancel_call, delete_call, generate_calls
from coorace_desktop.services.fees.payments import PaymentInput, record_payment
from coorace_desktop.services.fees.scale import ScaleInput, save_scale, start_year
from coorace_desktop.storage.database import open_database
from tests import fee_campaign as campaign


class Stop(Exception):
    pass


def numbers(database, year: int = campaign.YEAR) -> list[int]:
    with database.session() as session:
        return list(session.scalars(select(MembershipFee.number).where(MembershipFee.year == year, MembershipFee.number.is_not(None))))


def test_two_connections_calling_at_once_share_one_gapless_sequence(demo_database):
    members = campaign.prepare_scale(demo_database)
    other = open_database(demo_database.url)
    ids = [organisation_id for organisation_id, _ in members[campaign.WITHOUT_FIGURES:]]
    halves = (set(ids[::2]), set(ids[1::2]) | set(ids[:10]))  # ten members asked by both
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def call(database, wanted):
        try:
            barrier.wait()
            outcomes.append(generate_calls(database, campaign.YEAR, wanted, progress=lambda *_: None, batch=3))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=call, args=(database, wanted)) for database, wanted in zip((demo_database, other), halves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()
    assert errors == []
    assert sorted(numbers(demo_database)) == list(range(1, 49))
    assert sum(len(outcome.called) for outcome in outcomes) == 48
    with demo_database.session() as session:
        assert session.get(FeeScale, campaign.YEAR).last_number == 48


def test_a_generation_cancelled_halfway_numbers_only_what_was_done(demo_database):
    campaign.prepare_scale(demo_database)

    def cancel_after_two_batches(done, _total, _text):
        if done >= 20:
            raise Stop

    with pytest.raises(Stop):
        generate_calls(demo_database, campaign.YEAR, progress=cancel_after_two_batches, batch=10)
    assert sorted(numbers(demo_database)) == list(range(1, 21))
    outcome = generate_calls(demo_database, campaign.YEAR)
    assert (outcome.first_number, outcome.last_number, outcome.already) == (21, 48, 20)
    assert sorted(numbers(demo_database)) == list(range(1, 49))


def test_numbers_restart_each_year_and_a_new_year_copies_the_scale(demo_database):
    campaign.run_calls(demo_database)
    scale = start_year(demo_database, 2022)
    assert (scale.basis, scale.brackets, scale.minimum) == (campaign.SCALE.basis, campaign.SCALE.brackets, 200)
    save_scale(demo_database, ScaleInput(2022, minimum=250))
    generate_calls(demo_database, 2022, called_on=date(2022, 1, 10))
    assert sorted(numbers(demo_database, 2022)) == list(range(1, len(numbers(demo_database, 2022)) + 1))


def test_deleting_a_call_with_payments_or_in_the_middle_is_refused(demo_database):
    campaign.run_calls(demo_database)
    with demo_database.session() as session:
        fees = {fee.number: fee.id for fee in session.scalars(select(MembershipFee).where(MembershipFee.year == campaign.YEAR))}
    record_payment(demo_database, fees[51], PaymentInput("50", date(2021, 3, 1), PaymentMethod.CHEQUE))
    with pytest.raises(ValidationError, match="a 1 paiement : il ne peut pas être supprimé"):
        delete_call(demo_database, fees[51])
    with pytest.raises(ValidationError, match="Seul le dernier appel de 2021 \\(2021-051\\)"):
        delete_call(demo_database, fees[50])
    cancel_call(demo_database, fees[50], date(2021, 3, 2))
    with pytest.raises(ValidationError, match="annulé"):
        record_payment(demo_database, fees[50], PaymentInput("50", date(2021, 3, 1), PaymentMethod.CHEQUE))
    assert sorted(numbers(demo_database)) == list(range(1, 52))  # a cancelled call keeps its number
