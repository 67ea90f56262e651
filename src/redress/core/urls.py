from django.urls import path

from redress.core import views

urlpatterns = [
    path("", views.home, name="home"),
]
