# SPDX-License-Identifier: EUPL-1.2
"""The timeline of a track: the nine steps, planned date beside the date actually reached.

The actual dates come from the audit journal (every transition writes one entry), so the
timeline cannot say anything the tamper-evident record does not.
"""

import datetime as dt
from dataclasses import dataclass

from audit.models import Evenement
from tracks.models import Parcours


@dataclass
class Etape:
    numero: int
    etat: str
    libelle: str
    date_prevue: dt.date | None
    date_atteinte: dt.datetime | None
    statut: str  # "franchie", "en_cours", "a_venir" or "non_atteinte"

    @property
    def en_cours(self) -> bool:
        return self.statut == "en_cours"


def transitions_du_parcours(parcours: Parcours) -> list[Evenement]:
    """The transitions of one track from the journal, oldest first (one query)."""
    return list(Evenement.objects.pour(parcours).transitions().select_related("acteur"))


def etapes(parcours: Parcours, transitions: list[Evenement]) -> list[Etape]:
    """The nine steps with their status; uses the prefetched ``jalons`` when present."""
    prevues = {jalon.etape: jalon.date_prevue for jalon in parcours.jalons.all()}
    atteintes: dict[str, dt.datetime] = {}
    for evenement in transitions:  # oldest first: the last time a state was reached wins
        atteintes[evenement.etat_apres] = evenement.horodatage
    rang = parcours.rang_etape
    termine_sans_suite = parcours.etat == Parcours.Etat.SANS_SUITE
    resultat = []
    for numero, etat, libelle in Parcours.ETAPES:
        if numero < rang or (numero == rang and parcours.etat == Parcours.Etat.CLOS):
            statut = "franchie"
        elif numero == rang:
            statut = "en_cours"
        else:
            statut = "non_atteinte" if termine_sans_suite else "a_venir"
        if termine_sans_suite and etat not in atteintes:
            statut = "non_atteinte"
        resultat.append(
            Etape(
                numero=numero,
                etat=etat,
                libelle=libelle,
                date_prevue=prevues.get(etat),
                date_atteinte=atteintes.get(etat),
                statut=statut,
            )
        )
    return resultat
