"""Errors the service layer raises, which every front end turns into a clear message."""

from __future__ import annotations


class RedressError(Exception):
    """Base for errors a user can act on. ``message`` is written for them."""

    def __init__(self, message: str, field_errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class InvalidInput(RedressError):
    """One or more fields break a rule; ``field_errors`` names each field and the rule."""

    @classmethod
    def for_field(cls, field: str, message: str) -> InvalidInput:
        return cls(message, {field: [message]})


class TransitionNotAllowed(RedressError):
    """The action is not allowed on the case as it stands now; the message says why."""


class NotPermitted(RedressError):
    """The user may not do this to this case."""
