"""*La délégation en bref*: members by type and département, key figures and their changes,
the delegation's resources, the year's context."""

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from coorace_desktop.domain.french import plural, plural_word
from coorace_desktop.report import formats
from coorace_desktop.report.charts import pie_chart
from coorace_desktop.report.context import SectionContext
from coorace_desktop.report.document import section_start
from coorace_desktop.report.facts import ReportFacts
from coorace_desktop.report.sections import OVERVIEW
from coorace_desktop.report.styles import ACCENT, FONT, LIGHT, TEXT_WIDTH, data_table, markup, para
from coorace_desktop.services.reporting.member_figures import (
    MONEY_MEASURES,
    Basis,
    FigureChange,
    KeyFigures,
    MemberCounts,
)

FIGURE_LABELS = {
    "turnover": "de chiffre d'affaires cumulé",
    "gross_wages": "de salaires bruts versés",
    "public_funding": "de financement public",
    "insertion_employees": "salarié·e·s en insertion",
    "permanent_staff": "salarié·e·s permanent·e·s",
    "fte": "équivalents temps plein salariés",
    "insertion_hours": "heures de travail en insertion",
}
CHANGE_SUBJECTS = {
    "turnover": "du chiffre d'affaires",
    "gross_wages": "des salaires bruts versés",
    "public_funding": "du financement public",
    "insertion_employees": "du nombre de salarié·e·s en insertion",
    "permanent_staff": "du nombre de salarié·e·s permanent·e·s",
    "fte": "des équivalents temps plein",
    "insertion_hours": "des heures de travail en insertion",
}
HALF = (TEXT_WIDTH - 6 * mm) / 2


def department_without_site(count: int) -> str:
    """The note's sentence on members printed in no department: ' 1 adhérent sans site ne figure…'."""
    return (f" {plural(count, 'adhérent', 'adhérents')} sans site "
            f"{plural_word(count, 'ne figure', 'ne figurent')} dans aucun département.")


def build(context: SectionContext) -> list[Flowable]:
    style = context.styles
    facts = context.facts
    counts, key, reference_year, changes = facts.counts, facts.key_figures, facts.reference_year, facts.changes
    flowables = section_start("La délégation en bref", OVERVIEW.key)
    flowables.append(para(lead_sentence(facts), style.body.clone("lead", fontSize=11.5, leading=16)))
    flowables.append(_members_tables(counts, style))
    flowables += _key_figures(key, style)
    flowables += _changes(changes, reference_year, style)
    flowables += _resources_and_context(context, style)
    return flowables


def lead_sentence(facts: ReportFacts) -> str:
    """'En 2020, Coorace Occitanie rassemble 51 structures adhérentes, …, dans 10 départements.'"""
    departments = sum(1 for department in facts.counts.by_department if department.code)
    who = facts.profile.name or "La délégation"
    return f"En {facts.year}, {who} rassemble {facts.counts.reading}, dans {plural(departments, 'département', 'départements')}."


def _members_tables(counts: MemberCounts, style) -> Table:
    type_rows = [
        [para(f"{entry.name} ({entry.siae_type.label})", style.cell), Paragraph(formats.number(entry.organisations), style.cell_right)]
        for entry in counts.by_type
    ]
    type_rows.append(
        [Paragraph("<b>Total des conventionnements</b>", style.cell), Paragraph(f"<b>{formats.number(counts.type_memberships)}</b>", style.cell_right)]
    )
    by_type = data_table(["Type de conventionnement", "Nombre"], type_rows, [HALF - 20 * mm, 20 * mm], numeric_columns=(1,))
    department_rows = [
        [
            para(entry.label, style.cell),
            Paragraph(formats.number(entry.organisations), style.cell_right),
            Paragraph(formats.number(entry.sites), style.cell_right),
        ]
        for entry in counts.by_department
    ]
    by_department = data_table(
        ["Département", "Adhérents", "Sites"], department_rows, [HALF - 38 * mm, 20 * mm, 18 * mm], numeric_columns=(1, 2)
    )
    type_note = "Une structure peut détenir plusieurs conventionnements."
    department_note = "Un adhérent présent dans plusieurs départements est compté dans chacun"
    if counts.in_several_departments:
        department_note += f" ({some_names(counts.in_several_departments)})"
    department_note += "."
    if counts.without_site:
        department_note += department_without_site(counts.without_site)
    left = [Paragraph("Les adhérents par type", style.subheading), by_type, para(type_note, style.note)]
    right = [Paragraph("Les adhérents par département", style.subheading), by_department, para(department_note, style.note)]
    return _side_by_side(left, right)


