"""*Notre organisation*: missions, the board with organisation and département, the bureau,
the national representatives and the staff, as they stood at the end of the year."""

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from coorace_desktop.report.context import SectionContext
from coorace_desktop.report.document import section_start
from coorace_desktop.report.formats import long_date
from coorace_desktop.report.sections import ORGANISATION
from coorace_desktop.report.styles import TEXT_WIDTH, data_table, markup, para


def joined(names: list[str]) -> str:
    """'A', 'A et B', 'A, B et C'."""
    return " et ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def build(context: SectionContext) -> list[Flowable]:
    style = context.styles
    profile, board, staff = context.facts.profile, context.facts.board, context.facts.staff
    on = long_date(context.year_end)
    flowables = section_start("Notre organisation", ORGANISATION.key)
    if profile.summary:
        flowables.append(para(profile.summary, style.body))
    if profile.missions:
        flowables.append(Paragraph("Nos missions", style.heading))
        for title, text in profile.missions:
            flowables.append(
                Paragraph(f"<b>{markup(title.upper())}</b> {markup(text)}", style.bullet, bulletText="➔")
            )

    flowables.append(Paragraph("Le conseil d'administration", style.heading))
    starts = sorted({seat.start_on for seat in board.seats})
    since = f" ; mandats ouverts le {long_date(starts[0])}" if len(starts) == 1 else ""
    flowables.append(Paragraph(f"{len(board.seats)} administrateur·rice·s au {on}{since}.", style.note))
    if board.seats:
        rows = [
            [
                para(seat.organisation_name, style.cell_bold),
                para(seat.department, style.cell),
                para(seat.person_name, style.cell),
                para(", ".join([*seat.offices, *(["CA national"] if seat.national else [])]), style.cell),
            ]
            for seat in board.seats
        ]
        flowables.append(
            data_table(["Structure", "Dépt", "Représentant·e", "Fonctions"], rows, [62 * mm, 14 * mm, 50 * mm, TEXT_WIDTH - 126 * mm])
        )

    flowables.append(Paragraph("Le bureau", style.heading))
    if board.bureau:
        rows = [
            [para(seat.role_label, style.cell_bold), para(seat.person_name, style.cell), para(seat.organisation_name, style.cell)]
            for seat in board.bureau
        ]
        flowables.append(data_table(["Fonction", "Nom", "Structure"], rows, [45 * mm, 60 * mm, TEXT_WIDTH - 105 * mm]))
    else:
        flowables.append(Paragraph(f"Aucun membre du bureau au {on}.", style.note))

    flowables.append(Paragraph("Nos représentant·e·s au conseil d'administration de la fédération nationale", style.heading))
    flowables.append(para(joined(board.national) or "Aucun·e représentant·e enregistré·e.", style.body))

    flowables.append(Paragraph("L'équipe salariée", style.heading))
    if staff:
        rows = [[para(post.person_name, style.cell_bold), para(post.job_title, style.cell), para(post.site_name, style.cell)] for post in staff]
        flowables.append(data_table(["Nom", "Fonction", "Site"], rows, [45 * mm, 85 * mm, TEXT_WIDTH - 130 * mm]))
    else:
        flowables.append(Paragraph(f"Aucun poste salarié au {on}.", style.note))
    return flowables
