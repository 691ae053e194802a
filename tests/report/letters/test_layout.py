"""The letter layout: what each page prints (pypdf), where the address block sits, hostile and
long text, one file or one per letter, and a cancelled run writing nothing."""

import os
import stat
import sys
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from coorace_desktop.domain.governance import Delegation
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.letters import Letter, Sender, letter_sender, write_letters
from coorace_desktop.report.letters.layout import ADDRESS_HEIGHT, ADDRESS_LEFT, ADDRESS_TOP, ADDRESS_WIDTH, unique_names
from coorace_desktop.report.styles import PAGE_HEIGHT
from tests.report.conftest import normalised

SENDER = Sender("Coorace Occitanie", ("Toulouse", "Montpellier (pôle Réalis)"), "Toulouse", "Isabelle CHATRY", "Présidente")
ON = date(2026, 12, 7)


def letter(name: str = "ADEL", **changes) -> Letter:
    values = dict(
        recipient=(name, "Catherine GUILLET", "2 rue Béteille", "12000 RODEZ"),
        subject="Assemblée générale",
        body="Madame, Monsieur,\n\nPremier paragraphe.\n\nVeuillez agréer nos salutations.",
        on=ON,
        file_stem=name,
    )
    return Letter(**(values | changes))


def texts(path) -> list[str]:
    return [normalised(page.extract_text()) for page in PdfReader(path).pages]


def test_one_pdf_holds_every_letter_each_on_its_own_page(tmp_path):
    result = write_letters([letter("ADEL"), letter("AILES"), letter("CASTA")], SENDER, tmp_path / "courriers.pdf")
    pages = texts(tmp_path / "courriers.pdf")
    assert result.pages == len(pages) == 3
    for page, name in zip(pages, ("ADEL", "AILES", "CASTA")):
        assert name in page and "12000 RODEZ" in page
        assert "Toulouse, le 7 décembre 2026" in page
        assert "Objet : Assemblée générale" in page
        assert "Présidente Isabelle CHATRY" in page
        assert "Coorace Occitanie · Toulouse · Montpellier (pôle Réalis)" in page  # the footer


