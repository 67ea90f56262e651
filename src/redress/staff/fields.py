"""Form fields in the GOV.UK patterns that Django does not have: the three-box date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from redress.core import clock


class GovukDateWidget(forms.Widget):
    """Day, month and year as three boxes named ``<name>-day`` and so on; what was typed is
    returned as it was, so a wrong date is shown back unchanged."""

    parts = ("day", "month", "year")

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str] | None:
        values = [str(data.get(f"{name}-{part}", "")).strip() for part in self.parts]
        return values if any(values) else None

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in self.parts)


class GovukDateField(forms.Field):
    widget = GovukDateWidget

    def __init__(self, *, what: str, allow_future: bool = False, **kwargs: Any):
        self.what = what
        self.allow_future = allow_future
        kwargs.setdefault("error_messages", {"required": f"Enter the date {what}"})
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if value in (None, "", []):
            return None
        if isinstance(value, dt.date):
            return value
        day, month, year = (list(value) + ["", "", ""])[:3]
        parts = zip(("day", "month", "year"), (day, month, year), strict=True)
        missing = [name for name, typed in parts if not typed]
        if missing:
            raise forms.ValidationError(
                f"The date {self.what} must include a {' and '.join(missing)}"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(
                f"The date {self.what} must be a real date, for example 27 3 2026"
            )
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                f"The date {self.what} must be a real date, for example 27 3 2026"
            ) from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not self.allow_future and value > clock.today():
            raise forms.ValidationError(f"The date {self.what} must be today or in the past")
