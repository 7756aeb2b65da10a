# SPDX-License-Identifier: EUPL-1.2
"""Operations of a committee session that span several models, one atomic function each.

Every score, vote and legal act writes its audit entry (action NOTATION or TRANSITION) in the
same transaction. Refusals raise :class:`Refus` with French reasons and change nothing.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.journal import enregistrer
from audit.models import Evenement
from comite import agregats
from comite.models import (
    ETAT_ADMISSIBLE,
    ETAT_EN_EXAMEN,
    Convocation,
    Notation,
    NoteCritere,
    PointOrdreDuJour,
    SessionExamen,
    Vote,
    territoires_en_conflit,
)
from core.workflow import TransitionRefusee, appliquer
from tracks.criteres import Critere


class Refus(Exception):
    """An action refused; ``raisons`` are the French explanations shown to the user."""

    def __init__(self, raisons: list[str]):
        self.raisons = raisons
        super().__init__(" ".join(raisons))


# Agenda --------------------------------------------------------------------------------------


def candidatures_a_examiner(session: SessionExamen):
    """The admissible applications of the tracks the session examines."""
    from candidatures.models import Candidature

    return Candidature.objects.filter(
        parcours__in=session.parcours.all(), etat__in=[ETAT_ADMISSIBLE, ETAT_EN_EXAMEN]
    ).order_by("parcours_id", "territoire__nom_tri")


@transaction.atomic
def constituer_ordre_du_jour(session: SessionExamen) -> int:
    """Put every admissible application of the session's tracks on its agenda (idempotent)."""
    deja = set(session.points.values_list("candidature_id", flat=True))
    nouveaux = [
        PointOrdreDuJour(session=session, candidature=c, rang=rang)
        for rang, c in enumerate(candidatures_a_examiner(session), start=1)
        if c.pk not in deja
    ]
    PointOrdreDuJour.objects.bulk_create(nouveaux)
    return len(nouveaux)


@transaction.atomic
def confirmer_declarations(*, session: SessionExamen, membre) -> None:
    """The member confirms their declarations of interest are complete for this session."""
    convocation = Convocation.objects.select_for_update().get(session=session, membre=membre)
    convocation.declarations_confirmees_le = timezone.now()
    convocation.save(update_fields=["declarations_confirmees_le"])
    enregistrer(
        action=Evenement.Action.MODIFICATION,
        acteur=membre,
        objet=convocation,
        commentaire="Déclarations d'intérêts confirmées pour la séance",
        donnees={"territoires_en_conflit": sorted(territoires_en_conflit(membre))},
    )


@transaction.atomic
def ouvrir_session(*, session: SessionExamen, par) -> SessionExamen:
    """Open the sitting: the agenda is fixed and its applications go under examination."""
    try:
        session = appliquer(session, "ouvrir", par=par, etat_attendu=SessionExamen.Etat.PLANIFIEE)
    except TransitionRefusee as refus:
        raise Refus(refus.raisons) from refus
    constituer_ordre_du_jour(session)
    for point in session.points.select_related("candidature"):
        if point.candidature.etat == ETAT_ADMISSIBLE:
            _transition_candidature(point.candidature, "mettre_en_examen", par=par)
    return session


def _transition_candidature(candidature, nom: str, *, par, commentaire: str = "") -> None:
    try:
        appliquer(candidature, nom, par=par, commentaire=commentaire)
    except TransitionRefusee as refus:
        raise Refus([f"{candidature} : {raison}" for raison in refus.raisons]) from refus


# Scores --------------------------------------------------------------------------------------


@dataclass
class Saisie:
    """What a member typed for one criterion."""

    note: int | None
    commentaire: str = ""


def verifier_saisies(point: PointOrdreDuJour, saisies: dict[str, Saisie], *, complete: bool):
    """French reasons why these scores cannot be saved (``complete``: every criterion needed)."""
    parcours = point.candidature.parcours
    bas, haut = parcours.echelle_min, parcours.echelle_max
    raisons = []
    for critere in Critere:
        saisie = saisies.get(critere.value)
        if saisie is None or saisie.note is None:
            if complete:
                raisons.append(f"« {critere.label} » : la note est obligatoire pour soumettre.")
            continue
        if not bas <= saisie.note <= haut:
            raisons.append(
                f"« {critere.label} » : la note doit être comprise entre {bas} et {haut}."
            )
        elif saisie.note in (bas, haut) and not saisie.commentaire.strip():
            raisons.append(
                f"« {critere.label} » : un commentaire est obligatoire pour la note "
                f"{'la plus basse' if saisie.note == bas else 'la plus haute'} ({saisie.note})."
            )
    return raisons


