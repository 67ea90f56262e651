from django.urls import path

from redress.staff.views import (
    access,
    actions,
    adjustments,
    case,
    directorates,
    drafts,
    heads,
    housing,
    log,
    organisation,
    procedure,
    records,
    representative,
    routes,
    settings,
    work,
)

app_name = "staff"

urlpatterns = [
    path("", work.my_work, name="my_work"),
    path("overdue/", work.overdue, name="overdue"),
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
    # Records pages; the two add pages answer the case page's "remedy" and
    # "outstanding-action" links, so they come before the catch-all action pattern.
    path("cases/<str:reference>/access/", access.case_access, name="access"),
    path(
        "cases/<str:reference>/representative/",
        representative.case_representative,
        name="representative",
    ),
    path("cases/<str:reference>/remedy/", records.remedy_add, name="remedy_add"),
    path("cases/<str:reference>/outstanding-action/", records.action_add, name="action_add"),
    path("cases/<str:reference>/remedies/<int:pk>/done/", records.remedy_done, name="remedy_done"),
    path("cases/<str:reference>/actions/<int:pk>/done/", records.action_done, name="action_done"),
    path(
        "cases/<str:reference>/adjustments/new/", adjustments.adjustment_add, name="adjustment_add"
    ),
    path(
        "cases/<str:reference>/adjustments/<int:pk>/",
        adjustments.adjustment_change,
        name="adjustment_change",
    ),
    path(
        "cases/<str:reference>/adjustments/<int:pk>/end/",
        adjustments.adjustment_end,
        name="adjustment_end",
    ),
    path("cases/<str:reference>/<slug:slug>/", actions.case_action, name="action"),
    path("settings/", settings.settings_index, name="settings"),
    path("settings/templates/", settings.template_list, name="templates"),
    path("settings/templates/<str:purpose>/", settings.template_edit, name="template_edit"),
    path("settings/procedure-routes/", routes.route_list, name="routes"),
    path("settings/procedure-routes/<int:pk>/remove/", routes.route_remove, name="route_remove"),
    path("settings/jargon/", settings.jargon_list, name="jargon"),
    path("settings/jargon/<int:pk>/delete/", settings.jargon_delete, name="jargon_delete"),
    path("settings/organisation/", organisation.organisation_settings, name="organisation"),
    path("settings/heads-of-service/", heads.head_list, name="heads"),
    path("settings/housing-services/", housing.housing_services, name="housing_services"),
    path("settings/directorates/", directorates.directorate_list, name="directorates"),
    path("settings/directorates/new/", directorates.directorate_edit, name="directorate_add"),
    path(
        "settings/directorates/<slug:slug>/",
        directorates.directorate_edit,
        name="directorate_edit",
    ),
    path("settings/heads-of-service/<slug:slug>/", heads.head_edit, name="head_edit"),
    path("account/password/", settings.password_change, name="password_change"),
]
