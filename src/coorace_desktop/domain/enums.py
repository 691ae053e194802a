"""Closed vocabularies of the domain, with the French label of each value kept here only."""

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry the French label shown to users."""

    @property
    def label(self) -> str:
        return LABELS[self]

    @classmethod
    def from_label(cls, label: str) -> "LabelledEnum":
        for member in cls:
            if member.label == label:
                return member
        raise ValueError(f"{label!r} n'est pas une valeur connue")


class SiaeType(LabelledEnum):
    AI = "AI"
    ACI = "ACI"
    EI = "EI"
    ETTI = "ETTI"
    EITI = "EITI"
    GES = "GES"
    PS = "PS"


class BureauRole(LabelledEnum):
    PRESIDENT = "president"
    VICE_PRESIDENT = "vice_president"
    TREASURER = "treasurer"
    DEPUTY_TREASURER = "deputy_treasurer"
    SECRETARY = "secretary"
    MEMBER = "member"


class OfficeForm(LabelledEnum):
    """The grammatical form of an office's title, chosen when the office is given (persons have no gender)."""

    MASCULINE = "masculine"
    FEMININE = "feminine"


class AssemblyKind(LabelledEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"


class ActionKind(LabelledEnum):
    INDIVIDUAL_SUPPORT = "individual_support"
    TRAINING = "training"
    DIAGNOSIS = "diagnosis"
    AUDIT = "audit"
    PRACTICE_GROUP = "practice_group"
    ADVICE = "advice"
    AWARENESS = "awareness"
    FOLLOW_UP = "follow_up"


class ActionOutcome(LabelledEnum):
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CERTIFIED = "certified"
    ABANDONED = "abandoned"


class TerritoryStage(LabelledEnum):
    INTERESTED = "interested"
    EMERGING = "emerging"
    AUTHORISED = "authorised"


class ProjectHolderStatus(LabelledEnum):
    CONTACT = "contact"
    SUPPORTED = "supported"
    CONVERTED = "converted"
    ABANDONED = "abandoned"


class EventStatus(LabelledEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class Organiser(LabelledEnum):
    DELEGATION = "delegation"
    FEDERATION = "federation"
    PARTNER = "partner"


class ResourceKind(LabelledEnum):
    SERVICES = "services"
    SUBSIDIES = "subsidies"
    FEES = "fees"
    OTHER = "other"


class MembershipStatus(LabelledEnum):
    ACTIVE = "active"
    FORMER = "former"
    PROSPECT = "prospect"


class FeeStatus(LabelledEnum):
    PAID = "paid"
    DUE = "due"
    NOT_CALLED = "not_called"


LABELS: dict[LabelledEnum, str] = {
    SiaeType.AI: "AI",
    SiaeType.ACI: "ACI",
    SiaeType.EI: "EI",
    SiaeType.ETTI: "ETTI",
    SiaeType.EITI: "EITI",
    SiaeType.GES: "GES",
    SiaeType.PS: "P'S",
    # An office's title: these when its form is not known (offices given before forms existed);
    # else office_title() in the holder's form.
    BureauRole.PRESIDENT: "Président·e",
    BureauRole.VICE_PRESIDENT: "Vice-président·e",
    BureauRole.TREASURER: "Trésorier·ère",
    BureauRole.DEPUTY_TREASURER: "Trésorier·ère adjoint·e",
    BureauRole.SECRETARY: "Secrétaire",
    BureauRole.MEMBER: "Membre",
    OfficeForm.MASCULINE: "au masculin",
    OfficeForm.FEMININE: "au féminin",
    AssemblyKind.ORDINARY: "Ordinaire",
    AssemblyKind.EXTRAORDINARY: "Extraordinaire",
    ActionKind.INDIVIDUAL_SUPPORT: "Accompagnement individuel",
    ActionKind.TRAINING: "Formation",
    ActionKind.DIAGNOSIS: "Diagnostic / autodiagnostic",
    ActionKind.AUDIT: "Audit",
    ActionKind.PRACTICE_GROUP: "Groupe d'échange de pratiques",
    ActionKind.ADVICE: "Conseil",
    ActionKind.AWARENESS: "Sensibilisation",
    ActionKind.FOLLOW_UP: "Suivi",
    ActionOutcome.IN_PROGRESS: "En cours",
    ActionOutcome.DONE: "Terminé",
    ActionOutcome.CERTIFIED: "Certifié",
    ActionOutcome.ABANDONED: "Abandonné",
    TerritoryStage.INTERESTED: "Territoire intéressé",
    TerritoryStage.EMERGING: "Projet émergent",
    TerritoryStage.AUTHORISED: "Territoire habilité",
    ProjectHolderStatus.CONTACT: "Premier contact",
    ProjectHolderStatus.SUPPORTED: "Accompagné",
    ProjectHolderStatus.CONVERTED: "Devenu adhérent",
    ProjectHolderStatus.ABANDONED: "Abandonné",
    EventStatus.PLANNED: "Prévu",
    EventStatus.DONE: "Réalisé",
    EventStatus.CANCELLED: "Annulé",
    Organiser.DELEGATION: "Coorace Occitanie",
    Organiser.FEDERATION: "Fédération Coorace",
    Organiser.PARTNER: "Partenaire",
    ResourceKind.SERVICES: "Prestations",
    ResourceKind.SUBSIDIES: "Subventions",
    ResourceKind.FEES: "Cotisations",
    ResourceKind.OTHER: "Autres",
    MembershipStatus.ACTIVE: "Adhérent",
    MembershipStatus.FORMER: "Ancien adhérent",
    MembershipStatus.PROSPECT: "Non adhérent",
    FeeStatus.PAID: "Payée",
    FeeStatus.DUE: "Non payée",
    FeeStatus.NOT_CALLED: "Non appelée",
}

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
