# SPDX-License-Identifier: EUPL-1.2
"""Scoring in the admin, through the Django test client as each member."""

from django.urls import reverse

from audit.models import Evenement
from comite.models import Notation, NoteCritere
from tests.comite.factories import noter, ouverte
from tests.factories import connecter
from tracks.criteres import Critere


def url_grille(point):
    return reverse("admin:comite_grille_notation", args=[point.session_id, point.pk])


def formulaire(note: int, action: str = "soumettre", commentaire: str = "Argumenté.") -> dict:
    donnees = {"action": action}
    for critere in Critere:
        donnees[f"note_{critere.value}"] = str(note)
        donnees[f"commentaire_{critere.value}"] = commentaire
    return donnees


def test_it_shows_the_application_answers_criteria_and_weights(
    client, membre_comite, point_vincennes
):
    reponse = connecter(client, membre_comite).get(url_grille(point_vincennes))
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert "Vincennes compte 50 000 habitants" in contenu
    assert Critere.MOTIVATION.label in contenu and "poids 2" in contenu
    assert "Échelle de 0 à 5" in contenu


def test_it_saves_a_draft_then_submits(client, membre_comite, point_vincennes):
    connecter(client, membre_comite)
    client.post(url_grille(point_vincennes), formulaire(3, "brouillon"))
    notation = Notation.objects.get(membre=membre_comite)
    assert notation.soumise_le is None and notation.notes.count() == 6
    client.post(url_grille(point_vincennes), formulaire(4))
    notation.refresh_from_db()
    assert notation.soumise_le is not None
    assert set(notation.notes.values_list("note", flat=True)) == {4}
    assert Evenement.objects.filter(action=Evenement.Action.NOTATION).count() == 2


def test_a_score_outside_the_scale_is_refused_and_changes_nothing(
    client, membre_comite, point_vincennes
):
    reponse = connecter(client, membre_comite).post(url_grille(point_vincennes), formulaire(6))
    assert reponse.status_code == 400
    assert "la note doit être comprise entre 0 et 5" in reponse.content.decode()
    assert not NoteCritere.objects.exists()


def test_the_lowest_and_highest_marks_need_a_comment(client, membre_comite, point_vincennes):
    reponse = connecter(client, membre_comite).post(
        url_grille(point_vincennes), formulaire(5, commentaire="")
    )
    assert "un commentaire est obligatoire pour la note la plus haute" in reponse.content.decode()
    assert not NoteCritere.objects.exists()


def test_a_middle_mark_needs_no_comment(client, membre_comite, point_vincennes):
    connecter(client, membre_comite).post(
        url_grille(point_vincennes), formulaire(3, commentaire="")
    )
    assert Notation.objects.get(membre=membre_comite).soumise_le is not None


def test_submitting_needs_every_criterion(client, membre_comite, point_vincennes):
    donnees = formulaire(3)
    donnees["note_motivation"] = ""
    reponse = connecter(client, membre_comite).post(url_grille(point_vincennes), donnees)
    assert "la note est obligatoire pour soumettre" in reponse.content.decode()


def test_others_scores_are_hidden_until_the_member_submits(
    client, membre_comite, membres, point_vincennes
):
    noter(point_vincennes, membres[1], 2)
    connecter(client, membre_comite)
    assert "Sophie Durand" not in client.get(url_grille(point_vincennes)).content.decode()
    client.post(url_grille(point_vincennes), formulaire(3))
    assert "Sophie Durand" in client.get(url_grille(point_vincennes)).content.decode()


def test_visible_scores_follow_submission_in_the_queryset(membre_comite, membres, point_vincennes):
    noter(point_vincennes, membres[1], 2)
    assert list(Notation.objects.visibles_par(membre_comite)) == []
    noter(point_vincennes, membre_comite, 3)
    assert Notation.objects.visibles_par(membre_comite).count() == 2


def test_a_conflicted_member_sees_no_score_of_that_application(
    membres, conflicted, point_vincennes, point_montreuil
):
    noter(point_vincennes, membres[0], 2)
    noter(point_montreuil, membres[0], 2)
    noter(point_montreuil, conflicted, 3)
    visibles = Notation.objects.visibles_par(conflicted)
    assert {n.candidature_id for n in visibles} == {point_montreuil.candidature_id}


