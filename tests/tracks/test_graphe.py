# SPDX-License-Identifier: EUPL-1.2
"""The declared workflow is the one of the Règlement, and running it never leaves that graph."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.workflow import TransitionRefusee, appliquer
from tests.factories import UserFactory, territoire
from tests.tracks.factories import (
    ParcoursFactory,
    a_l_etat,
    avec_ateliers,
    avec_cas_usage_retenu,
    avec_lancement,
    avec_marche,
    completer,
    fichier_pdf,
)
from tracks.models import DocumentParcours, Parcours

E = Parcours.Etat

# Art. 2 of the Règlement and DESIGN.md, written out independently of the model.
GRAPHE_ATTENDU = {
    ("publier", E.BROUILLON, E.PUBLIE),
    ("depublier", E.PUBLIE, E.BROUILLON),
    ("clore_candidatures", E.PUBLIE, E.INSTRUCTION),
    ("selectionner_laureats", E.INSTRUCTION, E.LAUREATS),
    ("tenir_lancement", E.LAUREATS, E.LANCEMENT),
    ("demarrer_phase1", E.LANCEMENT, E.PHASE1),
    ("choisir_cas_usage", E.PHASE1, E.CAS_USAGE),
    ("choisir_prestataire", E.CAS_USAGE, E.PRESTATAIRE),
    ("declarer_infructueux", E.CAS_USAGE, E.INFRUCTUEUX),
    ("relancer_marche", E.INFRUCTUEUX, E.CAS_USAGE),
    ("demarrer_experimentation", E.PRESTATAIRE, E.EXPERIMENTATION),
    ("arreter", E.EXPERIMENTATION, E.ARRETE),
    ("passer_au_bilan", E.EXPERIMENTATION, E.BILAN),
    ("passer_au_bilan", E.ARRETE, E.BILAN),
    ("clore", E.BILAN, E.CLOS),
    ("classer_sans_suite", E.INSTRUCTION, E.SANS_SUITE),
    ("classer_sans_suite", E.INFRUCTUEUX, E.SANS_SUITE),
}
NOMS = sorted({nom for nom, _, _ in GRAPHE_ATTENDU})


def graphe_declare() -> set[tuple[str, str, str]]:
    champ = Parcours._meta.get_field("etat")
    return {(t.name, t.source, t.target) for t in champ.get_all_transitions(Parcours)}


def test_it_declares_exactly_the_transitions_of_the_rules():
    assert graphe_declare() == GRAPHE_ATTENDU


def test_every_transition_asks_for_the_staff_permission():
    champ = Parcours._meta.get_field("etat")
    assert {t.permission for t in champ.get_all_transitions(Parcours)} == {
        "tracks.piloter_parcours"
    }


def preparer(parcours: Parcours, expert) -> Parcours:
    """Give a track the content of every step, so that many guards hold."""
    completer(parcours)
    avec_lancement(parcours, territoire("94080"))
    avec_ateliers(parcours, "7", "7")
    avec_cas_usage_retenu(parcours, expert)
    avec_marche(parcours)
    DocumentParcours.objects.create(
        parcours=parcours, nature="rapport_bilan", fichier=fichier_pdf("bilan.pdf")
    )
    Parcours.objects.filter(pk=parcours.pk).update(
        experimentation_debut=timezone.localdate() - dt.timedelta(days=60),
        experimentation_fin=timezone.localdate(),
        synthese_bilan="Bilan.",
    )
    return Parcours.objects.get(pk=parcours.pk)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    depart=st.sampled_from(list(E)),
    sequence=st.lists(st.sampled_from(NOMS), min_size=1, max_size=12),
)
def test_random_transition_sequences_never_leave_the_declared_graph(depart, sequence):
    staff = UserFactory(agent_metropole=True)
    expert = UserFactory(expert=True)
    parcours = a_l_etat(preparer(ParcoursFactory(), expert), depart)
    for nom in sequence:
        avant = Parcours.objects.get(pk=parcours.pk).etat
        try:
            parcours = appliquer(parcours, nom, par=staff, commentaire="motif", etat_attendu=avant)
        except TransitionRefusee as refus:
            assert refus.raisons, "a refusal always says why"
            assert Parcours.objects.get(pk=parcours.pk).etat == avant
            continue
        assert (nom, avant, parcours.etat) in GRAPHE_ATTENDU
