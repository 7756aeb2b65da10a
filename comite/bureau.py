# SPDX-License-Identifier: EUPL-1.2
"""The Bureau Métropolitain's decision on the committee's proposal (Règlement art. 5.3).

One atomic operation records the deliberation, each application's outcome (a written reason
where the Bureau departs from the proposal), moves the applications and the track (step 3),
and writes the decision notices with the voies et délais de recours (COMPLIANCE 22).
"""

import uuid
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from audit.journal import enregistrer
from audit.models import Evenement
from comite.models import DecisionBureau, IssueDecision
from comite.seances import Refus
from core.workflow import TransitionRefusee, appliquer
from tracks.models import Parcours

ETAT_PROPOSEE = "proposee"
ETAT_NON_PROPOSEE = "non_proposee"

# Said in every decision notice and on the decision page (COMPLIANCE 22).
VOIES_DE_RECOURS = (
    "Voies et délais de recours : la présente décision peut faire l'objet d'un recours "
    "gracieux auprès du Président de la Métropole du Grand Paris ou d'un recours contentieux "
    "devant le tribunal administratif compétent (Tribunal administratif de Paris) dans un "
    "délai de deux mois à compter de sa notification. Le tribunal administratif peut être "
    "saisi par l'application Télérecours citoyens accessible sur le site www.telerecours.fr."
)


@dataclass
class Issue:
    selectionnee: bool
    motif_ecart: str = ""


def candidatures_a_decider(parcours):
    """The applications the committee proposed or did not propose, awaiting the Bureau."""
    return parcours.candidatures.filter(etat__in=[ETAT_PROPOSEE, ETAT_NON_PROPOSEE]).select_related(
        "territoire"
    )


class DeliberationEnAttente:
    """The deliberation uploaded with a refused form, kept in private storage until the
    decision is recorded, so that staff need not choose the file again.

    The session holds where it is (one per track): only its uploader can reuse it.
    """

    def __init__(self, session, parcours_id: int):
        self.session = session
        self.cle = f"deliberation_en_attente_{parcours_id}"

    def nom(self) -> str | None:
        return (self.session.get(self.cle) or {}).get("nom")

    def garder(self, fichier) -> None:
        """Keep ``fichier`` if it is a PDF (checked by content); anything else is dropped."""
        erreur, _ = verifier_document_pdf(fichier)
        if erreur:
            return
        fichier.seek(0)
        self.oublier()
        chemin = default_storage.save(
            f"comite/deliberations/en-attente/{uuid.uuid4().hex}.pdf", fichier
        )
        self.session[self.cle] = {"chemin": chemin, "nom": fichier.name[:200]}

    def fichier(self):
        """The kept file as an upload (None if nothing is kept or it is gone)."""
        garde = self.session.get(self.cle)
        if not garde or not default_storage.exists(garde["chemin"]):
            return None
        with default_storage.open(garde["chemin"], "rb") as f:
            contenu = f.read()
        return SimpleUploadedFile(garde["nom"], contenu, content_type="application/pdf")

    def oublier(self) -> None:
        garde = self.session.pop(self.cle, None)
        if garde:
            default_storage.delete(garde["chemin"])


def parcours_en_attente_de_decision():
    """The tracks with applications the committee proposed or not, awaiting the Bureau."""
    return (
        Parcours.objects.filter(candidatures__etat__in=[ETAT_PROPOSEE, ETAT_NON_PROPOSEE])
        .distinct()
        .order_by("titre")
    )


def verifier_document_pdf(document) -> tuple[str | None, str]:
    """The deliberation must be a PDF, checked by content (``core.uploads``): (error, SHA-256)."""
    from django.core.exceptions import ValidationError

    from core.uploads import PDF, verifier_fichier

    try:
        verifie = verifier_fichier(document, types_acceptes={PDF})
    except ValidationError as erreur:
        return "La délibération doit être un fichier PDF : " + " ".join(erreur.messages), ""
    return None, verifie.sha256


