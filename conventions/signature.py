# SPDX-License-Identifier: EUPL-1.2
"""The signature steps that need more than a state change: who signs, what is uploaded.

Each function checks the person and the order first, with a French sentence saying what to
do, then runs the transition through :func:`core.workflow.appliquer` (lock, guards, journal).
"""

from django.core.exceptions import ValidationError

from conventions import gardes
from conventions.models import Convention
from core import uploads
from core.workflow import TransitionRefusee, appliquer


def representants_legaux(territoire):
    """Active users with an approved legal-representative membership of ``territoire``."""
    from accounts.models import Adhesion, User

    return User.objects.filter(
        is_active=True,
        adhesions__territoire=territoire,
        adhesions__statut=Adhesion.Statut.APPROUVEE,
        adhesions__role=Adhesion.Role.REPRESENTANT_LEGAL,
    ).distinct()


def prevenir_representants(convention: Convention) -> None:
    """Notify each legal representative that the convention awaits their signature."""
    from notifications.outbox import notifier

    for representant in representants_legaux(convention.territoire):
        notifier(
            destinataire=representant,
            gabarit="convention_a_signer",
            objet=convention,
            contexte={"convention": convention, "territoire": convention.territoire},
            cle=f"convention_a_signer|{convention.pk}|{representant.pk}|{convention.envoyee_le:%Y%m%d%H%M%S}",
        )


def lire_pdf(fichier) -> bytes:
    """The uploaded file's bytes if it really is a PDF (by content), else a French refusal."""
    if fichier is None:
        raise ValidationError("Joignez la convention signée, au format PDF.")
    try:
        uploads.verifier_fichier(fichier, types_acceptes={uploads.PDF})
    except ValidationError as erreur:
        if erreur.code == "type_refuse":
            raise ValidationError(
                "Ce fichier n'est pas un PDF : son contenu a été vérifié, pas seulement son "
                "nom. Numérisez la convention signée au format PDF.",
                code="type_refuse",
            ) from erreur
        raise
    fichier.seek(0)
    return b"".join(fichier.chunks()) if hasattr(fichier, "chunks") else fichier.read()


def deposer_copie_signee(
    *, convention: Convention, fichier, par, etat_attendu: str | None = None
) -> Convention:
    """The beneficiary's legal representative (or staff) uploads the signed convention."""
    raison = gardes.peut_signer_pour_beneficiaire(convention, par)
    if raison:
        raise TransitionRefusee([raison])
    if convention.etat == Convention.Etat.BROUILLON:
        raise TransitionRefusee(
            ["La convention n'a pas encore été envoyée pour signature par la Métropole."]
        )
    if convention.etat != Convention.Etat.ENVOYEE:
        raise TransitionRefusee(
            [
                "La copie signée a déjà été déposée : la convention est à l'étape "
                f"« {convention.get_etat_display()} »."
            ]
        )
    try:
        contenu = lire_pdf(fichier)
    except ValidationError as erreur:
        raise TransitionRefusee(erreur.messages) from erreur
    return appliquer(
        convention,
        "signer_beneficiaire",
        par=par,
        etat_attendu=etat_attendu,
        fichier=contenu,
    )


def contresigner(
    *, convention: Convention, par, etat_attendu: str | None = None, fichier=None
) -> Convention:
    """The Métropole countersigns: only after the beneficiary's signed copy is uploaded.

    ``fichier``: the countersigned copy (PDF, checked by content), kept on the convention."""
    if convention.etat in (Convention.Etat.BROUILLON, Convention.Etat.ENVOYEE):
        raise TransitionRefusee(
            [
                "La Métropole ne peut contresigner qu'après la signature du bénéficiaire : "
                "la copie signée par son représentant légal n'a pas encore été déposée."
            ]
        )
    contenu = None
    if fichier is not None:
        try:
            contenu = lire_pdf(fichier)
        except ValidationError as erreur:
            raise TransitionRefusee(erreur.messages) from erreur
    return appliquer(
        convention, "contresigner", par=par, etat_attendu=etat_attendu, fichier=contenu
    )
