"""The rapport moral: the year's text as written, signed by its signatory."""

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import CondPageBreak, Paragraph
from reportlab.platypus.flowables import Flowable

from coorace_desktop.report.context import SectionContext
from coorace_desktop.report.document import section_start
from coorace_desktop.report.styles import para, paragraphs

KEY = "rapport-moral"


def build(context: SectionContext) -> list[Flowable]:
    style = context.styles
    text = context.facts.text
    flowables = section_start("Rapport moral", KEY, columns=2)
    # Ragged right: justified narrow columns without hyphenation open wide gaps between words.
    body = paragraphs(text.moral_report, style.body)
    if not body:
        return flowables + [Paragraph(f"Le rapport moral {context.year} n'a pas été rédigé.", style.note)]
    flowables += body
    if text.signatory_name:
        flowables.append(CondPageBreak(40))
        flowables.append(para(text.signatory_name, style.signature))
        if text.signatory_title:
            flowables.append(para(text.signatory_title, style.small.clone("signatory_title", alignment=TA_RIGHT)))
    return flowables
