# SPDX-License-Identifier: EUPL-1.2
"""Deliverable reminders, registered with the notifications' reminder registry.

- 14 and 3 days before a deliverable's due date, to the approved agents of the beneficiary;
- once a week while it is overdue (the week is in the key: one reminder per week).

Only deliverables still owed (to submit, or sent back for changes) on a track not closed.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone

from notifications.rappels import RappelDu, rappel
from suivi.gardes import ETATS_PARCOURS_CLOS

PALIERS_AVANT = (14, 3)


def _agents(territoire_ids) -> dict[int, list]:
    from accounts.models import Adhesion

    agents: dict[int, list] = {}
    adhesions = (
        Adhesion.objects.approuvees()
        .filter(territoire_id__in=territoire_ids, utilisateur__is_active=True)
        .select_related("utilisateur")
        .order_by("utilisateur_id")
    )
    for adhesion in adhesions:
        agents.setdefault(adhesion.territoire_id, []).append(adhesion.utilisateur)
    return agents


def _attendus():
    from suivi.models import Livrable

    return (
        Livrable.objects.attendus()
        .exclude(parcours__etat__in=ETATS_PARCOURS_CLOS)
        .select_related("parcours", "territoire")
    )


@rappel("rappel_livrable", "Livrable de phase 2 à remettre dans 14 et 3 jours", obligatoire=True)
def livrables_bientot_dus(maintenant) -> Iterable[RappelDu]:
    jour = timezone.localdate(maintenant)
    livrables = list(
        _attendus().filter(
            echeance__gte=jour, echeance__lte=jour + timedelta(days=max(PALIERS_AVANT))
        )
    )
    agents = _agents({livrable.territoire_id for livrable in livrables})
    for livrable in livrables:
        jours = min(j for j in PALIERS_AVANT if livrable.echeance - timedelta(days=j) <= jour)
        for agent in agents.get(livrable.territoire_id, []):
            yield RappelDu(
                destinataire=agent,
                objet=livrable,
                echeance=livrable.echeance - timedelta(days=jours),
                contexte={"livrable": livrable, "jours": (livrable.echeance - jour).days},
            )


@rappel(
    "rappel_livrable_en_retard", "Livrable de phase 2 en retard (chaque semaine)", obligatoire=True
)
def livrables_en_retard(maintenant) -> Iterable[RappelDu]:
    jour = timezone.localdate(maintenant)
    livrables = list(_attendus().filter(echeance__lt=jour))
    agents = _agents({livrable.territoire_id for livrable in livrables})
    semaine = jour - timedelta(days=jour.weekday())
    for livrable in livrables:
        for agent in agents.get(livrable.territoire_id, []):
            yield RappelDu(
                destinataire=agent,
                objet=livrable,
                echeance=semaine,
                contexte={"livrable": livrable, "jours": (jour - livrable.echeance).days},
            )
