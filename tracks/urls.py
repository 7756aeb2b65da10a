# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from tracks import views

app_name = "tracks"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("suggerer-un-theme/", views.suggerer_theme, name="suggerer_theme"),
    path("mes-suggestions/", views.mes_suggestions, name="mes_suggestions"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/documents/<int:pk>/", views.telecharger_document, name="document"),
]
