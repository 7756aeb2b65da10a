# SPDX-License-Identifier: EUPL-1.2
"""Editing an application before submission: start, save answers, attach and remove files.

Several agents of a territoire edit the same draft. Saving is optimistic: the form carries
the ``version`` the agent loaded; the update only applies if it is still the current one,
otherwise :class:`ConflitVersion` gives back the other agent's saved text so the page can show
both, and nothing typed is lost.
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from audit.journal import enregistrer
from audit.models import Evenement
from candidatures.models import Candidature, PieceJointe
from core import uploads
from core.workflow import TransitionRefusee


class ConflitVersion(Exception):
    """Someone saved the draft since it was loaded; ``actuelle`` is what they saved."""

    def __init__(self, actuelle: Candidature):
        self.actuelle = actuelle
        super().__init__("conflit de version")


def demarrer(*, parcours, territoire, par) -> tuple[Candidature, bool]:
    """Create the territoire's draft for this track, or give back the existing application."""
    if not par.peut_agir_pour(territoire):
        raise TransitionRefusee(
            ["Vous devez être agent de ce territoire, avec un rattachement validé."]
        )
    existante = Candidature.objects.filter(parcours=parcours, territoire=territoire).first()
    if existante is not None:
        return existante, False
    if not parcours.candidatures_ouvertes():
        raise TransitionRefusee(["Les candidatures ne sont pas ouvertes pour ce parcours."])
    try:
        with transaction.atomic():
            candidature = Candidature.objects.create(
                parcours=parcours,
                territoire=territoire,
                creee_par=par,
                modifiee_par=par,
                contact_nom=par.nom_complet,
                contact_fonction=par.fonction,
                contact_email=par.email,
                contact_telephone=par.telephone,
            )
    except IntegrityError:  # a colleague started it at the same moment
        return Candidature.objects.get(parcours=parcours, territoire=territoire), False
    enregistrer(
        action=Evenement.Action.MODIFICATION,
        acteur=par,
        objet=candidature,
        commentaire="Brouillon de candidature créé",
    )
    return candidature, True


def _refuser_si_fige(candidature: Candidature) -> None:
    if not candidature.est_modifiable:
        raise TransitionRefusee(
            [
                "Cette candidature ne peut plus être modifiée "
                f"(état : {candidature.get_etat_display()}"
                + (
                    ", date limite dépassée"
                    if candidature.etat == Candidature.Etat.BROUILLON
                    else ""
                )
                + ")."
            ]
        )


@transaction.atomic
def enregistrer_reponses(
    *, candidature: Candidature, donnees: dict, version_vue: int, par
) -> Candidature:
    """Save the answers if nobody saved since ``version_vue``; else raise :class:`ConflitVersion`."""
    verrouillee = (
        Candidature.objects.select_for_update(of=("self",)).avec_relations().get(pk=candidature.pk)
    )
    _refuser_si_fige(verrouillee)
    if verrouillee.version != version_vue:
        raise ConflitVersion(verrouillee)
    maintenant = timezone.now()
    Candidature.objects.filter(pk=candidature.pk).update(
        **donnees,
        version=models.F("version") + 1,
        modifiee_par=par,
        modifiee_le=maintenant,
    )
    return Candidature.objects.avec_relations().get(pk=candidature.pk)


@transaction.atomic
def ajouter_piece(
    *, candidature: Candidature, fichier, verifie: uploads.FichierVerifie, nature: str, par
) -> PieceJointe:
    """Store a checked file; the signed engagement form replaces the previous one."""
    verrouillee = (
        Candidature.objects.select_for_update(of=("self",)).avec_relations().get(pk=candidature.pk)
    )
    _refuser_si_fige(verrouillee)
    autres = verrouillee.pieces.all()
    if nature == PieceJointe.Nature.ENGAGEMENT:
        autres = autres.exclude(nature=PieceJointe.Nature.ENGAGEMENT)
    total = sum(autres.values_list("taille", flat=True)) + verifie.taille
    if total > settings.UPLOAD_MAX_DOSSIER:
        raise TransitionRefusee(
            [
                f"Le dossier dépasserait {uploads.mo(settings.UPLOAD_MAX_DOSSIER)} au total : "
                "retirez une annexe ou réduisez la taille du fichier."
            ]
        )
    if nature == PieceJointe.Nature.ENGAGEMENT:
        for ancienne in verrouillee.pieces.filter(nature=PieceJointe.Nature.ENGAGEMENT):
            _supprimer(ancienne)
    piece = PieceJointe(
        candidature=verrouillee,
        nature=nature,
        nom=uploads.nom_sain(fichier.name, extension=verifie.extension),
        taille=verifie.taille,
        sha256=verifie.sha256,
        type_contenu=verifie.type_contenu,
        ajoutee_par=par,
    )
    fichier.seek(0)
    piece.fichier.save(piece.nom, fichier, save=False)
    piece.save()
    Candidature.objects.filter(pk=candidature.pk).update(
        modifiee_par=par, modifiee_le=timezone.now()
    )
    enregistrer(
        action=Evenement.Action.MODIFICATION,
        acteur=par,
        objet=verrouillee,
        commentaire=f"Pièce jointe ajoutée : {piece.nom}",
        donnees={"sha256": piece.sha256, "nature": nature},
    )
    return piece


def _supprimer(piece: PieceJointe) -> None:
    nom_stockage = piece.fichier.name
    piece.delete()
    transaction.on_commit(lambda: piece.fichier.storage.delete(nom_stockage))


@transaction.atomic
def supprimer_piece(*, piece: PieceJointe, par) -> None:
    verrouillee = (
        Candidature.objects.select_for_update(of=("self",))
        .avec_relations()
        .get(pk=piece.candidature_id)
    )
    _refuser_si_fige(verrouillee)
    _supprimer(piece)
    Candidature.objects.filter(pk=verrouillee.pk).update(
        modifiee_par=par, modifiee_le=timezone.now()
    )
    enregistrer(
        action=Evenement.Action.MODIFICATION,
        acteur=par,
        objet=verrouillee,
        commentaire=f"Pièce jointe retirée : {piece.nom}",
    )
