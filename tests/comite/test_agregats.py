# SPDX-License-Identifier: EUPL-1.2
"""The aggregates against values computed by hand."""

import pytest

from comite import agregats

# Two applications, three members, two criteria; weights 2 and 1.
POIDS = {"contexte": 2, "motivation": 1}
NOTES = {
    "Vincennes": {
        "A": {"contexte": 4, "motivation": 3},
        "B": {"contexte": 5, "motivation": 2},
        "C": {"contexte": 3, "motivation": 4},
    },
    "Montreuil": {
        "A": {"contexte": 1, "motivation": 5},
        "B": {"contexte": 2, "motivation": 5},
        "C": {"contexte": 5, "motivation": 5},
    },
}


def test_it_summarises_a_criterion():
    stat = agregats.stat_critere([4, 5, 3, 1])
    assert (stat.moyenne, stat.mediane, stat.minimum, stat.maximum) == (3.25, 3.5, 1, 5)
    assert stat.ecart == 4 and stat.nb_notateurs == 4


def test_it_has_no_summary_without_scores():
    assert agregats.stat_critere([]) is None


def test_it_computes_the_weighted_total_by_hand():
    # Vincennes: contexte mean 4, motivation mean 3 -> (4×2 + 3×1) / 3 = 11/3
    # Montreuil: contexte mean 8/3, motivation 5 -> (16/3 + 5) / 3 = 31/9
    totaux = agregats.totaux(NOTES, POIDS)
    assert totaux["Vincennes"] == pytest.approx(11 / 3)
    assert totaux["Montreuil"] == pytest.approx(31 / 9)


def test_contributions_add_up_to_the_total():
    contributions = agregats.contributions({"contexte": 4, "motivation": 3}, POIDS)
    assert contributions == pytest.approx({"contexte": 8 / 3, "motivation": 1})
    assert sum(contributions.values()) == pytest.approx(11 / 3)


def test_it_ranks_highest_first_and_shares_ranks_on_ties():
    assert agregats.classement({"a": 3.0, "b": 4.0, "c": 3.0, "d": 1.0, "e": None}) == {
        "b": 1,
        "a": 2,
        "c": 2,
        "d": 4,
    }


def test_it_flags_high_disagreement_at_half_the_scale():
    stats = agregats.stats_candidature(NOTES["Montreuil"])
    # contexte 1..5: spread 4 >= 2.5 on a 0-5 scale; motivation: spread 0
    assert agregats.desaccord_eleve(stats, 0, 5) == ["contexte"]
    assert agregats.desaccord_eleve(agregats.stats_candidature(NOTES["Vincennes"]), 0, 5) == []


def test_leaving_one_member_out_can_change_the_list():
    resultats = {s.libelle: s for s in agregats.sensibilite(NOTES, POIDS, nb_places=1)}
    # Without C: Montreuil contexte mean 1.5 -> (3 + 5)/3 = 2.67 < Vincennes (4.5×2+2.5)/3 = 3.83
    assert resultats["Sans A"].liste_change is True  # Montreuil (3.5×2+5)/3=4 > Vincennes 11/3
    assert resultats["Sans C"].liste_change is False
    assert resultats["Sans A"].rangs_modifies == ["Montreuil", "Vincennes"]


def test_normalised_scores_use_each_members_mean_and_spread():
    normalisees = agregats.normaliser({"x": {"A": {"c": 1, "d": 3}}, "y": {"A": {"c": 3, "d": 1}}})
    # A's scores 1,3,3,1: mean 2, population sd 1
    assert normalisees["x"]["A"] == {"c": -1.0, "d": 1.0}


def test_a_member_without_spread_counts_zero_once_normalised():
    assert agregats.normaliser({"x": {"A": {"c": 2, "d": 2}}})["x"]["A"] == {"c": 0.0, "d": 0.0}


def test_it_measures_how_much_discussion_moved_an_application():
    revisees = {**NOTES, "Vincennes": {**NOTES["Vincennes"], "C": {"contexte": 6, "motivation": 4}}}
    # contexte mean 5 instead of 4 -> +2/3
    assert agregats.deplacement(NOTES, revisees, POIDS)["Vincennes"] == pytest.approx(2 / 3)
    assert agregats.deplacement(NOTES, revisees, POIDS)["Montreuil"] == pytest.approx(0)


def test_members_are_pseudonymised_in_order():
    assert agregats.pseudonymes([7, 3]) == {7: "Membre A", 3: "Membre B"}


def test_the_sensitivity_ranks_each_application_with_its_own_tracks_weights():
    """A session examining two tracks: the reference is the ranking the table shows."""
    notes = {
        "A": {"m1": {"x": 5, "y": 1}, "m2": {"x": 5, "y": 1}},
        "B": {"m1": {"x": 1, "y": 4}, "m2": {"x": 1, "y": 4}},
    }
    commun = {"x": 1, "y": 1}  # A: 3, B: 2.5 -> A first
    propres = {"A": {"x": 1, "y": 3}, "B": {"x": 1, "y": 1}}  # A: 2, B: 2.5 -> B first
    assert agregats.classement(agregats.totaux(notes, commun)) == {"A": 1, "B": 2}
    assert agregats.classement(agregats.totaux(notes, {}, propres)) == {"B": 1, "A": 2}
    for variante in agregats.sensibilite(notes, {}, poids_par_candidature=propres):
        assert variante.rangs == {"B": 1, "A": 2}
        assert variante.rangs_modifies == []


@pytest.mark.django_db
def test_a_session_examining_two_tracks_tests_sensitivity_with_each_tracks_weights(
    president_comite, membre_comite
):
    from comite import seances
    from comite.models import PointOrdreDuJour
    from tests.comite.factories import (
        SessionFactory,
        candidature_admissible,
        convoquer,
        noter,
        ouverte,
        parcours_en_instruction,
    )
    from tracks.criteres import Critere

    premier, *autres = [c.value for c in Critere]
    grille_standard = parcours_en_instruction()  # weights 1, 2, 1, 2, 1, 2
    grille_contexte = parcours_en_instruction()
    grille_contexte.ponderations.filter(critere=premier).update(poids=10)
    grille_contexte.ponderations.exclude(critere=premier).update(poids=1)
    session = SessionFactory(president=president_comite)
    session.parcours.add(grille_standard, grille_contexte)
    convoquer(session, president_comite, membre_comite)
    a = PointOrdreDuJour.objects.create(
        session=session, candidature=candidature_admissible(grille_standard, "94080"), rang=1
    )
    b = PointOrdreDuJour.objects.create(
        session=session, candidature=candidature_admissible(grille_contexte, "93048"), rang=2
    )
    ouverte(session)
    for membre in (president_comite, membre_comite):
        noter(a, membre, {premier: 5, **dict.fromkeys(autres, 3)})  # own weights: 29/9 = 3.2
        noter(b, membre, {premier: 1, **dict.fromkeys(autres, 4)})  # own: 30/15 = 2.0

    lignes, sensibilite = seances.agregats_de_session(session)
    assert [(ligne.point, ligne.rang) for ligne in lignes] == [(a, 1), (b, 2)]
    # With the first track's weights B would come first (33/9 = 3.7): no variant may say so.
    assert sensibilite and all(variante.rangs[a] == 1 for variante in sensibilite)
