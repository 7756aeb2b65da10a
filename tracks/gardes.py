# SPDX-License-Identifier: EUPL-1.2
"""The guards of the track workflow (Règlement art. 2), one small named function per rule.

Each returns the French sentence that says what is missing, or ``None`` when the rule holds;
:func:`core.workflow.condition` plugs them into the ``@transition`` methods of
:class:`tracks.models.Parcours`, and the admin shows the same sentences beside the buttons.

Some rules read data owned by apps built in parallel (candidatures, comite, conventions,
suivi). They go through the reverse relations those apps declare (``candidatures``,
``decisions_bureau``, ``convention``) and say plainly when the app is not there yet.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import Adhesion
from tracks.criteres import Critere

# Phase 1 (art. 2, step 5): workshops totalling 1.5 to 2 days. Durations are stored in
# hours; a workshop day counts 7 hours (the 35-hour week of the public service).
HEURES_PAR_JOUR = Decimal("7")
PHASE1_MIN_HEURES = Decimal("1.5") * HEURES_PAR_JOUR  # 10.5 h
PHASE1_MAX_HEURES = Decimal("2") * HEURES_PAR_JOUR  # 14 h

# Phase 2 (art. 2, step 8): the experimentation lasts 1 to 12 months.
EXPERIMENTATION_MIN_MOIS = 1
EXPERIMENTATION_MAX_MOIS = 12

# States of a candidature (candidatures app) that can no longer lead to a selection, so that
# the track may end without follow-up: never submitted, not admissible, withdrawn, or turned
# down by the committee or the Bureau.
ETATS_CANDIDATURE_ECARTEE = (
    "brouillon",
    "non_admissible",
    "retiree",
    "non_proposee",
    "non_selectionnee",
)
ETAT_CANDIDATURE_SELECTIONNEE = "selectionnee"
ETATS_CONVENTION_EN_VIGUEUR = ("en_vigueur", "completee")

# Documents an applicant needs before a track can open (art. 4).
DOCUMENTS_CANDIDATURE = ("formulaire_candidature", "formulaire_engagement", "reglement")


def ajouter_mois(jour: dt.date, mois: int) -> dt.date:
    """``jour`` plus ``mois`` calendar months, clamped to the month's last day (31/01 + 1 = 28/02)."""
    annee, rang = divmod(jour.month - 1 + mois, 12)
    annee += jour.year
    mois_suivant = dt.date(annee + (rang + 1) // 12, (rang + 1) % 12 + 1, 1)
    dernier = (mois_suivant - dt.timedelta(days=1)).day
    return dt.date(annee, rang + 1, min(jour.day, dernier))


# Step 1: publication ----------------------------------------------------------------------


def a_un_titre_et_un_theme(parcours) -> str | None:
    """Title and theme text are filled in."""
    if not parcours.titre.strip() or not parcours.theme.strip():
        return "Le titre et la présentation de la thématique doivent être renseignés."
    return None


def date_limite_future(parcours) -> str | None:
    """The deadline is set and still ahead (compared to the second, time zone aware)."""
    if parcours.date_limite is None:
        return "La date limite de candidature n'est pas fixée."
    if parcours.date_limite <= timezone.now():
        return "La date limite de candidature est déjà passée : fixez une date future."
    return None


def documents_candidature_joints(parcours) -> str | None:
    """The application form, the engagement form and the rules are attached."""
    presents = {document.nature for document in parcours.documents.all()}
    manquants = [
        parcours.documents.model.Nature(nature).label
        for nature in DOCUMENTS_CANDIDATURE
        if nature not in presents
    ]
    if manquants:
        return "Documents à joindre avant publication : " + ", ".join(manquants) + "."
    return None


def grille_complete(parcours) -> str | None:
    """The six criteria of art. 5.2 have a weight, and the scale is consistent."""
    criteres = {ponderation.critere for ponderation in parcours.ponderations.all()}
    if criteres != set(Critere.values):
        return (
            "La grille de notation doit pondérer les six critères de l'article 5.2 "
            f"({len(criteres)} sur 6 renseignés)."
        )
    if parcours.echelle_max <= parcours.echelle_min:
        return "L'échelle de notation est incohérente : la note maximale doit dépasser la minimale."
    return None


def aucune_candidature(parcours) -> str | None:
    """Unpublishing is possible only while nobody has started an application."""
    if hasattr(parcours, "candidatures") and parcours.candidatures.exists():
        return "Des candidatures existent déjà pour ce parcours : il ne peut plus être dépublié."
    return None


# Step 2: applications closed ---------------------------------------------------------------


def date_limite_passee(parcours) -> str | None:
    if parcours.date_limite is None or parcours.date_limite > timezone.now():
        return "La date limite de candidature n'est pas encore passée."
    return None


# Step 3: selection by the Bureau ------------------------------------------------------------


def decision_bureau_enregistree(parcours) -> str | None:
    """The Bureau Métropolitain's decision (deliberation) is recorded (comite app)."""
    if not hasattr(parcours, "decisions_bureau"):
        return "La décision du Bureau métropolitain ne peut pas encore être enregistrée."
    if not parcours.decisions_bureau.exists():
        return "La décision du Bureau métropolitain (numéro et date de délibération) n'est pas enregistrée."
    return None


def au_moins_un_laureat(parcours) -> str | None:
    if not hasattr(parcours, "candidatures") or not (
        parcours.candidatures.filter(etat=ETAT_CANDIDATURE_SELECTIONNEE).exists()
    ):
        return "Aucune candidature n'est sélectionnée."
    return None


# Step 4: kickoff ----------------------------------------------------------------------------


def lancement_tenu(parcours) -> str | None:
    """The kickoff meeting has a date (already reached) and its attendance is recorded."""
    reunion = getattr(parcours, "reunion_lancement", None)
    if reunion is None or reunion.date is None:
        return "La date de la réunion de lancement n'est pas renseignée."
    if reunion.date > timezone.now():
        return "La réunion de lancement n'a pas encore eu lieu."
    if not reunion.presences.exists():
        return "Les présences à la réunion de lancement ne sont pas renseignées."
    return None


# Step 5: phase 1 ----------------------------------------------------------------------------


def ateliers_programmes(parcours) -> str | None:
    """Workshops are scheduled and total 1.5 to 2 days (10.5 to 14 hours)."""
    total = sum((atelier.duree_heures for atelier in parcours.ateliers.all()), Decimal("0"))
    if total == 0:
        return "Aucun atelier de la phase 1 n'est programmé."
    jours = (total / HEURES_PAR_JOUR).quantize(Decimal("0.01"))
    if total < PHASE1_MIN_HEURES or total > PHASE1_MAX_HEURES:
        return (
            f"Les ateliers de la phase 1 totalisent {_nombre(total)} h, soit {_nombre(jours)} "
            "jour(s) : il faut entre 1,5 et 2 jours (10,5 à 14 heures)."
        )
    return None


def _nombre(valeur: Decimal) -> str:
    return f"{valeur.normalize():f}".replace(".", ",")


# Step 6: use case ---------------------------------------------------------------------------


def cas_usage_propose(parcours) -> str | None:
    if not parcours.cas_usage.exists():
        return "Aucun cas d'usage n'a été proposé."
    return None


def avis_expert_rendu(parcours) -> str | None:
    if not parcours.avis_experts.exists():
        return "L'avis écrit du comité d'experts sur les cas d'usage n'est pas enregistré."
    return None


def cas_usage_retenu(parcours) -> str | None:
    if not parcours.cas_usage.filter(retenu=True).exists():
        return "Aucun cas d'usage n'est marqué comme retenu."
    return None


# Step 7: procurement ------------------------------------------------------------------------


def marche_attribue(parcours) -> str | None:
    """A current (not unsuccessful) procurement with its reference and ≥ 1 provider."""
    marche = parcours.marche_en_cours()
    if marche is None or not marche.reference.strip():
        return "La référence du marché public n'est pas renseignée."
    if not marche.prestataires.exists():
        return "Aucun prestataire n'est enregistré pour le marché en cours."
    return None


def marche_en_cours(parcours) -> str | None:
    if parcours.marche_en_cours() is None:
        return "Aucun marché en cours n'est enregistré : il n'y a rien à déclarer infructueux."
    return None


# Step 8: experimentation --------------------------------------------------------------------


def dates_experimentation_valides(parcours) -> str | None:
    """Start and end dates set, 1 to 12 months apart (art. 2)."""
    debut, fin = parcours.experimentation_debut, parcours.experimentation_fin
    if debut is None or fin is None:
        return "Les dates de début et de fin de l'expérimentation ne sont pas renseignées."
    if fin < ajouter_mois(debut, EXPERIMENTATION_MIN_MOIS):
        return "L'expérimentation doit durer au moins 1 mois."
    if fin > ajouter_mois(debut, EXPERIMENTATION_MAX_MOIS):
        return "L'expérimentation ne peut pas durer plus de 12 mois."
    return None


def beneficiaires_sans_representant_legal(parcours) -> list[str]:
    """The selected beneficiaries whose legal representative has no validated account: their
    convention could not be sent for signature, so staff are told from the Bureau's decision."""
    if not hasattr(parcours, "candidatures"):
        return []
    representes = Adhesion.objects.filter(
        statut=Adhesion.Statut.APPROUVEE,
        role=Adhesion.Role.REPRESENTANT_LEGAL,
        utilisateur__is_active=True,
    ).values("territoire")
    return list(
        parcours.candidatures.filter(etat=ETAT_CANDIDATURE_SELECTIONNEE)
        .exclude(territoire__in=representes)
        .order_by("territoire__nom")
        .values_list("territoire__nom", flat=True)
    )


def manques_pour_le_suivi(parcours) -> list[str]:
    """What staff still owe once the experimentation starts (suivi app, read through the
    track's reverse relations): the indicators the evaluation deliverable is scored on, and
    the public AI-register entry."""
    manques = []
    indicateurs = getattr(parcours, "indicateurs_evaluation", None)
    if indicateurs is not None and not indicateurs.exists():
        manques.append(
            "Aucun indicateur d'évaluation n'est défini : les bénéficiaires ne peuvent pas "
            "remettre leur livrable « évaluation »."
        )
    if hasattr(type(parcours), "fiche_registre_ia") and not hasattr(parcours, "fiche_registre_ia"):
        manques.append("La fiche du registre public des expérimentations IA n'existe pas encore.")
    return manques


def conventions_en_vigueur(parcours) -> str | None:
    """Every selected beneficiary's convention is countersigned (conventions app)."""
    if not hasattr(parcours, "candidatures"):
        return "Aucune candidature sélectionnée : aucune convention ne peut être en vigueur."
    laureates = parcours.candidatures.filter(etat=ETAT_CANDIDATURE_SELECTIONNEE)
    if not laureates.exists():
        return "Aucune candidature sélectionnée : aucune convention ne peut être en vigueur."
    if not hasattr(laureates.model, "convention"):
        return "Les conventions des bénéficiaires ne sont pas encore gérées par le portail."
    sans_convention = laureates.exclude(convention__etat__in=ETATS_CONVENTION_EN_VIGUEUR)
    if sans_convention.exists():
        noms = ", ".join(
            str(c.territoire) for c in sans_convention.select_related("territoire")[:5]
        )
        return f"Convention pas encore en vigueur pour : {noms}."
    return None


# Step 9: assessment -------------------------------------------------------------------------


def fin_experimentation_atteinte(parcours) -> str | None:
    """The end date is reached, or the experimentation was stopped early."""
    if parcours.etat == parcours.Etat.ARRETE:
        return None
    fin = parcours.experimentation_fin
    if fin is None or fin > timezone.localdate():
        return "La date de fin de l'expérimentation n'est pas encore atteinte."
    return None


def bilan_redige(parcours) -> str | None:
    """The assessment report is attached and its summary written."""
    if not parcours.documents.filter(nature="rapport_bilan").exists():
        return "Le rapport de bilan n'est pas joint."
    if not parcours.synthese_bilan.strip():
        return "La synthèse du bilan n'est pas rédigée."
    return None


def retours_beneficiaires(parcours) -> str | None:
    """Each beneficiary's feedback and evaluation received, or waived (suivi app)."""
    return parcours._retours_beneficiaires_recus()


# Side exits ---------------------------------------------------------------------------------


def sans_candidature_admissible_ou_infructueux(parcours) -> str | None:
    """Closing without follow-up: no admissible candidature, or an unsuccessful procurement."""
    if parcours.etat == parcours.Etat.INFRUCTUEUX:
        return None
    if hasattr(parcours, "candidatures") and (
        parcours.candidatures.exclude(etat__in=ETATS_CANDIDATURE_ECARTEE).exists()
    ):
        return (
            "Au moins une candidature est admissible ou encore en cours d'instruction : "
            "le parcours ne peut pas être classé sans suite."
        )
    return None
