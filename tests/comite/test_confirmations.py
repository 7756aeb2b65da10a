# SPDX-License-Identifier: EUPL-1.2
"""Issue 19.2: the committee's irreversible actions ask first, on a page that needs no script.

The admin never loaded the script behind ``data-confirm``: "Soumettre", "Ouvrir la séance",
"Clore le vote", "Clore la séance" and the Bureau's decision ran in one click.
"""

from django.urls import reverse

from comite.models import Notation, PointOrdreDuJour, SessionExamen, Vote
from tests.comite.factories import noter, ouverte
from tests.factories import connecter
from tracks.criteres import Critere


def _grille(point) -> str:
    return reverse("admin:comite_grille_notation", args=[point.session_id, point.pk])


def _notes(note: int, action: str) -> dict:
    donnees = {"action": action}
    for critere in Critere:
        donnees[f"note_{critere.value}"] = str(note)
        donnees[f"commentaire_{critere.value}"] = "Argumenté."
    return donnees


def test_it_asks_before_submitting_the_scores(client, membre_comite, point_vincennes):
    connecter(client, membre_comite)
    grille = client.get(_grille(point_vincennes)).content.decode()
    assert 'value="relire"' in grille and "data-confirm" not in grille

    reponse = client.post(_grille(point_vincennes), _notes(3, "relire"))

    url = reverse(
        "admin:comite_soumettre_notation", args=[point_vincennes.session_id, point_vincennes.pk]
    )
    assert reponse.status_code == 302 and reponse.url == url
    notation = Notation.objects.get(membre=membre_comite)
    assert notation.soumise_le is None and notation.notes.count() == 6
    page = client.get(url).content.decode()
    assert "Confirmer : Soumettre ma notation" in page and "définitive" in page
    assert Notation.objects.get(membre=membre_comite).soumise_le is None

    client.post(url)

    assert Notation.objects.get(membre=membre_comite).soumise_le is not None


def test_an_incomplete_grid_never_reaches_the_confirmation(client, membre_comite, point_vincennes):
    donnees = _notes(3, "relire")
    donnees["note_motivation"] = ""
    reponse = connecter(client, membre_comite).post(_grille(point_vincennes), donnees)
    assert reponse.status_code == 400
    assert "la note est obligatoire pour soumettre" in reponse.content.decode()
    assert not Notation.objects.exists()


def test_it_asks_before_opening_the_sitting(client, president_comite, seance):
    connecter(client, president_comite)
    liste = client.get(reverse("admin:comite_liste_notation", args=[seance.pk])).content.decode()
    url = reverse("admin:comite_ouvrir", args=[seance.pk])
    assert f'href="{url}"' in liste

    page = client.get(url)

    assert page.status_code == 200
    assert "Confirmer : Ouvrir la séance" in page.content.decode()
    assert SessionExamen.objects.get(pk=seance.pk).etat == SessionExamen.Etat.PLANIFIEE


def test_it_asks_before_closing_the_vote(client, president_comite, membres, point_vincennes):
    ouverte(point_vincennes.session)
    url = reverse("admin:comite_clore_vote", args=[point_vincennes.session_id, point_vincennes.pk])

    page = connecter(client, president_comite).get(url)

    assert page.status_code == 200
    assert "Confirmer : Clore le vote" in page.content.decode()
    assert not PointOrdreDuJour.objects.get(pk=point_vincennes.pk).vote_clos


def test_it_asks_before_closing_the_sitting_and_names_the_missing_scores(
    client, president_comite, membres, point_vincennes, point_montreuil
):
    session = ouverte(point_vincennes.session)
    noter(point_vincennes, president_comite, 3)
    url = reverse("admin:comite_cloturer", args=[session.pk])

    page = connecter(client, president_comite).get(url)

    contenu = page.content.decode()
    assert page.status_code == 200
    assert "Confirmer : Clore la séance" in contenu
    assert "n&#x27;a pas soumis sa notation" in contenu
    assert 'name="motif_forcage"' in contenu
    assert SessionExamen.objects.get(pk=session.pk).etat == SessionExamen.Etat.OUVERTE
    assert not Vote.objects.exists()


def test_a_member_who_may_not_close_gets_no_confirmation_page(client, membres, point_vincennes):
    session = ouverte(point_vincennes.session)
    connecter(client, membres[0])
    assert client.get(reverse("admin:comite_cloturer", args=[session.pk])).status_code == 403
    assert client.get(reverse("admin:comite_ouvrir", args=[session.pk])).status_code == 403
