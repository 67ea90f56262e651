"""The governance group's own settings: the notice's wording and who is in the group."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from redress.accounts.models import User
from redress.core.errors import RedressError
from redress.register import notices, services
from redress.register.forms import MemberForm, TemplateForm
from redress.register.models import GovernanceMember, RegisterEvent
from redress.register.views.common import form_page, members_only


@login_required
@members_only
def template_edit(request: HttpRequest) -> HttpResponse:
    subject, body = notices.current_template()

    def perform(data: dict[str, Any]) -> str:
        notices.template_save(by=request.user, subject=data["subject"], body=data["body"])
        return "Notice template saved. Notices sent from now on use it."

    return form_page(
        request,
        form=TemplateForm,
        perform=perform,
        context={"placeholders": notices.PLACEHOLDERS, "required": notices.REQUIRED},
        done_url=reverse("register:template"),
        initial={"subject": subject, "body": body},
        template="register/template.html",
    )


@login_required
@members_only
def group(request: HttpRequest) -> HttpResponse:
    def perform(data: dict[str, Any]) -> str:
        user = User.objects.filter(username=data["user"]).first()
        services.member_add(by=request.user, user=user)
        return f"{user.display_name if user else data['user']} added to the governance group."

    changes = RegisterEvent.objects.filter(
        entry=None, kind__in=["member_added", "member_removed", "template"]
    ).select_related("actor")[:100]
    return form_page(
        request,
        form=MemberForm,
        perform=perform,
        context={
            "members": GovernanceMember.objects.select_related("user", "added_by"),
            "changes": changes,
        },
        done_url=reverse("register:group"),
        template="register/group.html",
    )


@login_required
@members_only
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if not 0 < pk < 2**63:
        raise Http404("No such member")
    member = get_object_or_404(GovernanceMember.objects.select_related("user"), pk=pk)
    try:
        services.member_remove(by=request.user, member=member)
    except RedressError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{member.user.display_name} removed from the governance group.")
    return redirect("register:group")