@transaction.atomic
def enregistrer_notation(
    *, point: PointOrdreDuJour, membre, saisies: dict[str, Saisie], soumettre: bool
) -> Notation:
    """Save a member's independent scores as a draft, or submit them (then they are final)."""
    notation, _ = Notation.objects.select_for_update().get_or_create(
        session=point.session, candidature=point.candidature, membre=membre
    )
    if notation.soumise:
        raise Refus(
            ["Votre notation est déjà soumise : vous pouvez seulement la réviser en séance."]
        )
    raisons = verifier_saisies(point, saisies, complete=soumettre)
    if raisons:
        raise Refus(raisons)
    for critere, saisie in saisies.items():
        NoteCritere.objects.update_or_create(
            notation=notation,
            critere=critere,
            defaults={"note": saisie.note, "commentaire": saisie.commentaire.strip()},
        )
    if soumettre:
        notation.soumise_le = timezone.now()
    notation.save()
    enregistrer(
        action=Evenement.Action.NOTATION,
        acteur=membre,
        objet=notation,
        commentaire="Notation soumise" if soumettre else "Brouillon de notation enregistré",
        donnees={c: s.note for c, s in saisies.items()},
    )
    return notation


@transaction.atomic
def reviser_notation(*, point: PointOrdreDuJour, membre, saisies: dict[str, Saisie]) -> Notation:
    """After discussion in session, revise scores; the independent ones are kept beside them."""
    if point.session.etat != SessionExamen.Etat.OUVERTE:
        raise Refus(["Une note ne peut être révisée qu'en séance, après la discussion."])
    notation = (
        Notation.objects.select_for_update()
        .filter(session=point.session, candidature=point.candidature, membre=membre)
        .first()
    )
    if notation is None or not notation.soumise:
        raise Refus(["Soumettez d'abord votre notation indépendante."])
    raisons = verifier_saisies(point, saisies, complete=False)
    if raisons:
        raise Refus(raisons)
    for critere, saisie in saisies.items():
        if saisie.note is None:
            continue
        NoteCritere.objects.filter(notation=notation, critere=critere).update(
            note_revisee=saisie.note, commentaire_revision=saisie.commentaire.strip()
        )
    notation.revisee_le = timezone.now()
    notation.save()
    enregistrer(
        action=Evenement.Action.NOTATION,
        acteur=membre,
        objet=notation,
        commentaire="Notation révisée après discussion",
        donnees={c: s.note for c, s in saisies.items() if s.note is not None},
    )
    return notation


# Votes ---------------------------------------------------------------------------------------


@transaction.atomic
def voter(*, point: PointOrdreDuJour, membre, choix: str) -> Vote:
    """Record or change a member's vote; a second vote updates the first, never duplicates."""
    point = PointOrdreDuJour.objects.select_for_update().get(pk=point.pk)
    if point.vote_clos:
        raise Refus(["Le vote sur cette candidature est clos : il ne peut plus être modifié."])
    if choix not in Vote.Choix.values:
        raise Refus(["Choisissez pour, contre ou abstention."])
    vote, cree = Vote.objects.update_or_create(
        point=point, membre=membre, defaults={"choix": choix, "modifie_le": timezone.now()}
    )
    enregistrer(
        action=Evenement.Action.NOTATION,
        acteur=membre,
        objet=vote,
        commentaire="Vote exprimé" if cree else "Vote modifié",
        donnees={"point": point.pk, "choix": choix},
    )
    return vote


@dataclass(frozen=True)
class Decompte:
    pour: int
    contre: int
    abstention: int
    resultat: str
    voix_preponderante: bool


