# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("empreintes/", views.empreintes, name="empreintes"),
    path("empreintes.json", views.empreintes_json, name="empreintes_json"),
    path("empreintes.csv", views.empreintes_csv, name="empreintes_csv"),
]
