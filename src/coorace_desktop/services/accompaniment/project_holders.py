"""Project holders (porteurs de projet): the list, create / edit / delete, and their conversion
into a member organisation, which keeps their support actions as their history."""

from dataclasses import asdict, dataclass, fields
from datetime import date

from sqlalchemy import delete, func, insert, select, update

from coorace_desktop.domain.accompaniment import ProjectHolder, SupportAction
from coorace_desktop.domain.accompaniment_rules import ProjectHolderDraft, clean_project_holder
from coorace_desktop.domain.enums import ProjectHolderStatus
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.members import ContactDraft, MembershipDraft, OrganisationDraft
from coorace_desktop.domain.organisations import Organisation
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import DeletedMeanwhileError, ValidationError
from coorace_desktop.services.accompaniment.common import count_rows, enum_labels, equal_filters, label_order
from coorace_desktop.services.listing import ListQuery, apply_search, apply_sort
from coorace_desktop.services.members import organisations as members
from coorace_desktop.storage.database import Database

_DRAFT_FIELDS = tuple(field.name for field in fields(ProjectHolderDraft))


class ProjectHolderNotFoundError(DeletedMeanwhileError):
    message = "Ce porteur de projet n'existe plus : il a peut-être été supprimé entre-temps."


@dataclass(frozen=True, slots=True)
class ProjectHolderRow:
    id: int
    name: str
    contact_name: str
    project: str
    territory: str
    department: str
    status: ProjectHolderStatus
    organisation: str
    actions: int


def _actions_count():
    return (
        select(func.count()).where(SupportAction.project_holder_id == ProjectHolder.id).scalar_subquery()
    )


def _list_statement(query: ListQuery):
    actions = _actions_count()
    statement = (
        select(
            ProjectHolder.id, ProjectHolder.name, ProjectHolder.contact_name, ProjectHolder.project,
            ProjectHolder.territory, ProjectHolder.department, ProjectHolder.status, Organisation.name, actions,
        )
        .select_from(ProjectHolder)
        .outerjoin(Organisation, Organisation.id == ProjectHolder.organisation_id)
    )
    statement = apply_search(statement, ProjectHolder.name_key, query.search)
    statement = equal_filters(statement, query, {"status": ProjectHolder.status, "department": ProjectHolder.department})
    return statement, actions


def count_project_holders(database: Database, query: ListQuery) -> int:
    return count_rows(database, _list_statement(query)[0])


def project_holder_page(database: Database, query: ListQuery, offset: int, limit: int) -> list[ProjectHolderRow]:
    statement, actions = _list_statement(query)
    sort_columns = {
        "name": ProjectHolder.name_key,
        "contact": ProjectHolder.contact_name,
        "project": ProjectHolder.project,
        "territory": ProjectHolder.territory,
        "department": ProjectHolder.department,
        "status": label_order(ProjectHolder.status, enum_labels(ProjectHolderStatus)),
        "organisation": Organisation.name_key,
        "actions": actions,
    }
    statement = apply_sort(statement, sort_columns, query, ProjectHolder.id).offset(offset).limit(limit)
    with database.session() as session:
        rows = session.execute(statement).all()
    return [
        ProjectHolderRow(id, name, contact, project, territory, department, ProjectHolderStatus(status), organisation or "", count)
        for id, name, contact, project, territory, department, status, organisation, count in rows
    ]


def get_project_holder(database: Database, holder_id: int) -> ProjectHolderDraft:
    with database.session() as session:
        holder = session.get(ProjectHolder, holder_id)
        if holder is None:
            raise ProjectHolderNotFoundError(holder_id)
        return ProjectHolderDraft(**{name: getattr(holder, name) for name in _DRAFT_FIELDS})


def _columns(draft: ProjectHolderDraft) -> dict:
    return asdict(draft) | {"name_key": fold(draft.name)}


def create_project_holder(database: Database, draft: ProjectHolderDraft) -> int:
    draft = clean_project_holder(draft)
    if draft.status == ProjectHolderStatus.CONVERTED:
        raise ValidationError("Un porteur de projet devient adhérent par « Convertir en adhérent ».")
    with database.session() as session:
        return session.execute(insert(ProjectHolder).values(**_columns(draft)).returning(ProjectHolder.id)).scalar_one()


