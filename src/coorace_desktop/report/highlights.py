"""*Temps forts*: the year's highlight stories, the "En 2020, ce sont aussi" lines of each
programme (from the accompaniment log), the TZCLD territories, and the events in figures."""


from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Paragraph
from reportlab.platypus.flowables import Flowable

from coorace_desktop.domain.french import plural_word
from coorace_desktop.report import formats
from coorace_desktop.report.context import SectionContext
from coorace_desktop.report.document import ONE_COLUMN, section_start
from coorace_desktop.report.sections import HIGHLIGHTS
from coorace_desktop.report.styles import TEXT_WIDTH, data_table, markup, para, paragraphs
from coorace_desktop.services.accompaniment.territories import stage_counts_text
from coorace_desktop.services.events.figures import EventFigures


def build(context: SectionContext) -> list[Flowable]:
    flowables = section_start(f"Temps forts {context.year}", HIGHLIGHTS.key, columns=2)
    flowables += _stories(context)
    flowables += _programmes(context)
    flowables += [NextPageTemplate(ONE_COLUMN), PageBreak()]
    flowables += _events(context)
    return flowables


def _stories(context: SectionContext) -> list[Flowable]:
    style = context.styles
    heading = style.heading.clone("story_title", keepWithNext=1, fontSize=11, leading=14)
    flowables: list[Flowable] = []
    stories = context.facts.stories
    if not stories:
        return []
    for story in stories:
        flowables.append(CondPageBreak(30 * mm))
        flowables.append(para(story.title.upper(), heading))
        if story.starts_on:
            flowables.append(Paragraph(formats.long_date(story.starts_on), style.note.clone("story_date", keepWithNext=1)))
        body = paragraphs(story.story, style.body)
        flowables += body or [Paragraph("Texte à rédiger.", style.note)]
    return flowables


def _programmes(context: SectionContext) -> list[Flowable]:
    style = context.styles
    summaries, counts = context.facts.programmes, context.facts.territories
    if not summaries and not any(counts.values()):
        return []
    flowables: list[Flowable] = [CondPageBreak(40 * mm), Paragraph(f"En {context.year}, ce sont aussi", style.heading)]
    for summary in summaries:
        flowables.append(para(summary.programme, style.subheading.clone("programme", keepWithNext=1)))
        for line in summary.lines:
            flowables.append(Paragraph(markup(line.text), style.bullet, bulletText="•"))
    if any(counts.values()):
        flowables.append(Paragraph("Territoires zéro chômeur de longue durée", style.subheading.clone("tzcld", keepWithNext=1)))
        flowables.append(Paragraph(markup(stage_counts_text(counts, context.year_end)), style.bullet, bulletText="•"))
    return flowables


def _events(context: SectionContext) -> list[Flowable]:
    style = context.styles
    figures = context.facts.events
    if not figures.events:
        return []
    flowables: list[Flowable] = [Paragraph(f"Les événements de {context.year} en chiffres", style.heading)]
    summary = events_summary(figures)
    flowables.append(Paragraph(summary, style.body))
    kinds = sorted(figures.by_kind, key=lambda name: (-figures.by_kind[name], name))
    rows = [
        [
            para(name, style.cell),
            Paragraph(formats.number(figures.by_kind[name]), style.cell_right),
            Paragraph(formats.number(figures.participants_by_kind.get(name, 0)), style.cell_right),
        ]
        for name in kinds
    ]
    flowables.append(data_table(["Type d'événement", "Séances", "Participants"], rows, [TEXT_WIDTH - 52 * mm, 26 * mm, 26 * mm]))
    flowables.append(Paragraph("Le détail des événements", style.heading))
    events = context.facts.event_rows
    rows = [
        [
            para(formats.date_range(row.starts_on, row.ends_on) if row.starts_on else "Date non précisée", style.cell),
            para(row.title, style.cell),
            para(row.kind, style.cell),
            Paragraph(formats.number(row.sessions), style.cell_right),
            Paragraph(formats.number(row.participants), style.cell_right),
        ]
        for row in events
    ]
    flowables.append(
        data_table(
            ["Date", "Événement", "Type", "Séances", "Participants"],
            rows,
            [32 * mm, TEXT_WIDTH - 112 * mm, 36 * mm, 18 * mm, 26 * mm],
        )
    )
    return flowables


def events_summary(figures: EventFigures) -> str:
    """'64 séances d'événements, dont 40 en ligne ; 1 093 participants. 44 structures adhérentes sur 51 (86 %) …',
    with the persons reached and the hours of training when events were counted by names or timed."""
    summary = (
        f"{formats.number(figures.events)} {plural_word(figures.events, 'séance', 'séances')} d'événements, "
        f"dont {formats.number(figures.online)} en ligne ; {formats.number(figures.participants)} "
        f"{plural_word(figures.participants, 'participant', 'participants')}."
    )
    if figures.by_names:
        summary += (
            f" {formats.number(figures.persons_reached)} {plural_word(figures.persons_reached, 'personne distincte', 'personnes distinctes')}"
            f" {plural_word(figures.persons_reached, 'a', 'ont')} participé aux événements comptés par noms"
            f" ({formats.number(figures.by_names)} {plural_word(figures.by_names, 'événement', 'événements')} ;"
            f" {formats.number(figures.by_numbers)} {plural_word(figures.by_numbers, 'autre compté', 'autres comptés')} par nombres)."
        )
    if figures.training_hours:
        summary += (
            f" {formats.number(figures.training_hours)} {plural_word(figures.training_hours, 'heure', 'heures')}"
            f" de formation {plural_word(figures.training_hours, 'délivrée', 'délivrées')} (participants × durée)."
        )
    if figures.coverage_percent is not None:
        counted = "présences par nom ou nombres par structure" if figures.by_names else "participations enregistrées par structure"
        summary += (
            f" {formats.number(figures.reached)} {plural_word(figures.reached, 'structure adhérente', 'structures adhérentes')}"
            f" sur {formats.number(figures.active_members)} ({formats.percent(figures.coverage_percent)})"
            f" {plural_word(figures.reached, 'a', 'ont')} participé à au moins "
            f"un événement ({counted})."
        )
    return summary
