"""Counting a list in the query that reads its first rows."""

from __future__ import annotations

from django.db.models import Count, Window


def counted_alongside() -> Window:
    """Every row the query matches, counted on each row it returns: annotated on a sliced
    list, the first row says how many there are in all, with no second query. The count
    covers every match before the slice, so keep it to lists of hundreds, not a million."""
    return Window(Count("pk"))
