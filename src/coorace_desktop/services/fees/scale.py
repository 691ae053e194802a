"""A year's fee scale (barème): read, saved, copied from the previous year, and its preview
(each member's amount and the figure it used; the members lacking that figure named)."""

from dataclasses import dataclass, field, replace

from sqlalchemy import delete, select

from coorace_desktop.domain.enums import FeeBasis, SiaeType
from coorace_desktop.domain.fee_rules import ScaleRules, basis_figure, check_scale, compute_amount
from coorace_desktop.domain.fees import DEFAULT_REMINDER_TEXTS, FeeBracket, FeeScale, FeeTypeAmount
from coorace_desktop.domain.organisations import MembershipFee, Organisation, OrganisationType, YearlyFigures
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.domain.validation import year as check_year
from coorace_desktop.services.members.membership import year_members
from coorace_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class ScaleInput:
    """A year's scale as the dialog and the command line edit it."""

    year: int
    basis: FeeBasis = FeeBasis.NONE
    minimum: int = 0
    maximum: int | None = None
    type_amounts: dict[SiaeType, int] = field(default_factory=dict)
    brackets: tuple[tuple[float, int], ...] = ()
    due_days: int = 30
    reminder1_days: int = 15
    reminder1_text: str = DEFAULT_REMINDER_TEXTS[0]
    reminder2_days: int = 30
    reminder2_text: str = DEFAULT_REMINDER_TEXTS[1]
    saved: bool = False  # False: not recorded yet (a copy of the previous year's, or empty)
    copied_from: int | None = None

    @property
    def rules(self) -> ScaleRules:
        return ScaleRules(self.basis, self.minimum, self.maximum, dict(self.type_amounts), tuple(sorted(self.brackets)))


def get_scale(database: Database, year: int) -> ScaleInput:
    """The year's scale; when none is recorded, the latest earlier year's, copied (not saved)."""
    with database.session() as session:
        scale = session.get(FeeScale, year)
        source = scale or session.scalars(select(FeeScale).where(FeeScale.year < year).order_by(FeeScale.year.desc()).limit(1)).first()
        if source is None:
            return ScaleInput(year)
        types = dict(session.execute(select(FeeTypeAmount.siae_type, FeeTypeAmount.amount).where(FeeTypeAmount.year == source.year)).all())
        brackets = tuple((bound, amount) for bound, amount in session.execute(
            select(FeeBracket.lower_bound, FeeBracket.amount).where(FeeBracket.year == source.year).order_by(FeeBracket.lower_bound)
        ).all())
    return ScaleInput(
        year=year, basis=FeeBasis(source.basis), minimum=source.minimum, maximum=source.maximum,
        type_amounts={SiaeType(t): amount for t, amount in types.items()}, brackets=brackets,
        due_days=source.due_days, reminder1_days=source.reminder1_days, reminder1_text=source.reminder1_text,
        reminder2_days=source.reminder2_days, reminder2_text=source.reminder2_text,
        saved=scale is not None, copied_from=None if scale is not None else source.year,
    )


def check_delays(scale: ScaleInput) -> None:
    for days in (scale.due_days, scale.reminder1_days, scale.reminder2_days):
        if not 0 <= days <= 366:
            raise ValidationError("Un délai se compte en jours, de 0 à 366.")
    if not scale.reminder1_text.strip() or not scale.reminder2_text.strip():
        raise ValidationError("Chaque niveau de relance a besoin de son texte.")


def save_scale(database: Database, scale: ScaleInput) -> None:
    """Record the year's scale (its call numbering is kept)."""
    check_year(scale.year)
    check_scale(scale.rules)
    check_delays(scale)
    with database.session() as session:
        row = session.get(FeeScale, scale.year) or FeeScale(year=scale.year)
        row.basis, row.minimum, row.maximum, row.due_days = scale.basis, scale.minimum, scale.maximum, scale.due_days
        row.reminder1_days, row.reminder1_text = scale.reminder1_days, scale.reminder1_text.strip()
        row.reminder2_days, row.reminder2_text = scale.reminder2_days, scale.reminder2_text.strip()
        session.add(row)
        session.flush()
        session.execute(delete(FeeTypeAmount).where(FeeTypeAmount.year == scale.year))
        session.execute(delete(FeeBracket).where(FeeBracket.year == scale.year))
        session.add_all(FeeTypeAmount(year=scale.year, siae_type=t, amount=a) for t, a in scale.type_amounts.items())
        session.add_all(FeeBracket(year=scale.year, lower_bound=bound, amount=a) for bound, a in sorted(scale.brackets))


