# SPDX-License-Identifier: EUPL-1.2
"""Nobody outside the session reaches a scoring or vote page (URL by URL)."""

import pytest
from django.urls import reverse

from tests.comite.factories import SessionFactory, convoquer, ouverte
from tests.factories import UserFactory, connecter


def urls(session, point):
    s, p = session.pk, point.pk
    return [
        ("get", reverse("admin:comite_liste_notation", args=[s])),
        ("get", reverse("admin:comite_grille_notation", args=[s, p])),
        ("post", reverse("admin:comite_grille_notation", args=[s, p])),
        ("post", reverse("admin:comite_voter", args=[s, p])),
        ("post", reverse("admin:comite_clore_vote", args=[s, p])),
        ("get", reverse("admin:comite_declarations", args=[s])),
        ("post", reverse("admin:comite_ouvrir", args=[s])),
        ("get", reverse("admin:comite_agregats", args=[s])),
        ("get", reverse("admin:comite_agregats_csv", args=[s])),
        ("post", reverse("admin:comite_cloturer", args=[s])),
    ]


def _demander(client, methode, url):
    return getattr(client, methode)(url, {"choix": "pour", "action": "soumettre"})


@pytest.fixture
def membre_autre_seance(db, president_comite):
    membre = UserFactory(membre_comite=True, nom_complet="Membre d'une autre séance")
    convoquer(SessionFactory(president=president_comite), membre)
    return membre


def test_a_member_of_another_session_reaches_no_page(
    client, membre_autre_seance, seance, point_vincennes
):
    ouverte(seance)
    connecter(client, membre_autre_seance)
    for methode, url in urls(seance, point_vincennes):
        assert _demander(client, methode, url).status_code == 404, url


def test_a_commune_agent_reaches_no_page(client, agent_vincennes, seance, point_vincennes):
    connecter(client, agent_vincennes)
    for methode, url in urls(seance, point_vincennes):
        reponse = _demander(client, methode, url)
        assert reponse.status_code == 302 and "/admin/login/" in reponse.url, url


def test_an_anonymous_user_reaches_no_page(client, seance, point_vincennes):
    for methode, url in urls(seance, point_vincennes):
        reponse = _demander(client, methode, url)
        assert reponse.status_code == 302 and "/admin/login/" in reponse.url, url


def test_the_conflicted_member_gets_403_on_that_application(
    client, conflicted, seance, point_vincennes
):
    ouverte(seance)
    connecter(client, conflicted)
    for methode, url in urls(seance, point_vincennes)[1:5]:
        assert _demander(client, methode, url).status_code == 403, url


def test_the_conflicted_member_still_scores_other_applications(client, conflicted, point_montreuil):
    url = reverse(
        "admin:comite_grille_notation", args=[point_montreuil.session_id, point_montreuil.pk]
    )
    assert connecter(client, conflicted).get(url).status_code == 200


def test_a_member_linked_to_a_commune_is_conflicted_on_its_ept(membres, seance, parcours):
    from comite.models import PointOrdreDuJour
    from tests.comite.factories import candidature_admissible, declarer

    membre = membres[1]
    declarer(membre, "94080")  # Vincennes, in Paris Est Marne & Bois
    ept = candidature_admissible(parcours, "T10")
    point = PointOrdreDuJour.objects.create(session=seance, candidature=ept)
    assert not membre.has_perm("comite.noter", point)
    assert point not in PointOrdreDuJour.objects.agenda_de(membre)


def test_a_member_sees_only_their_sessions_in_the_admin(client, membre_autre_seance, seance):
    reponse = connecter(client, membre_autre_seance).get(
        reverse("admin:comite_sessionexamen_changelist")
    )
    assert reponse.status_code == 200
    assert seance not in reponse.context["cl"].queryset


def test_a_plain_member_cannot_see_the_aggregates(client, membre_comite, seance):
    reponse = connecter(client, membre_comite).get(
        reverse("admin:comite_agregats", args=[seance.pk])
    )
    assert reponse.status_code == 403
