"""Creation and change stamps read from the product's clock (redress.core.clock), so a pinned
or replayed clock stamps rows too, without anyone patching Django's ``timezone.now``."""

from __future__ import annotations

from typing import Any

from django.db import models

from redress.core import clock


class StampedAt(models.DateTimeField):  # type: ignore[type-arg]  # as Django declares it
    """``auto_now_add`` / ``auto_now`` as Django has them, with "now" from our clock."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            moment = clock.now()
            setattr(model_instance, self.attname, moment)
            return moment
        return super().pre_save(model_instance, add)

    def deconstruct(self) -> Any:
        # The column is a plain DateTimeField: migrations need not know where "now" comes from.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs
