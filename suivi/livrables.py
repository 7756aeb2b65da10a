# SPDX-License-Identifier: EUPL-1.2
"""Who owes which deliverable, and by when (Règlement art. 7 and 8).

Due dates follow the end of the experimentation fixed by each beneficiary's convention
(falling back on the track's end date while the convention has none), plus an offset in
months per kind of deliverable:

====================  =======  ==============================================
deliverable           offset   why
====================  =======  ==============================================
données partagées     0        the data exist at the end of the experimentation
retour d'expérience   1 month  time to gather the agents' feedback
évaluation            2 months the indicators need a few weeks of hindsight
====================  =======  ==============================================

The programme team may change the offsets in the settings with
``SUIVI_DELAIS_LIVRABLES_MOIS = {"donnees_partagees": 0, "retour_experience": 1, "evaluation": 2}``;
:func:`preparer_livrables` then moves the due dates of the deliverables still owed.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction

from suivi.models import IndicateurEvaluation, Livrable, ValeurIndicateur
from tracks.gardes import ajouter_mois

DELAIS_MOIS_PAR_DEFAUT = {
    Livrable.Nature.DONNEES: 0,
    Livrable.Nature.RETOUR: 1,
    Livrable.Nature.EVALUATION: 2,
}
ETAT_CANDIDATURE_SELECTIONNEE = "selectionnee"
# Names the conventions app may give the experimentation's end date (first found wins).
CHAMPS_FIN_CONVENTION = ("experimentation_fin", "fin_experimentation", "date_fin")


def delais_mois() -> dict[str, int]:
    return {**DELAIS_MOIS_PAR_DEFAUT, **getattr(settings, "SUIVI_DELAIS_LIVRABLES_MOIS", {})}


def candidatures_selectionnees(parcours):
    """The track's selected applications, with their territoire (and convention when any)."""
    from suivi.participation import modele_candidature

    Candidature = modele_candidature()
    if Candidature is None:
        return []
    candidatures = Candidature.objects.filter(
        parcours=parcours, etat=ETAT_CANDIDATURE_SELECTIONNEE
    ).select_related("territoire")
    if any(f.name == "convention" for f in Candidature._meta.get_fields()):
        candidatures = candidatures.select_related("convention")
    return list(candidatures.order_by("territoire__nom_tri"))


def fin_experimentation(parcours, candidature=None) -> dt.date | None:
    """The end of the experimentation for one beneficiary: its convention's, else the track's."""
    convention = getattr(candidature, "convention", None) if candidature is not None else None
    for champ in CHAMPS_FIN_CONVENTION:
        fin = getattr(convention, champ, None) if convention is not None else None
        if fin:
            return fin.date() if isinstance(fin, dt.datetime) else fin
    return parcours.experimentation_fin


def perimetre_convenu(candidature) -> str:
    """The data perimeter written in the convention (art. 7), to prefill the data deliverable."""
    convention = getattr(candidature, "convention", None)
    return getattr(convention, "perimetre_donnees", "") or ""


def echeance(nature: str, fin: dt.date) -> dt.date:
    return ajouter_mois(fin, delais_mois()[nature])


@transaction.atomic
def preparer_livrables(parcours) -> int:
    """Create the three deliverables of each beneficiary, or move the due dates still owed.

    Idempotent; also adds a value row for each evaluation indicator. Returns how many
    deliverables were created.
    """
    crees = 0
    indicateurs = list(IndicateurEvaluation.objects.filter(parcours=parcours))
    for candidature in candidatures_selectionnees(parcours):
        fin = fin_experimentation(parcours, candidature)
        if fin is None:
            continue
        for nature in Livrable.Nature.values:
            livrable, cree = Livrable.objects.get_or_create(
                parcours=parcours,
                territoire=candidature.territoire,
                nature=nature,
                defaults={
                    "echeance": echeance(nature, fin),
                    "perimetre": perimetre_convenu(candidature)
                    if nature == Livrable.Nature.DONNEES
                    else "",
                },
            )
            crees += cree
            if not cree and livrable.modifiable and livrable.echeance != echeance(nature, fin):
                Livrable.objects.filter(pk=livrable.pk).update(echeance=echeance(nature, fin))
            if nature == Livrable.Nature.EVALUATION:
                for indicateur in indicateurs:
                    ValeurIndicateur.objects.get_or_create(livrable=livrable, indicateur=indicateur)
    return crees
