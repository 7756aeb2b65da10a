# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views, views_invitation, views_rgpd, views_second_facteur
from accounts.forms import ConnexionForm
from core.acces import sans_second_facteur

app_name = "accounts"

urlpatterns = [
    path(
        "connexion/",
        sans_second_facteur(
            auth_views.LoginView.as_view(
                template_name="accounts/connexion.html",
                authentication_form=ConnexionForm,
                redirect_authenticated_user=True,
            )
        ),
        name="login",
    ),
    path("deconnexion/", sans_second_facteur(auth_views.LogoutView.as_view()), name="logout"),
    path("inscription/", views.inscription, name="inscription"),
    path(
        "invitation/<str:jeton>/",
        views_invitation.accepter_invitation,
        name="accepter_invitation",
    ),
    path("adhesions/", views.adhesions_a_valider, name="adhesions_a_valider"),
    path("adhesions/<int:pk>/valider/", views.approuver_adhesion, name="approuver_adhesion"),
    path("adhesions/<int:pk>/refuser/", views.refuser_adhesion, name="refuser_adhesion"),
    path("session/prolonger/", views.prolonger_session, name="prolonger_session"),
    path("mes-donnees/", views_rgpd.mes_donnees, name="mes_donnees"),
    path("mes-donnees/export/", views_rgpd.exporter_mes_donnees, name="exporter_mes_donnees"),
    path("supprimer/", views_rgpd.supprimer_mon_compte, name="supprimer_mon_compte"),
    path("second-facteur/", views_second_facteur.verifier, name="second_facteur"),
    path("second-facteur/activer/", views_second_facteur.activer, name="second_facteur_activer"),
    path(
        "second-facteur/codes-de-secours/", views_second_facteur.codes_secours, name="codes_secours"
    ),
    path(
        "second-facteur/codes-de-secours/regenerer/",
        views_second_facteur.regenerer_codes_secours,
        name="regenerer_codes_secours",
    ),
    path(
        "mot-de-passe/modifier/",
        sans_second_facteur(
            auth_views.PasswordChangeView.as_view(
                template_name="accounts/mot_de_passe_modifier.html",
                success_url=reverse_lazy("accounts:password_change_done"),
            )
        ),
        name="password_change",
    ),
    path(
        "mot-de-passe/modifie/",
        sans_second_facteur(
            auth_views.PasswordChangeDoneView.as_view(
                template_name="accounts/mot_de_passe_modifie.html"
            )
        ),
        name="password_change_done",
    ),
    path(
        "mot-de-passe/oublie/",
        sans_second_facteur(views.mot_de_passe_oublie),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oublie/envoye/",
        sans_second_facteur(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/mot_de_passe_envoye.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        sans_second_facteur(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="accounts/mot_de_passe_nouveau.html",
                success_url=reverse_lazy("accounts:password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/reinitialise/",
        sans_second_facteur(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/mot_de_passe_reinitialise.html"
            )
        ),
        name="password_reset_complete",
    ),
]
