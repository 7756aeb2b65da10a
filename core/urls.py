# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("tableau-de-bord/", views.tableau_de_bord, name="tableau_de_bord"),
    path("accessibilite", views.accessibilite, name="accessibilite"),
    path("accessibilite/signaler", views.signaler_accessibilite, name="signaler_accessibilite"),
    path(
        "accessibilite/signalement-recu",
        views.signalement_accessibilite_recu,
        name="signalement_accessibilite_recu",
    ),
    path(
        "accessibilite/schema-pluriannuel",
        views.page_editoriale,
        {"slug": "schema-pluriannuel"},
        name="schema_pluriannuel",
    ),
    path(
        "accessibilite/plan-actions",
        views.page_editoriale,
        {"slug": "plan-actions"},
        name="plan_actions",
    ),
    path("mentions-legales", views.mentions_legales, name="mentions_legales"),
    path("donnees-personnelles", views.donnees_personnelles, name="donnees_personnelles"),
    path("sante", views.sante, name="sante"),
]
