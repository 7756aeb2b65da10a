# SPDX-License-Identifier: EUPL-1.2
"""The organisations that may take part: the 130 communes, the 11 EPT and the Métropole.

Loaded from the project's copy of the INSEE/DGCL reference data (``territoires/data``),
never typed by hand (Règlement art. 3).
"""

from django.db import models

from core.validators import valider_siren
from territoires.tri import cle_de_tri


class TerritoireQuerySet(models.QuerySet):
    def communes(self) -> "TerritoireQuerySet":
        return self.filter(nature=Territoire.Nature.COMMUNE)

    def epts(self) -> "TerritoireQuerySet":
        return self.filter(nature=Territoire.Nature.EPT)

    def eligibles(self) -> "TerritoireQuerySet":
        """Those that may apply: communes and EPT (art. 3), not the Métropole itself."""
        return self.filter(nature__in=[Territoire.Nature.COMMUNE, Territoire.Nature.EPT])


class Territoire(models.Model):
    class Nature(models.TextChoices):
        COMMUNE = "commune", "Commune"
        EPT = "ept", "Établissement public territorial"
        METROPOLE = "metropole", "Métropole"

    nature = models.CharField(max_length=10, choices=Nature.choices)
    code = models.CharField(
        max_length=5, unique=True, help_text="Code INSEE de la commune, T2 à T12 pour un EPT."
    )
    nom = models.CharField(max_length=100)
    nom_tri = models.CharField(
        "nom (clé de tri)", max_length=100, editable=False, db_index=True, default=""
    )
    departement = models.CharField("département(s)", max_length=30)
    population = models.PositiveIntegerField(help_text="Population municipale INSEE 2023.")
    ept = models.ForeignKey(
        "self",
        verbose_name="EPT",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="communes",
        limit_choices_to={"nature": "ept"},
        help_text="Vide pour Paris (T1), commune à statut particulier.",
    )
    siren = models.CharField("SIREN", max_length=9, unique=True, validators=[valider_siren])
    geometrie = models.TextField("géométrie (GeoJSON)", blank=True)

    objects = TerritoireQuerySet.as_manager()

    class Meta:
        ordering = ["nom_tri"]
        verbose_name = "territoire"

    def __str__(self) -> str:
        if self.nature == self.Nature.EPT:
            return f"{self.nom} ({self.code})"
        return self.nom

    def save(self, *args, **kwargs):
        self.nom_tri = cle_de_tri(self.nom)
        if kwargs.get("update_fields") is not None and "nom" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "nom_tri"}
        super().save(*args, **kwargs)

    @property
    def est_paris(self) -> bool:
        return self.code == "75056"

    def territoires_lies(self) -> list["Territoire"]:
        """Itself and its EPT: an elected official of a commune is conflicted on both."""
        return [self, self.ept] if self.ept_id else [self]
