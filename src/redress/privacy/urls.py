from django.urls import path

from redress.privacy.views import holds, people, retention

app_name = "privacy"

urlpatterns = [
    path("people/", people.person_search, name="people"),
    path("people/<int:pk>/erase/", people.person_erase, name="erase"),
    path("erasures/", people.erasure_log, name="erasures"),
    path("cases/<str:reference>/legal-hold/", holds.legal_hold, name="legal_hold"),
    path("retention/rules/", retention.rule_list, name="rules"),
    path("retention/rules/<int:pk>/", retention.rule_edit, name="rule_edit"),
    path("retention/rules/<int:pk>/remove/", retention.rule_remove, name="rule_remove"),
    path("retention/", retention.report_list, name="reports"),
    path("retention/new/", retention.report_new, name="report_new"),
    path("retention/<int:pk>/", retention.report_page, name="report"),
    path("retention/<int:pk>/report.csv", retention.report_csv, name="report_csv"),
    path("retention/<int:pk>/apply/", retention.report_run, name="report_apply"),
]
