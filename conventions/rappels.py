# SPDX-License-Identifier: EUPL-1.2
"""Weekly signature reminders, registered with the notifications' reminder registry."""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone

from conventions.models import Convention
from conventions.signature import representants_legaux
from notifications.rappels import RappelDu, rappel

DELAI_RELANCE = timedelta(days=7)


@rappel(
    "rappel_signature_convention",
    "Convention envoyée pour signature et non signée : rappel chaque semaine",
    obligatoire=True,
)
def signatures_attendues(maintenant) -> Iterable[RappelDu]:
    """One reminder a week (keyed by the week's Monday) per legal representative."""
    semaine = timezone.localdate(maintenant)
    semaine -= timedelta(days=semaine.weekday())
    for convention in Convention.objects.avec_relations().a_relancer(maintenant, DELAI_RELANCE):
        for representant in representants_legaux(convention.territoire):
            yield RappelDu(
                destinataire=representant,
                objet=convention,
                echeance=semaine,
                contexte={"convention": convention, "territoire": convention.territoire},
            )
