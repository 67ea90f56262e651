"""The learning pages' forms. They check the shape of what was typed; the rules (an owner who
can see the case, a due date not in the past, a reason or evidence where the status needs
one) are in ``learning.services``."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.accounts.models import User
from redress.cases.models import Directorate, Service
from redress.cases.permissions import FIGURES_ONLY_ROLES
from redress.learning.models import LESSON_MAX, REASON_MAX, LearningAction, LearningStatus
from redress.staff.fields import GovukDateField
from redress.staff.forms.common import CaseActionForm, required_error


def staff_choices() -> list[tuple[str, str]]:
    people = (
        User.objects.filter(is_active=True)
        .exclude(role="")
        .exclude(role__in=FIGURES_ONLY_ROLES)
        .order_by("first_name", "username")
    )
    return [("", "Choose an owner")] + [
        (p.username, f"{p.display_name} ({p.get_role_display()})") for p in people
    ]


def service_choices() -> list[tuple[str, str]]:
    services = Service.objects.filter(is_active=True).order_by("name")
    return [("", "Choose a service area")] + [(s.slug, s.name) for s in services]


def _long_text(label: str, missing: str, hint: str = "", limit: int = LESSON_MAX) -> forms.Field:
    return forms.CharField(
        label=label,
        help_text=hint,
        widget=forms.Textarea,
        max_length=limit,
        error_messages={
            **required_error(missing),
            "max_length": f"{label}: write {limit:,} characters or fewer",
        },
    )


class DetailsForm(forms.Form):
    """The details an action is raised with and changed by: one block of fields, so raising
    and changing ask for them alike."""

    lesson = _long_text("What was learnt", "Enter what was learnt")
    change = _long_text("What will change", "Enter what will change")
    service = forms.ChoiceField(
        label="Service area that owns the change",
        error_messages=required_error("Choose the service area that owns the change"),
    )
    owner = forms.ChoiceField(
        label="Owner",
        help_text="They are reminded before it is due and told if it is missed.",
        error_messages=required_error("Choose who will make sure the change is made"),
    )
    due_on = GovukDateField(what="the change is due by", label="Due by", allow_future=True)

    def offer(self, services: list[tuple[str, str]], people: list[tuple[str, str]]) -> None:
        cast(forms.ChoiceField, self.fields["service"]).choices = services
        cast(forms.ChoiceField, self.fields["owner"]).choices = people


class RaiseForm(DetailsForm, CaseActionForm):
    # The version field (CaseActionForm's) comes first, then the details, as Django orders
    # the fields of the bases from the last to the first.
    lesson = _long_text(
        "What was learnt",
        "Enter what was learnt",
        "What this case showed about how the service works, whether or not it was upheld.",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.offer(service_choices(), staff_choices())


class ChangeForm(DetailsForm):
    """An open action's details, changed on its page (``services.learning_change``)."""

    # The case's version when the page was opened: a change made meanwhile is not overwritten.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, action: LearningAction, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # The action's own service area and owner stay choices even once retired or left,
        # so its due date can still be changed; choosing them anew is refused by the rules.
        services, people = service_choices(), staff_choices()
        if action.service.slug not in dict(services):
            services.append((action.service.slug, action.service.name))
        if action.owner.username not in dict(people):
            people.append((action.owner.username, action.owner.display_name))
        self.offer(services, people)


def change_initial(action: LearningAction) -> dict[str, Any]:
    return {
        "lesson": action.lesson,
        "change": action.change,
        "service": action.service.slug,
        "owner": action.owner.username,
        "due_on": action.due_on,
        "expected_version": action.case.version if action.case else None,
    }


class UpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="New status",
        choices=LearningStatus.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose the new status"),
    )
    reason = _long_text(
        "Why it is not being taken forward",
        "Say why it is not being taken forward",
        "Only when it is not taken forward.",
        REASON_MAX,
    )
    evidence = _long_text(
        "Evidence the change was made",
        "Say how we know the change was made",
        "Only when it is done: for example the revised procedure and when staff were briefed.",
        REASON_MAX,
    )
    on = GovukDateField(
        what="the change was made", label="Date the change was made (when done)", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = False
        self.fields["evidence"].required = False


OVERDUE_CHOICES = [("", "Any"), ("yes", "Overdue only")]


class ListFilterForm(forms.Form):
    service = forms.ChoiceField(label="Service area", required=False)
    directorate = forms.ChoiceField(label="Directorate", required=False)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any"), *LearningStatus.choices]
    )
    overdue = forms.ChoiceField(label="Overdue", required=False, choices=OVERDUE_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        services = Service.objects.order_by("name").values_list("slug", "name")
        directorates = Directorate.objects.order_by("name").values_list("slug", "name")
        cast(forms.ChoiceField, self.fields["service"]).choices = [("", "Any"), *services]
        cast(forms.ChoiceField, self.fields["directorate"]).choices = [("", "Any"), *directorates]
