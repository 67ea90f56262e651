from django.urls import path

from redress.notifications import views

app_name = "notifications"
urlpatterns = [
    path("post-room/", views.post_room, name="post_room"),
    path("post-room/<int:pk>/print/", views.letter_print, name="letter_print"),
    path("post-room/<int:pk>/printed/", views.letter_printed, name="letter_printed"),
]
