"""The documents and photos page: files are checked and kept until the form is sent."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.core.errors import InvalidInput
from redress.portal import flow
from redress.portal.forms import UploadForm
from redress.portal.models import PendingUpload
from redress.portal.services.uploads import upload_keep, upload_remove
from redress.portal.views.common import limited


def attachments(
    request: HttpRequest, step: flow.Step, *, back: str, done: Callable[[], HttpResponse]
) -> HttpResponse:
    """Add or remove a file, or carry on (``done`` says where to)."""
    owner = flow.state(request.session)["owner"]
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        remove = request.POST.get("remove", "")
        if remove:
            upload_remove(owner=owner, token=remove)
            return redirect(request.get_full_path())
        if form.is_valid() and form.cleaned_data.get("file"):
            message = limited(request, "upload")
            if message:
                form.add_error("file", message)
                status = 429
            else:
                try:
                    upload_keep(owner=owner, upload=form.cleaned_data["file"])
                except InvalidInput as exc:
                    form.add_error("file", exc.message)
        if form.is_valid() and not form.errors:
            if request.POST.get("action") == "continue":
                flow.save_answer(request.session, step.key, {"done": True})
                return done()
            return redirect(request.get_full_path())
    context = {
        "form": form,
        "step": step,
        "uploads": PendingUpload.objects.filter(owner=owner).order_by("id"),
        "max_uploads": settings.PORTAL_MAX_UPLOADS,
        "max_mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        "back_url": back,
    }
    return render(request, "portal/questions/attachments.html", context, status=status)