def test_the_address_block_sits_in_the_window_of_the_envelope(tmp_path):
    write_letters([letter()], SENDER, tmp_path / "un.pdf")
    placed = {}

    def visit(text, cm, tm, _font, _size):  # where the text starts on the page: tm then cm
        if text.strip():
            placed[text.strip()] = (tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    PdfReader(tmp_path / "un.pdf").pages[0].extract_text(visitor_text=visit)
    for line in ("ADEL", "Catherine GUILLET", "2 rue Béteille", "12000 RODEZ"):
        x, y = placed[line]
        assert ADDRESS_LEFT - 0.01 <= x <= ADDRESS_LEFT + ADDRESS_WIDTH
        assert PAGE_HEIGHT - ADDRESS_TOP - ADDRESS_HEIGHT <= y <= PAGE_HEIGHT - ADDRESS_TOP
    assert placed["Coorace Occitanie"][0] < 30 * mm  # the letterhead, top left
    assert placed["Coorace Occitanie"][1] > PAGE_HEIGHT - 30 * mm


def test_user_text_prints_literally_in_any_script_and_a_long_name_in_full(tmp_path):
    long_name = ("Association intermédiaire du Grand Rodez & <b>des Causses</b> " * 7)[:400]
    body = f"Pour {long_name}.\n\nЖук Ёлка Łódź : « citation » <i>non fermé ]]>"
    write_letters([letter(long_name, body=body, subject="<para>Objet & test")], SENDER, tmp_path / "long.pdf")
    text = " ".join(texts(tmp_path / "long.pdf"))
    assert normalised(long_name).strip() in text.replace("- ", "-")  # the body prints all 400 characters
    assert "Жук Ёлка Łódź" in text and "<i>non fermé ]]>" in text
    assert "Objet : <para>Objet & test" in text
    assert "…" in texts(tmp_path / "long.pdf")[0].split("Catherine GUILLET")[0]  # the address block is cut to fit


def test_annex_on_its_own_page_and_flowing_body(tmp_path):
    long_body = "\n\n".join(f"Paragraphe numéro {n} d'une lettre longue qui s'étend sur deux pages." for n in range(35))
    result = write_letters(
        [letter(body=long_body, annex_title="POUVOIR", annex="Je soussigné(e) ____________")], SENDER, tmp_path / "a.pdf"
    )
    pages = texts(tmp_path / "a.pdf")
    assert result.pages == len(pages) == 3
    assert "Paragraphe numéro 34" in pages[1] and "Isabelle CHATRY" in pages[1]
    assert "POUVOIR Je soussigné(e)" in pages[2] and "Paragraphe" not in pages[2]


def test_a_body_every_letter_shares_flows_across_pages_in_each(tmp_path):
    """Blocks repeated in every letter are laid out once (report/letters: Shared); at a page's end they still split and flow."""
    long_body = "\n\n".join(f"Paragraphe numéro {n} d'une lettre longue qui s'étend sur deux pages." for n in range(35))
    result = write_letters([letter("ADEL", body=long_body), letter("AILES", body=long_body)], SENDER, tmp_path / "deux.pdf")
    pages = texts(tmp_path / "deux.pdf")
    assert result.pages == len(pages) == 4
    for first, second, name in ((pages[0], pages[1], "ADEL"), (pages[2], pages[3], "AILES")):
        text = first + " " + second
        assert name in first and [text.index(f"numéro {n} ") for n in range(35)] == sorted(text.index(f"numéro {n} ") for n in range(35))
        assert "Paragraphe numéro 34" in second and "Présidente Isabelle CHATRY" in second
        assert "Coorace Occitanie · Toulouse" in first and "Coorace Occitanie · Toulouse" in second  # the footer


def test_files_in_other_scripts_each_print_their_own_text(tmp_path):
    """Each file embeds the font's glyphs it needs: the French ones made once for all (report/fonts.py), others added."""
    names = ["ADEL", "Жук Ёлка", "Łódź Ωμέγα", "AILES « été »"]
    result = write_letters([letter(name, body=f"Pour {name} : ça coûte 12 €.") for name in names], SENDER, tmp_path / "un", per_file=True)
    for path, name in zip(result.paths, names):
        (text,) = texts(path)
        assert name in text and f"Pour {name} : ça coûte 12 €." in text and "Isabelle CHATRY" in text


def test_one_file_per_letter_with_safe_unique_names(tmp_path):
    folder = tmp_path / "sortie"
    result = write_letters([letter("ADEL"), letter("ADEL"), letter("A/B : C?")], SENDER, folder, per_file=True)
    assert [path.name for path in result.paths] == ["ADEL.pdf", "ADEL (2).pdf", "A_B _ C_.pdf"]
    assert sorted(path.name for path in folder.iterdir()) == sorted(path.name for path in result.paths)
    assert result.pages == 3 and "A/B : C?" in texts(folder / "A_B _ C_.pdf")[0]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX rights")
@pytest.mark.parametrize("per_file", [False, True])
def test_letters_are_readable_by_their_owner_only(tmp_path, per_file):
    old = os.umask(0o022)  # a usual umask: what a library writes is readable by all
    try:
        result = write_letters([letter("ADEL"), letter("AILES")], SENDER, tmp_path / "sortie", per_file=per_file)
    finally:
        os.umask(old)
    assert {stat.S_IMODE(path.stat().st_mode) for path in result.paths} == {0o600}


def test_no_letter_is_a_french_refusal(tmp_path):
    with pytest.raises(ValidationError, match="Aucun courrier à écrire"):
        write_letters([], SENDER, tmp_path / "vide.pdf")
    assert not list(tmp_path.iterdir())


def test_unique_names_avoid_windows_devices_and_empty_names():
    assert unique_names(["CON", "", "a.", "A"]) == ["_CON.pdf", "courrier-2.pdf", "a.pdf", "A (2).pdf"]


@pytest.mark.parametrize("per_file", [False, True])
def test_a_cancelled_run_writes_nothing_and_keeps_the_earlier_file(tmp_path, per_file):
    target = tmp_path / ("dossier" if per_file else "courriers.pdf")
    write_letters([letter("ADEL")], SENDER, target, per_file=per_file)
    before = sorted(tmp_path.rglob("*"))

    def cancel_at_second(done, _total, _text):
        if done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_letters([letter("AILES"), letter("CASTA"), letter("ADEL")], SENDER, target, per_file=per_file, progress=cancel_at_second)
    assert sorted(tmp_path.rglob("*")) == before
    assert "ADEL" in texts(target / "ADEL.pdf" if per_file else target)[0]


def test_the_sender_is_the_delegation_and_its_president_on_the_day(demo_database):
    sender = letter_sender(demo_database, date(2021, 6, 1))
    assert (sender.name, sender.place) == ("Coorace Occitanie", "Toulouse")
    assert sender.lines == ("Toulouse", "Montpellier (pôle Réalis)")
    assert (sender.signatory_title, sender.signatory_name) == ("Présidente", "Isabelle CHATRY")


def test_without_a_profile_or_president_the_letter_still_has_a_head(database):
    with database.session() as session:
        session.add(Delegation(name=""))
    sender = letter_sender(database)
    assert sender == Sender("La délégation")
