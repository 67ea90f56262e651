from django.urls import path

from redress.register.views import actions, entries, group

app_name = "register"

urlpatterns = [
    path("", entries.entry_list, name="entries"),
    path("new/", entries.entry_new, name="entry_new"),
    path("notice-template/", group.template_edit, name="template"),
    path("group/", group.group, name="group"),
    path("group/<int:pk>/remove/", group.member_remove, name="member_remove"),
    path("<int:pk>/", entries.entry_page, name="entry"),
    path("<int:pk>/access-log/", entries.access_log, name="access_log"),
    path("<int:pk>/people/", entries.link_people, name="link_people"),
    path("<int:pk>/notice/", actions.notice_send, name="notice_send"),
    path("<int:pk>/notices/<int:notice>/print/", actions.notice_print, name="notice_print"),
    path("<int:pk>/notices/<int:notice>/posted/", actions.notice_posted, name="notice_posted"),
    path("<int:pk>/appeal/", actions.appeal_new, name="appeal_new"),
    path("<int:pk>/appeals/<int:appeal>/decide/", actions.appeal_decide, name="appeal_decide"),
    path("<int:pk>/review/", actions.review, name="review"),
    path("<int:pk>/vary/", actions.vary, name="vary"),
    path("<int:pk>/briefing/", actions.briefing_new, name="briefing_new"),
]
