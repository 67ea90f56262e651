from django.urls import path

from redress.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_start, name="start"),
    path("<int:pk>/", views.import_check, name="check"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
    path("<int:pk>/problems.csv", views.import_problems, name="problems"),
]
