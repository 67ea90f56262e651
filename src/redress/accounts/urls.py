from django.urls import path

from redress.accounts import sign_in_log, signin

urlpatterns = [
    path("sign-in/", signin.sign_in, name="sign_in"),
    path("sign-out/", signin.sign_out, name="sign_out"),
    path("admin/login/", signin.admin_login, name="admin_login"),
    path("casework/settings/sign-ins/", sign_in_log.sign_in_log, name="sign_in_log"),
]
