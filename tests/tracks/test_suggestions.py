# SPDX-License-Identifier: EUPL-1.2
"""Theme suggestions (art. 2): agents suggest, staff answer, authors read the answer."""

import pytest
from django.urls import reverse

from tests.factories import connecter, territoire
from tests.tracks.factories import SuggestionThemeFactory
from tracks.models import SuggestionTheme

pytestmark = pytest.mark.django_db

DONNEES = {
    "titre": "Réduire le bruit des chantiers",
    "probleme": "Les riverains se plaignent des nuisances sonores.",
    "benefices_attendus": "Planifier les interventions bruyantes au meilleur moment.",
}


def test_it_records_a_suggestion_of_an_approved_agent(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.post(
        reverse("tracks:suggerer_theme"), {**DONNEES, "territoire": territoire("94080").pk}
    )
    assert reponse.status_code == 302
    suggestion = SuggestionTheme.objects.get()
    assert (suggestion.auteur, suggestion.territoire.code, suggestion.statut) == (
        agent_vincennes,
        "94080",
        "en_etude",
    )


def test_it_refuses_a_suggestion_on_behalf_of_another_territoire(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.post(
        reverse("tracks:suggerer_theme"), {**DONNEES, "territoire": territoire("93048").pk}
    )
    assert reponse.status_code == 200
    assert 'aria-invalid="true"' in reponse.content.decode() or "Sélectionnez" in (
        reponse.content.decode()
    )
    assert not SuggestionTheme.objects.exists()


def test_it_refuses_a_suggestion_with_a_missing_field(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.post(
        reverse("tracks:suggerer_theme"),
        {**DONNEES, "probleme": "", "territoire": territoire("94080").pk},
    )
    assert "Le formulaire contient 1 erreur" in reponse.content.decode()
    assert not SuggestionTheme.objects.exists()


def test_it_turns_away_an_agent_whose_membership_is_pending(client, agent_en_attente):
    connecter(client, agent_en_attente)
    reponse = client.get(reverse("tracks:suggerer_theme"), follow=True)
    assert "abord être validé" in reponse.content.decode()


def test_it_sends_an_anonymous_visitor_to_the_login_page(client):
    reponse = client.get(reverse("tracks:suggerer_theme"))
    assert reponse.status_code == 302
    assert "connexion" in reponse["Location"] or "login" in reponse["Location"]


def test_the_author_sees_the_staff_answer(client, agent_vincennes):
    SuggestionThemeFactory(
        auteur=agent_vincennes,
        territoire=territoire("94080"),
        statut="retenu",
        reponse="Thème retenu pour l'appel de 2027.",
    )
    connecter(client, agent_vincennes)
    contenu = client.get(reverse("tracks:mes_suggestions")).content.decode()
    assert "Thème retenu pour l&#x27;appel de 2027." in contenu
    assert "Retenu" in contenu


def test_an_agent_does_not_see_the_suggestions_of_others(client, agent_vincennes, agent_montreuil):
    SuggestionThemeFactory(auteur=agent_montreuil, territoire=territoire("93048"), titre="Secret")
    connecter(client, agent_vincennes)
    assert "Secret" not in client.get(reverse("tracks:mes_suggestions")).content.decode()


def test_staff_answer_a_suggestion_in_the_admin(client, agent_metropole, agent_vincennes):
    suggestion = SuggestionThemeFactory(auteur=agent_vincennes, territoire=territoire("94080"))
    connecter(client, agent_metropole)
    url = reverse("admin:tracks_suggestiontheme_change", args=[suggestion.pk])
    reponse = client.post(url, {"statut": "non_retenu", "reponse": "Déjà couvert par un parcours."})
    assert reponse.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.statut, suggestion.repondu_par) == ("non_retenu", agent_metropole)
