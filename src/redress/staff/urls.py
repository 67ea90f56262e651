from django.urls import path

from redress.staff.views import actions, case, drafts, log, procedure, routes, settings, work

app_name = "staff"

urlpatterns = [
    path("", work.my_work, name="my_work"),
    path("cases/", work.case_list, name="case_list"),
    path("cases/export.csv", work.case_export, name="case_export"),
    path("cases/new/", log.log_case, name="log_case"),
    path("cases/<str:reference>/", case.case_page, name="case"),
    path("cases/<str:reference>/files/<str:token>/", case.attachment_download, name="attachment"),
    path("cases/<str:reference>/messages/<int:pk>/", case.message_print, name="message"),
    path("cases/<str:reference>/response/", drafts.draft_edit, name="draft_edit"),
    path("cases/<str:reference>/drafts/<int:pk>/", drafts.draft_detail, name="draft"),
    path("cases/<str:reference>/drafts/<int:pk>/submit/", drafts.draft_submit, name="draft_submit"),
    path("cases/<str:reference>/drafts/<int:pk>/review/", drafts.draft_review, name="draft_review"),
    path("cases/<str:reference>/drafts/<int:pk>/send/", drafts.draft_send, name="draft_send"),
    path("cases/<str:reference>/procedure/", procedure.move_procedure, name="procedure_move"),
    path("cases/<str:reference>/procedure/people/", procedure.stage_people, name="stage_people"),
    path(
        "cases/<str:reference>/procedure/steps/<slug:key>/", procedure.stage_step, name="stage_step"
    ),
    path("cases/<str:reference>/procedure/agreed-date/", procedure.agreed_date, name="agreed_date"),
    path(
        "cases/<str:reference>/procedure/delay-letter/", procedure.delay_letter, name="delay_letter"
    ),
    path("cases/<str:reference>/<slug:slug>/", actions.case_action, name="action"),
    path("settings/", settings.settings_index, name="settings"),
    path("settings/templates/", settings.template_list, name="templates"),
    path("settings/templates/<str:purpose>/", settings.template_edit, name="template_edit"),
    path("settings/procedure-routes/", routes.route_list, name="routes"),
    path("settings/procedure-routes/<int:pk>/remove/", routes.route_remove, name="route_remove"),
    path("settings/jargon/", settings.jargon_list, name="jargon"),
    path("settings/jargon/<int:pk>/delete/", settings.jargon_delete, name="jargon_delete"),
    path("account/password/", settings.password_change, name="password_change"),
]
