# SPDX-License-Identifier: EUPL-1.2
"""Demo data of the committee: groups (read from a data file: no group name in code),
mandates, a past session with scores and votes on the track under instruction, and an
upcoming session. Deterministic: same input, same scores."""

import csv
import datetime as dt
from pathlib import Path

from django.utils import timezone

from comite import seances
from comite.models import (
    Convocation,
    DeclarationInteret,
    GroupePolitique,
    MandatMembre,
    Programme,
    SessionExamen,
    Siege,
    Vote,
)
from territoires.models import Territoire
from tracks.criteres import Critere
from tracks.models import Parcours

FICHIER_GROUPES = Path(__file__).parent / "data" / "demo_groupes.csv"
DEBUT_MANDATURE = dt.date(2020, 7, 9)
LIEU = "Siège de la Métropole du Grand Paris, 15-19 avenue Pierre Mendès-France, 75013 Paris"


def creer(*, comptes: dict, maintenant: dt.datetime) -> str:
    """Create the committee's demo data (idempotent: nothing is created twice)."""
    if SessionExamen.objects.exists():
        return "déjà présentes"
    groupes = _groupes()
    mandats = _mandats(comptes, groupes)
    DeclarationInteret.objects.get_or_create(
        membre=comptes["membre_comite_3"],
        territoire=Territoire.objects.get(code="93048"),
        defaults={
            "nature": DeclarationInteret.Nature.COMMUNE,
            "precision": "Conseiller municipal de Montreuil.",
        },
    )
    passee = _seance_passee(comptes, mandats, maintenant)
    prochaine = _seance_a_venir(comptes, mandats, maintenant)
    return (
        f"{len(groupes)} groupes politiques, {len(mandats)} mandats, séance passée "
        f"({passee.points.count()} candidature(s), {passee.get_etat_display().lower()}), "
        f"séance à venir le {timezone.localtime(prochaine.date):%d/%m/%Y}"
    )


def _groupes() -> list[GroupePolitique]:
    with FICHIER_GROUPES.open(encoding="utf-8") as fichier:
        return [
            GroupePolitique.objects.get_or_create(
                nom=ligne["nom"],
                defaults={"sigle": ligne["sigle"], "debut": dt.date.fromisoformat(ligne["debut"])},
            )[0]
            for ligne in csv.DictReader(fichier)
        ]


def _mandats(comptes, groupes) -> dict:
    sieges = {
        "president_comite": (Siege.PRESIDENT, None),
        "membre_comite": (Siege.VP_NUMERIQUE, None),
        "membre_comite_2": (Siege.PRESIDENT_COMMISSION, None),
        "membre_comite_3": (Siege.GROUPE, groupes[0]),
    }
    mandats = {}
    for cle, (siege, groupe) in sieges.items():
        mandats[cle], _ = MandatMembre.objects.get_or_create(
            membre=comptes[cle], siege=siege, groupe=groupe, defaults={"debut": DEBUT_MANDATURE}
        )
    return mandats


def _convoquer(session, comptes, mandats, *, presents: bool, confirmees) -> None:
    for cle, mandat in mandats.items():
        Convocation.objects.get_or_create(
            session=session,
            membre=comptes[cle],
            defaults={
                "mandat": mandat,
                "present": presents,
                "declarations_confirmees_le": confirmees,
            },
        )


def _seance_passee(comptes, mandats, maintenant) -> SessionExamen:
    """Five days ago, on the track under instruction: scored, voted and closed."""
    session = SessionExamen.objects.create(
        date=maintenant - dt.timedelta(days=5), lieu=LIEU, president=comptes["president_comite"]
    )
    session.programmes.set(Programme.objects.filter(nom__startswith="ApproprIAtion"))
    session.parcours.set(Parcours.objects.filter(etat=Parcours.Etat.INSTRUCTION))
    _convoquer(
        session, comptes, mandats, presents=True, confirmees=maintenant - dt.timedelta(days=5)
    )
    seances.constituer_ordre_du_jour(session)
    if not session.points.exists():
        return session  # no admissible application in the demo: the session stays planned
    session = seances.ouvrir_session(session=session, par=comptes["agent_metropole"])
    membres = [comptes[cle] for cle in mandats]
    for rang, point in enumerate(session.points.select_related("candidature__parcours")):
        for numero, membre in enumerate(membres):
            if not membre.has_perm("comite.noter", point):
                continue  # conflict of interest: the member neither scores nor votes
            # Deterministic, believable scores: better applications first, members differ a bit.
            base = max(1, 4 - rang)
            saisies = {
                c.value: seances.Saisie(
                    note=min(5, max(1, base + (numero + i) % 3 - 1)),
                    commentaire="Réponse précise et étayée par des chiffres du territoire.",
                )
                for i, c in enumerate(Critere)
            }
            seances.enregistrer_notation(
                point=point, membre=membre, saisies=saisies, soumettre=True
            )
            choix = Vote.Choix.POUR if base >= 3 else Vote.Choix.CONTRE
            seances.voter(point=point, membre=membre, choix=choix)
        seances.clore_vote(point=point, par=comptes["president_comite"])
    return seances.clore_session(session=session, par=comptes["president_comite"])


def _seance_a_venir(comptes, mandats, maintenant) -> SessionExamen:
    """In six weeks, for the track currently open: its admissible applications will join."""
    session = SessionExamen.objects.create(
        date=(maintenant + dt.timedelta(days=42)).replace(
            hour=9, minute=30, second=0, microsecond=0
        ),
        lieu=LIEU,
        president=comptes["president_comite"],
    )
    session.programmes.set(Programme.objects.all())
    session.parcours.set(Parcours.objects.filter(etat=Parcours.Etat.PUBLIE))
    _convoquer(session, comptes, mandats, presents=False, confirmees=None)
    return session
