from django.urls import path

from redress.core import views
from redress.staff import signin

urlpatterns = [
    path("sign-in/", signin.sign_in, name="sign_in"),
    path("sign-out/", signin.sign_out, name="sign_out"),
    path("", views.home, name="home"),
]
