# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Adhesion, User
from tests.factories import MOT_DE_PASSE, territoire

pytestmark = pytest.mark.django_db


def donnees(**kwargs):
    base = {
        "nom_complet": "Sophie Durand",
        "email": "sophie.durand@vincennes.fr",
        "fonction": "Directrice des systèmes d'information",
        "territoire": territoire("94080").pk,
        "role": "agent",
        "password1": MOT_DE_PASSE + "!",
        "password2": MOT_DE_PASSE + "!",
    }
    return {**base, **kwargs}


def test_it_creates_the_account_and_a_pending_membership(client):
    response = client.post(reverse("accounts:inscription"), donnees())
    assert response.status_code == 302
    assert not client.get(reverse("core:tableau_de_bord")).wsgi_request.user.is_authenticated
    user = User.objects.get(email="sophie.durand@vincennes.fr")
    adhesion = user.adhesions.get()
    assert adhesion.statut == Adhesion.Statut.EN_ATTENTE
    assert not user.peut_agir_pour(territoire("94080"))


def test_it_refuses_an_unknown_territoire(client):
    response = client.post(reverse("accounts:inscription"), donnees(territoire=999999))
    assert response.status_code == 200
    assert "ne fait pas partie de la Métropole du Grand Paris" in response.content.decode()
    assert not User.objects.exists()


def test_it_refuses_the_metropole_itself_as_territoire(client):
    response = client.post(
        reverse("accounts:inscription"), donnees(territoire=territoire("MGP").pk)
    )
    assert response.status_code == 200
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "mot_de_passe",
    ["court1A!", "motdepasselongsanschiffre", "Azertyuiop123", "password1234567"],
)
def test_it_refuses_a_weak_password(client, mot_de_passe):
    response = client.post(
        reverse("accounts:inscription"), donnees(password1=mot_de_passe, password2=mot_de_passe)
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not User.objects.exists()


def test_it_accepts_a_passphrase_of_seven_words(client):
    phrase = "le chat gris dort sur une table verte"
    response = client.post(
        reverse("accounts:inscription"), donnees(password1=phrase, password2=phrase)
    )
    assert response.status_code == 302


def test_an_email_already_used_gets_the_same_answer_and_creates_nothing(
    client, agent_vincennes, mailoutbox, django_capture_on_commit_callbacks
):
    nouveau = Client().post(reverse("accounts:inscription"), donnees(), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        existant = client.post(
            reverse("accounts:inscription"), donnees(email="AGENT@vincennes.fr"), follow=True
        )
    assert existant.redirect_chain == nouveau.redirect_chain
    assert _message(existant) == _message(nouveau)
    assert "existe déjà" not in existant.content.decode()
    assert User.objects.filter(email__iexact="agent@vincennes.fr").count() == 1
    assert agent_vincennes.adhesions.count() == 1
    assert not agent_vincennes.check_password(MOT_DE_PASSE + "!")
    [courriel] = mailoutbox
    assert courriel.to == ["agent@vincennes.fr"]
    assert "a tenté de créer un compte" in courriel.body
    assert "/compte/mot-de-passe/oublie/" in courriel.body


def test_a_new_address_is_told_by_email_that_its_account_exists(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(reverse("accounts:inscription"), donnees())
    assert reponse["Location"] == reverse("accounts:login")
    [courriel] = [m for m in mailoutbox if m.to == ["sophie.durand@vincennes.fr"]]
    assert "Votre compte sur le portail ApproprIAtion Métropolitaine est créé" in courriel.body


def test_sign_ups_for_one_address_are_limited(client, settings):
    settings.LIMITE_FORMULAIRES_PAR_ADRESSE = "1/h"
    assert client.post(reverse("accounts:inscription"), donnees()).status_code == 302
    refus = client.post(reverse("accounts:inscription"), donnees(), REMOTE_ADDR="203.0.113.9")
    assert refus.status_code == 429
    assert "Trop de demandes" in refus.content.decode()
    assert User.objects.count() == 1


def _message(reponse) -> list[str]:
    return [str(m) for m in reponse.context["messages"]]


def test_it_keeps_entered_values_and_lists_errors_on_top(client):
    response = client.post(reverse("accounts:inscription"), donnees(password2="autre chose"))
    contenu = response.content.decode()
    assert 'id="resume-erreurs"' in contenu
    assert 'href="#id_password2"' in contenu
    assert 'value="Sophie Durand"' in contenu


def test_the_legal_representative_is_told_of_the_request(
    client, representant_vincennes, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:inscription"), donnees())
    [au_maire] = [m for m in mailoutbox if m.to == ["maire@vincennes.fr"]]
    assert "Sophie Durand" in au_maire.subject
