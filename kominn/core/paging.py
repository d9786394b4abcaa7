"""Lists that cost the same on their first page and their last.

A list of everything in a large municipality (38 000 ideas at national scale) would make
its last page read every row before it (`OFFSET`) and its first page count them all. A
bounded list shows at most `max_pages` pages: it counts at most one row past them (a
`COUNT` over a `LIMIT`), and the deepest `OFFSET` it asks for is fixed. Past that, people
narrow the list with its filters or search, as the last page tells them."""

from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator


class BoundedPaginator(Paginator):
    def __init__(self, object_list, per_page, max_pages=None, **kwargs):
        self.max_pages = max_pages or settings.KOMINN_LIST_MAX_PAGES
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def limit(self) -> int:
        return self.per_page * self.max_pages

    @cached_property
    def count(self) -> int:
        """The number of rows, or `limit` when there are more (then `capped` is true)."""
        return min(self._counted, self.limit)

    @cached_property
    def capped(self) -> bool:
        """True when the list holds more rows than its pages show."""
        return self._counted > self.limit

    @cached_property
    def _counted(self) -> int:
        # A list (of ids kept ready, say) is counted as it is; a queryset in the database.
        rows = self.object_list[: self.limit + 1]
        return len(rows) if isinstance(rows, list | tuple) else rows.count()