def test_an_interest_declared_between_two_pages_closes_the_grid_on_the_next_one(
    client, membre_comite, point_vincennes
):
    """The conflicts are read once per request, never carried over to the next one."""
    from tests.comite.factories import declarer

    connecter(client, membre_comite)
    assert client.get(url_grille(point_vincennes)).status_code == 200
    declarer(membre_comite, "94080")
    assert client.get(url_grille(point_vincennes)).status_code == 403
    reponse = client.post(url_grille(point_vincennes), formulaire(2))
    assert reponse.status_code == 403
    assert not Notation.objects.filter(membre=membre_comite).exists()


def test_the_grid_and_the_list_read_the_member_s_declarations_once(
    client, membres, point_vincennes, point_montreuil
):
    """Four permissions and two filtered lists per page: one read of the declarations."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    membre = membres[1]
    noter(point_montreuil, membre, 3)  # submitted: the grid also lists the others' scores
    connecter(client, membre)
    for url in (
        url_grille(point_montreuil),
        reverse("admin:comite_liste_notation", args=[point_montreuil.session_id]),
    ):
        client.get(url)
        with CaptureQueriesContext(connection) as requetes:
            assert client.get(url).status_code == 200
        lectures = [q for q in requetes if 'FROM "comite_declarationinteret"' in q["sql"]]
        assert len(lectures) == 1, url


def test_a_submitted_score_can_only_be_revised_in_session_keeping_both(
    client, membre_comite, point_vincennes
):
    noter(point_vincennes, membre_comite, 3)
    ouverte(point_vincennes.session)
    donnees = {
        "action": "reviser",
        "revision_note_contexte": "4",
        "revision_commentaire_contexte": "Convaincu par la discussion.",
    }
    connecter(client, membre_comite).post(url_grille(point_vincennes), donnees)
    note = NoteCritere.objects.get(notation__membre=membre_comite, critere="contexte")
    assert (note.note, note.note_revisee, note.note_retenue) == (3, 4, 4)


def test_a_submitted_score_cannot_be_resubmitted(client, membre_comite, point_vincennes):
    noter(point_vincennes, membre_comite, 3)
    reponse = connecter(client, membre_comite).post(url_grille(point_vincennes), formulaire(4))
    assert "déjà soumise" in reponse.content.decode()
    assert set(NoteCritere.objects.values_list("note", flat=True)) == {3}


def test_the_scoring_list_shows_only_non_conflicted_applications(client, conflicted, seance):
    reponse = connecter(client, conflicted).get(
        reverse("admin:comite_liste_notation", args=[seance.pk])
    )
    assert reponse.status_code == 200
    lignes = [ligne["territoire"] for ligne in reponse.context["lignes"]]
    assert lignes == ["Montreuil"]
    assert "en conflit d'intérêts" in reponse.content.decode()


def test_the_scoring_list_uses_a_constant_number_of_queries(client, president_comite):
    """8 members; 3 applications then 60: the list costs the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comite.models import PointOrdreDuJour
    from territoires.models import Territoire
    from tests.comite.factories import (
        SessionFactory,
        candidature_admissible,
        convoquer,
        parcours_en_instruction,
    )
    from tests.factories import UserFactory

    parcours = parcours_en_instruction()
    session = SessionFactory(president=president_comite)
    session.parcours.add(parcours)
    autres = [UserFactory(membre_comite=True) for _ in range(7)]
    convoquer(session, president_comite, *autres)
    communes = list(Territoire.objects.communes().order_by("code")[:60])
    url = reverse("admin:comite_liste_notation", args=[session.pk])
    connecter(client, president_comite)

    def ajouter(territoires):
        for t in territoires:
            point = PointOrdreDuJour.objects.create(
                session=session, candidature=candidature_admissible(parcours, t.code)
            )
            noter(point, president_comite, 3)

    def compter() -> int:
        client.get(url)  # the first opening may renew the session (once a minute)
        with CaptureQueriesContext(connection) as requetes:
            reponse = client.get(url)
        assert reponse.status_code == 200
        return len(requetes), len(reponse.context["lignes"])

    ajouter(communes[:3])
    avec_3 = compter()
    ajouter(communes[3:])
    avec_60 = compter()
    assert (avec_3[1], avec_60[1]) == (3, 60)
    assert avec_60[0] == avec_3[0]
