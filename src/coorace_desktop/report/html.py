"""The accessible edition: the whole report as one HTML5 file in French, drawn from the same
facts as the PDF (report/facts.py) with the same sentences: a heading per section and per
part, tables with header cells and captions, the chart as an image with a text alternative
and its numbers in a table. Screen readers read it; the delegation can publish it as is."""

import base64
from datetime import date
from html import escape

from reportlab.graphics import renderSVG
from reportlab.lib.units import mm

from coorace_desktop.report import formats
from coorace_desktop.report.charts import pie_chart
from coorace_desktop.report.cover import site_lines
from coorace_desktop.report.facts import ReportFacts
from coorace_desktop.report.highlights import events_summary
from coorace_desktop.report.members import directory_intro
from coorace_desktop.report.organisation import joined
from coorace_desktop.report.overview import (
    FIGURE_LABELS,
    basis_note,
    change_sentence,
    figure_value,
    lead_sentence,
    some_names,
)
from coorace_desktop.services.accompaniment.territories import stage_counts_text

STYLE = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1d1d1b; }
h1, h2, h3 { color: #003a70; line-height: 1.25; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.n { text-align: right; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
.note { color: #555; font-size: 0.9rem; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _p(text: str, css: str = "") -> str:
    return f'<p class="{css}">{_e(text)}</p>' if css else f"<p>{_e(text)}</p>"


def _blocks(text: str) -> list[str]:
    return [_p(" ".join(block.split())) for block in text.split("\n\n") if block.strip()]


def _items(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>" if lines else ""


def _table(caption: str, headers: list[str], rows: list[list[object]], numeric: tuple[int, ...] = ()) -> str:
    """A table with its caption, column header cells, and the first cell of each row as its header."""
    head = "".join(f'<th scope="col">{_e(header)}</th>' for header in headers)
    body = []
    for row in rows:
        cells = [f'<th scope="row">{_e(row[0])}</th>']
        cells += [f'<td class="n">{_e(cell)}</td>' if index in numeric else f"<td>{_e(cell)}</td>" for index, cell in enumerate(row[1:], 1)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _section(key: str, title: str, parts: list[str]) -> str:
    return f'<section id="{key}" aria-labelledby="{key}-titre"><h2 id="{key}-titre">{_e(title)}</h2>{"".join(parts)}</section>'


def report_html(facts: ReportFacts, closed_on: date | None = None) -> str:
    """The whole report of `facts.year` as one HTML5 document."""
    year, name = facts.year, facts.profile.name
    title = f"Rapport d'activité {year}" + (f" — {name}" if name else "")
    sections = [
        ("rapport-moral", "Rapport moral", _moral(facts)),
        ("en-bref", "La délégation en bref", _overview(facts)),
        ("organisation", "Notre organisation", _organisation(facts)),
        ("temps-forts", f"Temps forts {year}", _highlights(facts)),
        ("adherents", f"Nos adhérents en {year}", _members(facts)),
        ("rendez-vous", f"Rendez-vous en {year + 1}", _rendezvous(facts)),
    ]
    contents = "".join(f'<li><a href="#{key}">{_e(heading)}</a></li>' for key, heading, _ in sections)
    header = [f"<p>{_e(name or 'Rapport annuel')}</p>", f"<h1>Rapport d'activité {year}</h1>"]
    if closed_on is not None:
        header.append(_p(f"Chiffres arrêtés au {closed_on:%d/%m/%Y}"))
    if facts.profile.summary:
        header.append(_p(facts.profile.summary))
    if lines := site_lines(facts.profile):
        header.append("<h2>Nos sites</h2>" + _items(lines))
    body = "".join(_section(key, heading, parts) for key, heading, parts in sections)
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header>{''.join(header)}</header>\n"
        f'<nav aria-label="Sommaire"><h2>Sommaire</h2><ol>{contents}</ol></nav>\n'
        f"<main>{body}</main>\n</body>\n</html>\n"
    )


def _moral(facts: ReportFacts) -> list[str]:
    text = facts.text
    parts = _blocks(text.moral_report) or [_p(f"Le rapport moral {facts.year} n'a pas été rédigé.", "note")]
    if text.signatory_name:
        parts.append(_p(" — ".join(part for part in (text.signatory_name, text.signatory_title) if part)))
    return parts


def _overview(facts: ReportFacts) -> list[str]:
    counts, key = facts.counts, facts.key_figures
    parts = [_p(lead_sentence(facts)), "<h3>Les adhérents par type</h3>"]
    type_rows = [[f"{entry.name} ({entry.siae_type.label})", formats.number(entry.organisations)] for entry in counts.by_type]
    type_rows.append(["Total des conventionnements", formats.number(counts.type_memberships)])
    parts.append(_table("Adhérents par type de conventionnement", ["Type de conventionnement", "Nombre"], type_rows, (1,)))
    parts.append(_p("Une structure peut détenir plusieurs conventionnements.", "note"))
    parts.append("<h3>Les adhérents par département</h3>")
    rows = [[entry.label, formats.number(entry.organisations), formats.number(entry.sites)] for entry in counts.by_department]
    parts.append(_table("Adhérents et sites par département", ["Département", "Adhérents", "Sites"], rows, (1, 2)))
    note = "Un adhérent présent dans plusieurs départements est compté dans chacun"
    note += f" ({some_names(counts.in_several_departments)})." if counts.in_several_departments else "."
    parts.append(_p(note, "note"))
    parts.append(f"<h3>Chiffres clés {key.year}</h3>")
    if key.figures:
        rows = [[FIGURE_LABELS[figure.measure], figure_value(figure.measure, figure.value)] for figure in key.figures]
        parts.append(_table(f"Chiffres clés {key.year}", ["Indicateur", "Valeur"], rows, (1,)))
        parts.append(_p(basis_note(key), "note"))
    else:
        parts.append(_p(f"Aucun chiffre clé n'est enregistré pour {key.year}.", "note"))
    if facts.changes:
        parts.append(f"<h3>Évolutions depuis {facts.reference_year}</h3>" + _items([change_sentence(change) for change in facts.changes]))
    parts.append(f"<h3>Les ressources de la délégation en {facts.year}</h3>")
    parts += _resources(facts) or [_p("Ressources non renseignées.", "note")]
    if context := [line.strip() for line in facts.text.context.splitlines() if line.strip()]:
        parts.append("<h3>Contexte</h3>" + _items(context))
    return parts


def _resources(facts: ReportFacts) -> list[str]:
    """The pie chart as an SVG image whose alternative text says the shares, then the same in a table."""
    if not facts.resources:
        return []
    slices, rows = [], []
    for line in facts.resources:
        share = formats.percent(line.share_percent) if line.share_percent is not None else ""
        amount = formats.money(line.amount) if line.amount is not None else ""
        slices.append((line.label, line.share_percent or 0, " · ".join(part for part in (share, amount) if part)))
        rows.append([line.label, share, amount])
    svg = renderSVG.drawToString(pie_chart(slices, 150 * mm, 42 * mm))
    alt = "Répartition des ressources : " + " ; ".join(f"{label} {text}" for label, _, text in slices if text) + "."
    image = f'<img src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}" alt="{_e(alt)}" width="567" height="159">'
    headers = ["Ressource", "Part", "Montant"]
    if not any(line.amount is not None for line in facts.resources):  # only the published shares
        headers, rows = headers[:2], [row[:2] for row in rows]
    table = _table(f"Les ressources de la délégation en {facts.year}", headers, rows, (1, 2))
    return [f"<figure>{image}<figcaption>Ressources de la délégation (détail dans le tableau ci-dessous)</figcaption></figure>", table]


def _organisation(facts: ReportFacts) -> list[str]:
    board, on = facts.board, formats.long_date(facts.year_end)
    parts = [_p(facts.profile.summary)] if facts.profile.summary else []
    if facts.profile.missions:
        parts.append("<h3>Nos missions</h3>" + _items([f"{title.upper()} {text}" for title, text in facts.profile.missions]))
    parts.append("<h3>Le conseil d'administration</h3>")
    starts = sorted({seat.start_on for seat in board.seats})
    since = f" ; mandats ouverts le {formats.long_date(starts[0])}" if len(starts) == 1 else ""
    parts.append(_p(f"{len(board.seats)} administrateur·rice·s au {on}{since}.", "note"))
    rows = [
        [seat.organisation_name, seat.department, seat.person_name, ", ".join([*seat.offices, *(["CA national"] if seat.national else [])])]
        for seat in board.seats
    ]
    if rows:
        parts.append(_table("Le conseil d'administration", ["Structure", "Dépt", "Représentant·e", "Fonctions"], rows))
    parts.append("<h3>Le bureau</h3>")
    if board.bureau:
        rows = [[seat.role_label, seat.person_name, seat.organisation_name] for seat in board.bureau]
        parts.append(_table("Le bureau", ["Fonction", "Nom", "Structure"], rows))
    else:
        parts.append(_p(f"Aucun membre du bureau au {on}.", "note"))
    parts.append("<h3>Nos représentant·e·s au conseil d'administration de la fédération nationale</h3>")
    parts.append(_p(joined(board.national) or "Aucun·e représentant·e enregistré·e."))
    parts.append("<h3>L'équipe salariée</h3>")
    if facts.staff:
        rows = [[post.person_name, post.job_title, post.site_name] for post in facts.staff]
        parts.append(_table("L'équipe salariée", ["Nom", "Fonction", "Site"], rows))
    else:
        parts.append(_p(f"Aucun poste salarié au {on}.", "note"))
    return parts


def _highlights(facts: ReportFacts) -> list[str]:
    parts = []
    for story in facts.stories:
        parts.append(f"<h3>{_e(story.title)}</h3>")
        if story.starts_on:
            parts.append(_p(formats.long_date(story.starts_on), "note"))
        parts += _blocks(story.story) or [_p("Texte à rédiger.", "note")]
    if not facts.stories:
        parts.append(_p(f"Aucun temps fort n'est enregistré pour {facts.year}.", "note"))
    if facts.programmes or any(facts.territories.values()):
        parts.append(f"<h3>En {facts.year}, ce sont aussi</h3>")
        for summary in facts.programmes:
            parts.append(f"<h4>{_e(summary.programme)}</h4>" + _items([line.text for line in summary.lines]))
        if any(facts.territories.values()):
            parts.append("<h4>Territoires zéro chômeur de longue durée</h4>" + _items([stage_counts_text(facts.territories, facts.year_end)]))
    figures = facts.events
    parts.append(f"<h3>Les événements de {facts.year} en chiffres</h3>")
    if not figures.events:
        return parts + [_p(f"Aucun événement enregistré pour {facts.year}.", "note")]
    parts.append(_p(events_summary(figures)))
    kinds = sorted(figures.by_kind, key=lambda name: (-figures.by_kind[name], name))
    rows = [[name, formats.number(figures.by_kind[name]), formats.number(figures.participants_by_kind.get(name, 0))] for name in kinds]
    parts.append(_table("Séances et participants par type d'événement", ["Type d'événement", "Séances", "Participants"], rows, (1, 2)))
    parts.append("<h3>Le détail des événements</h3>")
    rows = [
        [
            row.title,
            formats.date_range(row.starts_on, row.ends_on) if row.starts_on else "Date non précisée",
            row.kind, formats.number(row.sessions), formats.number(row.participants),
        ]
        for row in facts.event_rows
    ]
    parts.append(_table(f"Les événements de {facts.year}", ["Événement", "Date", "Type", "Séances", "Participants"], rows, (3, 4)))
    return parts


def _members(facts: ReportFacts) -> list[str]:
    parts = [_p(directory_intro(facts.directory))]
    for group in facts.directory:
        parts.append(f"<h3>{_e(group.label)} ({formats.number(len(group.entries))})</h3>")
        rows = [
            [entry.name, " · ".join(entry.types), " ".join(part for part in (entry.address, entry.postcode, entry.city) if part), entry.phone, entry.email]
            for entry in group.entries
        ]
        parts.append(_table(f"Adhérents : {group.label}", ["Structure", "Types", "Adresse", "Téléphone", "E-mail"], rows))
    return parts


def _rendezvous(facts: ReportFacts) -> list[str]:
    next_year = facts.year + 1
    if facts.rendezvous:
        rows = [
            [
                entry.title,
                formats.date_range(entry.starts_on, entry.ends_on) if entry.starts_on else "Date à préciser",
                entry.kind,
                "En ligne" if entry.online and not entry.place else entry.place,
            ]
            for entry in facts.rendezvous
        ]
        parts = [_table(f"Rendez-vous en {next_year}", ["Rendez-vous", "Date", "Type", "Lieu"], rows)]
    else:
        parts = [_p(f"Aucun rendez-vous prévu en {next_year} pour l'instant.", "note")]
    parts.append("<h3>Merci à nos partenaires pour leur soutien</h3>")
    lines = [partner.name + (f" — {partner.description}" if partner.description else "") for partner in facts.partners]
    parts.append(_items(lines) or _p("Aucun partenaire enregistré pour l'année.", "note"))
    return parts
