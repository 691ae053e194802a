"""Sign-in sheets and attendance certificates of the issue's training (3 sessions, 25 registered)."""

from datetime import date

from pypdf import PdfReader

from coorace_desktop.domain.enums import AttendanceStatus
from coorace_desktop.report import formats
from coorace_desktop.report.attendance import certificate_letters, write_certificates, write_signin_sheet
from coorace_desktop.report.facts import gather
from coorace_desktop.report.highlights import events_summary
from coorace_desktop.report.letters import letter_sender
from coorace_desktop.services.events.figures import event_figures
from coorace_desktop.services.events.registrations import event_attendance, set_attendance
from tests.attendance_scenario import make_training

YEAR_2020 = (date(2020, 1, 1), date(2020, 12, 31))


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_three_sign_in_sheets_list_every_registered_name_with_a_signature_column(demo_database, tmp_path):
    training = make_training(demo_database)
    attendance = event_attendance(demo_database, training.event_id)
    for session in (1, 2, 3):
        result = write_signin_sheet(attendance, session, tmp_path / f"seance-{session}.pdf", landscape_page=session == 3)
        reader = PdfReader(result.path)
        text = _text(result.path)
        assert result.names == 25
        assert all(person.name in " ".join(text.split()) for person in attendance.people)
        # The header repeats on every page: title, the session, and the signature column.
        for page in reader.pages:
            page_text = page.extract_text()
            assert "Feuille d'émargement" in page_text and "Formation des encadrants techniques" in page_text
            assert "Signature" in page_text and f"séance {session} sur 3" in page_text
        assert "Mission locale de Rodez" in text  # a guest's organisation, as typed
        # Sorted by name: ABADIE before VERGELY.
        assert text.index("ABADIE") < text.index("VERGELY")
    portrait, landscape = (PdfReader(tmp_path / f"seance-{n}.pdf").pages[0].mediabox for n in (1, 3))
    assert portrait.height > portrait.width and landscape.width > landscape.height


def test_18_certificates_for_the_18_present(demo_database, tmp_path):
    training = make_training(demo_database)
    attendance = event_attendance(demo_database, training.event_id)
    present = attendance.people[:18]
    set_attendance(demo_database, training.event_id, 1, {p.person_id: AttendanceStatus.PRESENT for p in present})
    set_attendance(demo_database, training.event_id, 2, {present[0].person_id: AttendanceStatus.PRESENT})
    attendance = event_attendance(demo_database, training.event_id)
    sender = letter_sender(demo_database)
    combined = write_certificates(attendance, sender, tmp_path / "attestations.pdf")
    assert len(combined.paths) == 1 and combined.pages == 18
    text = _text(combined.paths[0])
    assert text.count("Attestation de présence") == 18
    assert "3,5 heures" in text and "7 heures" in text  # one session, or two for the first person
    assert attendance.people[24].name not in text  # not present
    each = write_certificates(attendance, sender, tmp_path / "une-par-personne", per_file=True)
    assert len(each.paths) == 18 and all(path.exists() for path in each.paths)
    # Per session: only those present at session 2.
    assert [letter.recipient[0] for letter in certificate_letters(attendance, sender, [2])] == [present[0].name]


def test_the_report_events_page_counts_persons_reached_and_hours(demo_database):
    before = events_summary(event_figures(demo_database, *YEAR_2020))
    assert "personnes distinctes" not in before and "(participations enregistrées par structure)" in before
    training = make_training(demo_database)
    attendance = event_attendance(demo_database, training.event_id)
    set_attendance(demo_database, training.event_id, 1, {p.person_id: AttendanceStatus.PRESENT for p in attendance.people[:18]})
    facts = gather(demo_database, 2020)
    summary = events_summary(facts.events)
    assert "18 personnes distinctes ont participé aux événements comptés par noms (1 événement ;" in summary.replace("\u00a0", " ")
    hours = facts.events.training_hours
    assert hours >= 18 * 3.5 and f"{formats.number(hours)} heures de formation délivrées" in summary
    assert "(présences par nom ou nombres par structure)" in summary
