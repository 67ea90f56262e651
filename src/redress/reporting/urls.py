from django.urls import path

from redress.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("quarterly/", views.quarterly, name="quarterly"),
    path("annual/", views.annual, name="annual"),
    path("annual/<int:year>/assessment/", views.assessment_edit, name="assessment"),
    path("export/", views.export, name="export"),
]
