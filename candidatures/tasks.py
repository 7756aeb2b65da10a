# SPDX-License-Identifier: EUPL-1.2
"""Background work of the applications: thin wrappers taking ids."""

from celery import shared_task


@shared_task
def generer_accuse(candidature_id: int) -> None:
    """Render and store the receipt PDF of a submitted application (once)."""
    from candidatures.accuses import generer_et_stocker
    from candidatures.models import Candidature

    candidature = Candidature.objects.avec_relations().get(pk=candidature_id)
    if candidature.numero and not candidature.accuse_pdf:
        generer_et_stocker(candidature)
