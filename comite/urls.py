# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from comite import views

app_name = "comite"

urlpatterns = [
    path("decision/<int:pk>/", views.decision, name="decision"),
]
