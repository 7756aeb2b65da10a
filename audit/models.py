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
    # Legacy column, always empty since IP addresses moved to AdresseIP (outside the hash) so
    # that they can be purged after a year without breaking the chain. Kept so that entries
    # written before still verify.
    adresse_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
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

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Un événement du journal ne peut pas être modifié.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Un événement du journal ne peut pas être supprimé.")

    @property
    def libelle_etat_avant(self) -> str:
        return self._libelle_etat(self.etat_avant)

    @property
    def libelle_etat_apres(self) -> str:
        return self._libelle_etat(self.etat_apres)

    def _libelle_etat(self, code: str) -> str:
        """The French label of a state code, read from the object's model choices.

        The journal keeps the codes (they are evidence and never change); every history shown
        to a person shows the label. ``get_for_id`` is cached: no query per row.
        """
        if not code or not self.content_type_id:
            return code
        modele = ContentType.objects.get_for_id(self.content_type_id).model_class()
        for champ in modele._meta.concrete_fields if modele else ():
            if champ.name in ("etat", "statut") and champ.choices:
                return dict(champ.flatchoices).get(code, code)
        return code

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

    @property
    def ip(self) -> str | None:
        """The client address, while it is kept (see :class:`AdresseIP`)."""
        try:
            return self.adresse.adresse
        except AdresseIP.DoesNotExist:
            return self.adresse_ip


class TeteDeChaine(models.Model):
    """One row, locked while an entry is appended, so that the chain never forks."""

    derniere_empreinte = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "tête de chaîne"

    def __str__(self) -> str:
        return self.derniere_empreinte


class AdresseIP(models.Model):
    """The client address of an entry, kept apart from the hashed content.

    Why: the journal is immutable and its entries are kept as archives, whereas an IP address
    is personal data needed only to investigate incidents (CNIL: about one year). Stored here,
    it is deleted by the retention task after ``RETENTION_ADRESSES_IP_JOURS`` without touching
    the chain.
    """

    evenement = models.OneToOneField(
        Evenement, on_delete=models.CASCADE, primary_key=True, related_name="adresse"
    )
    adresse = models.GenericIPAddressField()

    class Meta:
        verbose_name = "adresse IP d'un événement"
        verbose_name_plural = "adresses IP des événements"

    def __str__(self) -> str:
        return self.adresse


class EmpreinteJournaliere(models.Model):
    """The last hash of each day (Europe/Paris), published so that anyone can keep a copy.

    Once a copy of a day's digest is held outside the Métropole, rewriting any earlier entry
    (and recomputing the chain) would produce a different hash for that day: the published
    list makes a rewrite detectable by third parties.
    """

    jour = models.DateField(unique=True)
    empreinte = models.CharField(max_length=64)
    dernier_evenement = models.ForeignKey(Evenement, on_delete=models.PROTECT, related_name="+")
    nombre_evenements = models.PositiveIntegerField("événements du jour")
    calculee_le = models.DateTimeField()

    class Meta:
        verbose_name = "empreinte journalière"
        verbose_name_plural = "empreintes journalières"
        ordering = ["-jour"]

    def __str__(self) -> str:
        return f"{self.jour:%Y-%m-%d} {self.empreinte}"
