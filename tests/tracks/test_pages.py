# SPDX-License-Identifier: EUPL-1.2
"""The public catalogue and a track's page, for anonymous visitors and agents."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core import cache_public
from tests.factories import connecter
from tests.tracks.factories import ParcoursFactory, a_l_etat, completer, fichier_pdf
from tracks.models import DocumentParcours, JalonPrevu, Parcours

E = Parcours.Etat
pytestmark = pytest.mark.django_db


def publie(**kwargs) -> Parcours:
    return a_l_etat(completer(ParcoursFactory(**kwargs)), E.PUBLIE)


def test_it_lists_open_tracks_first_with_deadline_and_time_left(client):
    passe = a_l_etat(ParcoursFactory(titre="Aires de livraison"), E.CLOS)
    en_cours = a_l_etat(ParcoursFactory(titre="Réemploi des matériaux"), E.PHASE1)
    ouvert = publie(
        titre="Bruit urbain",
        date_limite=timezone.now() + dt.timedelta(days=21, hours=1),
    )
    reponse = client.get(reverse("tracks:catalogue"))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    positions = [contenu.index(p.titre) for p in (ouvert, en_cours, passe)]
    assert positions == sorted(positions)
    assert "(heure de Paris)" in contenu
    assert "encore 21 jours" in contenu


def test_it_hides_drafts_from_the_catalogue(client):
    ParcoursFactory(titre="Projet confidentiel")
    assert "Projet confidentiel" not in client.get(reverse("tracks:catalogue")).content.decode()


def test_it_returns_404_for_a_draft_track_page(client):
    brouillon = ParcoursFactory()
    assert client.get(reverse("tracks:detail", args=[brouillon.slug])).status_code == 404


def test_the_catalogue_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(3):
        publie()
    client.get(reverse("tracks:catalogue"))
    cache_public.invalider()  # the page itself, not the anonymous visitors' cached copy
    # savepoint, the published deadlines (the cached pages' key, issue 19.3), tracks, release
    with django_assert_max_num_queries(4) as avant:
        client.get(reverse("tracks:catalogue"))
    for _ in range(10):
        publie()
        a_l_etat(ParcoursFactory(), E.CLOS)
    with django_assert_max_num_queries(len(avant.captured_queries)):
        client.get(reverse("tracks:catalogue"))


def test_the_track_page_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    parcours = publie()
    url = reverse("tracks:detail", args=[parcours.slug])
    client.get(url)
    cache_public.invalider()  # the page itself, not the anonymous visitors' cached copy
    with django_assert_max_num_queries(10) as avant:
        client.get(url)
    for _ in range(10):
        publie()
    for etape in ("instruction", "laureats", "lancement"):
        JalonPrevu.objects.create(parcours=parcours, etape=etape, date_prevue=dt.date(2027, 3, 1))
    with django_assert_max_num_queries(len(avant.captured_queries)):
        client.get(url)


def test_it_publishes_the_scoring_grid_with_scale_weights_and_rule(client):
    parcours = publie()
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    assert "Intérêt et motivation" in contenu
    assert f"échelle de {parcours.echelle_min} à {parcours.echelle_max}" in contenu
    assert "Règle d'agrégation" in contenu
    assert "moyenne de ces notes pondérée" in contenu


def test_it_shows_the_nine_steps_with_the_current_one_and_planned_dates(client):
    parcours = a_l_etat(completer(ParcoursFactory()), E.LANCEMENT)
    JalonPrevu.objects.create(parcours=parcours, etape="phase1", date_prevue=dt.date(2027, 3, 1))
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    assert contenu.count('<li class="') >= 9
    assert 'aria-current="step"' in contenu
    assert "4. Réunion de lancement" in contenu
    assert "prévue le lundi 1er mars 2027" in contenu


def test_it_offers_the_public_documents_for_download(client):
    parcours = publie()
    document = parcours.documents.get(nature="reglement")
    reponse = client.get(reverse("tracks:document", args=[parcours.slug, document.pk]))
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith("attachment")
    assert b"".join(reponse.streaming_content).startswith(b"%PDF")


def test_it_keeps_the_communication_kit_out_of_public_reach(client):
    parcours = publie()
    kit = DocumentParcours.objects.create(
        parcours=parcours, nature="kit_communication", fichier=fichier_pdf("kit.pdf")
    )
    assert client.get(reverse("tracks:document", args=[parcours.slug, kit.pk])).status_code == 404


def test_it_keeps_a_draft_track_documents_private(client):
    parcours = completer(ParcoursFactory())
    document = parcours.documents.first()
    url = reverse("tracks:document", args=[parcours.slug, document.pk])
    assert client.get(url).status_code == 404


def test_it_invites_an_anonymous_visitor_to_sign_in_to_apply(client):
    parcours = publie()
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    assert "Se connecter pour candidater" in contenu


def test_it_tells_an_agent_awaiting_approval_why_they_cannot_apply(client, agent_en_attente):
    parcours = publie()
    connecter(client, agent_en_attente)
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    assert "doit être validé avant de pouvoir candidater" in contenu


def test_it_says_applications_are_closed_after_the_deadline(client):
    parcours = a_l_etat(completer(ParcoursFactory()), E.INSTRUCTION)
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    assert "Les candidatures ne sont pas ouvertes pour ce parcours." in contenu


def test_the_grid_follows_the_order_of_article_5_2(client):
    parcours = publie()
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    assert contenu.index("Contexte local") < contenu.index("Ressources humaines")
    assert contenu.index("Ressources humaines") < contenu.index("Intérêt et motivation")
