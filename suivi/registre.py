# SPDX-License-Identifier: EUPL-1.2
"""The AI-register entry prefilled from what the portal already knows about the track.

The use case retained in phase 1, the provider of the procurement, the beneficiaries and the
data perimeter of their conventions: staff complete and check, they do not type again.
"""

from suivi.livrables import candidatures_selectionnees, perimetre_convenu
from tracks.models import Parcours, Prestataire


def valeurs_preremplies(parcours: Parcours) -> dict[str, str]:
    """Initial values of a new ``FicheRegistreIA`` for ``parcours`` (empty when unknown)."""
    cas = parcours.cas_usage.filter(retenu=True).first()
    fournisseurs = Prestataire.objects.filter(
        marche__parcours=parcours, marche__infructueux=False
    ).values_list("raison_sociale", flat=True)
    beneficiaires = candidatures_selectionnees(parcours)
    perimetres = {perimetre_convenu(c) for c in beneficiaires} - {""}
    return {
        "parcours": str(parcours.pk),
        "finalite": cas.description if cas else "",
        "service_public": cas.titre if cas else parcours.titre,
        "fournisseur": ", ".join(fournisseurs),
        "deployeurs": "\n".join(c.territoire.nom for c in beneficiaires),
        "donnees_utilisees": "\n\n".join(sorted(perimetres)),
    }
