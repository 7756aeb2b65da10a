# SPDX-License-Identifier: EUPL-1.2
"""The journal in the admin: readable by Métropole staff, editable by nobody."""

import pytest
from django.urls import reverse

from audit.journal import enregistrer
from audit.models import Evenement
from tests.factories import UserFactory, connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def evenement(agent_vincennes):
    return enregistrer(
        action=Evenement.Action.CONNEXION, acteur=agent_vincennes, adresse_ip="198.51.100.4"
    )


def test_staff_read_the_journal_with_filters(client, agent_metropole, evenement):
    connecter(client, agent_metropole)
    reponse = client.get(reverse("admin:audit_evenement_changelist"))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "198.51.100.4" in contenu
    assert "Claire Martin" in contenu
    for filtre in ("action__exact", "acteur__id__exact", "horodatage__gte"):
        assert filtre in contenu, filtre


def test_filtering_by_action(client, agent_metropole, evenement):
    enregistrer(action=Evenement.Action.EXPORT, commentaire="export des candidatures")
    connecter(client, agent_metropole)
    reponse = client.get(reverse("admin:audit_evenement_changelist"), {"action__exact": "export"})
    assert list(reponse.context["cl"].result_list) == [Evenement.objects.get(action="export")]


def test_an_entry_opens_read_only(client, agent_metropole, evenement):
    connecter(client, agent_metropole)
    reponse = client.get(reverse("admin:audit_evenement_change", args=[evenement.pk]))
    assert reponse.status_code == 200
    assert 'name="commentaire"' not in reponse.content.decode()
    assert reponse.context["has_change_permission"] is False


@pytest.mark.parametrize("nom", ["admin:audit_evenement_add", "admin:audit_evenement_delete"])
def test_nobody_adds_or_deletes_entries_not_even_a_superuser(client, evenement, nom):
    superutilisateur = UserFactory(is_staff=True, is_superuser=True)
    connecter(client, superutilisateur)
    args = [] if nom.endswith("add") else [evenement.pk]
    assert client.get(reverse(nom, args=args)).status_code == 403


def test_a_post_cannot_change_an_entry(client, agent_metropole, evenement):
    connecter(client, agent_metropole)
    client.post(
        reverse("admin:audit_evenement_change", args=[evenement.pk]), {"commentaire": "réécrit"}
    )
    evenement.refresh_from_db()
    assert evenement.commentaire == ""


def test_committee_members_do_not_see_the_journal(client, membre_comite, evenement):
    connecter(client, membre_comite)
    assert client.get(reverse("admin:audit_evenement_changelist")).status_code == 403


def test_the_ip_address_is_kept_outside_the_hashed_content(evenement):
    assert evenement.ip == "198.51.100.4"
    assert "198.51.100.4" not in evenement.contenu_canonique()
