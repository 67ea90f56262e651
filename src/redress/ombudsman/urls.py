from django.urls import path

from redress.ombudsman import views

app_name = "ombudsman"

urlpatterns = [
    path("", views.request_queue, name="queue"),
    path("cases/<str:reference>/<slug:slug>/", views.ombudsman_action, name="action"),
    path(
        "cases/<str:reference>/<slug:slug>/<int:pk>/",
        views.ombudsman_action,
        name="item_action",
    ),
]
