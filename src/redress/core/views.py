from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def home(request: HttpRequest) -> HttpResponse:
    """Staff go straight to their work; everyone else chooses between feedback and signing in."""
    if request.user.is_authenticated:
        return redirect("staff:my_work")
    return render(request, "core/home.html")
