# SPDX-License-Identifier: EUPL-1.2
"""Guards of the convention workflow: each returns the French reason it fails, or None.

The same sentences are shown in the admin's disabled buttons and in the front office.
"""

from django.utils import timezone


def pdf_genere(convention) -> str | None:
    """A PDF must exist before sending: the beneficiary signs that document."""
    if convention.document is None:
        return "Générez d'abord le PDF de la convention : c'est lui qui sera signé."
    return None


def pdf_a_jour(convention) -> str | None:
    """The PDF was produced after the last edit of the varying fields."""
    document = convention.document
    if (
        document is not None
        and convention.modifie_le
        and document.genere_le < convention.modifie_le
    ):
        return (
            "La convention a été modifiée depuis la génération du PDF : générez-le à nouveau "
            "avant de l'envoyer."
        )
    return None


def representant_legal_inscrit(convention) -> str | None:
    """Someone must be able to sign: the territoire's legal representative has an account."""
    from conventions.signature import representants_legaux

    if not representants_legaux(convention.territoire).exists():
        return (
            f"Aucun représentant légal de {convention.territoire} n'a de compte validé sur le "
            "portail : il ne pourrait pas déposer la convention signée."
        )
    return None


def experimentation_terminee(convention) -> str | None:
    if convention.date_fin and convention.date_fin > timezone.localdate():
        return "L'expérimentation n'est pas terminée : elle prend fin le " + (
            convention.date_fin.strftime("%d/%m/%Y") + "."
        )
    return None


def peut_signer_pour_beneficiaire(convention, user) -> str | None:
    """Only the beneficiary's legal representative, or Métropole staff, uploads the signed copy."""
    from accounts.roles import est_agent_metropole

    if user is None or not user.is_authenticated:
        return "Connectez-vous pour déposer la convention signée."
    if est_agent_metropole(user):
        return None
    territoire = convention.territoire
    if not user.peut_agir_pour(territoire):
        return f"Vous n'agissez pas pour {territoire} : vous ne pouvez pas signer sa convention."
    if not user.est_representant_legal_de(territoire):
        return (
            f"Seul le représentant légal de {territoire} peut déposer la convention signée. "
            "Votre compte est celui d'un agent : transmettez-lui la convention."
        )
    return None
