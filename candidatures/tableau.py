# SPDX-License-Identifier: EUPL-1.2
"""The start page's sections of the applications: the agent's files, the staff's checks."""

from urllib.parse import urlencode

from django.urls import reverse

from accounts.roles import est_agent_metropole
from candidatures.models import Candidature
from core.formats import echeance
from core.tableau import NOMBRE_MAXIMAL_DE_LIGNES, Ligne, Rubrique, enregistrer


@enregistrer
def candidatures_a_finir(user) -> Rubrique | None:
    """Drafts and completion requests of the user's territoires, soonest deadline first."""
    a_finir = Candidature.objects.du_territoire_de(user).filter(
        etat__in=[Candidature.Etat.BROUILLON, Candidature.Etat.A_COMPLETER]
    )
    total = a_finir.count()
    if not total:
        return None
    lignes = []
    for c in a_finir.order_by("parcours__date_limite")[:NOMBRE_MAXIMAL_DE_LIGNES]:
        if c.etat == Candidature.Etat.A_COMPLETER:
            detail = "Compléments demandés" + (
                f", à fournir avant {echeance(c.complements_avant)}" if c.complements_avant else ""
            )
        else:
            detail = f"Brouillon, à déposer avant {echeance(c.parcours.date_limite)}"
        lignes.append(
            Ligne(
                f"{c.parcours.titre} — {c.territoire}",
                reverse("candidatures:detail", args=[c.pk]),
                detail,
            )
        )
    return Rubrique(
        titre="Mes candidatures à finaliser",
        lignes=lignes,
        total=total,
        lien_tout=reverse("candidatures:mes_candidatures"),
        libelle_tout="Toutes mes candidatures",
        ordre=20,
    )


@enregistrer
def candidatures_a_instruire(user) -> Rubrique | None:
    """Staff: deposits waiting for the admissibility check."""
    if not est_agent_metropole(user):
        return None
    deposees = Candidature.objects.avec_relations().filter(etat=Candidature.Etat.DEPOSEE)
    total = deposees.count()
    if not total:
        return None
    return Rubrique(
        titre="Candidatures à instruire",
        lignes=[
            Ligne(
                f"{c.parcours.titre} — {c.territoire}",
                reverse("admin:candidatures_candidature_change", args=[c.pk]),
                f"Déposée {echeance(c.deposee_le)}" if c.deposee_le else "Déposée",
            )
            for c in deposees.order_by("deposee_le")[:NOMBRE_MAXIMAL_DE_LIGNES]
        ],
        total=total,
        lien_tout=reverse("admin:candidatures_candidature_changelist")
        + "?"
        + urlencode({"etat__exact": Candidature.Etat.DEPOSEE}),
        libelle_tout="Toutes les candidatures déposées",
        ordre=21,
    )
