"""The office's letters (ReportLab, no Qt): one layout shared by the mail merge, the fee calls,
reminders and receipts, and certificates. The whole API:

    from coorace_desktop.report.letters import Letter, letter_sender, write_letters

    sender = letter_sender(database)      # letterhead, place and signatory: the delegation's profile
                                          # (Gouvernance) and its président(e) on the day
    letters = [Letter(recipient=("ADEL", "Catherine GUILLET", "2 rue Béteille", "12000 RODEZ"),
                      subject="Appel de cotisation 2021", body="Madame, Monsieur,\\n\\n…",
                      on=date.today(), file_stem="2021-014 ADEL")]
    result = write_letters(letters, sender, Path("appels.pdf"), progress=progress)
    result = write_letters(letters, sender, Path("appels/"), per_file=True, progress=progress)

- `Letter.recipient`: the address lines, placed for a French window envelope (window on the
  right: DL 110 × 220 folded in three; see layout.py for the measures); () prints no address.
  Too long for the window, the block prints smaller, then its longest line is cut with « … ».
- `Letter.body`: plain text, paragraphs separated by a blank line, line breaks kept; printed
  literally (escaped as the report's user text, in its embedded DejaVu Sans: Cyrillic, Greek…).
- `Letter.flowables`: ReportLab flowables printed after the body (a table of amounts), in the
  letter's styles (`layout.letter_styles()`) and with user text through `report.styles.para` or
  `text.text_flowable` (escaped); `Letter.closing`: plain text after them, before the signature,
  as the body; `Letter.reference`: « Réf. » on the date line.
- What several letters of one call print alike (a block of body, closing or annex found in more
  than one letter, the signature) is laid out once, and in a combined PDF drawn once as a form
  that each page references, as the letterhead and the footer (`forms.Repeated`): 10,000 fee
  calls in one PDF take ~1 ms a letter. The embedded font's subset is made once for all the
  files of a run (`report/fonts.py`).
- `Letter.annex_title` / `Letter.annex`: a page of its own after the signature (a proxy form).
- `write_letters`: every letter into one PDF (`target`, a file; each letter starts a page) or,
  with `per_file`, one PDF per letter into the folder `target` named after `file_stem` (made
  safe for every system; « (2) » when two letters share a name). `progress(done, total, text)`
  may raise to cancel: then nothing is written (the combined file is written beside the target
  and renamed once complete; single files go to a hidden staging folder moved into place at
  the end). Returns the files written, the page count and the number of letters.
"""

from coorace_desktop.report.letters.layout import Letter, LettersResult, Sender, write_letters
from coorace_desktop.report.letters.sender import letter_sender

__all__ = ["Letter", "LettersResult", "Sender", "letter_sender", "write_letters"]
