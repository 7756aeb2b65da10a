# SPDX-License-Identifier: EUPL-1.2
"""Candidatures factories: tracks open for applications and applications in any state."""

import datetime as dt

import factory
from django.utils import timezone

from candidatures.models import Candidature
from tests.factories import territoire
from tracks.models import Parcours


class ParcoursPublieFactory(factory.django.DjangoModelFactory):
    """A track published (open for applications); the state is set directly, for set-up only."""

    class Meta:
        model = Parcours
        skip_postgeneration_save = True

    titre = factory.Sequence(lambda n: f"Aires de livraison intelligentes n° {n}")
    slug = factory.Sequence(lambda n: f"aires-de-livraison-{n}")
    theme = "Mieux partager la voirie entre livraisons et circulation grâce à l'IA."
    date_limite = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=21))
    etat_force = factory.PostGeneration(
        lambda obj, create, extracted, **kw: a_l_etat(obj, extracted or Parcours.Etat.PUBLIE)
    )


def a_l_etat(objet, etat: str):
    """Put a track or an application directly in a state (protected FSM field: set-up only)."""
    type(objet).objects.filter(pk=objet.pk).update(etat=etat)
    objet.__dict__["etat"] = etat  # the protected descriptor refuses refresh_from_db
    return objet


class CandidatureFactory(factory.django.DjangoModelFactory):
    """An application; ``etat=`` puts it directly in that state (set-up only)."""

    class Meta:
        model = Candidature

    parcours = factory.SubFactory(ParcoursPublieFactory)
    territoire = factory.LazyFunction(lambda: territoire("94080"))  # Vincennes
    contexte = "Vincennes compte 50 000 habitants et de nombreuses livraisons en centre-ville."

    @classmethod
    def _create(cls, model_class, *args, etat=None, **kwargs):
        candidature = super()._create(model_class, *args, **kwargs)
        if etat and etat != Candidature.Etat.BROUILLON:
            a_l_etat(candidature, etat)
        return candidature


REPONSES = {
    "contexte": "Vincennes, 50 000 habitants, centre-ville dense et commerçant.",
    "ressources_humaines": "Deux agents de la direction du numérique, la police municipale.",
    "disponibilite": "Une demi-journée par semaine pendant l'expérimentation.",
    "perimetre": "Les aires de livraison de la rue de Fontenay et de l'avenue de Paris.",
    "moyens_materiels": "Capteurs existants, données de stationnement, accès à la voirie.",
    "motivation": "Réduire les livraisons en double file et la pollution.",
    "contact_nom": "Claire Martin",
    "contact_email": "agent@vincennes.fr",
    "contact_telephone": "01 43 98 65 00",
    "representant_nom": "Charlotte Libert-Albanel",
    "representant_qualite": "Maire",
    "engagement_deux_phases": True,
}


def completer(candidature, *, par=None):
    """Answer everything and attach a signed engagement form (a real PDF)."""
    import io

    from django.core.files.base import ContentFile
    from pypdf import PdfWriter

    from candidatures.models import PieceJointe
    from core.pdf import sha256

    Candidature.objects.filter(pk=candidature.pk).update(**REPONSES)
    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    contenu = tampon.getvalue()
    piece = PieceJointe(
        candidature=candidature,
        nature=PieceJointe.Nature.ENGAGEMENT,
        nom="engagement-signe.pdf",
        taille=len(contenu),
        sha256=sha256(contenu),
        type_contenu="application/pdf",
        ajoutee_par=par,
    )
    piece.fichier.save("engagement-signe.pdf", ContentFile(contenu), save=False)
    piece.save()
    return Candidature.objects.avec_relations().get(pk=candidature.pk)
