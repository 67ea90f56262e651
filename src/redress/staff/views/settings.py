"""What administrators and the complaints team edit (letter templates, the jargon list), the
settings index that links every settings page, and changing your own password."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from redress.accounts.models import Role
from redress.cases.permissions import OFFICE_ROLES, can_manage_personal_data, role_of
from redress.staff.forms.settings import JargonTermForm, MessageTemplateForm
from redress.staff.letters import DEFAULTS, PLACEHOLDERS
from redress.staff.models import JargonTerm, MessageTemplate, TemplatePurpose
from redress.staff.views.common import forbidden


def _is_admin(user) -> bool:  # type: ignore[no-untyped-def]
    return role_of(user) == Role.ADMINISTRATOR


@dataclass(frozen=True)
class SettingsLink:
    title: str
    url: str
    description: str


def _settings_links(user: Any) -> list[tuple[str, list[SettingsLink]]]:
    """The settings pages this person may use, in groups; each page still checks for itself."""
    groups = [
        (
            "Your account",
            [
                SettingsLink("Change your password", reverse("staff:password_change"), ""),
                SettingsLink(
                    "Two-factor sign-in",
                    reverse("two_factor_settings"),
                    "A code from an app on your phone as well as your password.",
                ),
                SettingsLink(
                    "API tokens",
                    reverse("api_tokens"),
                    "Let another system, such as a customer relationship system, use the API "
                    "as you.",
                ),
            ],
        )
    ]
    role = role_of(user)
    if role in OFFICE_ROLES:
        groups.append(
            (
                "Complaints team",
                [
                    SettingsLink(
                        "Jargon list",
                        reverse("staff:jargon"),
                        "Words the response checks warn about, with plainer words to use.",
                    ),
                    SettingsLink(
                        "Post room",
                        reverse("notifications:post_room"),
                        "Letters waiting to be printed and posted.",
                    ),
                ],
            )
        )
    if role == Role.ADMINISTRATOR:
        groups.append(
            (
                "Administration",
                [
                    SettingsLink(
                        "Letter and email templates",
                        reverse("staff:templates"),
                        "The wording of acknowledgements, responses and other letters.",
                    ),
                    SettingsLink(
                        "Organisation settings",
                        reverse("staff:organisation"),
                        "The earliest date a case can have been received, the Complaint "
                        "Handling Code to assess against, our name in the Ombudsman's figures.",
                    ),
                    SettingsLink(
                        "Number of homes",
                        reverse("reporting:homes"),
                        "The homes count the Tenant Satisfaction Measure CH01 divides by.",
                    ),
                    SettingsLink(
                        "Ombudsman benchmarking",
                        reverse("reporting:benchmarking"),
                        "The Ombudsman's annual review figures and the neighbouring councils.",
                    ),
                    SettingsLink(
                        "Heads of service",
                        reverse("staff:heads"),
                        "Who hears of missed deadlines and of cases nobody has picked up.",
                    ),
                    SettingsLink(
                        "Housing service areas",
                        reverse("staff:housing_services"),
                        "Which service areas' complaints go to the Housing Ombudsman and "
                        "count in the Tenant Satisfaction Measures.",
                    ),
                    SettingsLink(
                        "Directorates",
                        reverse("staff:directorates"),
                        "Which service areas each directorate holds, for reports.",
                    ),
                    SettingsLink(
                        "Procedures for each service",
                        reverse("staff:routes"),
                        "Which procedure a new case follows, by kind and service area.",
                    ),
                    SettingsLink(
                        "Import cases from another system",
                        reverse("imports:start"),
                        "Bring in the cases of the system Redress replaces, after a dry run.",
                    ),
                    SettingsLink(
                        "Sign-in log",
                        reverse("sign_in_log"),
                        "Who signed in and who failed to, when and from where.",
                    ),
                    SettingsLink(
                        "Administration site",
                        reverse("admin:index"),
                        "Procedures, calendars and closure days, service areas, users and roles.",
                    ),
                ],
            )
        )
    if can_manage_personal_data(user):
        groups.append(("Data protection", _data_protection_links()))
    return groups


def _data_protection_links() -> list[SettingsLink]:
    return [
        SettingsLink(
            "Retention rules",
            reverse("privacy:rules"),
            "How long each kind of case is kept after it closes.",
        ),
        SettingsLink(
            "Retention reports",
            reverse("privacy:reports"),
            "The cases the rules make due, before and after they are anonymised.",
        ),
        SettingsLink(
            "Erase a person's data",
            reverse("privacy:people"),
            "Find a person who asked to be erased and remove their details.",
        ),
        SettingsLink("Erasures", reverse("privacy:erasures"), "Who erased what, when and why."),
    ]


@login_required
def settings_index(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/settings/index.html", {"groups": _settings_links(request.user)})


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    if not _is_admin(request.user):
        return forbidden(request, "Only administrators can change letter and email templates.")
    saved = {t.purpose: t for t in MessageTemplate.objects.filter(kind="", stage_key="")}
    rows = [
        (purpose, saved.get(purpose.value), DEFAULTS[purpose][0]) for purpose in TemplatePurpose
    ]
    return render(request, "staff/settings/templates.html", {"rows": rows})


@login_required
def template_edit(request: HttpRequest, purpose: str) -> HttpResponse:
    if not _is_admin(request.user):
        return forbidden(request, "Only administrators can change letter and email templates.")
    if purpose not in TemplatePurpose.values:
        raise Http404("No such template")
    existing = MessageTemplate.objects.filter(purpose=purpose, kind="", stage_key="").first()
    default_subject, default_body = DEFAULTS[purpose]
    instance = existing or MessageTemplate(
        purpose=purpose, subject=default_subject, body=default_body
    )
    form = MessageTemplateForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        template = form.save(commit=False)
        template.updated_by = request.user
        template.save()
        messages.success(request, f"{TemplatePurpose(purpose).label} template saved.")
        return redirect("staff:templates")
    return render(
        request,
        "staff/settings/template_edit.html",
        {"form": form, "purpose": TemplatePurpose(purpose), "placeholders": PLACEHOLDERS},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def jargon_list(request: HttpRequest) -> HttpResponse:
    if role_of(request.user) not in OFFICE_ROLES:
        return forbidden(request, "Only the complaints team can change the jargon list.")
    form = JargonTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"'{form.cleaned_data['term']}' added to the jargon list.")
        return redirect("staff:jargon")
    return render(
        request,
        "staff/settings/jargon.html",
        {"form": form, "terms": list(JargonTerm.objects.all())},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def jargon_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if role_of(request.user) not in OFFICE_ROLES:
        return forbidden(request, "Only the complaints team can change the jargon list.")
    term = get_object_or_404(JargonTerm, pk=pk)
    term.delete()
    messages.success(request, f"'{term.term}' removed from the jargon list.")
    return redirect("staff:jargon")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Change your password; the organisation's password rules apply."""
    form = PasswordChangeForm(request.user, request.POST or None)
    # The rules are written out on the page in plain words instead of Django's HTML list.
    form.fields["new_password1"].help_text = ""
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed.")
        return redirect("staff:my_work")
    return render(
        request,
        "staff/settings/password.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
