"""Events by name on paper: the sign-in sheet (feuille d'émargement) of a session, and the
attendance certificates (attestations de présence) of those who came, on the shared letter layout."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, TableStyle

from coorace_desktop.domain.enums import AttendanceStatus
from coorace_desktop.domain.events_registrations import session_hours
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.report.formats import date_range
from coorace_desktop.report.letters import Letter, LettersResult, Sender, write_letters
from coorace_desktop.report.styles import (
    FONT,
    FONT_BOLD,
    MUTED,
    PRIMARY,
    RULE,
    TEXT,
    data_table,
    para,
    printable,
    styles,
)
from coorace_desktop.services.events.registrations import EventAttendance
from coorace_desktop.storage.files import written_atomically

SIGNIN_MARGIN = 15 * mm
HEADER_HEIGHT = 30 * mm  # below the top margin: title, event, date, place, organiser, then a rule
SIGNATURE_ROW = 13 * mm
BLANK_LINES = 8


@dataclass(frozen=True, slots=True)
class SheetResult:
    path: Path
    pages: int
    names: int


def hours_text(starts_on: date | None, start_time, end_time) -> str:
    """'de 9 h 00 à 12 h 30', or '' without times."""
    if start_time is None or session_hours(start_time, end_time) is None:
        return ""
    return f"de {start_time.hour} h {start_time:%M} à {end_time.hour} h {end_time:%M}"


def session_line(attendance: EventAttendance, session: int, *, blank_date: bool = False) -> str:
    """When the session is: the event's date for a single session; for a series, its number and
    the event's dates, with a blank for the day's date to fill in on a sign-in sheet."""
    when = date_range(attendance.starts_on, attendance.ends_on) if attendance.starts_on else "date à préciser"
    hours = hours_text(attendance.starts_on, attendance.start_time, attendance.end_time)
    if attendance.sessions > 1:
        when = f"séance {session} sur {attendance.sessions} ({when})"
        if blank_date:
            when += " — le ____ / ____ / ________"
    return " ".join(part for part in (when, hours) if part)


def _place(attendance: EventAttendance) -> str:
    return ", ".join(part for part in (attendance.place, "en ligne" if attendance.online else "") if part) or "—"


def write_signin_sheet(
    attendance: EventAttendance, session: int, target: Path, *, landscape_page: bool = False, blank_lines: int = BLANK_LINES,
) -> SheetResult:
    """The sign-in sheet of one session: a header on every page (event, date, place, organiser,
    page), then one line per registered person by name, with their organisation and a box to
    sign, and blank lines for those who come without registering."""
    page_size = landscape(A4) if landscape_page else A4
    width = page_size[0] - 2 * SIGNIN_MARGIN
    style = styles()
    people = attendance.registered(session)
    rows = [[str(number), para(person.name, style.cell_bold), para(person.organisation, style.cell), ""]
            for number, person in enumerate(people, start=1)]
    rows += [[str(number), "", "", ""] for number in range(len(people) + 1, len(people) + blank_lines + 1)]
    widths = [10 * mm, width * 0.32, width * 0.33]
    widths.append(width - sum(widths))
    table = data_table(["N°", "Nom et prénom", "Structure", "Signature"], rows, widths)
    table._argH = [None] + [SIGNATURE_ROW] * len(rows)  # each line tall enough to sign
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (3, 1), (3, -1), "white"),
    ]))

    def header(canvas, document) -> None:
        canvas.saveState()
        top = page_size[1] - SIGNIN_MARGIN
        canvas.setFillColor(PRIMARY)
        canvas.setFont(FONT_BOLD, 15)
        canvas.drawString(SIGNIN_MARGIN, top - 14, "Feuille d'émargement")
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(page_size[0] - SIGNIN_MARGIN, top - 14, f"Page {document.page}")
        lines = [
            (FONT_BOLD, 11, printable(attendance.title)),
            (FONT, 9, "Date : " + session_line(attendance, session, blank_date=True)),
            (FONT, 9, "Lieu : " + printable(_place(attendance))),
            (FONT, 9, "Organisé par : " + printable(attendance.organiser)),
        ]
        y = top - 30
        canvas.setFillColor(TEXT)
        for font, size, text in lines:
            canvas.setFont(font, size)
            canvas.drawString(SIGNIN_MARGIN, y, text[:150])
            y -= size + 4
        canvas.setStrokeColor(RULE)
        rule = top - HEADER_HEIGHT + 3 * mm
        canvas.line(SIGNIN_MARGIN, rule, page_size[0] - SIGNIN_MARGIN, rule)
        canvas.restoreState()

    frame = Frame(SIGNIN_MARGIN, SIGNIN_MARGIN, width, page_size[1] - 2 * SIGNIN_MARGIN - HEADER_HEIGHT, id="sheet")
    with written_atomically(target, "La feuille d'émargement n'a pas été enregistrée dans") as partial:
        document = BaseDocTemplate(
            str(partial), pagesize=page_size, title=f"Feuille d'émargement — {attendance.title}", lang="fr-FR",
            pageTemplates=[PageTemplate("sheet", [frame], onPage=header)],
        )
        total = Paragraph(
            f"{plural(len(people), 'personne inscrite', 'personnes inscrites')} ; lignes vides pour les personnes venues sans inscription.",
            style.note,
        )
        document.build([table, total])
    return SheetResult(target, document.page, len(people))


def certificate_letters(attendance: EventAttendance, sender: Sender, sessions: list[int] | None = None,
                        on: date | None = None) -> list[Letter]:
    """One attestation de présence per person present at one of the sessions (all when None),
    naming each session they attended and, when the times are given, the hours."""
    sessions = sessions or list(range(1, attendance.sessions + 1))
    duration = session_hours(attendance.start_time, attendance.end_time)
    signer = f"{sender.signatory_name}, {sender.signatory_title.lower()} de {sender.name}," if sender.signatory_name else sender.name + ","
    letters = []
    for person in attendance.people:
        attended = [number for number in sessions if person.status(number) == AttendanceStatus.PRESENT]
        if not attended:
            continue
        who = person.name + (f" ({person.organisation})" if person.organisation else "")
        lines = [f"– {session_line(attendance, number)}" for number in attended]
        body = (
            f"Je soussigné·e {signer} atteste que {who} a participé à « {attendance.title} », "
            f"organisé par {attendance.organiser}, lieu : {_place(attendance)}.\n\n" + "\n".join(lines)
        )
        if duration is not None:
            body += f"\n\nSoit {plural(duration * len(attended), 'heure', 'heures')} de présence."
        body += "\n\nAttestation établie pour servir et valoir ce que de droit."
        letters.append(Letter(
            recipient=(person.name, person.organisation) if person.organisation else (person.name,),
            subject="Attestation de présence", body=body, on=on or date.today(),
            file_stem=f"Attestation {person.last_name} {person.first_name}".strip(),
        ))
    return letters


def write_certificates(attendance: EventAttendance, sender: Sender, target: Path, *, per_file: bool = False,
                       sessions: list[int] | None = None, progress: Progress = no_progress) -> LettersResult:
    """The certificates into one PDF (`target`, a file) or one PDF each (`target`, a folder)."""
    return write_letters(certificate_letters(attendance, sender, sessions), sender, target, per_file=per_file, progress=progress)

