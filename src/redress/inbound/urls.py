from django.urls import path

from redress.inbound import views

app_name = "inbound"

urlpatterns = [
    path("", views.email_queue, name="queue"),
    path("<int:pk>/", views.email_detail, name="email"),
    path("<int:pk>/make-case/", views.email_make_case, name="make_case"),
    path("<int:pk>/add-to-case/", views.email_add, name="add"),
    path("<int:pk>/dismiss/", views.email_dismiss, name="dismiss"),
]
