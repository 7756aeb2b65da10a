# SPDX-License-Identifier: EUPL-1.2
"""The Bureau Métropolitain's decision on the committee's proposal (Règlement art. 5.3).

One atomic operation records the deliberation, each application's outcome (a written reason
where the Bureau departs from the proposal), moves the applications and the track (step 3),
and writes the decision notices with the voies et délais de recours (COMPLIANCE 22).
"""

from dataclasses import dataclass

from django.db import transaction

from audit.journal import enregistrer
from audit.models import Evenement
from comite.models import DecisionBureau, IssueDecision
from comite.seances import Refus
from core.workflow import TransitionRefusee, appliquer

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
