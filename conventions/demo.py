# SPDX-License-Identifier: EUPL-1.2
"""Demo conventions: in force for the track in experimentation, and one awaiting the
signature of Vincennes' legal representative.

Every step goes through the workflow (generation, staff upload of the signed copy,
countersignature), except sending for signature to a territoire whose legal representative
has no demo account: that state is set by a direct update, marked ``# DÉMO``. Idempotent and
deterministic: a candidature that already has a convention is left as it is.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from conventions import gardes, signature
from conventions.documents import creer_convention, generer_pdf
from conventions.models import Convention
from core.workflow import appliquer
from tracks.models import Parcours

ETATS_EN_COURS = [Parcours.Etat.EXPERIMENTATION, Parcours.Etat.BILAN, Parcours.Etat.CLOS]
ETATS_AVANT_PHASE_2 = [
    Parcours.Etat.LAUREATS,
    Parcours.Etat.LANCEMENT,
    Parcours.Etat.PHASE1,
    Parcours.Etat.CAS_USAGE,
    Parcours.Etat.PRESTATAIRE,
]
PERIMETRE_REEMPLOI = (
    "Les inventaires de matériaux produits pendant l'expérimentation (nature, quantité, état, "
    "localisation par bâtiment public), le taux de reconnaissance correcte mesuré par les "
    "agents, le temps passé par inventaire avant et après, et le retour d'expérience final."
)


def _selectionnees(etats):
    from candidatures.models import Candidature

    return (
        Candidature.objects.filter(etat=Candidature.Etat.SELECTIONNEE, parcours__etat__in=etats)
        .filter(convention__isnull=True)
        .select_related("territoire", "parcours")
        .order_by("parcours__slug", "territoire__code")
    )


def _scan(convention: Convention) -> SimpleUploadedFile:
    """The demo's 'signed scan': the generated PDF itself."""
    with convention.document.fichier.open("rb") as fichier:
        return SimpleUploadedFile("scan.pdf", fichier.read(), content_type="application/pdf")


def _preparer(candidature, staff) -> Convention:
    convention = creer_convention(candidature=candidature)
    if candidature.parcours.slug == "reemploi-des-materiaux":
        convention.perimetre_donnees = PERIMETRE_REEMPLOI
    convention.deliberation_mgp = (
        "la délibération du Bureau métropolitain n° BM2026/03/12/04 du 12 mars 2026"
    )
    convention.deliberation_beneficiaire = (
        f"la délibération du conseil de {candidature.territoire.nom} n° 2026-041 du 7 avril 2026"
    )
    convention.save()
    generer_pdf(convention, par=staff)
    return convention


def _envoyer(convention: Convention, staff) -> Convention:
    if signature.representants_legaux(convention.territoire).exists():
        return appliquer(convention, "envoyer", par=staff, etat_attendu="brouillon")
    # DÉMO: no demo account for this territoire's legal representative.
    Convention.objects.filter(pk=convention.pk).update(
        etat=Convention.Etat.ENVOYEE, envoyee_le=convention.modifie_le
    )
    return Convention.objects.get(pk=convention.pk)


def _avant_l_experimentation(convention: Convention, parcours: Parcours) -> None:
    """DÉMO: a convention in force was signed before its experimentation began, so no
    "convention à signer" notice is left to send: it would contradict the convention's state.

    The workflow dated and notified each step today; the story dates them back, a month
    before the start of the experimentation, and drops the now pointless notices.
    """
    from notifications.models import Message

    debut = parcours.experimentation_debut
    if debut is None:
        return
    envoi = dt.datetime.combine(
        debut - dt.timedelta(days=35), dt.time(10), tzinfo=timezone.get_current_timezone()
    )
    Convention.objects.filter(pk=convention.pk).update(
        envoyee_le=envoi,
        signee_beneficiaire_le=envoi + dt.timedelta(days=6),
        contresignee_le=envoi + dt.timedelta(days=9),
    )
    Message.objects.filter(
        gabarit="convention_a_signer",
        content_type=ContentType.objects.get_for_model(Convention),
        object_id=str(convention.pk),
    ).delete()


def creer(*, comptes: dict, maintenant: dt.datetime) -> str:
    """Conventions in force for the tracks in phase 2 (executed for finished tracks), and one
    sent to Vincennes for signature when Vincennes is selected on a track before phase 2."""
    staff = comptes["agent_metropole"]
    en_vigueur = executees = 0
    with transaction.atomic():
        for candidature in _selectionnees(ETATS_EN_COURS):
            convention = _envoyer(_preparer(candidature, staff), staff)
            convention = signature.deposer_copie_signee(
                convention=convention, fichier=_scan(convention), par=staff
            )
            convention = signature.contresigner(convention=convention, par=staff)
            _avant_l_experimentation(convention, candidature.parcours)
            if candidature.parcours.etat in (Parcours.Etat.BILAN, Parcours.Etat.CLOS) and (
                gardes.experimentation_terminee(convention) is None
            ):
                appliquer(convention, "completer", par=staff)
                executees += 1
            else:
                en_vigueur += 1
        a_signer = _selectionnees(ETATS_AVANT_PHASE_2).filter(territoire__code="94080").first()
        envoyee = ""
        if a_signer is not None:
            _envoyer(_preparer(a_signer, staff), staff)
            envoyee = f", 1 envoyée pour signature à Vincennes ({a_signer.parcours.titre})"
    return (
        f"{en_vigueur} convention(s) en vigueur, {executees} exécutée(s)"
        f"{envoyee or ', aucune à envoyer à Vincennes (pas de parcours lauréat avant la phase 2)'}"
    )


def a_essayer() -> dict[str, str]:
    """One thing to try for the legal representative, read from the demo data."""
    convention = (
        Convention.objects.filter(
            etat=Convention.Etat.ENVOYEE, candidature__territoire__code="94080"
        )
        .select_related("candidature__parcours")
        .first()
    )
    if convention is None:
        return {}
    return {
        "representant_vincennes": (
            f"Conventions (/conventions/{convention.pk}/) : signez la convention du parcours "
            f"« {convention.candidature.parcours.titre} » en déposant sa copie signée (PDF)."
        )
    }
