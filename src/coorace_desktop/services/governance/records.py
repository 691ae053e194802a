"""General assemblies and staff posts: create, read for editing, end, delete."""

from datetime import date

from sqlalchemy import func
from sqlmodel import select

from coorace_desktop.domain import BoardMandate, DelegationSite, GeneralAssembly, StaffMember, SupportAction
from coorace_desktop.domain.enums import AssemblyKind
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.governance_drafts import (
    AssemblyDraft,
    PersonRef,
    StaffDraft,
    validate_assembly,
    validate_staff,
)
from coorace_desktop.domain.governance_rules import check_end
from coorace_desktop.domain.periods import Period
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.governance.shared import existing, refuse_if_invalid
from coorace_desktop.services.members.persons import resolve_person
from coorace_desktop.storage.database import Database


def _clean(text: str) -> str:
    return " ".join(text.split())


def get_assembly(database: Database, assembly_id: int) -> AssemblyDraft:
    with database.session() as session:
        assembly = existing(session, GeneralAssembly, assembly_id)
        return AssemblyDraft(assembly.held_on, assembly.place, AssemblyKind(assembly.kind), assembly.notes, assembly.id)


def save_assembly(database: Database, draft: AssemblyDraft) -> int:
    """Create or correct a general assembly; the mandates it elected keep their own dates."""
    refuse_if_invalid(validate_assembly(draft))
    with database.session() as session:
        assembly = existing(session, GeneralAssembly, draft.id) if draft.id is not None else GeneralAssembly(held_on=draft.held_on)
        assembly.held_on, assembly.place, assembly.kind = draft.held_on, _clean(draft.place), AssemblyKind(draft.kind)
        assembly.notes = draft.notes.strip()
        session.add(assembly)
        session.flush()
        return assembly.id


def assembly_deletion_question(database: Database, assembly_id: int) -> str:
    """The confirmation to ask, or a refusal when the assembly elected board members."""
    return _ask_before_deleting(database, GeneralAssembly, assembly_id, _assembly_deletion_question)


def delete_assembly(database: Database, assembly_id: int) -> None:
    _ask_before_deleting(database, GeneralAssembly, assembly_id, _assembly_deletion_question, delete=True)


def _assembly_deletion_question(session, assembly: GeneralAssembly) -> str:
    elected = session.exec(select(func.count()).where(BoardMandate.assembly_id == assembly.id)).one()
    if elected:
        raise ValidationError(
            f"L'assemblée générale du {assembly.held_on:%d/%m/%Y} a élu {plural(elected, 'administrateur', 'administrateurs')} : "
            "elle fait partie de l'historique du conseil et n'est pas supprimée."
        )
    return f"Supprimer l'assemblée générale du {assembly.held_on:%d/%m/%Y} ?"


def _ask_before_deleting(database: Database, table, row_id: int, question, delete: bool = False) -> str:
    """question(session, row): the confirmation, or a ValidationError refusing; with delete, the
    row is deleted in the same transaction as the check."""
    with database.session() as session:
        row = existing(session, table, row_id)
        text = question(session, row)
        if delete:
            session.delete(row)
        return text


def get_staff_post(database: Database, post_id: int) -> StaffDraft:
    with database.session() as session:
        post = existing(session, StaffMember, post_id)
        return StaffDraft(PersonRef(post.person_id), post.job_title, post.site_id, post.start_on, post.end_on, post.id)


def save_staff_post(database: Database, draft: StaffDraft) -> int:
    """Create or correct a post of the delegation's team."""
    refuse_if_invalid(validate_staff(draft))
    with database.session() as session:
        if draft.site_id is not None:
            existing(session, DelegationSite, draft.site_id)
        person = resolve_person(session, draft.person)
        post = existing(session, StaffMember, draft.id) if draft.id is not None else StaffMember(person_id=person.id, job_title=draft.job_title)
        post.person_id, post.job_title, post.site_id = person.id, _clean(draft.job_title), draft.site_id
        post.start_on, post.end_on = draft.start_on, draft.end_on
        session.add(post)
        session.flush()
        return post.id


def end_staff_post(database: Database, post_id: int, end: date) -> None:
    """The post ends that day (a departure); the post stays in the history."""
    with database.session() as session:
        post = existing(session, StaffMember, post_id)
        check_end(Period(post.start_on, post.end_on), end, f"Le poste « {post.job_title} »")
        post.end_on = end
        session.add(post)


def staff_deletion_question(database: Database, post_id: int) -> str:
    """The confirmation to ask, or a refusal when support actions name this post's holder."""
    return _ask_before_deleting(database, StaffMember, post_id, _staff_deletion_question)


def delete_staff_post(database: Database, post_id: int) -> None:
    """Remove a post entered by mistake (the person stays recorded)."""
    _ask_before_deleting(database, StaffMember, post_id, _staff_deletion_question, delete=True)


def _staff_deletion_question(session, post: StaffMember) -> str:
    actions = session.exec(select(func.count()).where(SupportAction.officer_id == post.id)).one()
    if actions:
        raise ValidationError(f"Ce poste est cité par {plural(actions, 'action', 'actions')} d'accompagnement : "
                              "indiquez plutôt une date de fin.")
    return f"Supprimer le poste « {post.job_title} » (saisi par erreur) ? Pour un départ, indiquez plutôt une date de fin."

