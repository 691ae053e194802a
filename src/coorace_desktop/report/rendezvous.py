"""*Rendez-vous*: the next year's planned events, then the partners thanked for the year."""

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from coorace_desktop.report.context import SectionContext
from coorace_desktop.report.document import section_start
from coorace_desktop.report.formats import date_range
from coorace_desktop.report.sections import RENDEZVOUS
from coorace_desktop.report.styles import TEXT_WIDTH, data_table, markup, para


def build(context: SectionContext) -> list[Flowable]:
    style = context.styles
    next_year = context.year + 1
    planned = context.facts.rendezvous
    thanked = context.facts.partners
    # Each half only when it has something to say: the section is left out when both are empty.
    flowables = section_start(f"Rendez-vous en {next_year}" if planned else "Nos partenaires", RENDEZVOUS.key)
    if planned:
        rows = []
        for entry in planned:
            when = date_range(entry.starts_on, entry.ends_on) if entry.starts_on else "Date à préciser"
            place = "En ligne" if entry.online and not entry.place else entry.place
            rows.append([para(when, style.cell_bold), para(entry.title, style.cell), para(entry.kind, style.cell), para(place, style.cell)])
        flowables.append(
            data_table(["Date", "Rendez-vous", "Type", "Lieu"], rows, [44 * mm, 70 * mm, 34 * mm, TEXT_WIDTH - 148 * mm])
        )
    if thanked:
        flowables.append(Paragraph("Merci à nos partenaires pour leur soutien", style.heading))
    for partner in thanked:
        text = f"<b>{markup(partner.name)}</b>"
        if partner.description:
            text += f" — {markup(partner.description)}"
        flowables.append(Paragraph(text, style.bullet, bulletText="•"))
    return flowables