@transaction.atomic
def enregistrer_decision(*, parcours, numero: str, date, document, issues: dict[int, Issue], par):
    """Record the deliberation and its outcome for every proposed or non-proposed application."""
    candidatures = list(candidatures_a_decider(parcours).select_for_update(of=("self",)))
    raisons = []
    if not numero.strip():
        raisons.append("Le numéro de la délibération est obligatoire.")
    if date is None:
        raisons.append("La date de la délibération est obligatoire.")
    if document is None:
        raisons.append("Joignez la délibération (PDF).")
    else:
        erreur, empreinte = verifier_document_pdf(document)
        if erreur:
            raisons.append(erreur)
    for candidature in candidatures:
        issue = issues.get(candidature.pk)
        if issue is None:
            raisons.append(f"{candidature.territoire} : indiquez l'issue décidée par le Bureau.")
        elif (
            issue.selectionnee != (candidature.etat == ETAT_PROPOSEE)
            and not issue.motif_ecart.strip()
        ):
            raisons.append(
                f"{candidature.territoire} : la décision s'écarte de la proposition du comité ; "
                "le motif est obligatoire."
            )
    if not candidatures:
        raisons.append("Aucune candidature n'attend la décision du Bureau sur ce parcours.")
    if raisons:
        raise Refus(raisons)
    decision = DecisionBureau.objects.create(
        parcours=parcours,
        numero=numero.strip(),
        date=date,
        document=document,
        document_sha256=empreinte,
        enregistree_par=par,
    )
    enregistrer(
        action=Evenement.Action.TRANSITION,
        acteur=par,
        objet=decision,
        transition="decision_bureau",
        commentaire=f"Délibération n° {decision.numero} enregistrée",
        donnees={"sha256": empreinte},
    )
    for candidature in candidatures:
        issue = issues[candidature.pk]
        conforme = issue.selectionnee == (candidature.etat == ETAT_PROPOSEE)
        resultat = IssueDecision.objects.create(
            decision=decision,
            candidature=candidature,
            selectionnee=issue.selectionnee,
            conforme_a_la_proposition=conforme,
            motif_ecart="" if conforme else issue.motif_ecart.strip(),
        )
        nom = "selectionner" if issue.selectionnee else "ne_pas_selectionner"
        try:
            appliquer(
                candidature,
                nom,
                par=par,
                commentaire=f"{decision}"
                + ("" if conforme else f" — écart : {resultat.motif_ecart}"),
            )
        except TransitionRefusee as refus:
            raise Refus([f"{candidature.territoire} : {r}" for r in refus.raisons]) from refus
        notifier_decision(resultat)
    if any(i.selectionnee for i in issues.values()):
        try:
            appliquer(parcours, "selectionner_laureats", par=par, commentaire=str(decision))
        except TransitionRefusee as refus:
            raise Refus(refus.raisons) from refus
    return decision


def destinataires(candidature) -> list:
    """Who receives the notice: the agent who submitted and the territoire's legal representatives."""
    from accounts.models import Adhesion

    personnes = {}
    if getattr(candidature, "deposee_par", None) is not None:
        personnes[candidature.deposee_par.pk] = candidature.deposee_par
    for adhesion in (
        Adhesion.objects.approuvees()
        .filter(territoire=candidature.territoire, role=Adhesion.Role.REPRESENTANT_LEGAL)
        .select_related("utilisateur")
    ):
        personnes[adhesion.utilisateur.pk] = adhesion.utilisateur
    return list(personnes.values())


def notifier_decision(issue: IssueDecision) -> None:
    from notifications.outbox import notifier

    gabarit = "decision_selection" if issue.selectionnee else "decision_non_selection"
    for personne in destinataires(issue.candidature):
        notifier(
            destinataire=personne,
            gabarit=gabarit,
            objet=issue,
            contexte={
                "issue": issue,
                "candidature": issue.candidature,
                "decision": issue.decision,
                "voies_de_recours": VOIES_DE_RECOURS,
            },
            cle=f"{gabarit}|{issue.pk}|{personne.pk}",
        )
