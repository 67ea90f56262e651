"""The question pages in order, and the answers kept in the session between them."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib.sessions.backends.base import SessionBase

from redress.portal import forms as portal_forms

SESSION_KEY = "portal_feedback"


@dataclass(frozen=True)
class Step:
    key: str
    slug: str
    form: type[forms.Form] | None
    title: str
    only_for: tuple[str, ...] = ()

    def applies(self, answers: dict[str, Any]) -> bool:
        if not self.only_for:
            return True
        return answers.get("kind", {}).get("kind") in self.only_for


STEPS = (
    Step("kind", "what-would-you-like-to-do", portal_forms.KindForm, "What would you like to do?"),
    Step("service", "which-service", portal_forms.ServiceForm, "Which service is it about?"),
    Step("about", "who-is-it-for", portal_forms.AboutForm, "Who is this about?"),
    Step("what_happened", "what-happened", portal_forms.WhatHappenedForm, "What happened?"),
    Step(
        "outcome",
        "what-would-put-it-right",
        portal_forms.OutcomeForm,
        "What would you like us to do to put things right?",
        only_for=("complaint",),
    ),
    Step("contact", "your-contact-details", portal_forms.ContactForm, "Your contact details"),
    Step(
        "support",
        "support-you-need",
        portal_forms.SupportForm,
        "Do you need any support or adjustments?",
    ),
    Step("attachments", "documents-and-photos", None, "Documents or photos (optional)"),
)
BY_SLUG = {step.slug: step for step in STEPS}


def state(session: SessionBase) -> dict[str, Any]:
    """The form's state in the session, created on first use."""
    data = session.get(SESSION_KEY)
    if not isinstance(data, dict) or "owner" not in data:
        data = {"owner": secrets.token_hex(16), "answers": {}}
        session[SESSION_KEY] = data
    return data


def answers_of(session: SessionBase) -> dict[str, Any]:
    return cast("dict[str, Any]", state(session)["answers"])


def save_answer(session: SessionBase, key: str, value: dict[str, Any]) -> None:
    data = state(session)
    data["answers"][key] = value
    session.modified = True


def forget(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def to_session(cleaned: dict[str, Any]) -> dict[str, Any]:
    """Cleaned form data in a form the JSON session serialiser can keep."""
    return {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in cleaned.items()
    }


def steps_for(answers: dict[str, Any]) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def first_missing(answers: dict[str, Any]) -> Step | None:
    for step in steps_for(answers):
        if step.key not in answers:
            return step
    return None


def step_after(step: Step, answers: dict[str, Any]) -> Step | None:
    steps = steps_for(answers)
    position = [s.key for s in steps].index(step.key) if step in steps else -1
    return steps[position + 1] if position + 1 < len(steps) else None


def step_before(step: Step, answers: dict[str, Any]) -> Step | None:
    steps = steps_for(answers)
    keys = [s.key for s in steps]
    if step.key not in keys:
        return None
    position = keys.index(step.key)
    return steps[position - 1] if position > 0 else None


def may_visit(step: Step, answers: dict[str, Any]) -> bool:
    """A page can be seen once the pages before it are answered (no skipping ahead)."""
    if not step.applies(answers):
        return False
    missing = first_missing(answers)
    if missing is None:
        return True
    keys = [s.key for s in steps_for(answers)]
    return keys.index(step.key) <= keys.index(missing.key)