def decompter(choix: list[str], choix_presidence: str | None) -> Decompte:
    """Majority of votes cast (abstentions are not cast); on a tie the chair's vote decides.

    A tie where the chair abstained, or with no vote cast, gives no majority for proposing:
    the application is not proposed.
    """
    pour, contre = choix.count(Vote.Choix.POUR), choix.count(Vote.Choix.CONTRE)
    abstention = choix.count(Vote.Choix.ABSTENTION)
    preponderante = False
    if pour > contre:
        resultat = PointOrdreDuJour.Resultat.PROPOSEE
    elif contre > pour:
        resultat = PointOrdreDuJour.Resultat.NON_PROPOSEE
    elif pour and choix_presidence in (Vote.Choix.POUR, Vote.Choix.CONTRE):
        preponderante = True
        resultat = (
            PointOrdreDuJour.Resultat.PROPOSEE
            if choix_presidence == Vote.Choix.POUR
            else PointOrdreDuJour.Resultat.NON_PROPOSEE
        )
    else:
        resultat = PointOrdreDuJour.Resultat.NON_PROPOSEE
    return Decompte(pour, contre, abstention, resultat, preponderante)


@transaction.atomic
def clore_vote(*, point: PointOrdreDuJour, par) -> PointOrdreDuJour:
    """The chair (or substitute) closes the vote on one application: the result is final."""
    point = PointOrdreDuJour.objects.select_for_update().select_related("session").get(pk=point.pk)
    if point.vote_clos:
        raise Refus(["Le vote sur cette candidature est déjà clos."])
    votes = dict(point.votes.values_list("membre_id", "choix"))
    if not votes:
        raise Refus(["Aucun vote n'a été exprimé sur cette candidature."])
    presidence = point.presidence()
    decompte = decompter(list(votes.values()), votes.get(presidence.pk if presidence else None))
    point.resultat = decompte.resultat
    point.voix_preponderante = decompte.voix_preponderante
    point.vote_clos_le = timezone.now()
    point.save(update_fields=["resultat", "voix_preponderante", "vote_clos_le"])
    enregistrer(
        action=Evenement.Action.NOTATION,
        acteur=par,
        objet=point,
        commentaire="Vote clos : "
        + point.get_resultat_display()
        + (" (voix prépondérante de la présidence)" if decompte.voix_preponderante else ""),
        donnees={
            "pour": decompte.pour,
            "contre": decompte.contre,
            "abstention": decompte.abstention,
        },
    )
    return point


# Closing -------------------------------------------------------------------------------------


def notes_manquantes(session: SessionExamen) -> list[str]:
    """Present, non-conflicted members who have not submitted their scores, per application."""
    presents = list(
        session.convocations.filter(present=True).select_related("membre").order_by("membre_id")
    )
    conflits = {c.membre_id: territoires_en_conflit(c.membre) for c in presents}
    soumises = set(session.notations.soumises().values_list("candidature_id", "membre_id"))
    manquantes = []
    for point in session.points.select_related("candidature__territoire"):
        for convocation in presents:
            if point.candidature.territoire_id in conflits[convocation.membre_id]:
                continue
            if (point.candidature_id, convocation.membre_id) not in soumises:
                manquantes.append(
                    f"{convocation.membre} n'a pas soumis sa notation de {point.candidature}."
                )
    return manquantes


@transaction.atomic
def clore_session(*, session: SessionExamen, par, motif_forcage: str = "") -> SessionExamen:
    """Close the sitting: proposals are applied to the applications and the minutes produced.

    Missing scores refuse the closing unless the chair forces it with a written reason,
    recorded in the session, the journal and the minutes.
    """
    raisons = []
    if session.points.filter(vote_clos_le__isnull=True).exists():
        raisons.append("Le vote n'est pas clos sur toutes les candidatures de l'ordre du jour.")
    manquantes = notes_manquantes(session)
    if manquantes and not motif_forcage.strip():
        raisons.extend(manquantes)
        raisons.append("Pour clore malgré tout, indiquez le motif du forçage.")
    if raisons:
        raise Refus(raisons)
    try:
        session = appliquer(
            session,
            "clore",
            par=par,
            etat_attendu=SessionExamen.Etat.OUVERTE,
            commentaire=motif_forcage.strip(),
            motif_forcage=motif_forcage.strip() if manquantes else "",
        )
    except TransitionRefusee as refus:
        raise Refus(refus.raisons) from refus
    for point in session.points.select_related("candidature"):
        nom = (
            "proposer"
            if point.resultat == PointOrdreDuJour.Resultat.PROPOSEE
            else "ne_pas_proposer"
        )
        _transition_candidature(
            point.candidature, nom, par=par, commentaire=f"Vote du comité, {session}"
        )
    from comite.proces_verbal import produire_proces_verbal

    session.enregistrer_proces_verbal(produire_proces_verbal(session))
    session.save(update_fields=["proces_verbal", "proces_verbal_sha256"])
    return session


