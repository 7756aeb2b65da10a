# SPDX-License-Identifier: EUPL-1.2
"""The start page's section of the accounts: membership requests to decide."""

from django.urls import reverse

from accounts.models import Adhesion
from core.tableau import NOMBRE_MAXIMAL_DE_LIGNES, Ligne, Rubrique, enregistrer


@enregistrer
def adhesions_a_valider(user) -> Rubrique | None:
    """Shown only to those who may decide (staff, a territoire's legal representative)."""
    demandes = Adhesion.objects.a_valider_par(user).select_related("utilisateur", "territoire")
    total = demandes.count()
    if not total:
        return None
    url = reverse("accounts:adhesions_a_valider")
    return Rubrique(
        titre="Adhésions à valider",
        lignes=[
            Ligne(f"{a.utilisateur} — {a.territoire}", url, a.get_role_display())
            for a in demandes.order_by("demandee_le")[:NOMBRE_MAXIMAL_DE_LIGNES]
        ],
        total=total,
        lien_tout=url,
        libelle_tout="Toutes les demandes d'adhésion",
        ordre=10,
    )
