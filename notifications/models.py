# SPDX-License-Identifier: EUPL-1.2
"""The outbox: every message is a row written in the same transaction as its cause.

A Celery task sends pending rows after commit; a periodic sweep picks up whatever was left
pending (broker or mail server down). The natural key ``cle`` makes reminders idempotent.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class MessageQuerySet(models.QuerySet):
    def a_envoyer(self, maintenant=None):
        maintenant = maintenant or timezone.now()
        return self.filter(etat=Message.Etat.EN_ATTENTE, prevu_le__lte=maintenant)

    def non_lus_de(self, user):
        return self.filter(destinataire=user, lu_le__isnull=True)


class Message(models.Model):
    class Etat(models.TextChoices):
        EN_ATTENTE = "en_attente", "En attente"
        ENVOYE = "envoye", "Envoyé"
        ECHEC = "echec", "Échec"

    destinataire = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages_recus",
    )
    adresse = models.EmailField("adresse", blank=True)
    gabarit = models.CharField(max_length=64)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    objet = GenericForeignKey("content_type", "object_id")
    cle = models.CharField(
        "clé d'unicité",
        max_length=255,
        null=True,
        blank=True,
        unique=True,
        help_text="Type, objet, destinataire et échéance : un rappel n'est jamais envoyé deux fois.",
    )
    sujet = models.CharField(max_length=255)
    corps_texte = models.TextField()
    corps_html = models.TextField(blank=True)
    etat = models.CharField(max_length=12, choices=Etat.choices, default=Etat.EN_ATTENTE)
    obligatoire = models.BooleanField(default=True)
    essais = models.PositiveSmallIntegerField(default=0)
    erreur = models.TextField(blank=True)
    cree_le = models.DateTimeField(default=timezone.now)
    prevu_le = models.DateTimeField(default=timezone.now, db_index=True)
    envoye_le = models.DateTimeField(null=True, blank=True)
    lu_le = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-cree_le"]
        indexes = [
            models.Index(fields=["etat", "prevu_le"]),
            models.Index(fields=["destinataire", "lu_le"]),
        ]

    def __str__(self) -> str:
        return f"{self.sujet} → {self.adresse or self.destinataire}"
