"""An import's result kept on its ImportFile, for the page to show after the request that
ran it."""

from __future__ import annotations

from typing import Any

from redress.imports.rows import Problem
from redress.imports.running import ImportResult
from redress.imports.summary import summary_lines


def stored(result: ImportResult) -> dict[str, Any]:
    return {
        "rows": result.rows,
        "imported": result.imported,
        "already": result.already,
        "rejected": result.rejected,
        "problem_count": result.problem_count,
        "unusable": result.unusable,
        "problems": [[p.row, p.column, p.reason] for p in result.problems],
        "summary": summary_lines(result),
    }


def problems_of(data: dict[str, Any]) -> list[Problem]:
    return [Problem(row, column, reason) for row, column, reason in data.get("problems", [])]
