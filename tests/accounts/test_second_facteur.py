# SPDX-License-Identifier: EUPL-1.2
"""Every back-office role gives a verified second factor before any non-public page (COMPLIANCE 17)."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import deux_facteurs
from tests.factories import AdhesionFactory, UserFactory, connecter

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def code_actuel(appareil: TOTPDevice) -> str:
    return f"{TOTP(appareil.bin_key, appareil.step, appareil.t0, appareil.digits).token():06d}"


@pytest.fixture
def superutilisateur(db):
    return UserFactory(is_staff=True, is_superuser=True, email="admin@metropolegrandparis.fr")


@pytest.mark.parametrize(
    "persona",
    ["agent_metropole", "membre_comite", "president_comite", "expert", "superutilisateur"],
)
def test_it_sends_back_office_users_without_a_device_to_enrolment(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_facteur_activer"))
    assert "next=%2Fadmin%2F" in response["Location"]


def test_it_sends_a_user_with_a_device_to_verification(client, agent_metropole):
    TOTPDevice.objects.create(user=agent_metropole, name="app", confirmed=True)
    client.force_login(agent_metropole)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("accounts:second_facteur"))


def test_it_guards_the_other_back_office_paths(client, agent_metropole):
    client.force_login(agent_metropole)
    response = client.get("/suivi/pilotage/un-parcours/")
    assert response.status_code == 302
    assert reverse("accounts:second_facteur_activer") in response["Location"]


def test_it_guards_any_view_not_marked_otherwise(rf, agent_metropole):
    from accounts.middleware import SecondFactorRequiredMiddleware
    from core.acces import sans_second_facteur

    def vue(request):
        raise AssertionError("la vue ne doit pas être atteinte")

    def publique(request):
        raise AssertionError("le middleware ne l'appelle pas lui-même")

    requete = rf.get("/nouvelle-page/")
    requete.user = agent_metropole
    agent_metropole.is_verified = lambda: False
    porte = SecondFactorRequiredMiddleware(lambda r: None)
    assert porte.process_view(requete, vue, (), {}).status_code == 302
    assert porte.process_view(requete, sans_second_facteur(publique), (), {}) is None


def test_front_office_pages_need_the_second_factor_too(client, membre_comite):
    client.force_login(membre_comite)
    response = client.get(reverse("core:tableau_de_bord"))
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("accounts:second_facteur_activer") + "?next=%2Ftableau-de-bord%2F"
    )
    assert client.get(reverse("core:accueil")).status_code == 200


def test_after_the_password_a_staff_member_is_sent_to_the_second_factor(client):
    from tests.factories import MOT_DE_PASSE

    staff = UserFactory(agent_metropole=True, email="staff@metropolegrandparis.fr")
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    response = client.post(
        reverse("accounts:login"),
        {"username": staff.email, "password": MOT_DE_PASSE},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == (
        reverse("accounts:second_facteur") + "?next=%2Ftableau-de-bord%2F"
    )


def test_a_refused_post_sends_back_to_the_page_it_came_from(client, agent_metropole):
    TOTPDevice.objects.create(user=agent_metropole, name="app", confirmed=True)
    client.force_login(agent_metropole)
    response = client.post(
        reverse("notifications:tout_marquer_lu"), HTTP_REFERER="http://testserver/notifications/"
    )
    assert response["Location"] == (
        reverse("accounts:second_facteur") + "?next=http%3A%2F%2Ftestserver%2Fnotifications%2F"
    )


def test_the_admin_login_page_sends_a_password_only_staff_member_to_the_second_factor(
    client, agent_metropole
):
    client.force_login(agent_metropole)
    response = client.get(reverse("admin:login"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:second_facteur_activer"))
    assert response.status_code == 200


@pytest.mark.parametrize("quoi", ["permission directe", "groupe inconnu"])
def test_any_right_beyond_a_territoire_agent_asks_for_the_second_factor(client, quoi):
    from django.contrib.auth.models import Group, Permission

    user = AdhesionFactory().utilisateur  # an approved agent of Vincennes, not staff
    if quoi == "permission directe":
        user.user_permissions.add(Permission.objects.get(codename="view_candidature"))
    else:
        user.groups.add(Group.objects.create(name="Nouveau rôle"))
    assert deux_facteurs.exige_second_facteur(user)
    client.force_login(user)
    response = client.get(reverse("candidatures:mes_candidatures"))
    assert response["Location"].startswith(reverse("accounts:second_facteur_activer"))


def test_a_territoire_agent_needs_no_second_factor(agent_vincennes, representant_vincennes):
    assert not deux_facteurs.exige_second_facteur(agent_vincennes)
    assert not deux_facteurs.exige_second_facteur(representant_vincennes)


def test_an_agent_of_a_commune_is_not_asked_for_a_second_factor(client, agent_vincennes):
    client.force_login(agent_vincennes)
    response = client.get(ADMIN)
    assert reverse("accounts:second_facteur_activer") not in response.get("Location", "")
    assert reverse("accounts:second_facteur") not in response.get("Location", "")


def test_connecter_satisfies_the_gate(client, agent_metropole):
    connecter(client, agent_metropole)
    assert client.get(ADMIN).status_code == 200


def test_enrolment_shows_an_inline_svg_qr_code_and_the_secret(client, agent_metropole):
    client.force_login(agent_metropole)
    response = client.get(reverse("accounts:second_facteur_activer"))
    contenu = response.content.decode()
    appareil = TOTPDevice.objects.get(user=agent_metropole, confirmed=False)
    assert '<svg width="' in contenu and 'class="qr-code"' in contenu
    assert deux_facteurs.secret_base32(appareil) in contenu
    assert "<script>" not in contenu and "style=" not in contenu


def test_enrolment_with_a_valid_code_verifies_and_shows_ten_backup_codes_once(
    client, agent_metropole
):
    client.force_login(agent_metropole)
    client.get(reverse("accounts:second_facteur_activer"))
    appareil = TOTPDevice.objects.get(user=agent_metropole)
    response = client.post(
        reverse("accounts:second_facteur_activer") + "?next=/admin/",
        {"code": code_actuel(appareil), "next": "/admin/"},
        follow=True,
    )
    appareil.refresh_from_db()
    assert appareil.confirmed
    codes = StaticDevice.objects.get(user=agent_metropole).token_set.values_list("token", flat=True)
    assert len(codes) == 10
    contenu = response.content.decode()
    assert all(code in contenu for code in codes)
    assert "ne seront plus jamais affichés" in contenu
    assert codes[0] not in client.get(reverse("accounts:codes_secours")).content.decode()
    assert client.get(ADMIN).status_code == 200


def test_enrolment_with_a_wrong_code_changes_nothing(client, agent_metropole):
    client.force_login(agent_metropole)
    client.get(reverse("accounts:second_facteur_activer"))
    response = client.post(reverse("accounts:second_facteur_activer"), {"code": "000000"})
    assert response.status_code == 200
    assert "Ce code ne correspond pas" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not TOTPDevice.objects.filter(user=agent_metropole, confirmed=True).exists()
    assert client.get(ADMIN).status_code == 302


def test_a_password_alone_cannot_enrol_a_new_authenticator(client, agent_metropole):
    TOTPDevice.objects.create(user=agent_metropole, name="app", confirmed=True)
    client.force_login(agent_metropole)
    response = client.get(reverse("accounts:second_facteur_activer"))
    assert response["Location"].startswith(reverse("accounts:second_facteur"))


def test_verification_with_a_totp_code(client, agent_metropole):
    appareil = TOTPDevice.objects.create(user=agent_metropole, name="app", confirmed=True)
    client.force_login(agent_metropole)
    response = client.post(
        reverse("accounts:second_facteur"), {"code": code_actuel(appareil), "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"
    assert client.get(ADMIN).status_code == 200


def test_a_backup_code_works_once(client, agent_metropole):
    _, codes = deux_facteurs.regenerer_codes_secours(agent_metropole)
    client.force_login(agent_metropole)
    assert client.post(reverse("accounts:second_facteur"), {"code": codes[0]}).status_code == 302
    client.logout()
    client.force_login(agent_metropole)
    response = client.post(reverse("accounts:second_facteur"), {"code": codes[0]})
    assert response.status_code == 200
    assert "est pas valide ou a expiré" in response.content.decode()


def test_verification_never_redirects_to_another_site(client, agent_metropole):
    _, codes = deux_facteurs.regenerer_codes_secours(agent_metropole)
    client.force_login(agent_metropole)
    response = client.post(
        reverse("accounts:second_facteur"), {"code": codes[0], "next": "https://pirate.example/"}
    )
    assert response["Location"] == reverse("admin:index")


def test_backup_codes_can_be_regenerated_after_verification(client, agent_metropole):
    connecter(client, agent_metropole)
    _, anciens = deux_facteurs.regenerer_codes_secours(agent_metropole)
    response = client.post(reverse("accounts:regenerer_codes_secours"), follow=True)
    nouveaux = list(
        StaticDevice.objects.get(
            user=agent_metropole, name=deux_facteurs.NOM_SECOURS
        ).token_set.values_list("token", flat=True)
    )
    assert not set(anciens) & set(nouveaux)
    assert nouveaux[0] in response.content.decode()


def test_demo_back_office_accounts_get_the_printed_second_factor(client, capsys, settings):
    from django.core.management import call_command

    from accounts.demo import CODES_SECOURS_DEMO, TOTP_DEMO_SECRET, creer_personas

    comptes = creer_personas()
    staff = comptes["agent_metropole"]
    appareil = TOTPDevice.objects.get(user=staff, confirmed=True)
    assert deux_facteurs.secret_base32(appareil) == TOTP_DEMO_SECRET
    assert not TOTPDevice.objects.filter(user=comptes["agent_vincennes"]).exists()
    client.force_login(staff)
    client.post(reverse("accounts:second_facteur"), {"code": CODES_SECOURS_DEMO[0]})
    assert client.get(ADMIN).status_code == 200
    settings.DEMO = True
    call_command("comptes_demo")
    sortie = capsys.readouterr().out
    assert TOTP_DEMO_SECRET in sortie and "DÉMO UNIQUEMENT" in sortie
    assert CODES_SECOURS_DEMO[-1] in sortie


def test_staff_find_their_backup_codes_from_mon_espace(client, agent_metropole, agent_vincennes):
    connecter(client, agent_metropole)
    assert (
        reverse("accounts:codes_secours")
        in client.get(reverse("core:tableau_de_bord")).content.decode()
    )
    connecter(client, agent_vincennes)
    assert (
        reverse("accounts:codes_secours")
        not in client.get(reverse("core:tableau_de_bord")).content.decode()
    )


def test_a_refused_second_factor_code_is_journaled(client, agent_metropole):
    from audit.models import Evenement

    deux_facteurs.regenerer_codes_secours(agent_metropole)
    client.force_login(agent_metropole)
    client.post(reverse("accounts:second_facteur"), {"code": "mauvais"}, REMOTE_ADDR="192.0.2.9")
    echec = Evenement.objects.get(action=Evenement.Action.ECHEC_CONNEXION)
    assert echec.acteur == agent_metropole and echec.ip == "192.0.2.9"
    assert echec.commentaire == "Code de second facteur refusé"
