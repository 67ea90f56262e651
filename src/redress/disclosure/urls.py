from django.urls import path

from redress.disclosure.views import people, redact

app_name = "disclosure"

urlpatterns = [
    path("subject-access/", people.find, name="find"),
    path("subject-access/people/<int:pk>/", people.person_page, name="person"),
    path("subject-access/people/<int:pk>/export/", people.export, name="export"),
    path("subject-access/people/<int:pk>/withhold/", people.exemption_add, name="exemption_add"),
    path(
        "subject-access/people/<int:pk>/exemptions/<int:exemption>/remove/",
        people.exemption_remove,
        name="exemption_remove",
    ),
    # Before the staff app's catch-all "cases/<reference>/<slug>/" action pattern.
    path("cases/<str:reference>/redact/", redact.redact_passage, name="redact"),
]
