# SPDX-License-Identifier: EUPL-1.2
"""The start page's sections of the phase-2 follow-up: deliverables due, deliverables to read."""

from urllib.parse import urlencode

from django.urls import reverse

from accounts.roles import est_agent_metropole
from core.formats import date_longue
from core.tableau import NOMBRE_MAXIMAL_DE_LIGNES, Ligne, Rubrique, enregistrer
from suivi.models import Livrable


@enregistrer
def livrables_a_remettre(user) -> Rubrique | None:
    """Deliverables owed by the user's territoires, the earliest due first."""
    attendus = Livrable.objects.filter(territoire__in=user.territoires_approuves()).attendus()
    total = attendus.count()
    if not total:
        return None
    return Rubrique(
        titre="Livrables à remettre",
        lignes=[
            Ligne(
                f"{livrable.get_nature_display()} — {livrable.parcours.titre} ({livrable.territoire})",
                reverse("suivi:livrable", args=[livrable.pk]),
                f"{livrable.get_etat_display()}, à remettre au plus tard le "
                f"{date_longue(livrable.echeance)}"
                + (" — en retard" if livrable.en_retard else ""),
            )
            for livrable in attendus.avec_relations().order_by("echeance")[
                :NOMBRE_MAXIMAL_DE_LIGNES
            ]
        ],
        total=total,
        lien_tout=reverse("suivi:mes_livrables"),
        libelle_tout="Tous mes livrables",
        ordre=40,
    )


@enregistrer
def livrables_a_relire(user) -> Rubrique | None:
    """Staff: deliverables handed in and waiting for their review."""
    if not est_agent_metropole(user):
        return None
    remis = Livrable.objects.avec_relations().filter(etat=Livrable.Etat.REMIS)
    total = remis.count()
    if not total:
        return None
    return Rubrique(
        titre="Livrables à relire",
        lignes=[
            Ligne(
                f"{livrable.get_nature_display()} — {livrable.parcours.titre} ({livrable.territoire})",
                reverse("admin:suivi_livrable_change", args=[livrable.pk]),
                "Remis, en attente de relecture",
            )
            for livrable in remis.order_by("echeance")[:NOMBRE_MAXIMAL_DE_LIGNES]
        ],
        total=total,
        lien_tout=reverse("admin:suivi_livrable_changelist")
        + "?"
        + urlencode({"etat__exact": Livrable.Etat.REMIS}),
        libelle_tout="Tous les livrables remis",
        ordre=41,
    )
