from django.urls import path

from redress.reporting import (
    admin_views,
    assessment_views,
    learning_views,
    statutory_views,
    views,
)

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("quarterly/", views.quarterly, name="quarterly"),
    path("annual/", views.annual, name="annual"),
    path("annual/<int:year>/assessment/", assessment_views.assessment_edit, name="assessment"),
    path(
        "annual/<int:year>/assessment/submission/",
        assessment_views.submission,
        name="assessment_submission",
    ),
    path(
        "annual/<int:year>/assessment/document/",
        assessment_views.assessment_document_view,
        name="assessment_document",
    ),
    path(
        "annual/<int:year>/assessment/<str:number>/",
        assessment_views.provision_edit,
        name="provision",
    ),
    path("childrens-social-care/", statutory_views.childrens, name="childrens"),
    path("adult-social-care/", statutory_views.adults, name="adults"),
    path("homes/", admin_views.homes, name="homes"),
    path("benchmarking/", admin_views.benchmarking, name="benchmarking"),
    path("benchmarking/neighbours/", admin_views.neighbours, name="neighbours"),
    path("export/", views.export, name="export"),
    path("you-said-we-did/", learning_views.you_said_edit, name="you_said"),
]
