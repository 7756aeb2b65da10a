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
