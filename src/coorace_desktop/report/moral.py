"""The rapport moral: the year's text as written, signed by its signatory."""

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import CondPageBreak
from reportlab.platypus.flowables import Flowable

from coorace_desktop.report.context import SectionContext
from coorace_desktop.report.document import section_start
from coorace_desktop.report.sections import MORAL
from coorace_desktop.report.styles import para, paragraphs


def build(context: SectionContext) -> list[Flowable]:
    style = context.styles
    text = context.facts.text
    flowables = section_start("Rapport moral", MORAL.key, columns=2)
    # Ragged right: justified narrow columns without hyphenation open wide gaps between words.
    flowables += paragraphs(text.moral_report, style.body)
    if text.signatory_name:
        flowables.append(CondPageBreak(40))
        flowables.append(para(text.signatory_name, style.signature))
        if text.signatory_title:
            flowables.append(para(text.signatory_title, style.small.clone("signatory_title", alignment=TA_RIGHT)))
    return flowables
