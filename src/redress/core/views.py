from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def home(request: HttpRequest) -> HttpResponse:
    """Staff go straight to their work; everyone else chooses between feedback and signing in."""
    if request.user.is_authenticated:
        return redirect("staff:my_work")
    return render(request, "core/home.html")
