"""Reading back what the report printed: PDF text extracted with pypdf."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from coorace_desktop.report.generate import generate_report
from coorace_desktop.report.sections import ReportRequest


def normalised(text: str) -> str:
    """Whitespace (narrow no-break spaces of French numbers, line breaks) folded to one space."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


class PrintedReport:
    def __init__(self, path: Path, pages: int):
        self.path = path
        self.pages = pages
        self.reader = PdfReader(path)
        self.page_texts = [normalised(page.extract_text()) for page in self.reader.pages]
        self.text = " ".join(self.page_texts)

    def pages_with(self, fragment: str) -> list[int]:
        return [number for number, text in enumerate(self.page_texts, start=1) if fragment in text]

    def section_pages(self) -> dict[str, int]:
        """Each section's first page (1-based), from the PDF outline."""
        return {entry.title: self.reader.get_destination_page_number(entry) + 1 for entry in self.reader.outline}

    def section_text(self, title: str) -> str:
        """The text of a section's pages, from its first page to the next section's."""
        starts = sorted(self.section_pages().values())
        first = self.section_pages()[title]
        following = [page for page in starts if page > first]
        last = following[0] - 1 if following else len(self.page_texts)
        return " ".join(self.page_texts[first - 1:last])


@pytest.fixture
def print_report(tmp_path):
    """print_report(database, year, *sections) -> PrintedReport."""

    def printer(database, year: int = 2020, *sections: str, reference_year: int | None = None) -> PrintedReport:
        target = tmp_path / f"rapport-{year}-{'-'.join(sections) or 'complet'}.pdf"
        result = generate_report(database, ReportRequest(year, sections, reference_year), target)
        return PrintedReport(result.path, result.pages)

    return printer


@pytest.fixture(scope="session")
def demo_report(demo_file, tmp_path_factory) -> PrintedReport:
    """The whole 2020 report printed once from the demo data (read-only use)."""
    from coorace_desktop.storage.database import open_database

    database = open_database(demo_file)
    try:
        target = tmp_path_factory.mktemp("report") / "rapport-2020.pdf"
        result = generate_report(database, ReportRequest(2020), target)
    finally:
        database.close()
    return PrintedReport(result.path, result.pages)
