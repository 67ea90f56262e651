"""What an import did, or would do, in plain English, for the console and the page."""

from __future__ import annotations

from redress.cases.kinds import Kind
from redress.core.words import counted
from redress.imports.running import ImportResult


def kind_lines(result: ImportResult) -> list[str]:
    return [
        counted(count, Kind(kind).label.lower()) for kind, count in sorted(result.kinds.items())
    ]


def summary_lines(result: ImportResult) -> list[str]:
    if result.unusable:
        return ["The file cannot be imported: see the problems above."]
    if result.dry_run:
        verb = "would be imported"
    else:
        verb = "would have been imported" if result.refused else "imported"
    lines = [
        f"{counted(result.rows, 'row')} read.",
        f"{counted(result.imported, 'case')} {verb}"
        + (f": {', '.join(kind_lines(result))}." if result.kinds else "."),
    ]
    if result.already:
        lines.append(
            f"{counted(result.already, 'row')} already imported before (the same legacy "
            "reference), left as they are."
        )
    if result.problem_count:
        rows = counted(result.rejected, "row")
        lines.append(
            f"{counted(result.problem_count, 'problem')} in {rows}"
            + (", which were skipped." if result.skip_invalid else ".")
        )
    if result.dry_run:
        lines.append("This was a dry run: nothing was written.")
    return lines
