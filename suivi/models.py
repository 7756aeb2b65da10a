# SPDX-License-Identifier: EUPL-1.2
"""Phase 2 follow-up (Règlement art. 7 and 8) and the public register of AI experimentations.

- :class:`Livrable`: what each beneficiary owes the Métropole during and after phase 2 —
  the data and results shared (art. 7), the feedback (retour d'expérience) and the
  evaluation (art. 8) — with its due date, derived from the convention (see
  :mod:`suivi.livrables`), and a small workflow: submitted by the beneficiary's agents,
  validated by staff or sent back for changes, or waived by staff with a recorded reason.
- :class:`IndicateurEvaluation` / :class:`ValeurIndicateur`: the evaluation's indicators,
  chosen per track by staff, and each beneficiary's value and comment.
- :class:`FicheRegistreIA`: one entry of the public register of the AI solutions
  experimented (COMPLIANCE 26), one per track with a provider.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, transition

from core.workflow import TransitionRefusee, condition
from suivi import gardes
from suivi.fichiers import verifier_fichier_livrable

VALIDER = "suivi.valider_livrable"


def peut_remettre(livrable: "Livrable", user) -> bool:
    """Only an agent with an approved membership of the beneficiary territoire submits."""
    return bool(user and user.is_authenticated and user.peut_agir_pour(livrable.territoire))


def chemin_livrable(instance: "Livrable", nom_original: str) -> str:
    """A storage name that never reuses the uploaded name."""
    extension = nom_original.rsplit(".", 1)[-1].lower() if "." in nom_original else "bin"
    if not extension.isalnum() or len(extension) > 5:
        extension = "bin"
    return f"suivi/{instance.parcours_id}/{instance.territoire_id}/{uuid.uuid4().hex}.{extension}"


class IndicateurEvaluation(models.Model):
    """An indicator of the evaluation (art. 8), chosen per track by the programme team."""

    parcours = models.ForeignKey(
        "tracks.Parcours", on_delete=models.CASCADE, related_name="indicateurs_evaluation"
    )
    libelle = models.CharField("indicateur", max_length=200)
    unite = models.CharField(
        "unité", max_length=50, blank=True, help_text="Par exemple : %, heures, kWh."
    )
    description = models.TextField("comment le mesurer", blank=True)
    ordre = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "indicateur d'évaluation"
        verbose_name_plural = "indicateurs d'évaluation"
        ordering = ["parcours", "ordre", "pk"]

    def __str__(self) -> str:
        return f"{self.libelle} ({self.unite})" if self.unite else self.libelle


class LivrableQuerySet(models.QuerySet):
    def avec_relations(self) -> "LivrableQuerySet":
        return self.select_related("parcours", "territoire")

    def visibles_par(self, user) -> "LivrableQuerySet":
        """Staff see every deliverable; an agent those of their approved territoires."""
        from accounts.roles import est_agent_metropole

        if not user.is_authenticated:
            return self.none()
        if est_agent_metropole(user):
            return self.avec_relations()
        return self.filter(territoire__in=user.territoires_approuves()).avec_relations()

    def attendus(self) -> "LivrableQuerySet":
        """Still owed by the beneficiary: to submit, or sent back for changes."""
        return self.filter(etat__in=Livrable.ETATS_ATTENDUS)

    def en_retard(self, jour=None) -> "LivrableQuerySet":
        return self.attendus().filter(echeance__lt=jour or timezone.localdate())


class Livrable(models.Model):
    class Nature(models.TextChoices):
        DONNEES = "donnees_partagees", "Données et résultats partagés (art. 7)"
        RETOUR = "retour_experience", "Retour d'expérience (art. 8)"
        EVALUATION = "evaluation", "Évaluation (art. 8)"

    class Etat(models.TextChoices):
        A_REMETTRE = "a_remettre", "À remettre"
        REMIS = "remis", "Remis, en cours de relecture"
        A_COMPLETER = "a_completer", "Modifications demandées"
        VALIDE = "valide", "Validé"
        DISPENSE = "dispense", "Dispensé"

    ETATS_ATTENDUS = (Etat.A_REMETTRE, Etat.A_COMPLETER)
    ETATS_RECUS = (Etat.VALIDE, Etat.DISPENSE)

    parcours = models.ForeignKey(
        "tracks.Parcours", on_delete=models.PROTECT, related_name="livrables"
    )
    territoire = models.ForeignKey(
        "territoires.Territoire", on_delete=models.PROTECT, related_name="livrables"
    )
    nature = models.CharField(max_length=24, choices=Nature.choices)
    echeance = models.DateField(
        "à remettre au plus tard le",
        db_index=True,
        help_text="Calculée depuis la fin de l'expérimentation fixée par la convention.",
    )
    etat = FSMField(
        "état", max_length=16, choices=Etat.choices, default=Etat.A_REMETTRE, protected=True
    )

    # Art. 7: data and results shared with the Métropole.
    description = models.TextField("description des données et résultats", blank=True)
    perimetre = models.TextField(
        "périmètre convenu dans la convention",
        blank=True,
        help_text="Quelles données, sur quelle période, pour quels usages par la Métropole.",
    )
    lien = models.URLField("lien vers les données", blank=True, max_length=500)
    fichier = models.FileField(
        "fichier",
        upload_to=chemin_livrable,
        validators=[verifier_fichier_livrable],
        blank=True,
        help_text="PDF, document bureautique, CSV, JSON ou archive ZIP ; 10 Mo au plus.",
    )
    nom_fichier = models.CharField(max_length=255, blank=True, editable=False)
    donnees_personnelles = models.BooleanField(
        "contient des données à caractère personnel",
        null=True,
        help_text="À déclarer dans tous les cas : la Métropole traite ces données selon le RGPD.",
    )

    # Art. 8: feedback.
    ce_qui_a_marche = models.TextField("ce qui a fonctionné", blank=True)
    ce_qui_n_a_pas_marche = models.TextField("ce qui n'a pas fonctionné", blank=True)
    chiffres_usage = models.TextField(
        "chiffres d'usage",
        blank=True,
        help_text="Nombre d'utilisateurs, de traitements, de demandes…",
    )
    recommandations = models.TextField("recommandations", blank=True)

    # Workflow bookkeeping.
    remis_le = models.DateTimeField("remis le", null=True, blank=True, editable=False)
    remis_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    valide_le = models.DateTimeField("validé le", null=True, blank=True, editable=False)
    modifications_demandees = models.TextField(
        "modifications demandées", blank=True, editable=False
    )
    motif_dispense = models.TextField("motif de la dispense", blank=True, editable=False)
    modifie_le = models.DateTimeField(auto_now=True)

    objects = LivrableQuerySet.as_manager()

    class Meta:
        verbose_name = "livrable"
        ordering = ["echeance", "parcours", "territoire__nom_tri", "nature"]
        constraints = [
            models.UniqueConstraint(
                fields=["parcours", "territoire", "nature"], name="un_livrable_par_nature"
            )
        ]
        permissions = [("valider_livrable", "Valider les livrables des bénéficiaires")]

    def __str__(self) -> str:
        return f"{self.get_nature_display()} — {self.territoire}"

    @property
    def en_retard(self) -> bool:
        return self.etat in self.ETATS_ATTENDUS and self.echeance < timezone.localdate()

    @property
    def modifiable(self) -> bool:
        return self.etat in self.ETATS_ATTENDUS

    # Transitions: run them through core.workflow.appliquer -------------------------------

    @transition(
        field=etat,
        source=[Etat.A_REMETTRE, Etat.A_COMPLETER],
        target=Etat.REMIS,
        conditions=[condition(gardes.parcours_pas_clos), condition(gardes.contenu_complet)],
        permission=peut_remettre,
        custom={
            "libelle": "Remettre à la Métropole",
            "confirmation": "Le livrable sera transmis à l'équipe du programme et ne sera plus modifiable, sauf si des modifications vous sont demandées.",
            "staff": False,
        },
    )
    def remettre(self, *, par=None, commentaire: str = "") -> None:
        self.remis_le = timezone.now()
        self.remis_par = par

    @transition(
        field=etat,
        source=Etat.REMIS,
        target=Etat.VALIDE,
        permission=VALIDER,
        custom={"libelle": "Valider", "confirmation": "Le livrable sera considéré comme reçu."},
    )
    def valider(self, *, par=None, commentaire: str = "") -> None:
        self.valide_le = timezone.now()

    @transition(
        field=etat,
        source=Etat.REMIS,
        target=Etat.A_COMPLETER,
        permission=VALIDER,
        custom={
            "libelle": "Demander des modifications",
            "confirmation": "Le bénéficiaire sera prévenu et pourra modifier puis remettre à nouveau son livrable.",
            "commentaire_requis": True,
        },
    )
    def demander_modifications(self, *, par=None, commentaire: str = "") -> None:
        if not commentaire.strip():
            raise TransitionRefusee(["Précisez les modifications attendues."])
        self.modifications_demandees = commentaire.strip()

    @transition(
        field=etat,
        source=[Etat.A_REMETTRE, Etat.A_COMPLETER, Etat.REMIS],
        target=Etat.DISPENSE,
        permission=VALIDER,
        custom={
            "libelle": "Dispenser le bénéficiaire",
            "confirmation": "Le livrable ne sera plus attendu. Le motif est enregistré au journal et permet de clore le parcours.",
            "commentaire_requis": True,
        },
    )
    def dispenser(self, *, par=None, commentaire: str = "") -> None:
        if not commentaire.strip():
            raise TransitionRefusee(["Le motif de la dispense est obligatoire."])
        self.motif_dispense = commentaire.strip()


class ValeurIndicateur(models.Model):
    """A beneficiary's value for one indicator of the track, with its comment (art. 8)."""

    livrable = models.ForeignKey(Livrable, on_delete=models.CASCADE, related_name="valeurs")
    indicateur = models.ForeignKey(
        IndicateurEvaluation, on_delete=models.PROTECT, related_name="valeurs"
    )
    valeur = models.DecimalField("valeur", max_digits=14, decimal_places=2, null=True, blank=True)
    commentaire = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "valeur d'un indicateur"
        verbose_name_plural = "valeurs des indicateurs"
        ordering = ["livrable", "indicateur__ordre", "indicateur__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["livrable", "indicateur"], name="une_valeur_par_indicateur"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicateur} : {self.valeur}"


class FicheRegistreIAQuerySet(models.QuerySet):
    def publiques(self) -> "FicheRegistreIAQuerySet":
        return self.filter(publiee=True).select_related("parcours").order_by("parcours__titre")

    def recherche(self, *, q: str = "", risque: str = "") -> "FicheRegistreIAQuerySet":
        resultat = self
        if q:
            resultat = resultat.filter(
                models.Q(parcours__titre__icontains=q)
                | models.Q(finalite__icontains=q)
                | models.Q(service_public__icontains=q)
                | models.Q(fournisseur__icontains=q)
                | models.Q(deployeurs__icontains=q)
            )
        if risque:
            resultat = resultat.filter(classe_risque=risque)
        return resultat


class FicheRegistreIA(models.Model):
    """One entry of the public register of AI experimentations (COMPLIANCE 26).

    Written by staff for each track with a provider; public once ``publiee``. It names
    organisations and a service mailbox, never a person.
    """

    class ClasseRisque(models.TextChoices):
        MINIMAL = "minimal", "Risque minimal"
        TRANSPARENCE = "transparence", "Obligations de transparence (art. 50)"
        ELEVE = "eleve", "Haut risque (annexe III)"
        INTERDIT = "interdit", "Pratique interdite (art. 5)"

    parcours = models.OneToOneField(
        "tracks.Parcours", on_delete=models.PROTECT, related_name="fiche_registre_ia"
    )
    finalite = models.TextField("finalité de la solution")
    service_public = models.CharField("service public concerné", max_length=255)
    donnees_utilisees = models.TextField("données utilisées")
    fournisseur = models.CharField(
        "fournisseur (prestataire)", max_length=255, help_text="Raison sociale du prestataire."
    )
    deployeurs = models.TextField(
        "déployeur(s)", help_text="Les collectivités qui utilisent la solution, une par ligne."
    )
    controle_humain = models.TextField("contrôle humain")
    classe_risque = models.CharField(
        "classe de risque (règlement européen sur l'IA)",
        max_length=16,
        choices=ClasseRisque.choices,
    )
    point_annexe_iii = models.CharField(
        "point de l'annexe III", max_length=100, blank=True, help_text="Obligatoire si haut risque."
    )
    information_art50 = models.TextField(
        "information des personnes (art. 50)",
        blank=True,
        help_text="Comment les personnes sont informées qu'elles interagissent avec une IA ou "
        "qu'un contenu est généré.",
    )
    reference_fria = models.CharField(
        "analyse d'impact sur les droits fondamentaux (FRIA)", max_length=255, blank=True
    )
    reference_base_ue = models.CharField(
        "numéro d'enregistrement dans la base de données de l'UE", max_length=255, blank=True
    )
    justification_ia = models.TextField(
        "pourquoi l'IA", help_text="Besoin auquel l'IA répond mieux qu'une solution plus simple."
    )
    alternatives_etudiees = models.TextField("alternatives étudiées")
    estimation_energie = models.CharField(
        "estimation énergie ou calcul (AFNOR SPEC 2314)",
        max_length=255,
        help_text="Par exemple : 120 kWh par an, 3 heures de GPU pour l'entraînement.",
    )
    indicateurs_frugalite = models.TextField("autres indicateurs de frugalité", blank=True)
    resultats = models.TextField("résultats", blank=True)
    contact = models.EmailField(
        "contact", help_text="Une boîte fonctionnelle de service, jamais l'adresse d'une personne."
    )
    publiee = models.BooleanField("publiée au registre", default=False)
    mise_a_jour_le = models.DateTimeField("mise à jour le", auto_now=True)

    objects = FicheRegistreIAQuerySet.as_manager()

    class Meta:
        verbose_name = "fiche du registre des expérimentations IA"
        verbose_name_plural = "registre des expérimentations IA"
        ordering = ["parcours__titre"]

    def __str__(self) -> str:
        return f"Registre IA — {self.parcours}"

    def clean(self):
        from django.core.exceptions import ValidationError

        erreurs = {}
        if self.classe_risque == self.ClasseRisque.ELEVE:
            if not self.point_annexe_iii.strip():
                erreurs["point_annexe_iii"] = (
                    "Indiquez le point de l'annexe III pour un système à haut risque."
                )
            if not self.reference_fria.strip():
                erreurs["reference_fria"] = (
                    "L'analyse d'impact (FRIA) est obligatoire pour un système à haut risque."
                )
            if not self.reference_base_ue.strip():
                erreurs["reference_base_ue"] = (
                    "L'enregistrement dans la base de l'UE est obligatoire pour un système à haut risque."
                )
        if (
            self.classe_risque == self.ClasseRisque.TRANSPARENCE
            and not self.information_art50.strip()
        ):
            erreurs["information_art50"] = "Décrivez l'information donnée aux personnes (art. 50)."
        if self.classe_risque == self.ClasseRisque.INTERDIT:
            erreurs["classe_risque"] = "Une pratique interdite ne peut pas être expérimentée."
        if erreurs:
            raise ValidationError(erreurs)
