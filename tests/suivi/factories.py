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


# Names and addresses of people in the fixtures: none may appear in a public page or export.
NOM_CONTACT = "Jeanne Contact-Privé"
COURRIEL_CONTACT = "jeanne.contact@vincennes.fr"
NOM_REPRESENTANT = "Henri Représentant-Légal"
NOMS_MEMBRES = ["Sophie Durand-Comité", "Marc Lefèvre-Comité", "Inès Martin-Comité"]


def parcours_note(
    codes: list[str], *, etat: str = "experimentation", notes: tuple = (2, 3, 4), **kwargs
):
    """A track whose applications ``codes`` were scored by three members and all selected."""
    from comite.seances import constituer_ordre_du_jour
    from tests.comite.factories import (
        SessionFactory,
        candidature_admissible,
        convoquer,
        noter,
        ouverte,
        parcours_en_instruction,
    )
    from tests.factories import UserFactory

    parcours = parcours_en_instruction(**kwargs)
    candidatures = []
    for code in codes:
        candidature = candidature_admissible(parcours, code)
        type(candidature).objects.filter(pk=candidature.pk).update(
            contact_nom=NOM_CONTACT,
            contact_email=COURRIEL_CONTACT,
            representant_nom=NOM_REPRESENTANT,
        )
        candidatures.append(candidature)
    membres = [UserFactory(membre_comite=True, nom_complet=nom) for nom in NOMS_MEMBRES]
    president = UserFactory(president_comite=True, nom_complet="Présidente Du-Comité")
    session = SessionFactory(president=president)
    session.parcours.add(parcours)
    convoquer(session, president, *membres)
    constituer_ordre_du_jour(session)
    session = ouverte(session)
    for point in session.points.all():
        for note, membre in zip(notes, membres, strict=True):
            noter(point, membre, note)  # by default 2, 3, 4: mean 3 on each criterion
    for candidature in candidatures:
        a_l_etat(candidature, "selectionnee")
    return a_l_etat(parcours, etat)
