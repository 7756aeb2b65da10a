# SPDX-License-Identifier: EUPL-1.2
"""Votes through the admin as each member: majority of votes cast, casting vote, closing."""

import contextlib

from django.urls import reverse

from audit.models import Evenement
from comite.models import Notation, PointOrdreDuJour, Vote
from comite.seances import Refus, decompter
from tests.comite.factories import noter, ouverte
from tests.factories import connecter


def voter(client, membre, point, choix, *, notes_avant: bool = True):
    """Vote as ``membre``, after submitting their scores (the vote requires them)."""
    if (
        notes_avant
        and not Notation.objects.filter(
            session=point.session_id, candidature=point.candidature_id, membre=membre
        ).exists()
    ):
        # Not allowed to score (session not open…): the vote will say why.
        with contextlib.suppress(Refus):
            noter(point, membre, 3)
    connecter(client, membre)
    return client.post(
        reverse("admin:comite_voter", args=[point.session_id, point.pk]), {"choix": choix}
    )


def clore(client, membre, point):
    connecter(client, membre)
    return client.post(reverse("admin:comite_clore_vote", args=[point.session_id, point.pk]))


def test_a_2_2_tie_is_decided_by_the_chairs_casting_vote(
    client, president_comite, membres, point_vincennes
):
    ouverte(point_vincennes.session)
    voter(client, president_comite, point_vincennes, "pour")
    voter(client, membres[0], point_vincennes, "pour")
    voter(client, membres[1], point_vincennes, "contre")
    voter(client, membres[2], point_vincennes, "contre")
    clore(client, president_comite, point_vincennes)
    point_vincennes.refresh_from_db()
    assert point_vincennes.resultat == PointOrdreDuJour.Resultat.PROPOSEE
    assert point_vincennes.voix_preponderante is True
    reponse = connecter(client, membres[0]).get(
        reverse(
            "admin:comite_grille_notation", args=[point_vincennes.session_id, point_vincennes.pk]
        )
    )
    assert "décidé par la voix prépondérante de la présidence" in reponse.content.decode()


def test_the_majority_of_votes_cast_decides_abstentions_aside(
    client, president_comite, membres, point_montreuil
):
    ouverte(point_montreuil.session)
    voter(client, president_comite, point_montreuil, "abstention")
    voter(client, membres[0], point_montreuil, "contre")
    voter(client, membres[1], point_montreuil, "abstention")
    clore(client, president_comite, point_montreuil)
    point_montreuil.refresh_from_db()
    assert point_montreuil.resultat == PointOrdreDuJour.Resultat.NON_PROPOSEE
    assert point_montreuil.voix_preponderante is False


def test_a_second_vote_updates_and_never_duplicates(client, membres, point_vincennes):
    ouverte(point_vincennes.session)
    voter(client, membres[0], point_vincennes, "pour")
    voter(client, membres[0], point_vincennes, "contre")
    assert list(Vote.objects.values_list("choix", flat=True)) == ["contre"]
    votes = Evenement.objects.filter(
        action=Evenement.Action.NOTATION, commentaire__startswith="Vote"
    )
    assert votes.count() == 2


def test_a_vote_after_closing_is_refused_and_changes_nothing(
    client, president_comite, membres, point_vincennes
):
    ouverte(point_vincennes.session)
    voter(client, membres[0], point_vincennes, "pour")
    clore(client, president_comite, point_vincennes)
    reponse = voter(client, membres[0], point_vincennes, "contre")
    assert Vote.objects.get(membre=membres[0]).choix == "pour"
    messages = [str(m) for m in reponse.wsgi_request._messages]
    assert "Le vote sur cette candidature est clos" in messages[-1]


def test_a_closed_vote_cannot_be_closed_again(client, president_comite, membres, point_vincennes):
    ouverte(point_vincennes.session)
    voter(client, membres[0], point_vincennes, "pour")
    clore(client, president_comite, point_vincennes)
    assert clore(client, president_comite, point_vincennes).status_code == 403


def test_an_absent_member_cannot_vote(client, membres, point_vincennes):
    from comite.models import Convocation

    ouverte(point_vincennes.session)
    Convocation.objects.filter(membre=membres[0]).update(present=False)
    assert voter(client, membres[0], point_vincennes, "pour").status_code == 403
    assert not Vote.objects.exists()


def test_votes_wait_for_the_session_to_open(client, membres, point_vincennes):
    assert voter(client, membres[0], point_vincennes, "pour").status_code == 403


def test_only_the_chair_closes_the_vote(client, membres, point_vincennes):
    ouverte(point_vincennes.session)
    voter(client, membres[0], point_vincennes, "pour")
    assert clore(client, membres[0], point_vincennes).status_code == 403


def test_a_conflicted_chair_is_replaced_by_a_substitute_for_that_application(
    client, president_comite, membres, point_vincennes
):
    from tests.comite.factories import declarer

    ouverte(point_vincennes.session)
    declarer(president_comite, "94080")
    PointOrdreDuJour.objects.filter(pk=point_vincennes.pk).update(president_suppleant=membres[0])
    voter(client, membres[0], point_vincennes, "pour")
    voter(client, membres[1], point_vincennes, "contre")
    assert clore(client, president_comite, point_vincennes).status_code == 403
    clore(client, membres[0], point_vincennes)
    point_vincennes.refresh_from_db()
    assert point_vincennes.resultat == PointOrdreDuJour.Resultat.PROPOSEE
    assert point_vincennes.voix_preponderante is True


def test_a_tie_where_the_chair_abstained_is_not_a_proposal():
    decompte = decompter(["pour", "contre", "abstention"], "abstention")
    assert decompte.resultat == PointOrdreDuJour.Resultat.NON_PROPOSEE
    assert not decompte.voix_preponderante


def test_a_member_cannot_vote_before_submitting_their_scores(client, membres, point_vincennes):
    ouverte(point_vincennes.session)
    noter(point_vincennes, membres[0], 3, soumettre=False)  # a draft is not enough
    reponse = voter(client, membres[0], point_vincennes, "pour", notes_avant=False)
    assert not Vote.objects.exists()
    messages = [str(m) for m in reponse.wsgi_request._messages]
    assert "Soumettez d'abord votre notation de cette candidature" in messages[-1]
    grille = client.get(
        reverse(
            "admin:comite_grille_notation", args=[point_vincennes.session_id, point_vincennes.pk]
        )
    ).content.decode()
    assert "Soumettez d'abord votre notation" in grille and 'name="choix"' not in grille

    noter(point_vincennes, membres[0], 3)
    voter(client, membres[0], point_vincennes, "pour", notes_avant=False)
    assert Vote.objects.get(membre=membres[0]).choix == "pour"
