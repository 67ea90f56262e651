"""What an import file looks like: Redress's own layout, and mapping files that describe
another system's export in terms of it.

A mapping file (TOML) has up to four parts, all optional::

    name = "Aptean Respond"
    reference_prefix = "RSP-"        # put before every legacy reference, to keep two systems apart

    [columns]                        # Redress's column = the export's header
    legacy_reference = "Case Reference"

    [values.outcome]                 # the export's value = Redress's code or label
    "Justified" = "upheld"

    [defaults]                       # used when the column is missing or the cell is blank
    kind = "complaint"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from redress.imports.values import normal

FIELDS = (
    "legacy_reference",
    "kind",
    "received_on",
    "channel",
    "service",
    "category",
    "person_name",
    "email",
    "phone",
    "address",
    "summary",
    "description",
    "outcome_sought",
    "stage",
    "acknowledged_on",
    "responded_on",
    "outcome",
    "closed_on",
)
REQUIRED = ("legacy_reference", "kind", "received_on", "service", "person_name", "summary")
SHIPPED = Path(__file__).resolve().parent / "mappings"


class MappingError(ValueError):
    """A mapping file that cannot be used, with what is wrong in it."""


@dataclass(frozen=True)
class Mapping:
    name: str = "Redress layout"
    reference_prefix: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)

    def header_for(self, name: str) -> str:
        """The header, as compared (lower case, single spaces), that holds Redress's ``name``."""
        return normal(self.columns.get(name, name), keep_underscores=True)

    def translate(self, name: str, value: str) -> str:
        """The export's ``value`` in column ``name`` as Redress reads it: the mapping's
        translation where it has one, the default where the cell is blank."""
        value = value.strip()
        if not value:
            return self.defaults.get(name, "")
        table = self.values.get(name)
        if table:
            return table.get(normal(value), value)
        return value


def _table(data: dict[str, object], part: str) -> dict[str, object]:
    value = data.get(part, {})
    if not isinstance(value, dict):
        raise MappingError(f"[{part}] must be a table of names and values.")
    unknown = sorted(set(value) - set(FIELDS))
    if unknown:
        raise MappingError(
            f"[{part}] names {', '.join(unknown)}, which Redress does not import; "
            f"the columns are {', '.join(FIELDS)}."
        )
    return value


def _strings(part: str, table: dict[str, object]) -> dict[str, str]:
    for key, value in table.items():
        if not isinstance(value, str):
            raise MappingError(f"In [{part}], {key} must be text in quotes.")
    return {key: str(value) for key, value in table.items()}


def parse_mapping(text: str) -> Mapping:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MappingError(f"The mapping is not valid TOML: {error}.") from None
    columns = _strings("columns", _table(data, "columns"))
    defaults = _strings("defaults", _table(data, "defaults"))
    values: dict[str, dict[str, str]] = {}
    for name, table in _table(data, "values").items():
        if not isinstance(table, dict):
            raise MappingError(f"[values.{name}] must be a table of values.")
        values[name] = {normal(k): v for k, v in _strings(f"values.{name}", table).items()}
    return Mapping(
        name=str(data.get("name", "Mapping")),
        reference_prefix=str(data.get("reference_prefix", "")),
        columns=columns,
        values=values,
        defaults=defaults,
    )


def load_mapping(path: str | Path) -> Mapping:
    """The mapping in file ``path``, or the shipped one of that name (``aptean-respond``)."""
    candidate = Path(path)
    if not candidate.exists() and (SHIPPED / f"{path}.toml").exists():
        candidate = SHIPPED / f"{path}.toml"
    try:
        text = candidate.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise MappingError(f"Cannot read the mapping file {path}: {error.strerror}.") from None
    return parse_mapping(text)


def shipped_mappings() -> dict[str, Mapping]:
    """The mappings that come with Redress, by file name without ``.toml``."""
    return {path.stem: load_mapping(path) for path in sorted(SHIPPED.glob("*.toml"))}