def some_names(names: tuple[str, ...], limit: int = 6) -> str:
    """'A, B, C' or, past the limit, 'A, B, C… et 897 autres'."""
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])}… et {formats.number(len(names) - limit)} autres"


def _side_by_side(left: list[Flowable], right: list[Flowable]) -> Table:
    table = Table([[left, right]], colWidths=[HALF + 3 * mm, HALF + 3 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6 * mm)])
    )
    return table


def figure_value(measure: str, value: float) -> str:
    return formats.compact_money(value) if measure in MONEY_MEASURES else formats.number(value)


def _key_figures(key: KeyFigures, style) -> list[Flowable]:
    if not key.figures:
        return []
    title = Paragraph(f"Chiffres clés {key.year}", style.heading)
    cells = [
        [Paragraph(figure_value(figure.measure, figure.value), style.figure_value), Paragraph(FIGURE_LABELS[figure.measure], style.figure_label)]
        for figure in key.figures
    ]
    per_row = 4 if len(cells) in (4, 7, 8) else 3
    rows = [cells[index:index + per_row] for index in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    grid = Table(rows, colWidths=[TEXT_WIDTH / per_row] * per_row, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("GRID", (0, 0), (-1, -1), 2, "white"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [KeepTogether([title, grid, para(basis_note(key), style.note)])]


def basis_note(key: KeyFigures) -> str:
    """Says which figures these are and how complete: 'Source : chiffres de 38 adhérents sur 51.'"""
    note = f"Source : {key.completeness}."
    partial = [f for f in key.figures if f.basis is Basis.MEMBERS and f.reporting < key.members_total]
    if partial:
        note += " Sommes des chiffres transmis : les adhérents sans chiffres n'y figurent pas."
    return note


def change_sentence(change: FigureChange) -> str:
    """'Baisse du chiffre d'affaires de 4 % par rapport à 2018'."""
    ratio = change.ratio
    if abs(ratio) < 0.0005:
        return f"Stabilité {CHANGE_SUBJECTS[change.measure]} par rapport à {change.reference_year}"
    trend = "Hausse" if ratio > 0 else "Baisse"
    return f"{trend} {CHANGE_SUBJECTS[change.measure]} de {formats.percent(abs(ratio) * 100)} par rapport à {change.reference_year}"


def _changes(changes: list[FigureChange], reference_year: int | None, style) -> list[Flowable]:
    if not changes:
        return []
    flowables: list[Flowable] = [Paragraph(f"Évolutions depuis {reference_year}", style.heading)]
    for change in changes:
        flowables.append(Paragraph(change_sentence(change), style.bullet, bulletText="•"))
    panels = sorted({change.panel for change in changes if change.panel is not None})
    if panels:
        note = f"À périmètre constant : seuls les adhérents dont les chiffres sont connus les deux années sont comparés ({', '.join(map(str, panels))} adhérents)."
    else:
        note = "Comparaison des totaux enregistrés pour chacune des deux années."
    flowables.append(Paragraph(note, style.note))
    return flowables


def _resources_and_context(context: SectionContext, style) -> list[Flowable]:
    lines, text = context.facts.resources, context.facts.text
    left: list[Flowable] = []
    if lines:
        left.append(Paragraph(f"Les ressources de la délégation en {context.year}", style.heading))
        slices = []
        for line in lines:
            share = formats.percent(line.share_percent) if line.share_percent is not None else ""
            amount = formats.money(line.amount) if line.amount is not None else ""
            slices.append((line.label, line.share_percent or 0, " · ".join(part for part in (share, amount) if part)))
        left.append(pie_chart(slices, HALF, 42 * mm))
    right: list[Flowable] = []
    context_lines = [line.strip() for line in text.context.splitlines() if line.strip()]
    if context_lines:
        right.append(Paragraph("Contexte", style.heading))
        arrow = style.bullet.clone("context", bulletColor=ACCENT, bulletFontName=FONT)
        right += [Paragraph(markup(line), arrow, bulletText="➔") for line in context_lines]
    return [_side_by_side(left, right)] if left or right else []
