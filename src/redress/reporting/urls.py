from django.urls import path

from redress.reporting import learning_views, views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("quarterly/", views.quarterly, name="quarterly"),
    path("annual/", views.annual, name="annual"),
    path("annual/<int:year>/assessment/", views.assessment_edit, name="assessment"),
    path("export/", views.export, name="export"),
    path("you-said-we-did/", learning_views.you_said_edit, name="you_said"),
]
