"""`letters` and `labels` from the command line."""

from email import message_from_bytes
from email.policy import default

from pypdf import PdfReader
from sqlalchemy import select

from coorace_desktop.cli import main
from coorace_desktop.domain import Organisation


def test_letters_for_the_current_members_in_one_pdf(demo_database, tmp_path, capsys):
    target = tmp_path / "lettres.pdf"
    assert main(["letters", "--db", str(demo_database.path), "--template", "lettre-adherents", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"« Lettre aux adhérents » : 51 courriers dans {target} (51 pages).\n"
    assert len(PdfReader(target).pages) == 51


def test_letters_for_the_ids_named_one_file_each_and_drafts(demo_database, tmp_path, capsys):
    with demo_database.session() as session:
        names = dict(session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_([2, 5]))).all())
    database = str(demo_database.path)
    assert main(["letters", "--db", database, "--template", "Lettre aux adhérents", "-o", str(tmp_path / "un"), "--per-file", "--ids", "5", "2"]) == 0
    assert sorted(path.stem for path in (tmp_path / "un").iterdir()) == sorted(names.values())
    assert main(["letters", "--db", database, "--template", "lettre-adherents", "-o", str(tmp_path / "eml"), "--eml", "--ids", "2"]) == 0
    (draft,) = (tmp_path / "eml").iterdir()
    message = message_from_bytes(draft.read_bytes(), policy=default)
    assert draft.stem == names[2] and message["X-Unsent"] == "1" and "@" in message["To"]
    assert capsys.readouterr().out.splitlines()[-1] == f"1 brouillon d'e-mail dans {tmp_path / 'eml'}."


def test_unknown_template_and_bad_start_are_french_refusals(demo_database, tmp_path, capsys):
    database = str(demo_database.path)
    assert main(["letters", "--db", database, "--template", "inconnu", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "Modèle de courrier inconnu : « inconnu »" in capsys.readouterr().err
    assert main(["labels", "--db", database, "-o", str(tmp_path / "e.pdf"), "--format", "2x7", "--start", "15"]) == 1
    assert "La première étiquette doit être entre 1 et 14" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_labels_of_the_current_members(demo_database, tmp_path, capsys):
    target = tmp_path / "etiquettes.pdf"
    assert main(["labels", "--db", str(demo_database.path), "-o", str(target), "--format", "2x7", "--start", "3"]) == 0
    assert capsys.readouterr().out == f"Étiquettes 2 × 7 : 14 étiquettes de 99,1 × 38,1 mm : 51 adresses dans {target} (4 planches).\n"
    assert len(PdfReader(target).pages) == 4
