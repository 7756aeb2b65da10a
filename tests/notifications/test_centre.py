# SPDX-License-Identifier: EUPL-1.2
"""The notification centre, unread counts in both headers, and preferences."""

import pytest
from django.urls import reverse

from notifications import outbox
from notifications.models import Message, PreferencesNotification
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def avis(user, n: int = 1) -> list[Message]:
    return [
        outbox.notifier(destinataire=user, gabarit="inconnu", adresse="x@exemple.fr")
        for _ in range(n)
    ]


def test_the_centre_lists_my_notices_only(client, agent_vincennes, agent_montreuil):
    mien = outbox.notifier(
        destinataire=agent_vincennes,
        gabarit="adhesion_decidee",
        contexte={"adhesion": agent_vincennes.adhesions.get()},
    )
    avis(agent_montreuil)
    connecter(client, agent_vincennes)
    reponse = client.get(reverse("notifications:centre"))
    assert reponse.status_code == 200
    assert list(reponse.context["page"].object_list) == [mien]
    assert "Votre adhésion à Vincennes est validée" in reponse.content.decode()


def test_the_header_shows_my_unread_count(client, agent_vincennes):
    avis(agent_vincennes, 3)
    connecter(client, agent_vincennes)
    reponse = client.get(reverse("core:accueil"))
    assert reponse.context["notifications_non_lues"] == 3
    assert '3<span class="visually-hidden"> non lues</span>' in reponse.content.decode()


def test_the_admin_header_shows_the_unread_count_to_staff(client, agent_metropole):
    avis(agent_metropole, 2)
    connecter(client, agent_metropole)
    reponse = client.get(reverse("admin:index"))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert f'href="{reverse("notifications:centre")}">Notifications (2' in contenu


def test_marking_a_notice_read_lowers_the_count(client, agent_vincennes):
    [message, _] = avis(agent_vincennes, 2)
    connecter(client, agent_vincennes)
    reponse = client.post(reverse("notifications:marquer_lu", args=[message.pk]), follow=True)
    assert reponse.context["notifications_non_lues"] == 1
    message.refresh_from_db()
    assert message.lu_le is not None


def test_marking_read_is_post_only(client, agent_vincennes):
    [message] = avis(agent_vincennes)
    connecter(client, agent_vincennes)
    assert client.get(reverse("notifications:marquer_lu", args=[message.pk])).status_code == 405


def test_someone_elses_notice_is_not_found(client, agent_vincennes, agent_montreuil):
    [message] = avis(agent_montreuil)
    connecter(client, agent_vincennes)
    reponse = client.post(reverse("notifications:marquer_lu", args=[message.pk]))
    assert reponse.status_code == 404
    message.refresh_from_db()
    assert message.lu_le is None


def test_mark_all_read(client, agent_vincennes, agent_montreuil):
    avis(agent_vincennes, 3)
    avis(agent_montreuil)
    connecter(client, agent_vincennes)
    client.post(reverse("notifications:tout_marquer_lu"))
    assert Message.objects.non_lus_de(agent_vincennes).count() == 0
    assert Message.objects.non_lus_de(agent_montreuil).count() == 1


def test_the_centre_needs_a_login(client):
    reponse = client.get(reverse("notifications:centre"))
    assert reponse.status_code == 302
    assert reverse("accounts:login") in reponse["Location"]


def test_the_centre_list_has_a_query_budget(client, agent_vincennes, django_assert_max_num_queries):
    avis(agent_vincennes, 25)
    connecter(client, agent_vincennes)
    # 13: one of them is the second-factor gate's (an agent's direct permissions: none)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("notifications:centre")).status_code == 200


# Preferences ---------------------------------------------------------------------------


def test_an_agent_opts_in_to_new_tracks(client, agent_vincennes):
    connecter(client, agent_vincennes)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    client.post(reverse("notifications:preferences"), {"parcours_publies": "on"})
    preferences = PreferencesNotification.objects.get(utilisateur=agent_vincennes)
    assert preferences.parcours_publies is True
    assert preferences.rappels_sans_candidature is False


def test_an_optional_message_is_not_written_without_opt_in(agent_vincennes):
    assert outbox.notifier(destinataire=agent_vincennes, gabarit="parcours_publie") is None
    assert not Message.objects.exists()


def test_an_optional_message_is_written_after_opt_in(agent_vincennes):
    PreferencesNotification.objects.create(utilisateur=agent_vincennes, parcours_publies=True)
    message = outbox.notifier(
        destinataire=agent_vincennes, gabarit="parcours_publie", obligatoire=False
    )
    assert message is not None
    assert message.obligatoire is False


def test_a_legal_notice_is_mandatory_whatever_the_caller_says(agent_vincennes):
    PreferencesNotification.objects.create(utilisateur=agent_vincennes)
    message = outbox.notifier(
        destinataire=agent_vincennes, gabarit="decision_selection", obligatoire=False
    )
    assert message is not None
    assert message.obligatoire is True


def test_mandatory_messages_have_no_box_to_untick(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.get(reverse("notifications:preferences"))
    assert set(reponse.context["form"].fields) == {"parcours_publies", "rappels_sans_candidature"}
    assert "accusés de réception" in reponse.content.decode()


def test_a_message_planned_for_later_is_not_shown_before_its_time(agent_vincennes):
    from datetime import timedelta

    from django.utils import timezone

    demain = timezone.now() + timedelta(days=1)
    outbox.notifier(destinataire=agent_vincennes, gabarit="inconnu", prevu_le=demain)
    assert not Message.objects.pour(agent_vincennes).exists()
    assert Message.objects.non_lus_de(agent_vincennes, maintenant=demain).count() == 1
