from django.urls import path

from redress.portal.views import feedback, next_stage, progress, survey

app_name = "portal"
urlpatterns = [
    path("", feedback.start, name="start"),
    path("check-your-answers/", feedback.check, name="check"),
    path("sent/", feedback.confirmation, name="confirmation"),
    path("progress/", progress.progress_lookup, name="progress_lookup"),
    path("progress/check-your-email/", progress.progress_sent, name="progress_sent"),
    path("progress/link/<str:token>/", progress.progress_link, name="progress_link"),
    path("progress/case/<str:reference>/", progress.progress, name="progress"),
    path("progress/case/<str:reference>/next-stage/", next_stage.next_stage, name="next_stage"),
    path("progress/case/<str:reference>/survey/", survey.survey, name="survey"),
    path("survey/<str:token>/", survey.survey_link, name="survey_link"),
    path("<slug:slug>/", feedback.question, name="question"),
]
