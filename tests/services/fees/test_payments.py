"""Payments: bad amounts refused in French, an overpayment only once confirmed, a payment
from an organisation that has left accepted with a warning."""

from datetime import date

import pytest
from sqlalchemy import update

from coorace_desktop.domain.enums import FeeStatus, PaymentMethod
from coorace_desktop.domain.fee_rules import OverpaymentError
from coorace_desktop.domain.organisations import Membership
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.fees.fee_list import YEAR, list_fees
from coorace_desktop.services.fees.payments import PaymentInput, called_fee, payments_of, record_payment
from coorace_desktop.services.listing import ListQuery
from tests import fee_campaign as campaign


@pytest.fixture
def fee(demo_database):
    members = campaign.run_calls(demo_database)
    organisation_id = members[5][0]  # 500 € (18 people... see campaign.expected_amount)
    return organisation_id, called_fee(demo_database, organisation_id, campaign.YEAR), campaign.expected_amount(5)


@pytest.mark.parametrize(("typed", "message"), [
    ("-20", "ne peut pas être négatif"), ("abc", "« abc » n'est pas un nombre"), ("0", "supérieur à zéro"),
    ("12,50", "euros entiers"),
])
def test_bad_amounts_are_refused_in_french(demo_database, fee, typed, message):
    with pytest.raises(ValidationError, match=message):
        record_payment(demo_database, fee[1], PaymentInput(typed, date(2021, 3, 1), PaymentMethod.TRANSFER))
    assert payments_of(demo_database, fee[1]) == []


def test_partial_payments_then_an_overpayment_needs_confirming(demo_database, fee):
    organisation_id, fee_id, amount = fee
    record_payment(demo_database, fee_id, PaymentInput("100", date(2021, 3, 1), PaymentMethod.CHEQUE, "Chèque 1234567"))
    row = next(r for r in list_fees(demo_database, ListQuery(filters={YEAR: campaign.YEAR})) if r.id == organisation_id)
    assert (row.status, row.received, row.outstanding) == (FeeStatus.PARTIAL, 100, amount - 100)
    with pytest.raises(OverpaymentError, match=f"dépasse le reste dû \\({amount - 100}"):
        record_payment(demo_database, fee_id, PaymentInput(str(amount), date(2021, 3, 9), PaymentMethod.CHEQUE))
    record_payment(demo_database, fee_id, PaymentInput(str(amount), date(2021, 3, 9), PaymentMethod.CHEQUE), confirmed=True)
    row = next(r for r in list_fees(demo_database, ListQuery(filters={YEAR: campaign.YEAR})) if r.id == organisation_id)
    assert (row.status, row.received, row.outstanding, row.last_paid_on) == (FeeStatus.PAID, amount + 100, 0, date(2021, 3, 9))
    assert [p.reference for p in payments_of(demo_database, fee_id)] == ["Chèque 1234567", ""]


def test_a_payment_from_an_organisation_that_left_is_accepted_with_a_warning(demo_database, fee):
    organisation_id, fee_id, _ = fee
    with demo_database.session() as session:
        session.execute(update(Membership).where(Membership.organisation_id == organisation_id).values(left_on=date(2021, 2, 15)))
    warnings = record_payment(demo_database, fee_id, PaymentInput("50", date(2021, 3, 1), PaymentMethod.CASH))
    assert len(warnings) == 1 and "n'est plus adhérent au 01/03/2021" in warnings[0]
    assert [p.amount for p in payments_of(demo_database, fee_id)] == [50]


def test_an_organisation_with_payments_cannot_be_deleted(demo_database, fee):
    from coorace_desktop.services.members.organisations import MemberRefusal, deletion_question

    organisation_id, fee_id, _ = fee

    def refusal() -> str:
        try:
            deletion_question(demo_database, organisation_id)
        except MemberRefusal as error:
            return str(error)
        return ""

    assert "paiement" not in refusal()
    record_payment(demo_database, fee_id, PaymentInput("50", date(2021, 3, 1), PaymentMethod.CASH))
    assert "1 paiement de cotisation. Retirez d'abord ces références" in refusal()
