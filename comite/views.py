# SPDX-License-Identifier: EUPL-1.2
"""Front office: the applicant reads the Bureau's decision and its explained score card."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from audit.journal import enregistrer
from audit.models import Evenement
from comite.bureau import VOIES_DE_RECOURS
from comite.fiche import fiche_de_notation
from comite.models import IssueDecision


@login_required
def decision(request, pk: int):
    """The decision page; its first opening by the applicant is recorded (proof of notice)."""
    issue = get_object_or_404(IssueDecision.objects.visibles_par(request.user), pk=pk)
    if issue.consultee_le is None:
        IssueDecision.objects.filter(pk=issue.pk, consultee_le__isnull=True).update(
            consultee_le=timezone.now()
        )
        issue.refresh_from_db(fields=["consultee_le"])
        enregistrer(
            action=Evenement.Action.TRANSITION,
            acteur=request.user,
            objet=issue,
            transition="decision_consultee",
            commentaire="Première consultation de la décision par le candidat",
        )
    return render(
        request,
        "comite/decision.html",
        {
            "issue": issue,
            "candidature": issue.candidature,
            "fiche": fiche_de_notation(issue.candidature),
            "voies_de_recours": VOIES_DE_RECOURS,
        },
    )
