"""Closed vocabularies of the domain, with the French label of each value kept here only."""

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members are written `NAME = "value", "French label"`.

    Each member keeps its own label: members of two enums with the same value ("done" is both
    an action's "Terminé" and an event's "Réalisé") compare equal as strings, so a dict keyed
    by members would mix them up."""

    label: str

    def __new__(cls, value: str, label: str) -> "LabelledEnum":
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class SiaeType(LabelledEnum):
    AI = "AI", "AI"
    ACI = "ACI", "ACI"
    EI = "EI", "EI"
    ETTI = "ETTI", "ETTI"
    EITI = "EITI", "EITI"
    GES = "GES", "GES"
    PS = "PS", "P'S"


class DatePrecision(LabelledEnum):
    """How much of a date was known: a year alone, a month, or the day."""

    YEAR = "year", "Année seule"
    MONTH = "month", "Mois et année"
    DAY = "day", "Jour"


class BureauRole(LabelledEnum):
    # An office's title when its form is not known (offices given before forms existed); else
    # office_title() in the holder's form.
    PRESIDENT = "president", "Président·e"
    VICE_PRESIDENT = "vice_president", "Vice-président·e"
    TREASURER = "treasurer", "Trésorier·ère"
    DEPUTY_TREASURER = "deputy_treasurer", "Trésorier·ère adjoint·e"
    SECRETARY = "secretary", "Secrétaire"
    MEMBER = "member", "Membre"


class OfficeForm(LabelledEnum):
    """The grammatical form of an office's title, chosen when the office is given (persons have no gender)."""

    MASCULINE = "masculine", "au masculin"
    FEMININE = "feminine", "au féminin"


class AssemblyKind(LabelledEnum):
    ORDINARY = "ordinary", "Ordinaire"
    EXTRAORDINARY = "extraordinary", "Extraordinaire"


class ActionKind(LabelledEnum):
    INDIVIDUAL_SUPPORT = "individual_support", "Accompagnement individuel"
    TRAINING = "training", "Formation"
    DIAGNOSIS = "diagnosis", "Diagnostic / autodiagnostic"
    AUDIT = "audit", "Audit"
    PRACTICE_GROUP = "practice_group", "Groupe d'échange de pratiques"
    ADVICE = "advice", "Conseil"
    AWARENESS = "awareness", "Sensibilisation"
    FOLLOW_UP = "follow_up", "Suivi"


class ActionOutcome(LabelledEnum):
    IN_PROGRESS = "in_progress", "En cours"
    DONE = "done", "Terminé"
    CERTIFIED = "certified", "Certifié"
    ABANDONED = "abandoned", "Abandonné"


class TerritoryStage(LabelledEnum):
    INTERESTED = "interested", "Territoire intéressé"
    EMERGING = "emerging", "Projet émergent"
    AUTHORISED = "authorised", "Territoire habilité"


class ProjectHolderStatus(LabelledEnum):
    CONTACT = "contact", "Premier contact"
    SUPPORTED = "supported", "Accompagné"
    CONVERTED = "converted", "Devenu adhérent"
    ABANDONED = "abandoned", "Abandonné"


class EventStatus(LabelledEnum):
    PLANNED = "planned", "Prévu"
    DONE = "done", "Réalisé"
    CANCELLED = "cancelled", "Annulé"


class AttendanceStatus(LabelledEnum):
    """A registered person's attendance at one session of an event."""

    REGISTERED = "registered", "Inscrit·e"
    PRESENT = "present", "Présent·e"
    ABSENT = "absent", "Absent·e"
    EXCUSED = "excused", "Excusé·e"


class Organiser(LabelledEnum):
    DELEGATION = "delegation", "Coorace Occitanie"
    FEDERATION = "federation", "Fédération Coorace"
    PARTNER = "partner", "Partenaire"


class ResourceKind(LabelledEnum):
    SERVICES = "services", "Prestations"
    SUBSIDIES = "subsidies", "Subventions"
    FEES = "fees", "Cotisations"
    OTHER = "other", "Autres"


class MembershipStatus(LabelledEnum):
    ACTIVE = "active", "Adhérent"
    FORMER = "former", "Ancien adhérent"
    PROSPECT = "prospect", "Non adhérent"


class FeeStatus(LabelledEnum):
    """Where an organisation's fee of a year stands (domain/fee_rules.fee_status)."""

    NOT_CALLED = "not_called", "Non appelée"
    CALLED = "called", "Appelée"
    REMINDED = "reminded", "Relancée"
    PARTIAL = "partial", "Payée partiellement"
    PAID = "paid", "Payée"
    CANCELLED = "cancelled", "Annulée"


class PaymentMethod(LabelledEnum):
    TRANSFER = "transfer", "Virement"
    CHEQUE = "cheque", "Chèque"
    DIRECT_DEBIT = "direct_debit", "Prélèvement"
    CASH = "cash", "Espèces"
    # Payments recorded before the fee campaign (a date only, migration 0010): never offered.
    UNKNOWN = "unknown", "Non précisé"


class FeeLetterKind(LabelledEnum):
    """The fee campaign's letters (report/fee_letters.py)."""

    CALL = "call", "Appels de cotisation"
    REMINDER = "reminder", "Relances"
    RECEIPT = "receipt", "Reçus (attestations)"


class FeeBasis(LabelledEnum):
    """The member's figure of the previous year a fee scale's brackets read."""

    NONE = "none", "Aucun (montant fixe)"
    TURNOVER = "turnover", "Chiffre d'affaires (€)"
    HEADCOUNT = "headcount", "Salariés (insertion et permanents)"
    FTE = "fte", "ETP"


OFFICE_TITLES: dict[BureauRole, tuple[str, str]] = {  # (masculine, feminine)
    BureauRole.PRESIDENT: ("Président", "Présidente"),
    BureauRole.VICE_PRESIDENT: ("Vice-président", "Vice-présidente"),
    BureauRole.TREASURER: ("Trésorier", "Trésorière"),
    BureauRole.DEPUTY_TREASURER: ("Trésorier adjoint", "Trésorière adjointe"),
    BureauRole.SECRETARY: ("Secrétaire", "Secrétaire"),
    BureauRole.MEMBER: ("Membre", "Membre"),
}


def office_title(role: BureauRole | str, form: OfficeForm | str | None) -> str:
    """« Présidente » for a president in the feminine; the inclusive « Président·e » when no form is known."""
    role = BureauRole(role)
    if form is None:
        return role.label
    masculine, feminine = OFFICE_TITLES[role]
    return feminine if OfficeForm(form) is OfficeForm.FEMININE else masculine


SIAE_TYPE_NAMES: dict[SiaeType, str] = {
    SiaeType.AI: "Association intermédiaire",
    SiaeType.ACI: "Atelier et chantier d'insertion",
    SiaeType.EI: "Entreprise d'insertion",
    SiaeType.ETTI: "Entreprise de travail temporaire d'insertion",
    SiaeType.EITI: "Entreprise d'insertion par le travail indépendant",
    SiaeType.GES: "Groupement économique solidaire",
    SiaeType.PS: "Proxim'Services",
}
