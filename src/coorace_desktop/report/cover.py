"""The cover: the delegation's name, "Rapport d'activité", the year, its summary and sites."""

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from coorace_desktop.domain.governance_drafts import DelegationProfile
from coorace_desktop.report.context import SectionContext
from coorace_desktop.report.formats import long_date
from coorace_desktop.report.styles import MUTED, para


def build(context: SectionContext) -> list[Flowable]:
    style = context.styles
    profile = context.facts.profile
    white = ParagraphStyle("cover_subtitle", parent=style.cover_title, fontSize=17, leading=22)
    flowables: list[Flowable] = [
        Spacer(1, 8 * mm),
        para(profile.name or "Rapport annuel", style.cover_title),
        Spacer(1, 4 * mm),
        Paragraph("Rapport d'activité", white),
        Spacer(1, 6 * mm),
        Paragraph(str(context.year), style.cover_year),
    ]
    if context.closed_on is not None:
        flowables.append(Paragraph(f"Chiffres arrêtés au {context.closed_on:%d/%m/%Y}", white.clone("closed_on", fontSize=11, leading=14)))
    flowables.append(Spacer(1, 34 * mm if context.closed_on is None else 34 * mm - 14))
    if profile.summary:
        flowables.append(para(profile.summary, style.cover_text))
    lines = site_lines(profile)
    if lines:
        sites_style = ParagraphStyle("cover_sites", parent=style.cover_text, fontSize=9.5, textColor=MUTED)
        flowables += [Spacer(1, 6 * mm), Paragraph("<b>Nos sites</b>", sites_style)]
        flowables += [para(line, sites_style) for line in lines]
    return flowables


def site_lines(profile: DelegationProfile, with_opening: bool = True) -> list[str]:
    """'Montpellier (pôle Réalis) (depuis le 9 janvier 2020)': the delegation's sites, one line each
    (the letterhead's without the opening date)."""
    lines = []
    for site in profile.sites:
        if not site.name:
            continue
        opened = f" (depuis le {long_date(site.opened_on)})" if site.opened_on and with_opening else ""
        address = ", ".join(part for part in (site.address, f"{site.postcode} {site.city}".strip()) if part)
        lines.append(site.name + (f" : {address}" if address and address != site.city else "") + opened)
    return lines
