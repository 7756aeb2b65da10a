# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from candidatures import views

app_name = "candidatures"

urlpatterns = [
    path("", views.mes_candidatures, name="mes_candidatures"),
    path("parcours/<slug:slug>/demarrer/", views.demarrer, name="demarrer"),
    path("parcours/<slug:slug>/questionnaire.pdf", views.questionnaire, name="questionnaire"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.modifier, name="modifier"),
    path("<int:pk>/pieces/", views.pieces, name="pieces"),
    path("<int:pk>/pieces/<int:piece_pk>/", views.telecharger_piece, name="telecharger_piece"),
    path(
        "<int:pk>/pieces/<int:piece_pk>/supprimer/",
        views.supprimer_piece,
        name="supprimer_piece",
    ),
    path("<int:pk>/recapitulatif/", views.recapitulatif, name="recapitulatif"),
    path("<int:pk>/deposer/", views.deposer, name="deposer"),
    path("<int:pk>/retirer/", views.retirer, name="retirer"),
    path("<int:pk>/accuse/", views.accuse, name="accuse"),
    path("<int:pk>/accuse.pdf", views.accuse_pdf, name="accuse_pdf"),
    path("<int:pk>/dossier.pdf", views.dossier_pdf, name="dossier_pdf"),
]
