# SPDX-License-Identifier: EUPL-1.2
"""Password reset through the outbox, after the response (issue 17.3)."""

import re

import pytest
from django.urls import reverse

from notifications.models import Message
from tests.factories import connecter

pytestmark = pytest.mark.django_db

NOUVEAU = "le chat gris dort sur une table verte"


def demander(client, email, **meta):
    return client.post(reverse("accounts:password_reset"), {"email": email}, **meta)


def test_the_request_itself_looks_nothing_up_and_sends_nothing(client, agent_vincennes, mailoutbox):
    """Known or not, the request only queues a task after commit: same work, same answer."""
    connu = demander(client, "agent@vincennes.fr")
    inconnu = demander(client, "personne@nulle-part.fr")
    assert (connu.status_code, connu["Location"]) == (inconnu.status_code, inconnu["Location"])
    assert mailoutbox == []
    assert not Message.objects.exists()


def test_a_known_address_gets_one_outbox_message_with_a_working_link(
    client, agent_vincennes, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demander(client, "AGENT@vincennes.fr")
    message = Message.objects.get()
    assert message.destinataire == agent_vincennes
    assert message.etat == Message.Etat.ENVOYE
    assert [m.to for m in mailoutbox] == [["agent@vincennes.fr"]]
    lien = re.search(r"https?://[^/\s]+(/compte/mot-de-passe/nouveau/\S+/)", message.corps_texte)
    formulaire = client.get(lien.group(1), follow=True)
    reponse = client.post(
        formulaire.redirect_chain[-1][0], {"new_password1": NOUVEAU, "new_password2": NOUVEAU}
    )
    assert reponse.status_code == 302
    agent_vincennes.refresh_from_db()
    assert agent_vincennes.check_password(NOUVEAU)


def test_an_unknown_address_gets_nothing(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = demander(client, "personne@nulle-part.fr")
    assert reponse.status_code == 302
    assert not Message.objects.exists()
    assert mailoutbox == []


def test_staff_reading_the_outbox_does_not_see_the_reset_link(
    client, agent_vincennes, agent_metropole, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demander(client, "agent@vincennes.fr")
    message = Message.objects.get()
    connecter(client, agent_metropole)
    fiche = client.get(reverse("admin:notifications_message_change", args=[message.pk]))
    assert fiche.status_code == 200
    contenu = fiche.content.decode()
    assert "contenu confidentiel" in contenu
    assert "/compte/mot-de-passe/nouveau/" not in contenu


def test_resets_for_one_address_are_limited(
    client, agent_vincennes, settings, django_capture_on_commit_callbacks
):
    settings.LIMITE_FORMULAIRES_PAR_ADRESSE = "2/h"
    with django_capture_on_commit_callbacks(execute=True):
        codes = [
            demander(client, "agent@vincennes.fr", REMOTE_ADDR=f"198.51.100.{i}").status_code
            for i in range(3)
        ]
        limite = demander(client, "personne@nulle-part.fr", REMOTE_ADDR="198.51.100.1")
    assert codes == [302, 302, 429]
    assert Message.objects.count() == 2
    assert limite.status_code == 302  # another address from the same client is not blocked
    assert "Trop de demandes" in demander(client, "agent@vincennes.fr").content.decode()
