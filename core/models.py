# SPDX-License-Identifier: EUPL-1.2
"""Small records of the portal itself."""

from django.db import models
from django.utils import timezone


class SignalementAccessibilite(models.Model):
    """A report of an accessibility barrier (RGAA "retour d'information", COMPLIANCE 33).

    Anyone may send one, signed in or not; the sender gets an automatic receipt and the
    service a copy, both through the outbox.
    """

    nom = models.CharField("prénom et nom", max_length=150, blank=True)
    email = models.EmailField("adresse électronique")
    page = models.CharField("page ou document concerné", max_length=500, blank=True)
    description = models.TextField("difficulté rencontrée")
    recu_le = models.DateTimeField("reçu le", default=timezone.now)
    traite_le = models.DateTimeField("traité le", null=True, blank=True)

    class Meta:
        verbose_name = "signalement d'accessibilité"
        verbose_name_plural = "signalements d'accessibilité"
        ordering = ["-recu_le"]

    def __str__(self) -> str:
        return f"{self.numero} — {self.email}"

    @property
    def numero(self) -> str:
        """The reference quoted in the receipt, e.g. ``ACC-2026-00042``."""
        return f"ACC-{timezone.localtime(self.recu_le):%Y}-{self.pk:05d}"


class PageEditoriale(models.Model):
    """A public page whose text the Métropole edits in the admin, without a release.

    The accessibility statement links to two of them (RGAA: the schéma pluriannuel and the
    current year's plan d'actions); their text changes each year, the code does not. The body
    is plain text (paragraphs separated by a blank line), escaped when shown: no HTML to clean.
    """

    class Rubrique(models.TextChoices):
        SCHEMA_PLURIANNUEL = "schema-pluriannuel", "Schéma pluriannuel de mise en accessibilité"
        PLAN_ACTIONS = "plan-actions", "Plan d'actions d'accessibilité"

    slug = models.SlugField("adresse", unique=True, choices=Rubrique.choices)
    titre = models.CharField("titre", max_length=200)
    corps = models.TextField(
        "texte", help_text="Texte brut ; une ligne vide sépare deux paragraphes."
    )
    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "page éditoriale"
        verbose_name_plural = "pages éditoriales"
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.titre
