"""Lists a person pages through: one page of rows, sorted by a column the person chose, filtered by a search.

Every list of the platform that can grow with a call (5,000 applications, 15,000 experts, an audit log) goes
through :class:`Table`, so that a page costs the same few queries whatever the number of rows: a count, the page's
rows, and whatever the view prefetches for those rows only. The sort keys and searchable fields are named by the
view (never taken from the request), so a request cannot sort or filter by a field it should not see.

    table = Table(request, queryset, columns=[Column("acronym", _("Application"), "acronym"), ...],
                  search=["acronym", "title"], default="acronym")
    render(..., {"table": table})        # table.rows, table.page, table.headers, table.query

In the template: ``{% include "includes/table_search.html" %}``, the headers from ``table.headers`` (each with its
``url`` and ``aria_sort``), the rows from ``table.rows``, then ``{% include "includes/pagination.html" %}``.

Rows already computed (a frame's records, cached per data version) go through :class:`RowsTable`, the same table
searched and sorted in memory.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q

PER_PAGE = 50
MAX_QUERY = 100


@dataclass(frozen=True)
class Column:
    key: str  # the value of ?sort= (and its "-key" for descending)
    label: str
    order: str | None = None  # the field or annotation to order by; None: not sortable
    numeric: bool = False


@dataclass(frozen=True)
class Header:
    label: str
    url: str | None
    aria_sort: str  # "ascending", "descending" or "none" (WAI-ARIA)
    numeric: bool


class Table:
    def __init__(
        self,
        request,
        queryset,
        *,
        columns: list[Column],
        search: list[str] | None = None,
        default: str = "",
        per_page: int = PER_PAGE,
        prefix: str = "",
        anchor: str = "",
    ):
        self.prefix = prefix
        self.anchor = anchor  # where a sort or page link lands: the table, not the top of a long page
        self.params = request.GET
        self.columns = columns
        self.searchable = bool(search)
        self.query = self.params.get(self._name("q"), "").strip()[:MAX_QUERY].replace("\x00", "")
        orders = {c.key: c.order for c in columns if c.order}
        sort = self.params.get(self._name("sort"), default)
        if sort.lstrip("-") not in orders:
            sort = default
        self.sort = sort
        terms = [t for t in self.query.split() if t][:5] if search else []
        order = orders.get(sort.lstrip("-"))
        selected = self._select(queryset, terms, search or [], order, sort.startswith("-"))
        self.selected = selected  # every page's rows, searched and sorted: what a download of the table holds
        self.page = Paginator(selected, per_page).get_page(self.params.get(self._name("page")))
        self.rows = list(self.page.object_list)

    def _select(self, queryset, terms: list[str], search: list[str], order: str | None, descending: bool):
        for term in terms:
            queryset = queryset.filter(reduce(or_, (Q(**{f"{f}__icontains": term}) for f in search)))
        if order:
            # The primary key breaks ties, so that a row never appears on two pages or on none.
            queryset = queryset.order_by(f"-{order}" if descending else order, "-pk" if descending else "pk")
        return queryset

    def _name(self, param: str) -> str:
        return f"{self.prefix}{param}"

    def url(self, **changes) -> str:
        """This page's address with some parameters changed (the others kept: a second table's state survives)."""
        params = self.params.copy()
        for name, value in changes.items():
            params[self._name(name)] = value
        query = "?" + urlencode(sorted((k, v) for k, v in params.items() if v not in ("", None)))
        return f"{query}#{self.anchor}" if self.anchor else query

    @property
    def headers(self) -> list[Header]:
        headers = []
        for column in self.columns:
            if not column.order:
                headers.append(Header(column.label, None, "none", column.numeric))
                continue
            current = self.sort.lstrip("-") == column.key
            descending = self.sort.startswith("-")
            state = ("descending" if descending else "ascending") if current else "none"
            target = column.key if (not current or descending) else f"-{column.key}"
            headers.append(Header(column.label, self.url(sort=target, page=""), state, column.numeric))
        return headers

    @property
    def previous_url(self) -> str | None:
        return self.url(page=self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self.url(page=self.page.next_page_number()) if self.page.has_next() else None

    @property
    def search_name(self) -> str:
        return self._name("q")

    @property
    def kept_params(self) -> list[tuple[str, str]]:
        """Parameters a search form carries along (the sort, and any other table's state), not the page."""
        return [(k, v) for k, v in self.params.items() if k not in (self._name("q"), self._name("page"))]


class RowsTable(Table):
    """A :class:`Table` over rows already computed: dicts, searched and sorted in memory by the keys the view names.

    For lists that stay small whatever a call's size (the EU's 240-odd NUTS-2 regions on a map); a list that grows
    with a call stays a queryset. Rows without a value in the sorted column come last either way; ties keep the order
    the rows came in, so a row never appears on two pages or on none."""

    def _select(self, rows, terms: list[str], search: list[str], order: str | None, descending: bool):
        rows = list(rows)
        for term in terms:
            needle = term.casefold()
            rows = [r for r in rows if any(needle in str(r.get(f) or "").casefold() for f in search)]
        if not order:
            return rows
        present = [r for r in rows if r.get(order) not in (None, "")]
        present.sort(key=lambda r: _sortable(r[order]), reverse=descending)
        return present + [r for r in rows if r.get(order) in (None, "")]


def _sortable(value):
    return value.casefold() if isinstance(value, str) else value
