# SPDX-License-Identifier: EUPL-1.2
"""What the track's last step waits for: each beneficiary's feedback and evaluation (art. 8).

:meth:`tracks.models.Parcours._retours_beneficiaires_recus` imports
:func:`retours_manquants` to guard the ``clore`` transition.
"""

from suivi.livrables import candidatures_selectionnees
from suivi.models import Livrable

NATURES_BILAN = (Livrable.Nature.RETOUR, Livrable.Nature.EVALUATION)


def retours_manquants(parcours) -> list[str]:
    """ "Vincennes (évaluation)"… for each beneficiary whose feedback or evaluation is neither
    validated nor waived; empty when the track can close."""
    recus = set(
        Livrable.objects.filter(
            parcours=parcours, nature__in=NATURES_BILAN, etat__in=Livrable.ETATS_RECUS
        ).values_list("territoire_id", "nature")
    )
    libelles = {
        Livrable.Nature.RETOUR: "retour d'expérience",
        Livrable.Nature.EVALUATION: "évaluation",
    }
    manquants = []
    for candidature in candidatures_selectionnees(parcours):
        absents = [
            libelles[nature]
            for nature in NATURES_BILAN
            if (candidature.territoire_id, nature) not in recus
        ]
        if absents:
            manquants.append(f"{candidature.territoire.nom} ({', '.join(absents)})")
    return manquants
