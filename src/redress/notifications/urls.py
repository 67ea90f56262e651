from django.urls import path

from redress.notifications import problem_views, views

app_name = "notifications"
urlpatterns = [
    path("post-room/", views.post_room, name="post_room"),
    path("post-room/<int:pk>/print/", views.letter_print, name="letter_print"),
    path("post-room/<int:pk>/printed/", views.letter_printed, name="letter_printed"),
    path("problems/<int:pk>/", problem_views.problem, name="problem"),
    path("problems/<int:pk>/send-again/", problem_views.send_again, name="problem_send_again"),
    path("problems/<int:pk>/delivered/", problem_views.mark_delivered, name="problem_delivered"),
]
