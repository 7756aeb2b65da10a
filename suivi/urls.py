# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from suivi.views import equite

app_name = "suivi"

urlpatterns = [
    path("equite-territoriale/", equite.carte_publique, name="equite"),
    path("equite-territoriale/pilotage/", equite.tableau_de_bord, name="equite_pilotage"),
]
