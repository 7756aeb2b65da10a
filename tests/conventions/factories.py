# SPDX-License-Identifier: EUPL-1.2
"""Conventions factories: selected beneficiaries, and conventions at each step."""

import datetime as dt

from candidatures.models import Candidature
from conventions.documents import creer_convention, generer_pdf
from conventions.models import Convention
from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, a_l_etat
from tests.factories import territoire
from tracks.models import Parcours


def parcours_laureats(**kwargs) -> Parcours:
    """A track whose winners were selected, with its experimentation dates."""
    kwargs.setdefault("experimentation_debut", dt.date(2027, 3, 1))
    kwargs.setdefault("experimentation_fin", dt.date(2027, 9, 30))
    kwargs.setdefault("titre", "Aires de livraison intelligentes")
    return ParcoursPublieFactory(etat_force=Parcours.Etat.LAUREATS, **kwargs)


def beneficiaire(parcours=None, code: str = "94080", **kwargs) -> Candidature:
    """A selected candidature (Vincennes unless told otherwise)."""
    kwargs.setdefault("representant_nom", "Mme Charlotte Libert-Albanel")
    kwargs.setdefault("representant_qualite", "Maire")
    return CandidatureFactory(
        parcours=parcours or parcours_laureats(),
        territoire=territoire(code),
        etat=Candidature.Etat.SELECTIONNEE,
        **kwargs,
    )


def convention(candidature=None, *, etat: str | None = None, pdf: bool = False) -> Convention:
    """The convention of a selected beneficiary; ``etat`` set directly (set-up only)."""
    resultat = creer_convention(candidature=candidature or beneficiaire())
    if pdf:
        generer_pdf(resultat)
    if etat:
        a_l_etat(resultat, etat)
    return resultat
