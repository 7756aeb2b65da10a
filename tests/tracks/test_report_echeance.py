# SPDX-License-Identifier: EUPL-1.2
"""Issue 19.4: a published deadline never changes silently.

A reason, a minimum notice, no shortening once someone deposited, a line in the journal and
the timeline, and a notice to every territoire that has a draft or a deposit.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Evenement
from notifications.models import Message
from tests.candidatures.factories import CandidatureFactory
from tests.factories import agent_de, connecter, territoire
from tests.tracks.factories import ParcoursFactory, a_l_etat, completer
from tracks.models import Parcours

pytestmark = pytest.mark.django_db


@pytest.fixture
def publie():
    return a_l_etat(
        completer(
            ParcoursFactory(
                titre="Tri des courriers", date_limite=timezone.now() + dt.timedelta(days=10)
            )
        ),
        "publie",
    )


def url(parcours) -> str:
    return reverse("admin:tracks_parcours_reporter_date_limite", args=[parcours.pk])


def poster(client, staff, parcours, nouvelle: dt.datetime, motif: str = "Jours fériés"):
    connecter(client, staff)
    return client.post(
        url(parcours),
        {"nouvelle": timezone.localtime(nouvelle).strftime("%Y-%m-%dT%H:%M"), "motif": motif},
    )


def date_limite(parcours) -> dt.datetime:
    return Parcours.objects.get(pk=parcours.pk).date_limite


def test_the_change_form_no_longer_edits_a_published_deadline(client, agent_metropole, publie):
    connecter(client, agent_metropole)
    page = client.get(reverse("admin:tracks_parcours_change", args=[publie.pk])).content.decode()
    assert 'name="date_limite_0"' not in page and 'name="date_limite"' not in page
    assert url(publie) in page


def test_it_moves_the_deadline_records_it_and_tells_the_territoires(
    client, agent_metropole, publie
):
    brouillon = agent_de("94080")  # Vincennes: a draft
    depot = agent_de("93048")  # Montreuil: a deposit
    sans_candidature = agent_de("92012")
    CandidatureFactory(parcours=publie, territoire=territoire("94080"))
    CandidatureFactory(
        parcours=publie, territoire=territoire("93048"), etat="deposee", deposee_le=timezone.now()
    )
    avant = date_limite(publie)
    nouvelle = (avant + dt.timedelta(days=7)).replace(second=0, microsecond=0)

    reponse = poster(client, agent_metropole, publie, nouvelle, "Report demandé par les EPT")

    assert reponse.status_code == 302
    assert date_limite(publie) == nouvelle
    evenement = Evenement.objects.pour(publie).get(action=Evenement.Action.MODIFICATION)
    assert evenement.commentaire == "Report demandé par les EPT"
    assert evenement.acteur == agent_metropole
    assert evenement.donnees["champ"] == "date_limite"
    messages = Message.objects.filter(gabarit="echeance_modifiee")
    assert {m.destinataire for m in messages} == {brouillon, depot}
    assert sans_candidature not in {m.destinataire for m in messages}
    assert "Report demandé par les EPT" in messages.first().corps_texte
    public = client.get(publie.get_absolute_url()).content.decode()
    assert "La date limite a été modifiée" in public and "Report demandé par les EPT" in public
    fiche = client.get(reverse("admin:tracks_parcours_change", args=[publie.pk])).content.decode()
    assert "Changements de la date limite" in fiche


def test_it_needs_a_reason(client, agent_metropole, publie):
    avant = date_limite(publie)
    reponse = poster(client, agent_metropole, publie, avant + dt.timedelta(days=7), motif="")
    assert reponse.status_code == 400
    assert "Le motif est obligatoire." in reponse.content.decode()
    assert date_limite(publie) == avant


def test_it_refuses_less_than_the_minimum_notice(client, settings, agent_metropole, publie):
    settings.DELAI_MINIMAL_REPORT_ECHEANCE = 72
    avant = date_limite(publie)

    reponse = poster(client, agent_metropole, publie, timezone.now() + dt.timedelta(hours=24))

    assert reponse.status_code == 400
    assert "doit laisser au moins 72 heures" in reponse.content.decode()
    assert date_limite(publie) == avant
    assert not Evenement.objects.pour(publie).filter(action=Evenement.Action.MODIFICATION)


def test_it_refuses_shortening_once_someone_deposited(client, agent_metropole, publie):
    CandidatureFactory(parcours=publie, etat="deposee", deposee_le=timezone.now())
    avant = date_limite(publie)

    reponse = poster(client, agent_metropole, publie, avant - dt.timedelta(days=3))

    assert reponse.status_code == 400
    assert "ne peut plus être avancée" in reponse.content.decode()
    assert date_limite(publie) == avant
    assert not Message.objects.filter(gabarit="echeance_modifiee").exists()


def test_shortening_without_deposits_is_allowed_with_the_notice(client, agent_metropole, publie):
    CandidatureFactory(parcours=publie)  # a draft only
    nouvelle = (date_limite(publie) - dt.timedelta(days=3)).replace(second=0, microsecond=0)

    poster(client, agent_metropole, publie, nouvelle)

    assert date_limite(publie) == nouvelle


def test_a_passed_deadline_is_not_moved(client, agent_metropole, publie):
    Parcours.objects.filter(pk=publie.pk).update(date_limite=timezone.now() - dt.timedelta(hours=1))
    avant = date_limite(publie)

    page = connecter(client, agent_metropole).get(url(publie))
    poster(client, agent_metropole, publie, timezone.now() + dt.timedelta(days=10))

    assert "déjà passée" in page.content.decode()
    assert date_limite(publie) == avant


def test_an_expert_cannot_move_the_deadline(client, expert, publie):
    avant = date_limite(publie)
    assert poster(client, expert, publie, avant + dt.timedelta(days=7)).status_code == 403
    assert date_limite(publie) == avant