def start_year(database: Database, year: int) -> ScaleInput:
    """Record the year's scale as a copy of the previous one (nothing when it already has one)."""
    scale = get_scale(database, year)
    if not scale.saved:
        save_scale(database, scale)
    return replace(scale, saved=True)


@dataclass(frozen=True, slots=True)
class PreviewLine:
    """A member's fee for the year: by the scale (`computed`, from `figure`), or typed (`manual`)."""

    organisation_id: int
    name: str
    types: tuple[SiaeType, ...]
    figure: float | None
    computed: int | None  # None: the scale needs a figure the member lacks
    manual: int | None
    manual_reason: str
    number: int | None  # already called

    @property
    def amount(self) -> int | None:
        return self.manual if self.manual is not None else self.computed

    @property
    def missing_figure(self) -> bool:
        return self.amount is None


def preview(database: Database, year: int) -> list[PreviewLine]:
    """Every member of the year with the amount the scale gives (or the manual one), by name."""
    rules = get_scale(database, year).rules
    with database.session() as session:
        members = session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_(year_members(year))).order_by(Organisation.name_key)
        ).all()
        types: dict[int, list[SiaeType]] = {}
        for organisation_id, siae_type in session.execute(
            select(OrganisationType.organisation_id, OrganisationType.siae_type).where(OrganisationType.organisation_id.in_(year_members(year)))
        ):
            types.setdefault(organisation_id, []).append(SiaeType(siae_type))
        figures = {
            row.organisation_id: basis_figure(rules.basis, row.turnover, row.insertion_employees, row.permanent_staff, row.fte)
            for row in session.execute(
                select(YearlyFigures.organisation_id, YearlyFigures.turnover, YearlyFigures.insertion_employees,
                       YearlyFigures.permanent_staff, YearlyFigures.fte)
                .where(YearlyFigures.year == year - 1, YearlyFigures.organisation_id.in_(year_members(year)))
            )
        }
        fees = {
            row.organisation_id: row
            for row in session.execute(
                select(MembershipFee.organisation_id, MembershipFee.amount, MembershipFee.manual_reason, MembershipFee.number)
                .where(MembershipFee.year == year)
            )
        }
    lines = []
    for organisation_id, name in members:
        own_types = tuple(t for t in SiaeType if t in types.get(organisation_id, ()))
        computed = compute_amount(rules, own_types, figures.get(organisation_id))
        fee = fees.get(organisation_id)
        manual = fee.amount if fee is not None and fee.manual_reason else None
        lines.append(PreviewLine(
            organisation_id, name, own_types, computed.figure, computed.amount, manual,
            fee.manual_reason if fee is not None else "", fee.number if fee is not None else None,
        ))
    return lines


def set_manual_amount(database: Database, organisation_id: int, year: int, amount: int | None, reason: str = "") -> None:
    """Override the scale for one member and year with `amount`, saying why; None goes back to
    the scale (for a fee not called yet)."""
    check_year(year)
    reason = " ".join(reason.split())
    with database.session() as session:
        fee = session.scalars(select(MembershipFee).where(MembershipFee.organisation_id == organisation_id, MembershipFee.year == year)).first()
        if amount is None:
            if fee is not None and fee.number is None:
                session.delete(fee)
            elif fee is not None:
                raise ValidationError("Cette cotisation est déjà appelée : saisissez un montant.")
            return
        if amount < 0:
            raise ValidationError("Le montant ne peut pas être négatif.")
        if not reason:
            raise ValidationError("Donnez la raison du montant saisi à la main (elle est gardée avec la cotisation).")
        if session.get(Organisation, organisation_id) is None:
            raise ValidationError("Cet adhérent n'existe plus : il a peut-être été supprimé entre-temps.")
        fee = fee or MembershipFee(organisation_id=organisation_id, year=year)
        fee.amount, fee.manual_reason = amount, reason
        session.add(fee)
