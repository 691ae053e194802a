"""General assemblies and staff posts: create, read for editing, end, delete."""

from datetime import date

from sqlalchemy import func
from sqlmodel import select

from coorace_desktop.domain import BoardMandate, DelegationSite, GeneralAssembly, StaffMember, SupportAction
from coorace_desktop.domain.enums import AssemblyKind
from coorace_desktop.domain.governance_drafts import (
    AssemblyDraft,
    PersonRef,
    StaffDraft,
    validate_assembly,
    validate_staff,
)
from coorace_desktop.domain.governance_rules import Span, check_end
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.governance_people import resolve_person
from coorace_desktop.storage.database import Database


def _refuse_if_invalid(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(next(iter(errors.values())))


def _clean(text: str) -> str:
    return " ".join(text.split())


def get_assembly(database: Database, assembly_id: int) -> AssemblyDraft:
    with database.session() as session:
        assembly = _assembly(session, assembly_id)
        return AssemblyDraft(assembly.held_on, assembly.place, AssemblyKind(assembly.kind), assembly.notes, assembly.id)


def save_assembly(database: Database, draft: AssemblyDraft) -> int:
    """Create or correct a general assembly; the mandates it elected keep their own dates."""
    _refuse_if_invalid(validate_assembly(draft))
    with database.session() as session:
        assembly = _assembly(session, draft.id) if draft.id is not None else GeneralAssembly(held_on=draft.held_on)
        assembly.held_on, assembly.place, assembly.kind = draft.held_on, _clean(draft.place), AssemblyKind(draft.kind)
        assembly.notes = draft.notes.strip()
        session.add(assembly)
        session.flush()
        return assembly.id


def assembly_deletion_question(database: Database, assembly_id: int) -> str:
    """The confirmation to ask, or a refusal when the assembly elected board members."""
    with database.session() as session:
        return _assembly_deletion_question(session, _assembly(session, assembly_id))


def delete_assembly(database: Database, assembly_id: int) -> None:
    with database.session() as session:
        assembly = _assembly(session, assembly_id)
        _assembly_deletion_question(session, assembly)
        session.delete(assembly)


def _assembly_deletion_question(session, assembly: GeneralAssembly) -> str:
    elected = session.exec(select(func.count()).where(BoardMandate.assembly_id == assembly.id)).one()
    if elected:
        raise ValidationError(
            f"L'assemblée générale du {assembly.held_on:%d/%m/%Y} a élu {elected} administrateur(s) : "
            "elle fait partie de l'historique du conseil et n'est pas supprimée."
        )
    return f"Supprimer l'assemblée générale du {assembly.held_on:%d/%m/%Y} ?"


def _assembly(session, assembly_id: int) -> GeneralAssembly:
    assembly = session.get(GeneralAssembly, assembly_id)
    if assembly is None:
        raise ValidationError("Cette assemblée générale n'existe plus : elle a peut-être été supprimée entre-temps.")
    return assembly


def get_staff_post(database: Database, post_id: int) -> StaffDraft:
    with database.session() as session:
        post = _post(session, post_id)
        return StaffDraft(PersonRef(post.person_id), post.job_title, post.site_id, post.start_on, post.end_on, post.id)


def save_staff_post(database: Database, draft: StaffDraft) -> int:
    """Create or correct a post of the delegation's team."""
    _refuse_if_invalid(validate_staff(draft))
    with database.session() as session:
        if draft.site_id is not None and session.get(DelegationSite, draft.site_id) is None:
            raise ValidationError("Ce site de la délégation n'existe plus : choisissez-en un autre.")
        person = resolve_person(session, draft.person)
        post = _post(session, draft.id) if draft.id is not None else StaffMember(person_id=person.id, job_title=draft.job_title)
        post.person_id, post.job_title, post.site_id = person.id, _clean(draft.job_title), draft.site_id
        post.start_on, post.end_on = draft.start_on, draft.end_on
        session.add(post)
        session.flush()
        return post.id


def end_staff_post(database: Database, post_id: int, end: date) -> None:
    """The post ends that day (a departure); the post stays in the history."""
    with database.session() as session:
        post = _post(session, post_id)
        check_end(Span(post.start_on, post.end_on), end, f"Le poste « {post.job_title} »")
        post.end_on = end
        session.add(post)


def staff_deletion_question(database: Database, post_id: int) -> str:
    """The confirmation to ask, or a refusal when support actions name this post's holder."""
    with database.session() as session:
        return _staff_deletion_question(session, _post(session, post_id))


def delete_staff_post(database: Database, post_id: int) -> None:
    """Remove a post entered by mistake (the person stays recorded)."""
    with database.session() as session:
        post = _post(session, post_id)
        _staff_deletion_question(session, post)
        session.delete(post)


def _staff_deletion_question(session, post: StaffMember) -> str:
    actions = session.exec(select(func.count()).where(SupportAction.officer_id == post.id)).one()
    if actions:
        raise ValidationError(f"Ce poste est cité par {actions} action(s) d'accompagnement : indiquez plutôt une date de fin.")
    return f"Supprimer le poste « {post.job_title} » (saisi par erreur) ? Pour un départ, indiquez plutôt une date de fin."


def _post(session, post_id: int) -> StaffMember:
    post = session.get(StaffMember, post_id)
    if post is None:
        raise ValidationError("Ce poste n'existe plus : il a peut-être été supprimé entre-temps.")
    return post
