# SPDX-License-Identifier: EUPL-1.2
"""Thematic tracks (parcours) and their nine-step workflow (Règlement art. 2).

The workflow's transitions are explicit methods on :class:`Parcours`, run through
:func:`core.workflow.appliquer`, which locks the row and writes the history.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition

from core.workflow import TransitionRefusee, condition
from tracks import gardes
from tracks.criteres import Critere
from tracks.fichiers import chemin_document, empreinte_sha256, nom_affiche, verifier_document

# The staff permission every transition of a track asks for (group AGENT_METROPOLE, superusers).
PILOTER = "tracks.piloter_parcours"


class ParcoursQuerySet(models.QuerySet):
    def visibles(self) -> "ParcoursQuerySet":
        """What the public sees: every track once published."""
        return self.exclude(etat=Parcours.Etat.BROUILLON)

    def ouverts(self, maintenant=None) -> "ParcoursQuerySet":
        """Published tracks whose deadline has not passed: applications are open."""
        return self.filter(etat=Parcours.Etat.PUBLIE, date_limite__gt=maintenant or timezone.now())

    def echus(self, maintenant=None) -> "ParcoursQuerySet":
        """Published tracks whose deadline has passed: to be closed by the periodic task."""
        return self.filter(etat=Parcours.Etat.PUBLIE, date_limite__lte=maintenant or timezone.now())

    def echeances_publiees(self) -> list:
        """The deadlines of the published tracks: at each one, public pages change."""
        return list(
            self.filter(etat=Parcours.Etat.PUBLIE, date_limite__isnull=False)
            .order_by()
            .values_list("date_limite", flat=True)
        )

    def pour_catalogue(self, maintenant=None) -> "ParcoursQuerySet":
        """Public list: open first (nearest deadline first), then in progress, then past ones."""
        maintenant = maintenant or timezone.now()
        return (
            self.visibles()
            .annotate(
                rang_catalogue=models.Case(
                    models.When(
                        etat=Parcours.Etat.PUBLIE, date_limite__gt=maintenant, then=models.Value(0)
                    ),
                    models.When(etat__in=Parcours.ETATS_TERMINES, then=models.Value(2)),
                    default=models.Value(1),
                    output_field=models.IntegerField(),
                )
            )
            .order_by("rang_catalogue", "date_limite", "titre")
        )


class Parcours(models.Model):
    class Etat(models.TextChoices):
        BROUILLON = "brouillon", "Brouillon"
        PUBLIE = "publie", "Publié, candidatures ouvertes"
        INSTRUCTION = "instruction", "Candidatures closes, instruction"
        LAUREATS = "laureats", "Lauréats sélectionnés"
        LANCEMENT = "lancement", "Réunion de lancement tenue"
        PHASE1 = "phase1", "Phase 1 : acculturation et co-construction"
        CAS_USAGE = "cas_usage", "Cas d'usage choisi"
        PRESTATAIRE = "prestataire", "Prestataire choisi"
        INFRUCTUEUX = "infructueux", "Marché infructueux"
        EXPERIMENTATION = "experimentation", "Phase 2 : expérimentation"
        BILAN = "bilan", "Bilan"
        CLOS = "clos", "Clos"
        ARRETE = "arrete", "Expérimentation arrêtée"
        SANS_SUITE = "sans_suite", "Sans suite"

    titre = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    theme = models.TextField("thématique", help_text="Présentation du thème du parcours.")
    problematiques = models.TextField(
        "problématiques du territoire",
        blank=True,
        help_text="Les problèmes que le parcours traite.",
    )
    date_limite = models.DateTimeField(
        "date limite de candidature",
        null=True,
        blank=True,
        help_text="Heure de Paris. Une candidature déposée à cette heure exacte est refusée.",
    )
    etat = FSMField(
        "étape", max_length=20, choices=Etat.choices, default=Etat.BROUILLON, protected=True
    )
    echelle_min = models.PositiveSmallIntegerField("note minimale", default=0)
    echelle_max = models.PositiveSmallIntegerField("note maximale", default=5)
    experimentation_debut = models.DateField("début de l'expérimentation", null=True, blank=True)
    experimentation_fin = models.DateField(
        "fin de l'expérimentation",
        null=True,
        blank=True,
        help_text="De 1 à 12 mois après le début (article 2 du règlement).",
    )
    synthese_bilan = models.TextField("synthèse du bilan", blank=True)
    motif_arret = models.TextField("motif de l'arrêt anticipé", blank=True, editable=False)
    cree_le = models.DateTimeField(default=timezone.now, editable=False)
    modifie_le = models.DateTimeField(auto_now=True)

    objects = ParcoursQuerySet.as_manager()

    # The nine steps of art. 2 as the public timeline shows them: (number, state reached, label).
    ETAPES = [
        (1, Etat.PUBLIE, "Publication de l'appel à candidatures"),
        (2, Etat.INSTRUCTION, "Clôture des candidatures et instruction"),
        (3, Etat.LAUREATS, "Sélection par le Bureau métropolitain"),
        (4, Etat.LANCEMENT, "Réunion de lancement"),
        (5, Etat.PHASE1, "Phase 1 : acculturation et co-construction"),
        (6, Etat.CAS_USAGE, "Choix du cas d'usage"),
        (7, Etat.PRESTATAIRE, "Choix du prestataire"),
        (8, Etat.EXPERIMENTATION, "Phase 2 : expérimentation"),
        (9, Etat.BILAN, "Bilan"),
    ]
    # Where each state sits on that timeline (side states sit on the step they left from).
    RANG_ETAPE = {
        Etat.BROUILLON: 0,
        Etat.PUBLIE: 1,
        Etat.INSTRUCTION: 2,
        Etat.LAUREATS: 3,
        Etat.LANCEMENT: 4,
        Etat.PHASE1: 5,
        Etat.CAS_USAGE: 6,
        Etat.PRESTATAIRE: 7,
        Etat.INFRUCTUEUX: 7,
        Etat.EXPERIMENTATION: 8,
        Etat.ARRETE: 8,
        Etat.BILAN: 9,
        Etat.CLOS: 10,
        Etat.SANS_SUITE: 10,
    }
    ETATS_TERMINES = [Etat.CLOS, Etat.SANS_SUITE]

    class Meta:
        verbose_name = "parcours"
        verbose_name_plural = "parcours"
        ordering = ["-date_limite", "titre"]
        permissions = [("piloter_parcours", "Faire avancer un parcours dans ses étapes")]

    def __str__(self) -> str:
        return self.titre

    def get_absolute_url(self) -> str:
        return reverse("tracks:detail", args=[self.slug])

    # Transitions (Règlement art. 2) -------------------------------------------------------
    # Run them through core.workflow.appliquer, never directly: it locks, checks and logs.

    @transition(
        field=etat,
        source=Etat.BROUILLON,
        target=Etat.PUBLIE,
        conditions=[
            condition(gardes.a_un_titre_et_un_theme),
            condition(gardes.date_limite_future),
            condition(gardes.documents_candidature_joints),
            condition(gardes.grille_complete),
        ],
        permission=PILOTER,
        custom={
            "libelle": "Publier l'appel à candidatures",
            "confirmation": (
                "Le parcours, ses documents et sa grille de notation deviendront publics et les "
                "candidatures seront ouvertes jusqu'à la date limite. La grille ne pourra plus "
                "être modifiée."
            ),
        },
    )
    def publier(self, *, par=None, commentaire: str = "") -> None:
        """Step 1: open applications; the scoring grid is frozen from now on."""

    @transition(
        field=etat,
        source=Etat.PUBLIE,
        target=Etat.BROUILLON,
        conditions=[condition(gardes.aucune_candidature)],
        permission=PILOTER,
        custom={
            "libelle": "Dépublier (erreur de publication)",
            "confirmation": (
                "Le parcours redeviendra un brouillon invisible du public. Possible seulement tant "
                "qu'aucune candidature n'a été commencée."
            ),
            "commentaire_requis": True,
        },
    )
    def depublier(self, *, par=None, commentaire: str = "") -> None:
        """Undo a publication made by mistake, while nobody has applied."""

    @transition(
        field=etat,
        source=Etat.PUBLIE,
        target=Etat.INSTRUCTION,
        conditions=[condition(gardes.date_limite_passee)],
        permission=PILOTER,
        custom={
            "libelle": "Clore les candidatures",
            "confirmation": (
                "Plus aucune candidature ne pourra être déposée. La clôture est faite "
                "automatiquement à la date limite ; cette action sert en cas de retard."
            ),
        },
    )
    def clore_candidatures(self, *, par=None, commentaire: str = "") -> None:
        """Step 2: applications closed at the deadline (periodic task, or staff)."""

    @transition(
        field=etat,
        source=Etat.INSTRUCTION,
        target=Etat.LAUREATS,
        conditions=[
            condition(gardes.decision_bureau_enregistree),
            condition(gardes.au_moins_un_laureat),
        ],
        permission=PILOTER,
        custom={
            "libelle": "Enregistrer la sélection des lauréats",
            "confirmation": (
                "La décision du Bureau métropolitain sera publiée avec la liste des territoires "
                "sélectionnés."
            ),
        },
    )
    def selectionner_laureats(self, *, par=None, commentaire: str = "") -> None:
        """Step 3: the Bureau Métropolitain's decision selected at least one candidature."""

    @transition(
        field=etat,
        source=Etat.LAUREATS,
        target=Etat.LANCEMENT,
        conditions=[condition(gardes.lancement_tenu)],
        permission=PILOTER,
        custom={
            "libelle": "Déclarer la réunion de lancement tenue",
            "confirmation": "La date et les présences enregistrées feront foi.",
        },
    )
    def tenir_lancement(self, *, par=None, commentaire: str = "") -> None:
        """Step 4: the kickoff meeting was held, with its attendance recorded."""

    @transition(
        field=etat,
        source=Etat.LANCEMENT,
        target=Etat.PHASE1,
        conditions=[condition(gardes.ateliers_programmes)],
        permission=PILOTER,
        custom={
            "libelle": "Démarrer la phase 1",
            "confirmation": "Les ateliers d'acculturation et de co-construction commencent.",
        },
    )
    def demarrer_phase1(self, *, par=None, commentaire: str = "") -> None:
        """Step 5: acculturation and co-construction workshops, 1.5 to 2 days in total."""

    @transition(
        field=etat,
        source=Etat.PHASE1,
        target=Etat.CAS_USAGE,
        conditions=[
            condition(gardes.cas_usage_propose),
            condition(gardes.avis_expert_rendu),
            condition(gardes.cas_usage_retenu),
        ],
        permission=PILOTER,
        custom={
            "libelle": "Valider le cas d'usage retenu",
            "confirmation": "Le cas d'usage retenu, éclairé par l'avis des experts, sera publié.",
        },
    )
    def choisir_cas_usage(self, *, par=None, commentaire: str = "") -> None:
        """Step 6: one use case chosen, after the expert committee's written opinion."""

    @transition(
        field=etat,
        source=Etat.CAS_USAGE,
        target=Etat.PRESTATAIRE,
        conditions=[condition(gardes.marche_attribue)],
        permission=PILOTER,
        custom={
            "libelle": "Valider le choix du prestataire",
            "confirmation": "Le marché public et le ou les prestataires retenus seront publiés.",
        },
    )
    def choisir_prestataire(self, *, par=None, commentaire: str = "") -> None:
        """Step 7: the provider chosen by public procurement."""

    @transition(
        field=etat,
        source=Etat.CAS_USAGE,
        target=Etat.INFRUCTUEUX,
        conditions=[condition(gardes.marche_en_cours)],
        permission=PILOTER,
        custom={
            "libelle": "Déclarer le marché infructueux",
            "confirmation": (
                "Le marché en cours sera déclaré infructueux. Vous pourrez ensuite relancer une "
                "consultation ou classer le parcours sans suite."
            ),
            "commentaire_requis": True,
        },
    )
    def declarer_infructueux(self, *, par=None, commentaire: str = "") -> None:
        """Step 7 failed: no acceptable offer; the current procurement is marked unsuccessful."""
        self.marches.filter(infructueux=False).update(
            infructueux=True, infructueux_le=timezone.now()
        )

    @transition(
        field=etat,
        source=Etat.INFRUCTUEUX,
        target=Etat.CAS_USAGE,
        permission=PILOTER,
        custom={
            "libelle": "Relancer le marché",
            "confirmation": (
                "Le parcours revient à l'étape du choix du prestataire : enregistrez la nouvelle "
                "consultation."
            ),
        },
    )
    def relancer_marche(self, *, par=None, commentaire: str = "") -> None:
        """Back to step 7 after an unsuccessful procurement."""

    @transition(
        field=etat,
        source=Etat.PRESTATAIRE,
        target=Etat.EXPERIMENTATION,
        conditions=[
            condition(gardes.dates_experimentation_valides),
            condition(gardes.conventions_en_vigueur),
        ],
        permission=PILOTER,
        custom={
            "libelle": "Démarrer l'expérimentation",
            "confirmation": "La phase 2 commence aux dates enregistrées.",
        },
    )
    def demarrer_experimentation(self, *, par=None, commentaire: str = "") -> None:
        """Step 8: phase 2, once every beneficiary's convention is in force.

        The deliverables each beneficiary owes (art. 7 and 8) are created after commit, so
        that a refused or rolled-back start creates none; the preparation is idempotent.
        """
        from suivi.livrables import preparer_livrables

        pk = self.pk
        transaction.on_commit(lambda: preparer_livrables(Parcours.objects.get(pk=pk)))

    @transition(
        field=etat,
        source=Etat.EXPERIMENTATION,
        target=Etat.ARRETE,
        permission=PILOTER,
        custom={
            "libelle": "Arrêter l'expérimentation",
            "confirmation": (
                "L'expérimentation sera arrêtée avant son terme, sans indemnité (article 2). "
                "Le motif est obligatoire et sera communiqué aux bénéficiaires."
            ),
            "commentaire_requis": True,
        },
    )
    def arreter(self, *, par=None, commentaire: str = "") -> None:
        """Side exit: the Métropole stops the experimentation early, for a stated reason."""
        if not commentaire.strip():
            raise TransitionRefusee(["Le motif de l'arrêt de l'expérimentation est obligatoire."])
        self.motif_arret = commentaire.strip()
        from tracks.avis import notifier_arret

        notifier_arret(self)  # outbox rows in this transaction, sent after commit

    @transition(
        field=etat,
        source=[Etat.EXPERIMENTATION, Etat.ARRETE],
        target=Etat.BILAN,
        conditions=[condition(gardes.fin_experimentation_atteinte)],
        permission=PILOTER,
        custom={
            "libelle": "Passer au bilan",
            "confirmation": "Les bénéficiaires sont invités à remettre leur retour et leur évaluation.",
        },
    )
    def passer_au_bilan(self, *, par=None, commentaire: str = "") -> None:
        """Step 9: the end date is reached, or the experimentation was stopped."""

    @transition(
        field=etat,
        source=Etat.BILAN,
        target=Etat.CLOS,
        conditions=[
            condition(gardes.bilan_redige),
            condition(gardes.retours_beneficiaires),
        ],
        permission=PILOTER,
        custom={
            "libelle": "Clore le parcours",
            "confirmation": "Le rapport de bilan et sa synthèse seront publiés ; le parcours est terminé.",
        },
    )
    def clore(self, *, par=None, commentaire: str = "") -> None:
        """End of the track, with the assessment report and every beneficiary's feedback."""

    @transition(
        field=etat,
        source=[Etat.INSTRUCTION, Etat.INFRUCTUEUX],
        target=Etat.SANS_SUITE,
        conditions=[condition(gardes.sans_candidature_admissible_ou_infructueux)],
        permission=PILOTER,
        custom={
            "libelle": "Classer sans suite",
            "confirmation": (
                "Le parcours s'arrête définitivement, faute de candidature admissible ou après un "
                "marché infructueux."
            ),
            "commentaire_requis": True,
        },
    )
    def classer_sans_suite(self, *, par=None, commentaire: str = "") -> None:
        """Side exit: no admissible candidature, or an unsuccessful procurement."""

    # Hooks for the apps that come later ---------------------------------------------------

    def _retours_beneficiaires_recus(self) -> str | None:
        """Guard hook: each beneficiary's feedback and evaluation received, or waived (art. 8).

        The ``suivi`` app owns deliverables; until it provides
        ``suivi.retours.retours_manquants(parcours) -> list[str]`` this returns ``None``.
        """
        try:
            from suivi.retours import retours_manquants  # type: ignore[import-not-found]
        except ImportError:
            return None
        manquants = retours_manquants(self)
        if manquants:
            return "Retour d'expérience ou évaluation attendu de : " + ", ".join(manquants) + "."
        return None

    # Reading helpers ----------------------------------------------------------------------

    @property
    def rang_etape(self) -> int:
        return self.RANG_ETAPE[self.etat]

    def grille_modifiable(self) -> bool:
        """The scoring grid is published with the call: it can change only while a draft."""
        return self.etat == self.Etat.BROUILLON

    def marche_en_cours(self) -> "MarchePublic | None":
        """The latest procurement not declared unsuccessful."""
        return self.marches.filter(infructueux=False).order_by("-pk").first()

    def regle_agregation(self) -> str:
        """How applications are ranked, published with the track (COMPLIANCE 25)."""
        return (
            f"Chaque membre du comité d'examen note chaque critère de {self.echelle_min} à "
            f"{self.echelle_max}. Pour chaque critère, la note retenue est la moyenne des notes "
            "des membres ; la note globale est la moyenne de ces notes pondérée par les poids "
            "ci-dessus (somme des notes multipliées par leur poids, divisée par la somme des "
            "poids). Les candidatures sont classées par note globale décroissante ; le comité "
            "vote ensuite sur la proposition de chacune. Un membre lié à un territoire ne note "
            "pas sa candidature."
        )

    def candidatures_ouvertes(self, maintenant=None) -> bool:
        """True until the deadline, to the second, Europe/Paris (the deadline itself is too late)."""
        maintenant = maintenant or timezone.now()
        return (
            self.etat == self.Etat.PUBLIE
            and self.date_limite is not None
            and maintenant < self.date_limite
        )

    @property
    def libelle_etat_public(self) -> str:
        """The state as the public reads it now: past its deadline, a published track is closed.

        The periodic task moves the track a little later; the pages must not wait for it.
        """
        if self.etat == self.Etat.PUBLIE and not self.candidatures_ouvertes():
            return "Publié, candidatures closes (date limite passée)"
        return self.get_etat_display()

    def ponderations_dict(self) -> dict[str, Decimal]:
        """Criterion code -> weight (uses the prefetch cache when present)."""
        return {p.critere: p.poids for p in self.ponderations.all()}


