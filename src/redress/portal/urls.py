from django.urls import path

from redress.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.start, name="start"),
    path("check-your-answers/", views.check, name="check"),
    path("sent/", views.confirmation, name="confirmation"),
    path("progress/", views.progress_lookup, name="progress_lookup"),
    path("progress/check-your-email/", views.progress_sent, name="progress_sent"),
    path("progress/link/<str:token>/", views.progress_link, name="progress_link"),
    path("progress/case/<str:reference>/", views.progress, name="progress"),
    path("progress/case/<str:reference>/next-stage/", views.next_stage, name="next_stage"),
    path("progress/case/<str:reference>/survey/", views.survey, name="survey"),
    path("<slug:slug>/", views.question, name="question"),
]
