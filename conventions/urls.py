# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from conventions import views

app_name = "conventions"

urlpatterns = [
    path("", views.mes_conventions, name="mes_conventions"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/documents/<int:document>/", views.telecharger, name="telecharger"),
    path("<int:pk>/deposer-signee/", views.deposer_signee, name="deposer_signee"),
]