class PonderationCritere(models.Model):
    """The weight of one art. 5.2 criterion in a track's scoring grid; published with the track."""

    parcours = models.ForeignKey(Parcours, on_delete=models.CASCADE, related_name="ponderations")
    critere = models.CharField("critère", max_length=32, choices=Critere.choices)
    poids = models.DecimalField(
        "poids", max_digits=5, decimal_places=2, default=Decimal("1"), help_text="Coefficient."
    )

    class Meta:
        verbose_name = "pondération d'un critère"
        verbose_name_plural = "grille de notation"
        ordering = ["parcours", "critere"]
        constraints = [
            models.UniqueConstraint(fields=["parcours", "critere"], name="un_poids_par_critere"),
            models.CheckConstraint(condition=models.Q(poids__gt=0), name="poids_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.get_critere_display()} × {self.poids}"

    def clean(self):
        if self.pk and not self.parcours.grille_modifiable():
            raise ValidationError("La grille de notation est publiée : elle ne peut plus changer.")


class JalonPrevu(models.Model):
    """The date staff plan for a step, shown beside the date it was actually reached."""

    parcours = models.ForeignKey(Parcours, on_delete=models.CASCADE, related_name="jalons")
    etape = models.CharField(
        "étape",
        max_length=20,
        choices=[(etat.value, libelle) for _, etat, libelle in Parcours.ETAPES],
    )
    date_prevue = models.DateField("date prévue")

    class Meta:
        verbose_name = "date prévue d'une étape"
        verbose_name_plural = "calendrier prévisionnel"
        ordering = ["parcours", "date_prevue"]
        constraints = [
            models.UniqueConstraint(fields=["parcours", "etape"], name="un_jalon_par_etape")
        ]

    def __str__(self) -> str:
        return f"{self.get_etape_display()} : {self.date_prevue:%d/%m/%Y}"


class DocumentParcours(models.Model):
    """A document of the track, stored privately and served by a view that checks visibility."""

    class Nature(models.TextChoices):
        FORMULAIRE_CANDIDATURE = "formulaire_candidature", "Modèle de dossier de candidature"
        FORMULAIRE_ENGAGEMENT = "formulaire_engagement", "Modèle de formulaire d'engagement"
        REGLEMENT = "reglement", "Règlement du programme"
        KIT_COMMUNICATION = "kit_communication", "Kit de communication"
        RAPPORT_BILAN = "rapport_bilan", "Rapport de bilan"

    # Downloadable by anyone once the track is published; the communication kit is for the
    # beneficiaries (art. 9) and staff only.
    NATURES_PUBLIQUES = (
        Nature.FORMULAIRE_CANDIDATURE,
        Nature.FORMULAIRE_ENGAGEMENT,
        Nature.REGLEMENT,
        Nature.RAPPORT_BILAN,
    )

    parcours = models.ForeignKey(Parcours, on_delete=models.CASCADE, related_name="documents")
    nature = models.CharField(max_length=32, choices=Nature.choices)
    fichier = models.FileField(upload_to=chemin_document, validators=[verifier_document])
    nom_original = models.CharField("nom du fichier", max_length=255, blank=True, editable=False)
    taille = models.PositiveBigIntegerField(default=0, editable=False)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True, editable=False)
    ajoute_le = models.DateTimeField("ajouté le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "document du parcours"
        verbose_name_plural = "documents du parcours"
        ordering = ["parcours", "nature"]
        constraints = [
            models.UniqueConstraint(fields=["parcours", "nature"], name="un_document_par_nature")
        ]

    def __str__(self) -> str:
        return f"{self.get_nature_display()} ({self.nom_original})"

    def save(self, *args, **kwargs):
        if self.fichier and not self.fichier._committed:
            self.nom_original = nom_affiche(self.fichier.name)
            self.taille = self.fichier.size
            self.sha256 = empreinte_sha256(self.fichier)
        super().save(*args, **kwargs)

    @property
    def est_public(self) -> bool:
        return (
            self.nature in self.NATURES_PUBLIQUES and self.parcours.etat != Parcours.Etat.BROUILLON
        )


class ReunionLancement(models.Model):
    """Step 4: the kickoff meeting."""

    parcours = models.OneToOneField(
        Parcours, on_delete=models.CASCADE, related_name="reunion_lancement"
    )
    date = models.DateTimeField("date et heure")
    lieu = models.CharField("lieu", max_length=255)
    compte_rendu = models.TextField("compte rendu", blank=True)

    class Meta:
        verbose_name = "réunion de lancement"
        verbose_name_plural = "réunions de lancement"

    def __str__(self) -> str:
        return f"Réunion de lancement — {self.parcours}"


class PresenceLancement(models.Model):
    """Attendance of one territoire at the kickoff meeting."""

    reunion = models.ForeignKey(
        ReunionLancement, on_delete=models.CASCADE, related_name="presences"
    )
    territoire = models.ForeignKey(
        "territoires.Territoire", on_delete=models.PROTECT, related_name="+"
    )
    participants = models.TextField(
        "participants", help_text="Nom et fonction des personnes présentes, une par ligne."
    )

    class Meta:
        verbose_name = "présence à la réunion de lancement"
        verbose_name_plural = "présences à la réunion de lancement"
        constraints = [
            models.UniqueConstraint(
                fields=["reunion", "territoire"], name="une_presence_lancement_par_territoire"
            )
        ]

    def __str__(self) -> str:
        return str(self.territoire)


class Atelier(models.Model):
    """Step 5: a phase 1 workshop. Durations in hours; a day counts 7 hours (see gardes)."""

    parcours = models.ForeignKey(Parcours, on_delete=models.CASCADE, related_name="ateliers")
    titre = models.CharField("intitulé", max_length=200)
    debut = models.DateTimeField("date et heure de début")
    duree_heures = models.DecimalField(
        "durée (heures)",
        max_digits=4,
        decimal_places=1,
        help_text="En heures, par demi-heure. Une journée compte 7 heures ; la phase 1 totalise "
        "de 10,5 à 14 heures (1,5 à 2 jours).",
    )
    lieu = models.CharField("lieu", max_length=255, blank=True)

    class Meta:
        verbose_name = "atelier de la phase 1"
        verbose_name_plural = "ateliers de la phase 1"
        ordering = ["parcours", "debut"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duree_heures__gt=0, duree_heures__lte=8),
                name="atelier_duree_raisonnable",
            )
        ]

    def __str__(self) -> str:
        return self.titre


