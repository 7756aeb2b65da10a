# SPDX-License-Identifier: EUPL-1.2
"""Committee factories: political groups, mandates, sessions with convened members, scores."""

import datetime as dt

import factory
from django.utils import timezone

from comite import seances
from comite.models import (
    Convocation,
    DeclarationInteret,
    GroupePolitique,
    MandatMembre,
    SessionExamen,
    Siege,
)
from tests.candidatures.factories import CandidatureFactory, a_l_etat
from tests.factories import UserFactory, territoire
from tests.tracks.factories import ParcoursFactory, completer
from tracks.criteres import Critere


class GroupePolitiqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupePolitique

    nom = factory.Sequence(lambda n: f"Groupe politique n° {n}")
    debut = dt.date(2020, 7, 1)


class MandatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MandatMembre

    membre = factory.SubFactory(UserFactory, membre_comite=True)
    siege = Siege.GROUPE
    groupe = factory.SubFactory(GroupePolitiqueFactory)
    debut = dt.date(2020, 7, 1)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionExamen

    date = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    lieu = "Siège de la Métropole du Grand Paris, 15-19 avenue Pierre Mendès-France, Paris 13e"


def parcours_en_instruction(**kwargs):
    """A track with its full grid (weights 1, 2, 1, 2, 1, 2), applications closed."""
    parcours = ParcoursFactory(**kwargs)
    completer(parcours)
    return a_l_etat(parcours, "instruction")


def candidature_admissible(parcours, code: str):
    return CandidatureFactory(parcours=parcours, territoire=territoire(code), etat="admissible")


def convoquer(session, *membres, present: bool = True, confirmees: bool = True):
    for membre in membres:
        Convocation.objects.create(
            session=session,
            membre=membre,
            mandat=MandatFactory(membre=membre),
            present=present,
            declarations_confirmees_le=timezone.now() if confirmees else None,
        )
    return session


def declarer(membre, code: str, nature=DeclarationInteret.Nature.COMMUNE):
    return DeclarationInteret.objects.create(
        membre=membre, territoire=territoire(code), nature=nature
    )


def noter(point, membre, notes: dict | int, *, soumettre: bool = True):
    """Score every criterion (an int gives the same score everywhere); comments included."""
    if isinstance(notes, int):
        notes = {c.value: notes for c in Critere}
    saisies = {
        c: seances.Saisie(note=n, commentaire="Justifié en séance.") for c, n in notes.items()
    }
    return seances.enregistrer_notation(
        point=point, membre=membre, saisies=saisies, soumettre=soumettre
    )


def ouverte(session):
    """Put a session directly in the open state (set-up only: real code uses ouvrir_session)."""
    SessionExamen.objects.filter(pk=session.pk).update(etat=SessionExamen.Etat.OUVERTE)
    return SessionExamen.objects.get(pk=session.pk)


def octets_pdf(titre: str = "Délibération du Bureau métropolitain") -> bytes:
    """A real one-page PDF (pypdf reads it, so core.uploads accepts it)."""
    import io

    from pypdf import PdfWriter

    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    ecrivain.add_metadata({"/Title": titre})
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()
