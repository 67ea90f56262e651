from django.urls import path

from redress.learning import views

app_name = "learning"

urlpatterns = [
    path("learning/", views.learning_list, name="list"),
    path("learning/<int:pk>/", views.learning_detail, name="detail"),
    # Before the staff pages' catch-all case action pattern.
    path("cases/<str:reference>/learning/", views.raise_learning, name="raise"),
]