class PresenceAtelier(models.Model):
    """Attendance of one agent at one workshop: evidence of AI literacy (AI Act art. 4)."""

    atelier = models.ForeignKey(Atelier, on_delete=models.CASCADE, related_name="presences")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="presences_ateliers"
    )
    territoire = models.ForeignKey(
        "territoires.Territoire", on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField("présent", default=True)

    class Meta:
        verbose_name = "présence d'un agent à un atelier"
        verbose_name_plural = "présences des agents"
        constraints = [
            models.UniqueConstraint(fields=["atelier", "agent"], name="une_presence_par_agent")
        ]

    def __str__(self) -> str:
        return f"{self.agent} ({self.territoire})"


class CasUsage(models.Model):
    """Step 6: a use case proposed during phase 1; exactly one is eventually retained."""

    parcours = models.ForeignKey(Parcours, on_delete=models.CASCADE, related_name="cas_usage")
    titre = models.CharField("intitulé", max_length=200)
    description = models.TextField("description")
    propose_par = models.ForeignKey(
        "territoires.Territoire",
        verbose_name="proposé par",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    retenu = models.BooleanField("retenu", default=False)

    class Meta:
        verbose_name = "cas d'usage"
        verbose_name_plural = "cas d'usage"
        ordering = ["parcours", "titre"]
        constraints = [
            models.UniqueConstraint(
                fields=["parcours"],
                condition=models.Q(retenu=True),
                name="un_seul_cas_usage_retenu",
            )
        ]

    def __str__(self) -> str:
        return self.titre


class AvisExpert(models.Model):
    """Step 6: the expert committee's written opinion on the proposed use cases."""

    parcours = models.ForeignKey(Parcours, on_delete=models.CASCADE, related_name="avis_experts")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="avis_experts"
    )
    avis = models.TextField("avis écrit")
    rendu_le = models.DateTimeField("rendu le", default=timezone.now)

    class Meta:
        verbose_name = "avis du comité d'experts"
        verbose_name_plural = "avis du comité d'experts"
        ordering = ["parcours", "rendu_le"]

    def __str__(self) -> str:
        return f"Avis de {self.expert}"

    def clean(self):
        from accounts.roles import EXPERT

        if self.expert_id and not self.expert.a_role(EXPERT):
            raise ValidationError(
                {"expert": "L'auteur de l'avis doit être membre du groupe des experts."}
            )


class MarchePublic(models.Model):
    """Step 7: a public procurement for the experimentation; may be declared unsuccessful."""

    parcours = models.ForeignKey(Parcours, on_delete=models.CASCADE, related_name="marches")
    reference = models.CharField("référence du marché", max_length=100)
    objet = models.CharField("objet", max_length=255, blank=True)
    infructueux = models.BooleanField("déclaré infructueux", default=False, editable=False)
    infructueux_le = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "marché public"
        verbose_name_plural = "marchés publics"
        ordering = ["parcours", "pk"]

    def __str__(self) -> str:
        return self.reference + (" (infructueux)" if self.infructueux else "")


class Prestataire(models.Model):
    """A provider awarded a procurement."""

    marche = models.ForeignKey(MarchePublic, on_delete=models.CASCADE, related_name="prestataires")
    raison_sociale = models.CharField("raison sociale", max_length=200)
    siret = models.CharField("SIRET", max_length=14, blank=True)

    class Meta:
        verbose_name = "prestataire"
        ordering = ["raison_sociale"]

    def __str__(self) -> str:
        return self.raison_sociale


class SuggestionThemeQuerySet(models.QuerySet):
    def de(self, user) -> "SuggestionThemeQuerySet":
        """The suggestions a user wrote, newest first."""
        return self.filter(auteur=user).select_related("territoire").order_by("-cree_le")


class SuggestionTheme(models.Model):
    """A theme an agent suggests for a future track (art. 2, last paragraph)."""

    class Statut(models.TextChoices):
        EN_ETUDE = "en_etude", "En étude"
        RETENU = "retenu", "Retenu"
        NON_RETENU = "non_retenu", "Non retenu"

    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="suggestions_themes"
    )
    territoire = models.ForeignKey(
        "territoires.Territoire", on_delete=models.PROTECT, related_name="suggestions_themes"
    )
    titre = models.CharField("titre du thème", max_length=200)
    probleme = models.TextField("problème rencontré")
    benefices_attendus = models.TextField("bénéfices attendus")
    statut = models.CharField(max_length=12, choices=Statut.choices, default=Statut.EN_ETUDE)
    reponse = models.TextField("réponse de la Métropole", blank=True)
    repondu_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="répondu par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    repondu_le = models.DateTimeField("répondu le", null=True, blank=True, editable=False)
    cree_le = models.DateTimeField("proposée le", default=timezone.now, editable=False)

    objects = SuggestionThemeQuerySet.as_manager()

    class Meta:
        verbose_name = "suggestion de thème"
        verbose_name_plural = "suggestions de thèmes"
        ordering = ["-cree_le"]

    def __str__(self) -> str:
        return self.titre
