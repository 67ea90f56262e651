"""Settings → API tokens: each member of staff makes and revokes their own tokens for the API.

A token acts with its owner's rights, never more; a read-only one cannot change anything
(the rule is in ``redress.api.auth``). The secret is shown once, straight after it is made,
and only its hash is kept."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from redress.accounts.models import ApiToken
from redress.accounts.services import api_token_create, api_token_revoke

NEW_TOKEN_KEY = "redress_new_api_token"
SHOWN_TOKENS = 100


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, the customer relationship system. You will see this name in "
        "the list of your tokens.",
        max_length=100,
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "What the token is for must be 100 characters or fewer",
        },
    )
    read_only = forms.BooleanField(
        label="Read-only: the token can read cases but not change them",
        required=False,
        initial=True,
    )


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = api_token_create(
            user=request.user,  # type: ignore[arg-type]  # signed in
            name=form.cleaned_data["name"],
            read_only=form.cleaned_data["read_only"],
        )
        request.session[NEW_TOKEN_KEY] = {"secret": secret, "name": token.name}
        return redirect("api_token_new")
    mine = ApiToken.objects.filter(user=request.user)  # type: ignore[misc]  # signed in
    tokens = mine.order_by("-created_at")[:SHOWN_TOKENS]
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def token_new(request: HttpRequest) -> HttpResponse:
    """The new token's secret, shown this once."""
    new = request.session.pop(NEW_TOKEN_KEY, None)
    if not new:
        return redirect("api_tokens")
    return render(request, "accounts/api_token_new.html", {"new": new})


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    # Only the owner's own tokens are found, so another's token is a 404 like a missing one.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(request, f"The token “{token.name or token.prefix}” no longer works.")
    return redirect("api_tokens")
