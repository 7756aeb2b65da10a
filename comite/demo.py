# SPDX-License-Identifier: EUPL-1.2
"""Demo data of the committee: groups (read from a data file: no group name in code),
mandates, the closed sessions that chose the laureates of the tracks already decided, a past
session with scores and votes on the track under instruction, a session OPEN today where the
demo member has still to score and vote, and an upcoming session. Deterministic: same input,
same scores."""

import csv
import datetime as dt
from pathlib import Path

from django.utils import timezone

from audit.journal import horloge_demo
from comite import seances
from comite.models import (
    Convocation,
    DeclarationInteret,
    GroupePolitique,
    MandatMembre,
    Notation,
    NoteCritere,
    PointOrdreDuJour,
    Programme,
    SessionExamen,
    Siege,
    Vote,
    territoires_en_conflit,
)
from comite.proces_verbal import produire_proces_verbal
from core.workflow import appliquer
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
    historiques = _seances_historiques(comptes, mandats)
    passee = _seance_passee(comptes, mandats, maintenant)
    ouverte = _seance_ouverte(comptes, mandats, maintenant)
    prochaine = _seance_a_venir(comptes, mandats, maintenant)
    return (
        f"{len(groupes)} groupes politiques, {len(mandats)} mandats, {historiques} séance(s) "
        f"des parcours décidés, séance passée ({passee.points.count()} candidature(s), "
        f"{passee.get_etat_display().lower()}), séance ouverte aujourd'hui "
        f"({ouverte.points.count() if ouverte else 0} candidature(s) à noter), "
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
    with horloge_demo(session.date):
        session = seances.ouvrir_session(session=session, par=comptes["agent_metropole"])
        membres = [comptes[cle] for cle in mandats]
        for rang, point in enumerate(session.points.select_related("candidature__parcours")):
            for numero, membre in enumerate(membres):
                if not membre.has_perm("comite.noter", point):
                    continue  # conflict of interest: the member neither scores nor votes
                seances.enregistrer_notation(
                    point=point, membre=membre, saisies=_saisies(rang, numero), soumettre=True
                )
                choix = Vote.Choix.POUR if _base(rang) >= 3 else Vote.Choix.CONTRE
                seances.voter(point=point, membre=membre, choix=choix)
            seances.clore_vote(point=point, par=comptes["president_comite"])
        return seances.clore_session(session=session, par=comptes["president_comite"])


def _base(rang: int) -> int:
    return max(1, 4 - rang)


def _saisies(rang: int, numero: int) -> dict:
    """Deterministic, believable scores: better applications first, members differ a bit."""
    return {
        c.value: seances.Saisie(
            note=min(5, max(1, _base(rang) + (numero + i) % 3 - 1)),
            commentaire="Réponse précise et étayée par des chiffres du territoire.",
        )
        for i, c in enumerate(Critere)
    }


def _seances_historiques(comptes, mandats) -> int:
    """The closed sessions that examined the laureates of the tracks already decided.

    DÉMO: those applications were selected before this demo's history (candidatures demo), so
    their sitting is recorded as it ended (scores, unanimous votes, minutes) by direct
    creation, three weeks after each track's deadline; the public results and the applicants'
    score cards then show the committee's means.
    """
    from candidatures.models import Candidature

    nombre = 0
    decides = Parcours.objects.filter(
        etat__in=[e for e, rang in Parcours.RANG_ETAPE.items() if rang >= 3]
    ).order_by("date_limite")
    membres = [comptes[cle] for cle in mandats]
    for parcours in decides:
        laureats = list(
            Candidature.objects.filter(
                parcours=parcours, etat=Candidature.Etat.SELECTIONNEE
            ).order_by("territoire__nom_tri")
        )
        if not laureats or parcours.date_limite is None:
            continue
        date = (parcours.date_limite + dt.timedelta(days=21)).replace(hour=9, minute=30)
        session = SessionExamen.objects.create(
            date=date,
            lieu=LIEU,
            president=comptes["president_comite"],
            etat=SessionExamen.Etat.CLOSE,
            ouverte_le=date,
            close_le=date + dt.timedelta(hours=3),
        )
        session.programmes.set(Programme.objects.filter(nom__startswith="ApproprIAtion"))
        session.parcours.set([parcours])
        _convoquer(session, comptes, mandats, presents=True, confirmees=date)
        for rang, candidature in enumerate(laureats):
            point = PointOrdreDuJour.objects.create(
                session=session,
                candidature=candidature,
                rang=rang + 1,
                vote_clos_le=date + dt.timedelta(hours=2),
                resultat=PointOrdreDuJour.Resultat.PROPOSEE,
            )
            for numero, membre in enumerate(membres):
                if candidature.territoire_id in territoires_en_conflit(membre):
                    continue  # conflict of interest: the member neither scored nor voted
                notation = Notation.objects.create(
                    session=session, candidature=candidature, membre=membre, soumise_le=date
                )
                NoteCritere.objects.bulk_create(
                    NoteCritere(
                        notation=notation,
                        critere=critere,
                        note=saisie.note,
                        commentaire=saisie.commentaire,
                    )
                    for critere, saisie in _saisies(rang, numero).items()
                )
                Vote.objects.create(
                    point=point, membre=membre, choix=Vote.Choix.POUR, modifie_le=date
                )
        session.enregistrer_proces_verbal(produire_proces_verbal(session))
        session.save(update_fields=["proces_verbal", "proces_verbal_sha256"])
        nombre += 1
    return nombre


def _seance_ouverte(comptes, mandats, maintenant) -> SessionExamen | None:
    """Today, on the applications declared admissible after the past sitting: open, the other
    members have scored them; the demo member (Louis Garnier) has still to score and vote."""
    from candidatures.models import Candidature

    instruction = Parcours.objects.filter(etat=Parcours.Etat.INSTRUCTION)
    a_declarer = Candidature.objects.filter(
        parcours__in=instruction, etat=Candidature.Etat.DEPOSEE
    ).order_by("territoire__nom_tri")
    with horloge_demo(maintenant - dt.timedelta(days=2)):
        for candidature in a_declarer:
            appliquer(
                candidature,
                "declarer_admissible",
                par=comptes["agent_metropole"],
                commentaire="Dossier complet.",
            )
    if not Candidature.objects.filter(
        parcours__in=instruction, etat=Candidature.Etat.ADMISSIBLE
    ).exists():
        return None  # nothing left to examine: no open session
    date = maintenant.replace(hour=9, minute=30)
    session = SessionExamen.objects.create(
        date=date, lieu=LIEU, president=comptes["president_comite"]
    )
    session.programmes.set(Programme.objects.filter(nom__startswith="ApproprIAtion"))
    session.parcours.set(instruction)
    _convoquer(session, comptes, mandats, presents=True, confirmees=date)
    seances.constituer_ordre_du_jour(session)
    if not session.points.exists():
        return None
    with horloge_demo(date):
        session = seances.ouvrir_session(session=session, par=comptes["agent_metropole"])
    autres = [comptes[cle] for cle in mandats if cle != "membre_comite"]
    for rang, point in enumerate(session.points.select_related("candidature__parcours")):
        for numero, membre in enumerate(autres):
            if membre.has_perm("comite.noter", point):
                seances.enregistrer_notation(
                    point=point, membre=membre, saisies=_saisies(rang, numero), soumettre=True
                )
    return session


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


def a_essayer() -> dict[str, str]:
    """One thing to try per committee persona, read from the demo data (``comptes_demo``)."""
    from django.urls import reverse

    session = SessionExamen.objects.filter(etat=SessionExamen.Etat.OUVERTE).first()
    if session is None:
        return {}
    point = session.points.select_related("candidature__territoire").order_by("rang").first()
    jour = f"{timezone.localtime(session.date):%d/%m/%Y}"
    url = reverse("admin:comite_liste_notation", args=[session.pk])
    nom = point.candidature.territoire.nom if point else "une candidature"
    return {
        "membre_comite": (
            f"Espace Métropole et comité → Séances → Notation et votes de la séance du {jour} "
            f"({url}) : notez la candidature de {nom}, comparez vos notes à celles des autres "
            "membres, puis votez."
        ),
        "president_comite": (
            f"Séance ouverte du {jour} ({url}) : suivez les notes, puis, une fois que chacun "
            "a voté, clôturez le vote sur chaque candidature."
        ),
        "membre_comite_2": (
            f"Séance du {jour} ({url}) : votre notation est soumise ; relisez les notes des "
            f"autres membres sur {nom} et révisez la vôtre après la discussion."
        ),
        "membre_comite_3": (
            "Séances → la séance passée : vous avez déclaré un intérêt à Montreuil ; vous "
            "n'avez ni noté ni voté sa candidature, et le procès-verbal le dit."
        ),
    }