# Reading the scores --------------------------------------------------------------------------


def notes_de_session(session: SessionExamen, *, revisees: bool = True) -> dict:
    """``{point: {membre_id: {critere: note}}}`` of the submitted sheets (for :mod:`agregats`)."""
    notes: dict = {}
    points = {p.candidature_id: p for p in session.points.all()}
    lignes = NoteCritere.objects.filter(
        notation__session=session, notation__soumise_le__isnull=False
    ).values_list(
        "notation__candidature_id", "notation__membre_id", "critere", "note", "note_revisee"
    )
    for candidature_id, membre_id, critere, note, revisee in lignes:
        valeur = revisee if (revisees and revisee is not None) else note
        if candidature_id in points and valeur is not None:
            notes.setdefault(points[candidature_id], {}).setdefault(membre_id, {})[critere] = valeur
    return notes


@dataclass
class LigneAgregat:
    point: PointOrdreDuJour
    stats: dict
    total: float | None
    rang: int | None
    desaccord: list
    deplacement: float | None

    @property
    def stats_libelles(self) -> list[tuple[str, agregats.StatCritere]]:
        """(criterion label, stats) in the order of art. 5.2."""
        return [(c.label, self.stats[c.value]) for c in Critere if c.value in self.stats]

    @property
    def desaccord_libelles(self) -> list[str]:
        """The criteria flagged for high disagreement, by label, in the order of art. 5.2."""
        return [c.label for c in Critere if c.value in self.desaccord]


def agregats_de_session(session: SessionExamen) -> tuple[list[LigneAgregat], list]:
    """Per application: stats per criterion, weighted total, rank, disagreement; and sensitivity."""
    points = list(
        session.points.select_related(
            "candidature__territoire", "candidature__parcours"
        ).prefetch_related("candidature__parcours__ponderations")
    )
    notes = notes_de_session(session)
    independantes = notes_de_session(session, revisees=False)
    lignes, totaux, poids_par_point = [], {}, {}
    for point in points:
        parcours = point.candidature.parcours
        poids = poids_par_point[point] = {
            c: float(p) for c, p in parcours.ponderations_dict().items()
        }
        stats = agregats.stats_candidature(notes.get(point, {}))
        totaux[point] = agregats.total_pondere({c: s.moyenne for c, s in stats.items()}, poids)
        avant = agregats.totaux({point: independantes.get(point, {})}, poids)[point]
        lignes.append(
            LigneAgregat(
                point=point,
                stats=stats,
                total=totaux[point],
                rang=None,
                desaccord=agregats.desaccord_eleve(
                    stats, parcours.echelle_min, parcours.echelle_max
                ),
                deplacement=(totaux[point] - avant)
                if totaux[point] is not None and avant is not None
                else None,
            )
        )
    rangs = agregats.classement(totaux)
    for ligne in lignes:
        ligne.rang = rangs.get(ligne.point)
    lignes.sort(key=lambda ligne: (ligne.rang or 10**6, ligne.point.rang))
    # Sensitivity with each application's own track weights, as the ranking above.
    membres = sorted({m for par_m in notes.values() for m in par_m})
    libelles = agregats.pseudonymes(membres)
    # "The proposed list" before the vote: the first half of the ranking, rounded up.
    nb_places = (sum(1 for t in totaux.values() if t is not None) + 1) // 2 or None
    sensibilite = agregats.sensibilite(
        notes,
        {},
        nb_places=nb_places,
        libelles_membres=libelles,
        poids_par_candidature=poids_par_point,
    )
    return lignes, sensibilite


# Auditions -----------------------------------------------------------------------------------


@transaction.atomic
def inviter_a_l_audition(*, audition, par) -> int:
    """Send the invitation to the applicant (submitting agent and legal representatives)."""
    from comite.bureau import destinataires
    from notifications.outbox import notifier

    personnes = destinataires(audition.candidature)
    for personne in personnes:
        notifier(
            destinataire=personne,
            gabarit="invitation_audition",
            objet=audition,
            contexte={"audition": audition},
            cle=f"invitation_audition|{audition.pk}|{personne.pk}|{audition.date.isoformat()}",
        )
    audition.invitation_envoyee_le = timezone.now()
    audition.save(update_fields=["invitation_envoyee_le"])
    enregistrer(
        action=Evenement.Action.MODIFICATION,
        acteur=par,
        objet=audition,
        commentaire="Invitation envoyée",
    )
    return len(personnes)
