# SPDX-License-Identifier: EUPL-1.2
"""People and roles in the admin: who may see and change accounts, and what is kept."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import comptes
from accounts.models import User
from accounts.roles import AGENT_METROPOLE, EXPERT, MEMBRE_COMITE
from audit.models import Evenement
from comite.models import MandatMembre, Siege
from notifications.models import Message
from tests.factories import AdhesionFactory, UserFactory, connecter

pytestmark = pytest.mark.django_db

LISTE = reverse("admin:accounts_user_changelist")


@pytest.fixture
def superutilisateur(db):
    return UserFactory(is_staff=True, is_superuser=True, email="admin@metropolegrandparis.fr")


def _fiche(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def _journal(user: User, transition: str):
    return Evenement.objects.pour(user).filter(transition=transition)


# ---- the list -------------------------------------------------------------------------------


def test_staff_list_people_with_roles_territoires_and_second_factor(client, agent_metropole):
    expert = UserFactory(expert=True, nom_complet="Éva Experte")
    TOTPDevice.objects.create(user=expert, name="app", confirmed=True)
    AdhesionFactory(utilisateur__nom_complet="Victor Vincennes")
    connecter(client, agent_metropole)

    reponse = client.get(LISTE)

    assert reponse.status_code == 200
    lignes = {u.nom_complet: u for u in reponse.context["cl"].result_list}
    assert lignes["Éva Experte"].a_second_facteur is True
    assert lignes["Victor Vincennes"].a_second_facteur is False
    contenu = reponse.content.decode()
    assert "Experts" in contenu and "Vincennes" in contenu


def test_the_list_costs_the_same_queries_for_one_or_many_people(
    client, agent_metropole, django_assert_max_num_queries
):
    connecter(client, agent_metropole)
    client.get(LISTE)  # warm the menu
    UserFactory.create_batch(2, expert=True)
    with django_assert_max_num_queries(30) as requetes_peu:
        client.get(LISTE)
    for _ in range(15):
        AdhesionFactory(utilisateur=UserFactory(membre_comite=True))
    with django_assert_max_num_queries(len(requetes_peu.captured_queries)):
        client.get(LISTE)


def test_staff_search_people_by_name_email_or_territoire(client, agent_metropole):
    AdhesionFactory(utilisateur__nom_complet="Victor Vincennes")
    UserFactory(nom_complet="Marie Montreuil", email="marie@montreuil.fr")
    connecter(client, agent_metropole)

    par_nom = client.get(LISTE, {"q": "Victor"}).context["cl"].result_list
    par_courriel = client.get(LISTE, {"q": "montreuil.fr"}).context["cl"].result_list
    par_territoire = client.get(LISTE, {"q": "Vincennes"}).context["cl"].result_list

    assert [u.nom_complet for u in par_nom] == ["Victor Vincennes"]
    assert [u.nom_complet for u in par_courriel] == ["Marie Montreuil"]
    assert "Victor Vincennes" in [u.nom_complet for u in par_territoire]


def test_staff_filter_people_by_role_and_second_factor(client, agent_metropole):
    expert = UserFactory(expert=True)
    connecter(client, agent_metropole)  # the agent now has a (test) device, the expert none

    experts = client.get(LISTE, {"role": EXPERT}).context["cl"].result_list
    sans = client.get(LISTE, {"second_facteur": "non"}).context["cl"].result_list

    assert list(experts) == [expert]
    assert expert in sans and agent_metropole not in sans


@pytest.mark.parametrize("persona", ["membre_comite", "expert", "president_comite"])
def test_other_back_office_roles_cannot_open_the_accounts(client, request, persona):
    user = request.getfixturevalue(persona)
    connecter(client, user)

    assert client.get(LISTE).status_code == 403
    assert client.get(_fiche(user)).status_code == 403
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403


def test_a_front_office_user_is_sent_to_the_admin_login(client, agent_vincennes):
    connecter(client, agent_vincennes)

    assert client.get(LISTE)["Location"].startswith(reverse("admin:login"))


def test_no_account_can_be_deleted_even_by_a_superuser(client, superutilisateur):
    victime = UserFactory()
    connecter(client, superutilisateur)

    reponse = client.post(reverse("admin:accounts_user_delete", args=[victime.pk]), {"post": "yes"})

    assert reponse.status_code == 403
    assert User.objects.filter(pk=victime.pk).exists()


def test_the_change_form_cannot_grant_superuser_or_groups(client, superutilisateur):
    cible = UserFactory(nom_complet="Avant")
    connecter(client, superutilisateur)

    client.post(
        _fiche(cible),
        {
            "email": cible.email,
            "nom_complet": "Après",
            "fonction": "",
            "telephone": "",
            "is_superuser": "on",
            "groups": [Group.objects.get(name=AGENT_METROPOLE).pk],
            "mandats_comite-TOTAL_FORMS": "0",
            "mandats_comite-INITIAL_FORMS": "0",
        },
    )

    cible.refresh_from_db()
    assert cible.nom_complet == "Après"
    assert not cible.is_superuser and not cible.groups.exists()


# ---- roles ----------------------------------------------------------------------------------


def test_a_superuser_grants_a_role_and_the_journal_keeps_who_and_when(client, superutilisateur):
    cible = UserFactory()
    connecter(client, superutilisateur)

    reponse = client.post(
        reverse("admin:accounts_user_attribuer_role", args=[cible.pk]), {"role": EXPERT}
    )

    assert reponse.status_code == 302
    cible = User.objects.get(pk=cible.pk)
    assert cible.a_role(EXPERT) and cible.is_staff
    entree = _journal(cible, "attribuer_role").get()
    assert entree.acteur == superutilisateur and entree.etat_apres == EXPERT
    assert entree.horodatage is not None


def test_the_accounts_page_shows_its_access_history(client, superutilisateur):
    cible = UserFactory()
    comptes.attribuer_role(user=cible, role=EXPERT, par=superutilisateur)
    connecter(client, superutilisateur)

    page = client.get(_fiche(cible)).content.decode()

    assert "Rôle attribué" in page and "admin@metropolegrandparis.fr" in page
    assert "Retirer ce rôle" in page


def test_the_list_offers_to_invite_rather_than_add(client, agent_metropole):
    connecter(client, agent_metropole)

    page = client.get(LISTE).content.decode()

    assert "Inviter une personne" in page


def test_nobody_grants_a_role_they_dont_hold(client, agent_metropole):
    cible = UserFactory()
    connecter(client, agent_metropole)

    client.post(reverse("admin:accounts_user_attribuer_role", args=[cible.pk]), {"role": EXPERT})

    cible = User.objects.get(pk=cible.pk)
    assert not cible.a_role(EXPERT) and not cible.is_staff
    assert not _journal(cible, "attribuer_role").exists()


def test_nobody_withdraws_a_role_they_dont_hold(agent_metropole):
    expert = UserFactory(expert=True)

    with pytest.raises(comptes.GestionRefusee):
        comptes.retirer_role(user=expert, role=EXPERT, par=agent_metropole)
    assert User.objects.get(pk=expert.pk).a_role(EXPERT)


def test_an_agent_grants_the_role_they_hold(agent_metropole):
    cible = UserFactory()

    assert comptes.attribuer_role(user=cible, role=AGENT_METROPOLE, par=agent_metropole)
    assert User.objects.get(pk=cible.pk).a_role(AGENT_METROPOLE)


def test_withdrawing_the_last_role_closes_the_admin_on_the_next_page(superutilisateur):
    from django.test import Client

    membre = UserFactory(membre_comite=True)
    navigateur_membre = connecter(Client(), membre)
    assert navigateur_membre.get(reverse("admin:index")).status_code == 200
    gestion = connecter(Client(), superutilisateur)

    gestion.post(
        reverse("admin:accounts_user_retirer_role", args=[membre.pk]), {"role": MEMBRE_COMITE}
    )

    membre = User.objects.get(pk=membre.pk)
    assert not membre.a_role(MEMBRE_COMITE) and not membre.is_staff
    assert navigateur_membre.get(reverse("admin:index"))["Location"].startswith(
        reverse("admin:login")
    )
    entree = _journal(membre, "retirer_role").get()
    assert entree.acteur == superutilisateur and entree.etat_avant == MEMBRE_COMITE


def test_an_agent_cannot_change_a_superuser(client, agent_metropole, superutilisateur):
    connecter(client, agent_metropole)

    assert (
        client.get(
            reverse("admin:accounts_user_desactiver", args=[superutilisateur.pk])
        ).status_code
        == 403
    )
    client.post(
        reverse("admin:accounts_user_retirer_role", args=[superutilisateur.pk]),
        {"role": AGENT_METROPOLE},
    )
    assert User.objects.get(pk=superutilisateur.pk).is_active


# ---- deactivation ---------------------------------------------------------------------------


def test_deactivation_asks_for_confirmation_then_ends_the_sessions(client, superutilisateur):
    from django.test import Client

    cible = UserFactory(expert=True)
    connecter(Client(), cible)
    assert Session.objects.count() == 1
    connecter(client, superutilisateur)
    url = reverse("admin:accounts_user_desactiver", args=[cible.pk])

    assert client.get(url).status_code == 200
    assert User.objects.get(pk=cible.pk).is_active
    client.post(url, {"motif": "Fin de mission"})

    cible = User.objects.get(pk=cible.pk)
    assert not cible.is_active
    assert Session.objects.count() == 1  # only the superuser's
    entree = _journal(cible, "desactiver").get()
    assert entree.acteur == superutilisateur and entree.commentaire == "Fin de mission"


def test_a_deactivated_account_keeps_its_name_in_the_history(superutilisateur):
    cible = UserFactory(expert=True, nom_complet="Éva Experte")
    comptes.attribuer_role(user=cible, role=MEMBRE_COMITE, par=superutilisateur)
    from audit.journal import enregistrer

    trace = enregistrer(action=Evenement.Action.MODIFICATION, acteur=cible, commentaire="avis")

    comptes.desactiver(user=cible, par=superutilisateur)

    trace.refresh_from_db()
    assert trace.acteur_id == cible.pk and "Éva Experte" in trace.acteur_libelle
    assert User.objects.filter(pk=cible.pk, nom_complet="Éva Experte").exists()


def test_a_deactivated_account_cannot_log_in(client, superutilisateur):
    from tests.factories import MOT_DE_PASSE

    cible = UserFactory(email="parti@exemple.fr")
    comptes.desactiver(user=cible, par=superutilisateur)

    client.post(
        reverse("accounts:login"), {"username": "parti@exemple.fr", "password": MOT_DE_PASSE}
    )

    assert "_auth_user_id" not in client.session


def test_a_superuser_deactivates_another_superuser(client, superutilisateur):
    autre = UserFactory(is_staff=True, is_superuser=True)
    connecter(client, superutilisateur)

    client.post(reverse("admin:accounts_user_desactiver", args=[autre.pk]))

    assert not User.objects.get(pk=autre.pk).is_active


def test_the_last_active_superuser_cannot_be_deactivated(superutilisateur):
    autre = UserFactory(is_staff=True, is_superuser=True)
    comptes.desactiver(user=autre, par=superutilisateur)

    with pytest.raises(comptes.GestionRefusee, match="dernier superutilisateur actif"):
        comptes.desactiver(user=superutilisateur, par=None)
    assert User.objects.get(pk=superutilisateur.pk).is_active


def test_nobody_deactivates_their_own_account_and_the_reason_is_shown(client, superutilisateur):
    connecter(client, superutilisateur)

    reponse = client.post(
        reverse("admin:accounts_user_desactiver", args=[superutilisateur.pk]), follow=True
    )

    assert "propre compte" in reponse.content.decode()
    assert User.objects.get(pk=superutilisateur.pk).is_active


def test_a_superuser_withdraws_another_ones_status(client, superutilisateur):
    autre = UserFactory(is_staff=True, is_superuser=True)
    connecter(client, superutilisateur)
    url = reverse("admin:accounts_user_retirer_superutilisateur", args=[autre.pk])

    assert client.get(url).status_code == 200
    client.post(url)

    autre = User.objects.get(pk=autre.pk)
    assert not autre.is_superuser and not autre.is_staff  # no back-office role left
    assert _journal(autre, "retirer_superutilisateur").get().acteur == superutilisateur


def test_the_last_active_superuser_keeps_the_status(client, superutilisateur):
    autre = UserFactory(is_staff=True, is_superuser=True)
    comptes.desactiver(user=autre, par=superutilisateur)
    connecter(client, superutilisateur)

    reponse = client.post(
        reverse("admin:accounts_user_retirer_superutilisateur", args=[superutilisateur.pk]),
        follow=True,
    )

    assert "dernier superutilisateur actif" in reponse.content.decode()
    assert User.objects.get(pk=superutilisateur.pk).is_superuser


def test_an_agent_cannot_withdraw_a_superusers_status(agent_metropole, superutilisateur):
    UserFactory(is_staff=True, is_superuser=True)

    with pytest.raises(comptes.GestionRefusee, match="Seul un superutilisateur"):
        comptes.retirer_superutilisateur(user=superutilisateur, par=agent_metropole)
    assert User.objects.get(pk=superutilisateur.pk).is_superuser


def test_a_deactivated_account_is_reactivated(client, superutilisateur):
    cible = UserFactory()
    comptes.desactiver(user=cible, par=superutilisateur)
    connecter(client, superutilisateur)

    client.post(reverse("admin:accounts_user_reactiver", args=[cible.pk]))

    assert User.objects.get(pk=cible.pk).is_active
    assert _journal(cible, "reactiver").get().acteur == superutilisateur


def test_the_role_pages_answer_405_to_a_get(client, superutilisateur):
    connecter(client, superutilisateur)
    cible = UserFactory()

    reponse = client.get(reverse("admin:accounts_user_attribuer_role", args=[cible.pk]))

    assert reponse.status_code == 405


# ---- second factor --------------------------------------------------------------------------


def test_a_lost_second_factor_is_reset_with_its_reason(client, superutilisateur):
    cible = UserFactory(expert=True)
    TOTPDevice.objects.create(user=cible, name="app", confirmed=True)
    StaticDevice.objects.create(user=cible, name="Codes de secours", confirmed=True)
    connecter(client, superutilisateur)
    url = reverse("admin:accounts_user_reinitialiser_second_facteur", args=[cible.pk])

    sans_raison = client.post(url, {"motif": ""})
    assert sans_raison.status_code == 200
    assert TOTPDevice.objects.filter(user=cible).exists()

    client.post(url, {"motif": "Téléphone perdu, identité vérifiée par téléphone"})

    assert not TOTPDevice.objects.filter(user=cible).exists()
    assert not StaticDevice.objects.filter(user=cible).exists()
    entree = _journal(cible, "reinitialiser_second_facteur").get()
    assert entree.acteur == superutilisateur and "Téléphone perdu" in entree.commentaire
    message = Message.objects.get(gabarit="second_facteur_reinitialise", destinataire=cible)
    assert "Téléphone perdu" in message.corps_texte


def test_after_a_reset_the_person_enrols_again(client, superutilisateur):
    cible = UserFactory(expert=True)
    connecter(client, cible)
    comptes.reinitialiser_second_facteur(user=cible, par=superutilisateur, motif="perdu")

    client.force_login(cible)
    reponse = client.get(reverse("admin:index"))

    assert reponse["Location"].startswith(reverse("accounts:second_facteur_activer"))


# ---- the committee's composition --------------------------------------------------------------


def test_a_members_account_shows_and_links_their_mandate(client, agent_metropole):
    membre = UserFactory(membre_comite=True, nom_complet="Claire Membre")
    connecter(client, agent_metropole)

    client.post(
        _fiche(membre),
        {
            "email": membre.email,
            "nom_complet": membre.nom_complet,
            "fonction": membre.fonction,
            "telephone": "",
            "mandats_comite-TOTAL_FORMS": "1",
            "mandats_comite-INITIAL_FORMS": "0",
            "mandats_comite-0-siege": Siege.PRESIDENT_COMMISSION,
            "mandats_comite-0-debut": "01/01/2026",
        },
    )

    mandat = MandatMembre.objects.get(membre=membre)
    assert mandat.debut == dt.date(2026, 1, 1)
    page = client.get(_fiche(membre)).content.decode()
    assert "mandats au comité" in page.lower()


def test_the_mandate_page_chooses_the_account_by_search(client, agent_metropole):
    UserFactory(membre_comite=True, nom_complet="Claire Membre")
    connecter(client, agent_metropole)

    page = client.get(reverse("admin:comite_mandatmembre_add")).content.decode()
    recherche = client.get(
        reverse("admin:autocomplete"),
        {"term": "Claire", "app_label": "comite", "model_name": "mandatmembre",
         "field_name": "membre"},
    )  # fmt: skip

    assert "admin-autocomplete" in page
    assert [r["text"] for r in recherche.json()["results"]] == ["Claire Membre"]


def test_an_unknown_role_is_refused_with_a_message(client, superutilisateur):
    cible = UserFactory()
    connecter(client, superutilisateur)

    reponse = client.post(
        reverse("admin:accounts_user_attribuer_role", args=[cible.pk]),
        {"role": "Administrateurs"},
        follow=True,
    )

    assert "pas un rôle du portail" in reponse.content.decode()
    assert not User.objects.get(pk=cible.pk).groups.exists()


def test_a_member_who_keeps_another_role_loses_their_sessions_with_the_committee_role(
    client, superutilisateur
):
    from tests.comite.factories import SessionFactory, convoquer

    membre = UserFactory(membre_comite=True)
    comptes.attribuer_role(user=membre, role=EXPERT, par=superutilisateur)
    session = SessionFactory()
    convoquer(session, membre)
    connecter(client, membre)
    liste = reverse("admin:comite_liste_notation", args=[session.pk])
    assert client.get(liste).status_code == 200

    comptes.retirer_role(user=membre, role=MEMBRE_COMITE, par=superutilisateur)

    assert client.get(liste).status_code in (403, 404)
    assert session.convocations.filter(membre=membre).exists()  # history kept
