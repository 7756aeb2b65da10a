# SPDX-License-Identifier: EUPL-1.2
"""Query budgets (issue 10): a page's number of queries does not grow with the number of rows.

Each page is opened at two data sizes (3 rows, then 15 of everything it lists) and must make
the same number of queries both times, below a ceiling. The load tests themselves live in
bench/ and never run under pytest.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.journal import enregistrer
from audit.models import Evenement
from candidatures.models import Candidature, PieceJointe
from comite.models import PointOrdreDuJour
from core import cache_public
from notifications.models import Message
from territoires.models import Territoire
from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, a_l_etat
from tests.comite.factories import SessionFactory, convoquer
from tests.factories import agent_de, connecter

PETIT, GRAND = 3, 15
PLAFOND = 40  # no page needs more, whatever the data


class Donnees:
    """Grows the data of every app by ``n`` rows at a time, around one agent and one session."""

    def __init__(self, membre, staff):
        self.agent = agent_de("94080", representant_legal=True)
        self.vincennes = self.agent.adhesions.get().territoire
        self.membre = membre
        self.staff = staff
        self.session = SessionFactory()
        convoquer(self.session, membre)
        self.communes = list(
            Territoire.objects.filter(nature="commune").exclude(pk=self.vincennes.pk)[:40]
        )
        self.total = 0

    def grandir(self, jusqu_a: int) -> None:
        for i in range(self.total, jusqu_a):
            parcours = ParcoursPublieFactory()
            ouverte = CandidatureFactory(parcours=parcours, territoire=self.vincennes)
            PieceJointe.objects.create(
                candidature=ouverte,
                nature=PieceJointe.Nature.ENGAGEMENT,
                fichier="bench/placeholder.pdf",
                nom="engagement.pdf",
                taille=100,
                sha256="0" * 64,
                type_contenu="application/pdf",
                ajoutee_par=self.agent,
            )
            examen = ParcoursPublieFactory()
            a_l_etat(examen, "instruction")
            autre = CandidatureFactory(
                parcours=examen,
                territoire=self.communes[i],
                etat=Candidature.Etat.ADMISSIBLE,
                numero=f"AM-2026-{i + 1:05d}",
                deposee_le=timezone.now() - dt.timedelta(days=1),
                deposee_par=self.agent,
            )
            self.session.parcours.add(examen)
            PointOrdreDuJour.objects.create(session=self.session, candidature=autre, rang=i)
            Message.objects.create(
                destinataire=self.agent,
                adresse=self.agent.email,
                gabarit="budget",
                sujet=f"Message {i}",
                corps_texte="Texte",
                etat=Message.Etat.ENVOYE,
            )
            enregistrer(action=Evenement.Action.MODIFICATION, acteur=self.agent, objet=ouverte)
        self.total = jusqu_a

    def premiere_candidature(self) -> int:
        return Candidature.objects.filter(territoire=self.vincennes).order_by("pk").first().pk


def _requetes(client, url: str) -> int:
    cache_public.invalider()  # the page's own queries, not the anonymous visitors' cached copy
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(url)
    assert reponse.status_code == 200, f"{url} : {reponse.status_code}"
    return len(requetes)


PAGES = {
    # (who, url or a function of the data giving it)
    "accueil": (None, "/"),
    "catalogue public": (None, "/parcours/"),
    "page d'un parcours": (
        None,
        lambda d: f"/parcours/{Candidature.objects.first().parcours.slug}/",
    ),
    "données ouvertes": (None, "/suivi/donnees/"),
    "export parcours.csv": (None, "/suivi/donnees/parcours.csv"),
    "export candidatures.json": (None, "/suivi/donnees/candidatures.json"),
    "export agregats.csv": (None, "/suivi/donnees/agregats.csv"),
    "registre IA": (None, "/suivi/registre-ia/"),
    "carte d'équité": (None, "/suivi/equite-territoriale/"),
    "mes candidatures": ("agent", "/candidatures/"),
    "une candidature": ("agent", lambda d: f"/candidatures/{d.premiere_candidature()}/"),
    "pièces d'une candidature": (
        "agent",
        lambda d: f"/candidatures/{d.premiere_candidature()}/pieces/",
    ),
    "centre de notifications": ("agent", "/notifications/"),
    "mes conventions": ("agent", "/conventions/"),
    "admin : candidatures": ("staff", "/admin/candidatures/candidature/"),
    "admin : parcours": ("staff", "/admin/tracks/parcours/"),
    "admin : messages": ("staff", "/admin/notifications/message/"),
    "admin : journal": ("staff", "/admin/audit/evenement/"),
    "admin : conventions": ("staff", "/admin/conventions/convention/"),
    "admin : sessions": ("staff", "/admin/comite/sessionexamen/"),
    "tableau de bord": ("staff", "/tableau-de-bord/"),
    "pilotage du suivi": ("staff", "/suivi/pilotage/"),
    "notation : liste du membre": (
        "membre",
        lambda d: f"/admin/comite/sessionexamen/{d.session.pk}/notation/",
    ),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_it_keeps_the_number_of_queries_constant_when_rows_grow(
    page, client, membre_comite, agent_metropole
):
    qui, url = PAGES[page]
    donnees = Donnees(membre_comite, agent_metropole)
    if qui:
        connecter(client, getattr(donnees, qui))
    donnees.grandir(PETIT)
    adresse = url(donnees) if callable(url) else url
    petit = _requetes(client, adresse)
    donnees.grandir(GRAND)
    grand = _requetes(client, adresse)
    assert grand <= petit, f"{page} : {petit} requêtes pour {PETIT} lignes, {grand} pour {GRAND}"
    assert grand <= PLAFOND, f"{page} : {grand} requêtes"
