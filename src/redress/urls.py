from django.contrib import admin
from django.urls import include, path

from redress.api.api import api
from redress.worker.views import healthz

urlpatterns = [
    # Sign-in first: its admin/login/ must win over the admin's own login page.
    path("", include("redress.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("casework/new-email/", include("redress.inbound.urls")),
    path("casework/ombudsman/", include("redress.ombudsman.urls")),
    path("casework/register/", include("redress.register.urls")),
    path("casework/", include("redress.learning.urls")),
    path("casework/privacy/", include("redress.privacy.urls")),
    path("casework/", include("redress.disclosure.urls")),
    path("casework/settings/import/", include("redress.imports.urls")),
    path("casework/", include("redress.staff.urls")),
    path("feedback/", include("redress.portal.urls")),
    path("reports/trends/", include("redress.trends.urls")),
    path("reports/", include("redress.reporting.urls")),
    path("notifications/", include("redress.notifications.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("redress.core.urls")),
]

# The 500 page, or the 503 page when the error was the database being unavailable.
handler500 = "redress.core.errorpages.server_error"
