# SPDX-License-Identifier: EUPL-1.2
"""The committee's reminders, registered in the notifications app's registry."""

from datetime import timedelta

from comite.models import Notation, SessionExamen, territoires_en_conflit
from notifications.rappels import RappelDu, rappel

DELAI_CONVOCATION = timedelta(days=15)
DELAI_RAPPEL_NOTATION = timedelta(days=3)


def _a_venir(maintenant, delai):
    return SessionExamen.objects.filter(
        etat=SessionExamen.Etat.PLANIFIEE, date__gt=maintenant, date__lte=maintenant + delai
    ).prefetch_related("convocations__membre")


@rappel(
    "convocation_comite",
    "Convocation des membres avec l'ordre du jour, 15 jours avant la séance",
    obligatoire=True,
)
def convocations(maintenant):
    """Each convened member, once per session date (a moved session convenes again)."""
    for seance in _a_venir(maintenant, DELAI_CONVOCATION):
        points = list(
            seance.points.select_related("candidature__territoire", "candidature__parcours")
        )
        for convocation in seance.convocations.all():
            yield RappelDu(
                destinataire=convocation.membre,
                objet=seance,
                echeance=seance.date,
                contexte={"seance": seance, "points": points},
            )


@rappel("rappel_notation_comite", "Rappel de notation 3 jours avant la séance", obligatoire=True)
def notations_a_soumettre(maintenant):
    """Members who still have applications to score (conflicts excepted), 3 days before."""
    for seance in _a_venir(maintenant, DELAI_RAPPEL_NOTATION):
        candidatures = dict(
            seance.points.values_list("candidature_id", "candidature__territoire_id")
        )
        soumises = set(
            Notation.objects.filter(session=seance, soumise_le__isnull=False).values_list(
                "membre_id", "candidature_id"
            )
        )
        for convocation in seance.convocations.all():
            conflits = territoires_en_conflit(convocation.membre)
            reste = sum(
                1
                for candidature_id, territoire_id in candidatures.items()
                if territoire_id not in conflits
                and (convocation.membre_id, candidature_id) not in soumises
            )
            if reste:
                yield RappelDu(
                    destinataire=convocation.membre,
                    objet=seance,
                    echeance=seance.date,
                    contexte={"seance": seance, "nb_a_soumettre": reste},
                )
