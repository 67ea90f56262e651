"""Text search over cases: reference, the person's name and email, and the complaint text.

Used by every list that takes a search box (staff list, API, exports) through
``apply_text_search`` so they all find the same cases.

How it matches: the text is split into words (runs of letters and digits) and a case matches
when every word starts a word somewhere in its reference (or the legacy reference it was
imported with), the person's name or email, or its summary or description,
case-insensitively. "jo smi" finds Joanne Smith. A whole reference goes straight to the
unique reference indexes, and a whole email address to the person's email index (any case).

The words are looked up in an index kept by database triggers (migration 0002_case_search,
with the legacy reference added to the reference column by 0013_case_legacy_reference):
a GIN-indexed tsvector table on PostgreSQL and an FTS5 table on SQLite. The index answers
"which case ids contain these words" and the caller's own filters (visibility, service,
status) and ordering apply on top, so search never widens what a user may see.

A page of results on PostgreSQL is first looked for by walking (``walk_matches``): a broad
search ("damp", "repair") matches tens of thousands of cases, and handing all of them to the
planner to sort means reading every match (about a second at 1,000,000 cases), while the
soonest-due fifty are among the first thousand cases in the page's own order. Sparse words fall
through to the index, which then finds few matches. See docs/performance.md, "Text search".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from redress.cases.models import Case, Person

REFERENCE_PATTERN = re.compile(r"^[A-Z]{3}-\d{4}-\d{6}$", re.IGNORECASE)
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
WORD = re.compile(r"[^\W_]+")
# More words than this adds nothing but cost; a search box is not a document.
MAX_WORDS = 8

_POSTGRES_MATCH = "SELECT case_id FROM cases_case_search WHERE document @@ to_tsquery('simple', %s)"
_SQLITE_MATCH = "SELECT rowid FROM cases_case_search WHERE cases_case_search MATCH %s"
# The candidates are joined as rows, one primary-key probe each: with ``case_id = ANY(...)``
# the planner ANDs the GIN index's bitmap of every match instead (a hundred times slower).
_POSTGRES_MATCH_AMONG = (
    "SELECT s.case_id FROM unnest(%s::bigint[]) AS candidate(id) "
    "JOIN cases_case_search s ON s.case_id = candidate.id "
    "WHERE s.document @@ to_tsquery('simple', %s)"
)
# Candidates examined per row wanted, round by round (each round reads on from the last),
# before leaving it to the index: a very common word fills the page from the first round, and
# a word in at least 1 case in 80 of those in the page's order fills it by the last.
WALK_ROUNDS = (2, 6, 20, 80)
# From the second round on, the walk stops early when the matches found so far, kept up at
# the same rate, would fill less than half the page by the last round: "Reeves" (1 case in
# 300) spent 9 of its 35 ms on the last two rounds before the index was asked anyway. One
# round is too few to judge by (a word in 1 case in 50 finds none in the first 102 cases
# one time in eight); two rounds misjudge a word that would just fill the page about one
# time in ten, and then the index, which finds it in a few milliseconds more, answers.
HOPELESS_BELOW = 0.5


def search_words(text: str) -> list[str]:
    """The words to look for, lower-cased, without one-letter words when longer ones exist
    (a one-letter prefix matches nearly everything and only slows the search)."""
    words = [w.lower() for w in WORD.findall(text)][:MAX_WORDS]
    longer = [w for w in words if len(w) > 1]
    return longer or words


def _postgres_query(words: list[str]) -> str:
    # Words hold only letters and digits, so they cannot carry tsquery operators.
    return " & ".join(f"{w}:*" for w in words)


def _sqlite_query(words: list[str]) -> str:
    return " AND ".join(f'"{w}"*' for w in words)


def _fallback(cases: QuerySet[Case], words: list[str]) -> QuerySet[Case]:
    """For databases without the trigger-kept index: the same rule, without the speed."""
    for word in words:
        cases = cases.filter(
            Q(reference__icontains=word)
            | Q(legacy_reference__icontains=word)
            | Q(person__name__icontains=word)
            | Q(person__email__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
        )
    return cases


def apply_text_search(
    cases: QuerySet[Case], text: str, *, index_first: bool = False
) -> QuerySet[Case]:
    """``cases`` narrowed to those matching ``text``; unchanged when ``text`` is blank.

    ``index_first`` (PostgreSQL) has the planner read every match from the search index
    before anything else, for words known to be rare (``walk_matches`` found too few):
    otherwise a low estimate can lead it to walk the cases in order, probing each."""
    text = (text or "").strip()
    if not text:
        return cases
    if REFERENCE_PATTERN.match(text):
        # A legacy system may have numbered its cases the same way.
        return cases.filter(Q(reference=text.upper()) | Q(legacy_reference=text))
    if EMAIL_PATTERN.match(text):
        # A whole address: its domain's words are in most documents, so look the address up
        # in the person table's lower(email) index instead.
        people = Person.objects.alias(email_lower=Lower("email")).filter(email_lower=text.lower())
        return cases.filter(person_id__in=people.values("id"))
    words = search_words(text)
    if not words:
        return cases.none()
    vendor = connections[cases.db].vendor
    if vendor == "postgresql":
        # OFFSET 0 keeps the subquery whole, so it is answered from its own index first.
        sql = _POSTGRES_MATCH + (" OFFSET 0" if index_first else "")
        matching = RawSQL(sql, (_postgres_query(words),))
    elif vendor == "sqlite":
        matching = RawSQL(_SQLITE_MATCH, (_sqlite_query(words),))
    else:
        return _fallback(cases, words)
    return cases.filter(pk__in=matching)


def _exact_lookup(text: str) -> bool:
    return bool(REFERENCE_PATTERN.match(text) or EMAIL_PATTERN.match(text))


@dataclass(frozen=True)
class WalkedMatches:
    ids: list[int]  # the first matches in the order given, as many as were wanted
    matched: int  # the matches found among the candidates examined (ids may hold fewer)
    exact: bool  # every candidate was examined, so ``matched`` is the number of matches


def walk_matches(ordered: QuerySet[Case], text: str, want: int) -> WalkedMatches | None:
    """The first ``want`` cases of ``ordered`` that match ``text``, found by reading
    ``ordered``'s ids in order (on its own index, as an unsearched list does) and asking the
    search index which of those match. None when this does not apply (not PostgreSQL, a blank
    text, a whole reference or email, which have their own indexes) or when the words are too
    rare among the first candidates to fill the page: then ``apply_text_search`` lets the
    planner start from the search index, which finds few matches for rare words."""
    text = (text or "").strip()
    words = search_words(text)
    if connections[ordered.db].vendor != "postgresql" or not words or _exact_lookup(text):
        return None
    query = _postgres_query(words)
    found: list[int] = []
    start = 0
    for round_number, per_row in enumerate(WALK_ROUNDS, start=1):
        end = want * per_row
        candidates = list(ordered.values_list("pk", flat=True)[start:end])
        found += _matching_in_order(ordered.db, candidates, query)
        exhausted = len(candidates) < end - start
        if len(found) >= want or exhausted:
            return WalkedMatches(found[:want], matched=len(found), exact=exhausted)
        if round_number >= 2 and _hopeless(len(found), end, want):
            return None
        start = end
    return None


def _hopeless(found: int, examined: int, want: int) -> bool:
    """At the rate found so far, the last round would fill less than ``HOPELESS_BELOW`` of
    the page."""
    return found * want * WALK_ROUNDS[-1] / examined < want * HOPELESS_BELOW


def _matching_in_order(using: str, candidates: list[int], query: str) -> list[int]:
    if not candidates:
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(_POSTGRES_MATCH_AMONG, [candidates, query])
        matching = {row[0] for row in cursor.fetchall()}
    return [pk for pk in candidates if pk in matching]


def rebuild_search_index(using: str = "default") -> None:
    """Refill the search index from the tables, for after a bulk load that bypassed triggers."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE cases_case_search")
            cursor.execute(
                "INSERT INTO cases_case_search (case_id, document) "
                "SELECT c.id, cases_search_document(concat_ws(' ', c.reference, "
                "c.legacy_reference), p.name, p.email, c.summary, c.description) "
                "FROM cases_case c JOIN cases_person p ON p.id = c.person_id"
            )
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM cases_case_search")
            cursor.execute(
                "INSERT INTO cases_case_search (rowid, reference, name, email, summary, "
                "description) SELECT c.id, c.reference || coalesce(' ' || c.legacy_reference, "
                "''), p.name, p.email, c.summary, c.description "
                "FROM cases_case c JOIN cases_person p ON p.id = c.person_id"
            )
