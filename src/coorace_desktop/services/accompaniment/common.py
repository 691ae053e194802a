"""What the accompaniment lists share: equality filters, counting a list, sorting codes by label."""

from collections.abc import Mapping

from sqlalchemy import ColumnElement, Select, case, func, select

from coorace_desktop.domain.enums import LabelledEnum
from coorace_desktop.services.listing import ListQuery, by_label
from coorace_desktop.storage.database import Database


def equal_filters(statement: Select, query: ListQuery, columns: Mapping[str, ColumnElement]) -> Select:
    """WHERE column = value for each filter of the query named in columns."""
    for name, column in columns.items():
        if (value := query.filter(name)) is not None:
            statement = statement.where(column == value)
    return statement


def count_rows(database: Database, statement: Select) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(statement.subquery())).scalar_one()


def label_order(column: ColumnElement, labels: Mapping[object, str]) -> ColumnElement[int]:
    """Sort a column of codes by their French labels (see by_label)."""
    ranked = by_label(labels)
    return case({value: rank for rank, value in enumerate(ranked)}, value=column, else_=len(ranked))


def enum_labels(enum: type[LabelledEnum]) -> dict[str, str]:
    return {member.value: member.label for member in enum}
