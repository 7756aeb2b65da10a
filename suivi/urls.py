# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from suivi.views import equite, livrables, pilotage, transparence

app_name = "suivi"

urlpatterns = [
    path("equite-territoriale/", equite.carte_publique, name="equite"),
    path("equite-territoriale/pilotage/", equite.tableau_de_bord, name="equite_pilotage"),
    path("equite-de-la-notation/", equite.equite_notation, name="equite_notation"),
    path("mes-livrables/", livrables.mes_livrables, name="mes_livrables"),
    path("livrables/<int:pk>/", livrables.livrable, name="livrable"),
    path("livrables/<int:pk>/remettre/", livrables.remettre, name="remettre"),
    path("livrables/<int:pk>/fichier/", livrables.fichier, name="fichier"),
    path("parcours/<slug:slug>/kit-de-communication/", livrables.kit, name="kit"),
    path("pilotage/", pilotage.index, name="pilotage"),
    path("pilotage/<slug:slug>/", pilotage.suivi_parcours, name="pilotage_parcours"),
    path("pilotage/<slug:slug>/preparer/", pilotage.preparer, name="preparer"),
    path("pilotage/livrables/<int:pk>/<str:nom>/", pilotage.decider, name="decider"),
    path("donnees/", transparence.donnees_ouvertes, name="donnees"),
    path("donnees/datapackage.json", transparence.paquet_de_donnees, name="datapackage"),
    path("donnees/<str:jeu>.schema.json", transparence.schema, name="schema"),
    path("donnees/<str:jeu>.<str:format>", transparence.telecharger, name="telecharger"),
    path("registre-ia/", transparence.registre, name="registre"),
    path("registre-ia/<slug:slug>/", transparence.fiche_registre, name="fiche_registre"),
]
