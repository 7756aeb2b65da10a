# SPDX-License-Identifier: EUPL-1.2
"""Tracks factories, with traits named after situations."""

import datetime as dt
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from tracks.criteres import Critere
from tracks.models import (
    Atelier,
    AvisExpert,
    CasUsage,
    DocumentParcours,
    MarchePublic,
    Parcours,
    PonderationCritere,
    PresenceLancement,
    Prestataire,
    ReunionLancement,
    SuggestionTheme,
)


def _pdf_minimal() -> bytes:
    """A one-page PDF that pypdf can read (core.uploads parses PDFs, not only their header)."""
    import io

    from pypdf import PdfWriter

    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


PDF_MINIMAL = _pdf_minimal()


def fichier_pdf(nom: str = "document.pdf") -> ContentFile:
    return ContentFile(PDF_MINIMAL, name=nom)


class ParcoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Parcours
        skip_postgeneration_save = True

    titre = factory.Sequence(lambda n: f"Rénovation énergétique des bâtiments publics n° {n}")
    slug = factory.Sequence(lambda n: f"renovation-energetique-{n}")
    theme = "Réduire la consommation d'énergie des écoles et des gymnases grâce à l'IA."
    problematiques = "Factures énergétiques en hausse, bâtiments anciens mal connus."
    date_limite = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=21))

    class Params:
        # Everything publication asks for: grid of six criteria and the three documents.
        pret_a_publier = factory.Trait(
            grille=factory.PostGeneration(lambda obj, create, extracted, **kw: completer(obj))
        )


def completer(parcours: Parcours) -> Parcours:
    """Give a draft track its full grid and its application documents."""
    for rang, critere in enumerate(Critere.values):
        PonderationCritere.objects.get_or_create(
            parcours=parcours, critere=critere, defaults={"poids": Decimal(1 + rang % 2)}
        )
    for nature in ("formulaire_candidature", "formulaire_engagement", "reglement"):
        if not parcours.documents.filter(nature=nature).exists():
            DocumentParcours.objects.create(
                parcours=parcours, nature=nature, fichier=fichier_pdf(f"{nature}.pdf")
            )
    return parcours


def a_l_etat(parcours: Parcours, etat: str) -> Parcours:
    """Put a track directly in a state (test set-up only: real code goes through appliquer)."""
    Parcours.objects.filter(pk=parcours.pk).update(etat=etat)
    return Parcours.objects.get(pk=parcours.pk)


def avec_lancement(parcours: Parcours, territoire) -> ReunionLancement:
    reunion = ReunionLancement.objects.create(
        parcours=parcours,
        date=timezone.now() - dt.timedelta(days=1),
        lieu="Hôtel de la Métropole, Paris 13e",
    )
    PresenceLancement.objects.create(
        reunion=reunion, territoire=territoire, participants="Claire Martin, cheffe de projet"
    )
    return reunion


def avec_ateliers(parcours: Parcours, *durees: str) -> list[Atelier]:
    debut = timezone.now() + dt.timedelta(days=7)
    return [
        Atelier.objects.create(
            parcours=parcours,
            titre=f"Atelier {rang + 1}",
            debut=debut + dt.timedelta(days=rang),
            duree_heures=Decimal(duree),
        )
        for rang, duree in enumerate(durees)
    ]


def avec_cas_usage_retenu(parcours: Parcours, expert) -> CasUsage:
    cas = CasUsage.objects.create(
        parcours=parcours,
        titre="Pilotage du chauffage des écoles",
        description="Prévoir l'occupation pour moduler le chauffage.",
        retenu=True,
    )
    AvisExpert.objects.create(
        parcours=parcours, expert=expert, avis="Cas d'usage frugal et mesurable."
    )
    return cas


def avec_marche(parcours: Parcours, *, prestataire: bool = True) -> MarchePublic:
    marche = MarchePublic.objects.create(
        parcours=parcours, reference="MGP-2026-042", objet="Solution de pilotage énergétique"
    )
    if prestataire:
        Prestataire.objects.create(
            marche=marche, raison_sociale="Énergie Futée SAS", siret="12345678900015"
        )
    return marche


class SuggestionThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuggestionTheme

    titre = "Réduire le bruit des chantiers"
    probleme = "Plaintes nombreuses des riverains."
    benefices_attendus = "Mieux planifier les interventions bruyantes."
