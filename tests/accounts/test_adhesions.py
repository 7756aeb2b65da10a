# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.urls import reverse

from accounts.models import Adhesion
from audit.models import Evenement
from tests.factories import AdhesionFactory, connecter, territoire

pytestmark = pytest.mark.django_db


@pytest.fixture
def demande():
    return AdhesionFactory(en_attente=True, territoire=territoire("94080"))


def test_a_pending_member_cannot_act_for_the_territoire(demande):
    assert not demande.utilisateur.peut_agir_pour(territoire("94080"))
    assert not demande.utilisateur.territoires_approuves().exists()


def test_the_legal_representative_approves_a_member_of_their_territoire(
    client, demande, representant_vincennes, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(representant_vincennes)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:approuver_adhesion", args=[demande.pk]))
    assert response.status_code == 302
    demande.refresh_from_db()
    assert demande.statut == Adhesion.Statut.APPROUVEE
    assert demande.decidee_par == representant_vincennes
    assert demande.utilisateur.peut_agir_pour(territoire("94080"))
    assert (
        Evenement.objects.filter(
            action=Evenement.Action.ADHESION, acteur=representant_vincennes
        ).count()
        == 1
    )
    assert "est validée" in mailoutbox[-1].subject


def test_staff_approve_any_territoire(client, demande, agent_metropole):
    connecter(client, agent_metropole)
    client.post(reverse("accounts:approuver_adhesion", args=[demande.pk]))
    demande.refresh_from_db()
    assert demande.statut == Adhesion.Statut.APPROUVEE


def test_a_user_of_territoire_a_cannot_approve_members_of_territoire_b(client, demande):
    representant_montreuil = AdhesionFactory(
        representant_legal=True, territoire=territoire("93048")
    ).utilisateur
    client.force_login(representant_montreuil)
    response = client.post(reverse("accounts:approuver_adhesion", args=[demande.pk]))
    assert response.status_code == 404
    demande.refresh_from_db()
    assert demande.statut == Adhesion.Statut.EN_ATTENTE


def test_a_plain_agent_cannot_approve_a_colleague(client, demande, agent_vincennes):
    client.force_login(agent_vincennes)
    response = client.post(reverse("accounts:approuver_adhesion", args=[demande.pk]))
    assert response.status_code == 404
    demande.refresh_from_db()
    assert demande.statut == Adhesion.Statut.EN_ATTENTE


def test_a_refusal_keeps_its_reason(client, demande, representant_vincennes):
    client.force_login(representant_vincennes)
    client.post(
        reverse("accounts:refuser_adhesion", args=[demande.pk]),
        {"motif_refus": "Agent inconnu de nos services"},
    )
    demande.refresh_from_db()
    assert demande.statut == Adhesion.Statut.REFUSEE
    assert demande.motif_refus == "Agent inconnu de nos services"
    assert not demande.utilisateur.peut_agir_pour(territoire("94080"))


def test_approval_is_post_only(client, demande, representant_vincennes):
    client.force_login(representant_vincennes)
    response = client.get(reverse("accounts:approuver_adhesion", args=[demande.pk]))
    assert response.status_code == 405


def test_the_list_shows_only_the_requests_the_user_may_decide(
    client, demande, representant_vincennes
):
    autre = AdhesionFactory(en_attente=True, territoire=territoire("93048"))
    client.force_login(representant_vincennes)
    contenu = client.get(reverse("accounts:adhesions_a_valider")).content.decode()
    assert demande.utilisateur.nom_complet in contenu
    assert autre.utilisateur.nom_complet not in contenu
