"""The members table as exported, from the window (the Members tab's *Exporter…*) and from
`coorace-desktop export members`: one column list, the same headings; also to .vcf cards."""

from coorace_desktop.services.exporting.spreadsheet import ExportColumn, TableExport
from coorace_desktop.services.members.organisation_list import EXPORTED_FIELDS, count_members, list_members


def _vcards(database, ids, path):
    from coorace_desktop.services.members.vcards import export_vcards  # loaded when exporting cards only

    return export_vcards(database, ids, path)


MEMBERS_EXPORT = TableExport(
    "Adhérents",
    (
        *(ExportColumn(exported.heading, lambda r, name=exported.name: r.fields[name]) for exported in EXPORTED_FIELDS),
        ExportColumn("Types", lambda r: r.types_text),
        ExportColumn("Départements", lambda r: r.departments_text),
        ExportColumn("Ville", lambda r: r.city),
        ExportColumn("Téléphone", lambda r: r.phone),
        ExportColumn("E-mail", lambda r: r.email),
        ExportColumn("Adhérent depuis", lambda r: r.member_since_shown),
        ExportColumn("Statut", lambda r: r.status),
        ExportColumn("Cotisation de l'année", lambda r: r.fee_status),
        ExportColumn("Cotisation payée le", lambda r: r.fee_paid_on),
    ),
    count_members,
    list_members,
    {".vcf": _vcards},
)
