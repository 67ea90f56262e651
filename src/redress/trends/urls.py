from django.urls import path

from redress.trends import views

app_name = "trends"
urlpatterns = [
    path("", views.alert_list, name="list"),
    path("<int:pk>/", views.alert_detail, name="alert"),
    path("<int:pk>/chart.png", views.alert_chart, name="chart"),
    path("<int:pk>/acknowledge/", views.alert_acknowledge, name="acknowledge"),
    path("<int:pk>/learning/", views.alert_to_learning, name="learning"),
]
