# SPDX-License-Identifier: EUPL-1.2
"""The tamper-evident journal of legal acts and sensitive actions.

Each entry carries the SHA-256 of its own content and of the previous entry, so that
rewriting any past entry breaks the chain (``manage.py verifier_journal`` finds where).
Entries are written by :func:`audit.journal.enregistrer` only, never updated nor deleted.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class EvenementQuerySet(models.QuerySet):
    def pour(self, objet: models.Model) -> "EvenementQuerySet":
        """The history of one object, oldest first (its timeline)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(objet), object_id=str(objet.pk)
        ).order_by("horodatage", "pk")

    def transitions(self) -> "EvenementQuerySet":
        return self.filter(action=Evenement.Action.TRANSITION)


class Evenement(models.Model):
    class Action(models.TextChoices):
        TRANSITION = "transition", "Changement d'étape"
        CONNEXION = "connexion", "Connexion"
        ECHEC_CONNEXION = "echec_connexion", "Échec de connexion"
        ADHESION = "adhesion", "Décision sur une adhésion"
        NOTATION = "notation", "Note ou vote"
        EXPORT = "export", "Export"
        TELECHARGEMENT = "telechargement", "Téléchargement d'une pièce"
        MODIFICATION = "modification", "Modification"
        DONNEES_PERSONNELLES = "donnees_personnelles", "Données personnelles"

    horodatage = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    acteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept beside the foreign key: the record stays readable if the account is anonymised.
    acteur_libelle = models.CharField("acteur", max_length=255, blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    objet_libelle = models.CharField("objet", max_length=500, blank=True)
    transition = models.CharField(max_length=64, blank=True)
    etat_avant = models.CharField("de", max_length=64, blank=True)
    etat_apres = models.CharField("vers", max_length=64, blank=True)
    commentaire = models.TextField(blank=True)
    donnees = models.JSONField(default=dict, blank=True)
    adresse_ip = models.GenericIPAddressField(null=True, blank=True)
    empreinte_precedente = models.CharField(max_length=64)
    empreinte = models.CharField(max_length=64, unique=True)

    objects = EvenementQuerySet.as_manager()

    class Meta:
        verbose_name = "événement du journal"
        verbose_name_plural = "journal d'audit"
        ordering = ["-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "horodatage"])]

    def __str__(self) -> str:
        return (
            f"{self.horodatage:%Y-%m-%d %H:%M:%S} {self.get_action_display()} {self.objet_libelle}"
        )

    def contenu_canonique(self) -> str:
        """The fields covered by the hash, serialised in a stable way."""
        return json.dumps(
            {
                "horodatage": self.horodatage.isoformat(),
                "action": self.action,
                "acteur_id": self.acteur_id,
                "acteur": self.acteur_libelle,
                "content_type": self.content_type_id,
                "object_id": self.object_id,
                "objet": self.objet_libelle,
                "transition": self.transition,
                "de": self.etat_avant,
                "vers": self.etat_apres,
                "commentaire": self.commentaire,
                "donnees": self.donnees,
                "ip": self.adresse_ip,
                "precedente": self.empreinte_precedente,
            },
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )

    def calculer_empreinte(self) -> str:
        return hashlib.sha256(self.contenu_canonique().encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Un événement du journal ne peut pas être modifié.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Un événement du journal ne peut pas être supprimé.")


class TeteDeChaine(models.Model):
    """One row, locked while an entry is appended, so that the chain never forks."""

    derniere_empreinte = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "tête de chaîne"

    def __str__(self) -> str:
        return self.derniere_empreinte
