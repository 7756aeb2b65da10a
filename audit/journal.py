# SPDX-License-Identifier: EUPL-1.2
"""Writing to and checking the audit journal."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from audit.models import AdresseIP, Evenement, TeteDeChaine
from core.adresse_client import adresse_client
from core.logging import request_id_var

GENESE = "0" * 64

# DEMO ONLY (see :func:`horloge_demo`): the moment the demo's story says an entry happened.
_horloge_demo: ContextVar[dt.datetime | None] = ContextVar("horloge_demo", default=None)


@contextmanager
def horloge_demo(moment: dt.datetime) -> Iterator[None]:
    """Date the journal entries written inside the block at ``moment`` (demo data only).

    The demo builds a programme that started months ago; without this, every step of its
    timeline would read "atteinte aujourd'hui". Refused outside the demo settings (``DEBUG``
    or ``DEMO``, which production refuses): a real journal is only ever dated by the clock.
    The chain itself (hash and link of each entry) is written as usual.
    """
    if not (settings.DEBUG or getattr(settings, "DEMO", False)):
        raise RuntimeError("L'horloge de démonstration est réservée aux données de démonstration.")
    jeton = _horloge_demo.set(moment)
    try:
        yield
    finally:
        _horloge_demo.reset(jeton)


def _libelle_acteur(acteur) -> str:
    if acteur is None:
        return "système"
    return f"{acteur.get_full_name() or ''} <{acteur.email}>".strip()


@transaction.atomic
def enregistrer(
    *,
    action: str,
    acteur=None,
    objet: models.Model | None = None,
    transition: str = "",
    etat_avant: str = "",
    etat_apres: str = "",
    commentaire: str = "",
    donnees: dict | None = None,
    adresse_ip: str | None = None,
) -> Evenement:
    """Append one entry to the chained journal, inside the caller's transaction.

    ``adresse_ip`` is stored beside the entry, outside the hash, so that it can be purged
    after its retention period (see :class:`audit.models.AdresseIP`).
    """
    tete, _ = TeteDeChaine.objects.select_for_update().get_or_create(pk=1)
    evenement = Evenement(
        horodatage=_horloge_demo.get() or timezone.now(),
        action=action,
        acteur=acteur if acteur is not None and acteur.pk else None,
        acteur_libelle=_libelle_acteur(acteur),
        content_type=ContentType.objects.get_for_model(objet) if objet is not None else None,
        object_id=str(objet.pk) if objet is not None else "",
        objet_libelle=str(objet)[:500] if objet is not None else "",
        transition=transition,
        etat_avant=etat_avant,
        etat_apres=etat_apres,
        commentaire=commentaire,
        donnees={**(donnees or {}), "request_id": request_id_var.get()},
        empreinte_precedente=tete.derniere_empreinte,
    )
    evenement.empreinte = evenement.calculer_empreinte()
    evenement.save()
    if adresse_ip:
        AdresseIP.objects.create(evenement=evenement, adresse=adresse_ip)
    tete.derniere_empreinte = evenement.empreinte
    tete.save(update_fields=["derniere_empreinte"])
    return evenement


@dataclass
class Anomalie:
    evenement_id: int
    raison: str


def verifier_chaine(*, taille_lot: int = 2000) -> list[Anomalie]:
    """Recompute every hash in order; return the entries whose content or link was altered."""
    anomalies: list[Anomalie] = []
    precedente = GENESE
    dernier_id = 0
    while True:
        lot = list(Evenement.objects.filter(pk__gt=dernier_id).order_by("pk")[:taille_lot])
        if not lot:
            break
        for evenement in lot:
            if evenement.empreinte_precedente != precedente:
                anomalies.append(
                    Anomalie(evenement.pk, "le lien avec l'entrée précédente est rompu")
                )
            if evenement.calculer_empreinte() != evenement.empreinte:
                anomalies.append(
                    Anomalie(evenement.pk, "le contenu ne correspond plus à l'empreinte")
                )
            precedente = evenement.empreinte
            dernier_id = evenement.pk
    tete = TeteDeChaine.objects.filter(pk=1).first()
    if tete and tete.derniere_empreinte != precedente:
        anomalies.append(Anomalie(dernier_id, "la dernière entrée a été supprimée ou remplacée"))
    return anomalies


def adresse_ip(request) -> str | None:
    """The client's address, the real one behind a trusted proxy (core.adresse_client)."""
    return adresse_client(request)
