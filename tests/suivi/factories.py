# SPDX-License-Identifier: EUPL-1.2
"""Suivi factories: a track in phase 2 with its beneficiaries, deliverables filled in."""

import datetime as dt
from decimal import Decimal

from suivi.models import IndicateurEvaluation, Livrable
from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, a_l_etat
from tests.factories import territoire


def parcours_en_experimentation(*, fin: dt.date, etat: str = "experimentation", **kwargs):
    """A track in phase 2: Vincennes selected, Montreuil not, two evaluation indicators."""
    parcours = ParcoursPublieFactory(
        experimentation_debut=fin - dt.timedelta(days=180), experimentation_fin=fin, **kwargs
    )
    a_l_etat(parcours, etat)
    CandidatureFactory(parcours=parcours, territoire=territoire("94080"), etat="selectionnee")
    CandidatureFactory(parcours=parcours, territoire=territoire("93048"), etat="non_selectionnee")
    IndicateurEvaluation.objects.create(
        parcours=parcours, libelle="Demandes traitées sans relance", unite="%", ordre=1
    )
    IndicateurEvaluation.objects.create(
        parcours=parcours, libelle="Temps gagné par agent et par semaine", unite="heures", ordre=2
    )
    return parcours


def remplir(livrable: Livrable) -> Livrable:
    """Fill in what the deliverable's kind asks for (set-up only)."""
    if livrable.nature == Livrable.Nature.DONNEES:
        livrable.description = "Journal anonymisé des demandes traitées par l'assistant."
        livrable.perimetre = "Demandes de janvier à juin 2026, sans données nominatives."
        livrable.lien = "https://data.vincennes.fr/jeux/assistant-demandes"
        livrable.donnees_personnelles = False
    elif livrable.nature == Livrable.Nature.RETOUR:
        livrable.ce_qui_a_marche = "Le tri des demandes simples."
        livrable.ce_qui_n_a_pas_marche = "Les demandes en plusieurs langues."
        livrable.chiffres_usage = "4 200 demandes, 12 agents utilisateurs."
        livrable.recommandations = "Former les agents dès la phase 1."
    else:
        for valeur in livrable.valeurs.all():
            valeur.valeur = Decimal("42")
            valeur.save()
    livrable.save()
    return livrable