def update_project_holder(database: Database, holder_id: int, draft: ProjectHolderDraft) -> None:
    draft = clean_project_holder(draft)
    with database.session() as session:
        current = session.execute(select(ProjectHolder.status).where(ProjectHolder.id == holder_id)).scalar_one_or_none()
        if current is None:
            raise ProjectHolderNotFoundError(holder_id)
        if (current == ProjectHolderStatus.CONVERTED) != (draft.status == ProjectHolderStatus.CONVERTED):
            raise ValidationError("Le statut « Devenu adhérent » ne se choisit pas à la main : utilisez « Convertir en adhérent ».")
        session.execute(update(ProjectHolder).where(ProjectHolder.id == holder_id).values(**_columns(draft)))


def project_holder_deletion_question(database: Database, holder_id: int) -> str:
    """The confirmation text; refuses (ValidationError) a holder with logged actions."""
    with database.session() as session:
        name = session.execute(select(ProjectHolder.name).where(ProjectHolder.id == holder_id)).scalar_one_or_none()
        if name is None:
            raise ProjectHolderNotFoundError(holder_id)
        actions = session.execute(select(func.count()).where(SupportAction.project_holder_id == holder_id)).scalar_one()
    if actions:
        raise ValidationError(
            f"« {name} » a {plural(actions, 'action', 'actions')} d'accompagnement : son historique serait perdu. "
            "Passez plutôt son statut à « Abandonné »."
        )
    return f"Supprimer le porteur de projet « {name} » ?"


def delete_project_holder(database: Database, holder_id: int) -> None:
    project_holder_deletion_question(database, holder_id)
    with database.session() as session:
        session.execute(delete(ProjectHolder).where(ProjectHolder.id == holder_id))


def convert_to_member(
    database: Database, holder_id: int, *, organisation_id: int | None = None, joined_on: date | None = None
) -> int:
    """Make the holder a member: a new organisation (or an existing one, organisation_id) linked to it.

    Its actions stay recorded as actions for a project holder (what it was then) and show in the
    member's history through the link. Returns the organisation's id."""
    holder = get_project_holder(database, holder_id)
    if holder.status == ProjectHolderStatus.CONVERTED:
        raise ValidationError(f"« {holder.name} » est déjà adhérent.")
    created = organisation_id is None
    if created:
        organisation_id = members.save_organisation(database, _organisation_draft(holder, joined_on or date.today()))
    try:
        with database.session() as session:
            if session.get(Organisation, organisation_id) is None:
                raise ValidationError("Cet adhérent n'existe plus : choisissez-en un autre.")
            linked = session.execute(
                update(ProjectHolder)
                .where(ProjectHolder.id == holder_id, ProjectHolder.status != ProjectHolderStatus.CONVERTED)
                .values(organisation_id=organisation_id, status=ProjectHolderStatus.CONVERTED)
            )
            if linked.rowcount == 0:
                raise ProjectHolderNotFoundError(holder_id)
    except BaseException:
        # The members service commits on its own: undo the organisation made for this holder.
        if created:
            members.delete_organisation(database, organisation_id)
        raise
    return organisation_id


def _organisation_draft(holder: ProjectHolderDraft, joined_on: date) -> OrganisationDraft:
    contacts = ()
    if holder.contact_name:
        first, _, last = holder.contact_name.rpartition(" ")
        contacts = (ContactDraft(last_name=last, first_name=first, role="Porteur·se du projet",
                                 email=holder.email, phone=holder.phone),)
    notes = "\n".join(
        part for part in (
            f"Ancien porteur de projet : {holder.project}" if holder.project else "Ancien porteur de projet.",
            f"Territoire : {holder.territory}" if holder.territory else "",
            holder.notes,
        ) if part
    )
    return OrganisationDraft(
        name=holder.name,
        notes=notes,
        contacts=contacts,
        memberships=(MembershipDraft(joined_on=joined_on, notes="Adhésion à l'issue de l'accompagnement de son projet."),),
    )
