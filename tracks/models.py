# SPDX-License-Identifier: EUPL-1.2
"""Thematic tracks (parcours) and their nine-step workflow (Règlement art. 2).

The workflow's transitions are explicit methods on :class:`Parcours`, run through
:func:`core.workflow.appliquer`, which locks the row and writes the history.
"""

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django_fsm import FSMField

from tracks.criteres import Critere


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
    cree_le = models.DateTimeField(default=timezone.now, editable=False)
    modifie_le = models.DateTimeField(auto_now=True)

    objects = ParcoursQuerySet.as_manager()

    class Meta:
        verbose_name = "parcours"
        verbose_name_plural = "parcours"
        ordering = ["-date_limite", "titre"]

    def __str__(self) -> str:
        return self.titre

    def candidatures_ouvertes(self, maintenant=None) -> bool:
        """True until the deadline, to the second, Europe/Paris (the deadline itself is too late)."""
        maintenant = maintenant or timezone.now()
        return (
            self.etat == self.Etat.PUBLIE
            and self.date_limite is not None
            and maintenant < self.date_limite
        )

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
