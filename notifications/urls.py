# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.centre, name="centre"),
    path("<int:pk>/lue/", views.marquer_lu, name="marquer_lu"),
    path("tout-marquer-lu/", views.tout_marquer_lu, name="tout_marquer_lu"),
    path("preferences/", views.preferences, name="preferences"),
]
