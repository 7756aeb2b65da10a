# SPDX-License-Identifier: EUPL-1.2
"""The start page's sections of the conventions: to sign, to send, to countersign."""

from urllib.parse import urlencode

from django.urls import reverse

from accounts.roles import est_agent_metropole
from conventions.models import Convention
from core.tableau import NOMBRE_MAXIMAL_DE_LIGNES, Ligne, Rubrique, enregistrer


@enregistrer
def conventions_a_signer(user) -> Rubrique | None:
    """Conventions sent to the user's territoires and not signed yet."""
    a_signer = Convention.objects.visibles_par(user).filter(etat=Convention.Etat.ENVOYEE)
    total = a_signer.count()
    if not total:
        return None
    return Rubrique(
        titre="Conventions à signer",
        lignes=[
            Ligne(
                f"{c.candidature.parcours.titre} — {c.candidature.territoire}",
                reverse("conventions:detail", args=[c.pk]),
                "À signer par le représentant légal, puis à déposer signée",
            )
            for c in a_signer.order_by("envoyee_le")[:NOMBRE_MAXIMAL_DE_LIGNES]
        ],
        total=total,
        lien_tout=reverse("conventions:mes_conventions"),
        libelle_tout="Toutes mes conventions",
        ordre=30,
    )


def _rubrique_metropole(titre: str, etat: str, detail: str, ordre: int) -> Rubrique | None:
    conventions = Convention.objects.avec_relations().filter(etat=etat)
    total = conventions.count()
    if not total:
        return None
    return Rubrique(
        titre=titre,
        lignes=[
            Ligne(
                f"{c.candidature.parcours.titre} — {c.candidature.territoire}",
                reverse("admin:conventions_convention_change", args=[c.pk]),
                detail,
            )
            for c in conventions.order_by("modifie_le")[:NOMBRE_MAXIMAL_DE_LIGNES]
        ],
        total=total,
        lien_tout=reverse("admin:conventions_convention_changelist")
        + "?"
        + urlencode({"etat__exact": etat}),
        libelle_tout="Toutes ces conventions",
        ordre=ordre,
    )


@enregistrer
def conventions_a_traiter(user) -> list[Rubrique] | None:
    """Staff: drafts to send for signature, signed copies to countersign."""
    if not est_agent_metropole(user):
        return None
    rubriques = [
        _rubrique_metropole(
            "Conventions à envoyer pour signature",
            Convention.Etat.BROUILLON,
            "Brouillon à vérifier puis envoyer",
            31,
        ),
        _rubrique_metropole(
            "Conventions à contresigner",
            Convention.Etat.SIGNEE_BENEFICIAIRE,
            "Signée par le bénéficiaire",
            32,
        ),
    ]
    return [r for r in rubriques if r]
