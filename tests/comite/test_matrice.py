# SPDX-License-Identifier: EUPL-1.2
"""The members' scores side by side on the grid, and one criterion order on every page."""

import io
import re

from django.urls import reverse
from pypdf import PdfReader

from comite.fiche import fiche_de_notation
from comite.models import SessionExamen
from comite.proces_verbal import produire_proces_verbal
from tests.comite.factories import noter, ouverte
from tests.factories import connecter
from tracks.criteres import Critere

ORDRE = [c.label for c in Critere]
# Alphabetical by code, the order the old lists followed: it differs from the grid's.
assert sorted(Critere, key=lambda c: c.value) != list(Critere)


def url_grille(point):
    return reverse("admin:comite_grille_notation", args=[point.session_id, point.pk])


def positions(texte: str, libelles: list[str]) -> list[int]:
    return [texte.index(libelle) for libelle in libelles]


def test_the_grid_shows_one_matrix_in_the_grid_s_order_own_column_first(
    client, membre_comite, membres, point_vincennes
):
    noter(point_vincennes, membres[2], 4)  # Marc Lefèvre
    noter(point_vincennes, membres[1], 2)  # Sophie Durand
    noter(point_vincennes, membre_comite, 3)
    reponse = connecter(client, membre_comite).get(url_grille(point_vincennes))
    colonnes, matrice = reponse.context["colonnes"], reponse.context["matrice"]
    assert [ligne.libelle for ligne in matrice] == ORDRE
    assert [c.membre for c in colonnes] == [str(membre_comite), "Marc Lefèvre", "Sophie Durand"]
    assert colonnes[0].est_moi and not colonnes[1].est_moi
    assert [cellule.note for cellule in matrice[0].cellules] == [3, 4, 2]
    contenu = reponse.content.decode()
    assert contenu.count('<table class="matrice-notes">') == 1
    assert f"Vous ({membre_comite})" in contenu
    assert "<summary>Commentaires de Sophie Durand</summary>" in contenu


def test_the_matrix_flags_the_spread_with_the_aggregates_rule(
    client, membre_comite, membres, point_vincennes
):
    # Scale 0-5: a spread of 3 on the motivation reaches half of it, 1 elsewhere does not.
    noter(point_vincennes, membre_comite, {c.value: 3 for c in Critere})
    noter(point_vincennes, membres[1], {**{c.value: 2 for c in Critere}, "motivation": 0})
    reponse = connecter(client, membre_comite).get(url_grille(point_vincennes))
    signales = [ligne.code for ligne in reponse.context["matrice"] if ligne.desaccord]
    assert signales == ["motivation"]
    assert "fort désaccord" in reponse.content.decode()


def test_the_matrix_shows_the_revised_score_beside_the_independent_one(
    client, membre_comite, membres, point_vincennes
):
    from comite import seances

    noter(point_vincennes, membre_comite, 3)
    noter(point_vincennes, membres[1], 2)
    ouverte(point_vincennes.session)
    seances.reviser_notation(
        point=type(point_vincennes).objects.get(pk=point_vincennes.pk),
        membre=membres[1],
        saisies={"contexte": seances.Saisie(note=4, commentaire="Convaincue en séance.")},
    )
    reponse = connecter(client, membre_comite).get(url_grille(point_vincennes))
    cellule = reponse.context["matrice"][0].cellules[1]
    assert (cellule.note, cellule.note_independante, cellule.revisee) == (4, 2, True)
    assert "(avant discussion : 2)" in reponse.content.decode()


def test_the_matrix_stays_hidden_before_submitting_and_on_a_conflicted_application(
    client, membre_comite, membres, conflicted, point_vincennes
):
    noter(point_vincennes, membres[1], 2)
    reponse = connecter(client, membre_comite).get(url_grille(point_vincennes))
    assert reponse.context["matrice"] == [] and "Sophie Durand" not in reponse.content.decode()
    noter(point_vincennes, membre_comite, 3)
    reponse = connecter(client, conflicted).get(url_grille(point_vincennes))
    assert reponse.status_code in (403, 302) or reponse.context["matrice"] == []


def test_aggregates_minutes_and_score_card_list_the_criteria_in_the_grid_s_order(
    client, president_comite, membre_comite, membres, seance, point_vincennes, vincennes
):
    # The disagreement is on two criteria whose code order differs from the grid's order.
    noter(point_vincennes, membre_comite, {c.value: 3 for c in Critere})
    noter(
        point_vincennes,
        membres[1],
        {**{c.value: 3 for c in Critere}, "ressources_humaines": 0, "motivation": 0},
    )
    page = connecter(client, president_comite).get(
        reverse("admin:comite_agregats", args=[seance.pk])
    )
    contenu = page.content.decode().replace("&#x27;", "'")
    assert positions(contenu, ORDRE) == sorted(positions(contenu, ORDRE))

    SessionExamen.objects.filter(pk=seance.pk).update(etat=SessionExamen.Etat.CLOSE)
    seance = SessionExamen.objects.get(pk=seance.pk)
    texte = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(produire_proces_verbal(seance))).pages
    )
    texte = " ".join(texte.split())
    assert positions(texte, ORDRE) == sorted(positions(texte, ORDRE))
    desaccord = re.search(r"Fort désaccord signalé sur : ([^.]+)\.", texte).group(1)
    assert desaccord == f"{Critere.RESSOURCES_HUMAINES.label}, {Critere.MOTIVATION.label}"

    fiche = fiche_de_notation(vincennes)
    assert [ligne.libelle for ligne in fiche["lignes"]] == ORDRE
