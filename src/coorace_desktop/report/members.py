"""*Nos adhérents*: the directory by département (name, types, address, phone, e-mail).

Its tables may run to hundreds of pages: they are TextTable, not ReportLab's Table."""

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from coorace_desktop.domain.french import plural_word
from coorace_desktop.report import formats
from coorace_desktop.report.context import SectionContext
from coorace_desktop.report.document import section_start
from coorace_desktop.report.sections import MEMBERS
from coorace_desktop.report.styles import FONT, FONT_BOLD, MUTED, TEXT, TEXT_WIDTH, markup
from coorace_desktop.report.text_table import Run, TextTable
from coorace_desktop.services.members.directory import DirectoryDepartment, DirectoryEntry

COLUMNS = [52 * mm, 50 * mm, TEXT_WIDTH - 102 * mm]
_MUTED_HEX = MUTED.hexval()[2:]


def entry_row(entry: DirectoryEntry) -> list[list[Run]]:
    """Three cells: name and types, address, phone and e-mail."""
    town = f"{entry.postcode} {entry.city}".strip()
    return [
        [Run(entry.name, FONT_BOLD, 8, TEXT), Run(" · ".join(entry.types), FONT, 7, MUTED)],
        [Run(entry.address, FONT, 8, TEXT), Run(town, FONT, 8, TEXT)],
        [Run(entry.phone, FONT, 8, TEXT), Run(entry.email, FONT, 8, TEXT)],
    ]


def build(context: SectionContext) -> list[Flowable]:
    style = context.styles
    groups = context.facts.directory
    flowables = section_start(f"Nos adhérents en {context.year}", MEMBERS.key)
    flowables.append(Paragraph(directory_intro(groups), style.body))
    heading = style.heading.clone("department", keepWithNext=1)
    for group in groups:
        count = len(group.entries)
        flowables.append(Paragraph(f"{markup(group.label)} <font size='9' color='#{_MUTED_HEX}'>· {formats.number(count)}</font>", heading))
        rows = [entry_row(entry) for entry in group.entries]
        flowables.append(TextTable(["Structure", "Adresse", "Téléphone et e-mail"], rows, COLUMNS))
    return flowables


def directory_intro(groups: list[DirectoryDepartment]) -> str:
    """'51 structures adhérentes, 53 adresses par département : …'"""
    organisations = len({entry.organisation_id for group in groups for entry in group.entries})
    entries = sum(len(group.entries) for group in groups)
    return (
        f"{formats.number(organisations)} {plural_word(organisations, 'structure adhérente', 'structures adhérentes')}, "
        f"{formats.number(entries)} {plural_word(entries, 'adresse', 'adresses')} par département : un adhérent présent dans "
        "plusieurs départements figure dans chacun."
    )
