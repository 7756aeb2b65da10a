# SPDX-License-Identifier: EUPL-1.2
"""The examination committee (Règlement art. 5): who sits, sessions, conflicts, scores, votes.

Composition is data with dates (political groups, mandates), never code: members change over
time and a past member's scores stay attributed to them (COMPLIANCE 30). Who may see, score
or vote is decided once, in the QuerySet methods here and the predicates of ``comite/rules.py``.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_fsm import FSMField, transition

from accounts.roles import MEMBRE_COMITE, PRESIDENT_COMITE, est_agent_metropole
from core.workflow import condition
from tracks.criteres import Critere

# Candidature states (candidatures app) on a session's agenda.
ETAT_ADMISSIBLE = "admissible"
ETAT_EN_EXAMEN = "en_examen"

GERER = "comite.gerer_sessions"


# Composition ---------------------------------------------------------------------------------


class GroupePolitique(models.Model):
    """A political group of the Conseil métropolitain, as it exists between two dates."""

    nom = models.CharField(max_length=200)
    sigle = models.CharField(max_length=30, blank=True)
    debut = models.DateField("constitué le")
    fin = models.DateField("dissous le", null=True, blank=True)

    class Meta:
        verbose_name = "groupe politique"
        verbose_name_plural = "groupes politiques"
        ordering = ["nom"]

    def __str__(self) -> str:
        return f"{self.nom} ({self.sigle})" if self.sigle else self.nom


class Siege(models.TextChoices):
    PRESIDENT = "president", "Président de la Métropole ou son représentant (présidence)"
    VP_NUMERIQUE = (
        "vp_numerique",
        "Vice-président chargé de la Communication et de l'Innovation numérique",
    )
    PRESIDENT_COMMISSION = (
        "president_commission",
        "Président de la commission « Numérique, Innovation, Recherche et Développement »",
    )
    GROUPE = "groupe", "Représentant d'un groupe politique"


class MandatQuerySet(models.QuerySet):
    def en_cours(self, jour=None) -> "MandatQuerySet":
        """Mandates running on ``jour`` (today by default)."""
        jour = jour or timezone.localdate()
        return self.filter(Q(fin__isnull=True) | Q(fin__gte=jour), debut__lte=jour)


class MandatMembre(models.Model):
    """A seat held by a person between two dates; ended mandates are kept (history)."""

    membre = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandats_comite"
    )
    siege = models.CharField("siège", max_length=32, choices=Siege.choices)
    groupe = models.ForeignKey(
        GroupePolitique,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandats",
        help_text="Seulement pour le siège d'un groupe politique.",
    )
    debut = models.DateField("début du mandat")
    fin = models.DateField("fin du mandat", null=True, blank=True)
    suppleant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suppleances_comite",
        verbose_name="suppléant",
    )

    objects = MandatQuerySet.as_manager()

    class Meta:
        verbose_name = "mandat au comité"
        verbose_name_plural = "composition du comité (mandats)"
        ordering = ["-debut", "siege"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__isnull=True) | Q(fin__gte=models.F("debut")),
                name="mandat_fin_apres_debut",
            )
        ]

    def __str__(self) -> str:
        libelle = self.groupe if self.groupe_id else self.get_siege_display()
        return f"{self.membre} — {libelle}"

    def clean(self):
        if self.siege == Siege.GROUPE and not self.groupe_id:
            raise ValidationError({"groupe": "Indiquez le groupe politique représenté."})
        if self.siege != Siege.GROUPE and self.groupe_id:
            raise ValidationError({"groupe": "Seul le siège d'un groupe politique a un groupe."})


class DeclarationInteret(models.Model):
    """A member's link with a territoire: the member never scores nor votes on its application.

    A link with a commune also covers its EPT (``Territoire.territoires_lies``).
    """

    class Nature(models.TextChoices):
        COMMUNE = "commune", "Élu ou agent de la commune"
        EPT = "ept", "Élu ou agent de l'établissement public territorial"
        AUTRE = "autre", "Autre intérêt"

    membre = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declarations_interet"
    )
    territoire = models.ForeignKey(
        "territoires.Territoire", on_delete=models.PROTECT, related_name="+"
    )
    nature = models.CharField(max_length=16, choices=Nature.choices)
    precision = models.TextField("précision", blank=True)
    declaree_le = models.DateTimeField("déclarée le", default=timezone.now)
    retiree_le = models.DateTimeField("retirée le", null=True, blank=True)

    class Meta:
        verbose_name = "déclaration d'intérêts"
        verbose_name_plural = "déclarations d'intérêts"
        ordering = ["membre", "territoire__nom_tri"]

    def __str__(self) -> str:
        return f"{self.membre} — {self.territoire} ({self.get_nature_display()})"


def territoires_en_conflit(membre) -> set[int]:
    """Ids of the territoires whose application ``membre`` may not see scored, score or vote on."""
    ids: set[int] = set()
    for declaration in DeclarationInteret.objects.filter(
        membre=membre, retiree_le__isnull=True
    ).select_related("territoire"):
        ids.update(t.pk for t in declaration.territoire.territoires_lies())
    return ids


def conflits_de_la_requete(user) -> frozenset[int]:
    """:func:`territoires_en_conflit`, read once for the pages of one request.

    A scoring page asks up to four permissions and filters two lists by the same conflicts:
    the declarations were read each time. ``request.user`` lives for one request, and a
    declaration is only ever changed by a request that then redirects, so the memo cannot
    outlive a change it should have seen. Domain writes (``comite.seances``) read afresh.
    """
    memo = getattr(user, "_territoires_en_conflit", None)
    if memo is None:
        memo = user._territoires_en_conflit = frozenset(territoires_en_conflit(user))
    return memo


# Sessions ------------------------------------------------------------------------------------


class Programme(models.Model):
    """A programme whose applications a session examines (ApproprIAtion, Fonds Innover…)."""

    nom = models.CharField(max_length=200, unique=True)

    class Meta:
        verbose_name = "programme"
        ordering = ["nom"]

    def __str__(self) -> str:
        return self.nom


def siege_au_comite(user) -> bool:
    """A convocation counts only while the account holds a committee role.

    Withdrawing the role (``accounts.comptes.retirer_role``) closes the member's sessions on
    their next page, even if they keep another back-office role (expert…); the convocations
    stay, as history.
    """
    return bool(
        user.is_authenticated and (user.a_role(MEMBRE_COMITE) or user.a_role(PRESIDENT_COMITE))
    )


class SessionQuerySet(models.QuerySet):
    def visibles_par(self, user) -> "SessionQuerySet":
        """Staff see every session; a committee member only the sessions they are convened to."""
        if not user.is_authenticated:
            return self.none()
        if est_agent_metropole(user):
            return self
        if not siege_au_comite(user):
            return self.none()
        return self.filter(convocations__membre=user)

    def de_l_annee(self, annee: int) -> "SessionQuerySet":
        return self.filter(date__year=annee)


def _garde_membres_convoques(session) -> str | None:
    if not session.convocations.exists():
        return "Aucun membre n'est convoqué."
    return None


def _garde_quorum(session) -> str | None:
    if not session.quorum_atteint():
        return (
            f"Le quorum n'est pas atteint : {session.nb_presents()} membre(s) présent(s) sur "
            f"{session.convocations.count()} ; il en faut au moins {session.quorum()}."
        )
    return None


def _garde_declarations_confirmees(session) -> str | None:
    manquants = session.convocations.filter(present=True, declarations_confirmees_le__isnull=True)
    if manquants.exists():
        noms = ", ".join(str(c.membre) for c in manquants.select_related("membre"))
        return f"Déclarations d'intérêts à confirmer par : {noms}."
    return None


def _garde_president_designe(session) -> str | None:
    if not session.president_id:
        return "La présidence de la séance n'est pas désignée."
    return None


class SessionExamen(models.Model):
    """One sitting of the committee; at least two a year (art. 5)."""

    class Etat(models.TextChoices):
        PLANIFIEE = "planifiee", "Planifiée"
        OUVERTE = "ouverte", "Ouverte (séance en cours)"
        CLOSE = "close", "Close"

    date = models.DateTimeField("date et heure")
    lieu = models.CharField(max_length=255)
    programmes = models.ManyToManyField(Programme, related_name="sessions", blank=True)
    parcours = models.ManyToManyField(
        "tracks.Parcours",
        related_name="sessions_examen",
        help_text="Les candidatures admissibles de ces parcours sont inscrites à l'ordre du jour.",
    )
    president = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="présidence de la séance",
    )
    etat = FSMField(
        "état", max_length=16, choices=Etat.choices, default=Etat.PLANIFIEE, protected=True
    )
    ouverte_le = models.DateTimeField(null=True, blank=True, editable=False)
    close_le = models.DateTimeField(null=True, blank=True, editable=False)
    motif_cloture_forcee = models.TextField(
        "motif de la clôture malgré des notes manquantes", blank=True, editable=False
    )
    proces_verbal = models.FileField(
        "procès-verbal", upload_to="comite/proces-verbaux/", blank=True, editable=False
    )
    proces_verbal_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "séance d'examen"
        verbose_name_plural = "séances d'examen"
        ordering = ["-date"]
        permissions = [
            ("gerer_sessions", "Organiser les séances et enregistrer les décisions du Bureau"),
        ]

    def __str__(self) -> str:
        return f"Séance du {timezone.localtime(self.date):%d/%m/%Y}"

    # Quorum: the majority of the members convened to the session (the seats filled on that
    # day) must be present. Documented choice: the règlement sets no figure; an absolute
    # majority of sitting members is the usual rule of deliberative bodies (CGCT L2121-17).
    def quorum(self) -> int:
        return self.convocations.count() // 2 + 1

    def nb_presents(self) -> int:
        return self.convocations.filter(present=True).count()

    def quorum_atteint(self) -> bool:
        return self.nb_presents() >= self.quorum()

    @transition(
        field=etat,
        source=Etat.PLANIFIEE,
        target=Etat.OUVERTE,
        conditions=[
            condition(_garde_membres_convoques),
            condition(_garde_president_designe),
            condition(_garde_quorum),
            condition(_garde_declarations_confirmees),
        ],
        custom={
            "libelle": "Ouvrir la séance",
            "confirmation": "Les présences et les déclarations d'intérêts font foi.",
        },
    )
    def ouvrir(self, *, par=None, commentaire: str = "") -> None:
        """The session starts: applications on the agenda go under examination."""
        self.ouverte_le = timezone.now()

    @transition(
        field=etat,
        source=Etat.OUVERTE,
        target=Etat.CLOSE,
        custom={"libelle": "Clore la séance", "confirmation": "La clôture est définitive."},
    )
    def clore(self, *, par=None, commentaire: str = "", motif_forcage: str = "") -> None:
        """Closed for good; the proposals and the minutes are produced by ``comite.seances``."""
        self.close_le = timezone.now()
        self.motif_cloture_forcee = motif_forcage

    def enregistrer_proces_verbal(self, contenu: bytes) -> None:
        from django.core.files.base import ContentFile

        self.proces_verbal_sha256 = hashlib.sha256(contenu).hexdigest()
        self.proces_verbal.save(f"pv-seance-{self.pk}.pdf", ContentFile(contenu), save=False)


class Convocation(models.Model):
    """A member convened to a session, their attendance and their confirmed declarations."""

    session = models.ForeignKey(
        SessionExamen, on_delete=models.CASCADE, related_name="convocations"
    )
    membre = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="convocations_comite"
    )
    mandat = models.ForeignKey(
        MandatMembre, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    present = models.BooleanField("présent", default=False)
    declarations_confirmees_le = models.DateTimeField(
        "déclarations d'intérêts confirmées le", null=True, blank=True
    )

    class Meta:
        verbose_name = "convocation"
        ordering = ["session", "membre__nom_complet"]
        constraints = [
            models.UniqueConstraint(fields=["session", "membre"], name="une_convocation_par_membre")
        ]

    def __str__(self) -> str:
        return f"{self.membre} — {self.session}"


class PointQuerySet(models.QuerySet):
    def agenda_de(self, membre) -> "PointQuerySet":
        """Agenda items ``membre`` may score: their sessions, minus their conflicts of interest."""
        if not siege_au_comite(membre):
            return self.none()
        return (
            self.filter(session__convocations__membre=membre)
            .exclude(candidature__territoire_id__in=conflits_de_la_requete(membre))
            .select_related("session", "candidature__territoire", "candidature__parcours")
        )

    def en_conflit_pour(self, membre) -> "PointQuerySet":
        return self.filter(
            session__convocations__membre=membre,
            candidature__territoire_id__in=conflits_de_la_requete(membre),
        )


class PointOrdreDuJour(models.Model):
    """One application examined in a session: its vote and who presides over it."""

    class Resultat(models.TextChoices):
        PROPOSEE = "proposee", "Proposée au Bureau métropolitain"
        NON_PROPOSEE = "non_proposee", "Non proposée"

    session = models.ForeignKey(SessionExamen, on_delete=models.CASCADE, related_name="points")
    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.PROTECT, related_name="points_comite"
    )
    rang = models.PositiveIntegerField(default=0)
    president_suppleant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="présidence suppléante (présidence en conflit d'intérêts)",
    )
    vote_clos_le = models.DateTimeField(null=True, blank=True)
    resultat = models.CharField(max_length=16, choices=Resultat.choices, blank=True)
    voix_preponderante = models.BooleanField(
        "décidé par la voix prépondérante de la présidence", default=False
    )

    objects = PointQuerySet.as_manager()

    class Meta:
        verbose_name = "point de l'ordre du jour"
        verbose_name_plural = "ordre du jour"
        ordering = ["session", "rang", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "candidature"], name="une_candidature_par_seance"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidature} — {self.session}"

    def presidence(self):
        """Who presides over this item: the substitute when the chair is conflicted."""
        return self.president_suppleant or self.session.president

    @property
    def vote_clos(self) -> bool:
        return self.vote_clos_le is not None


class Audition(models.Model):
    """The committee hears a candidate (art. 5): schedule, invitation, notes."""

    session = models.ForeignKey(SessionExamen, on_delete=models.CASCADE, related_name="auditions")
    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.PROTECT, related_name="auditions_comite"
    )
    date = models.DateTimeField("date et heure")
    lieu = models.CharField("lieu ou lien de visioconférence", max_length=255)
    invitation_envoyee_le = models.DateTimeField(null=True, blank=True, editable=False)
    notes = models.TextField("notes d'audition", blank=True)

    class Meta:
        verbose_name = "audition"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"Audition de {self.candidature.territoire} — {timezone.localtime(self.date):%d/%m/%Y %H:%M}"


# Scores and votes ----------------------------------------------------------------------------


class NotationQuerySet(models.QuerySet):
    def visibles_par(self, user) -> "NotationQuerySet":
        """Staff see every score sheet; a member sees their own, and the others' on an
        application only once they have submitted their own and if not conflicted on it."""
        if not user.is_authenticated:
            return self.none()
        if est_agent_metropole(user):
            return self
        if not siege_au_comite(user):
            return self.none()
        propre_soumise = Notation.objects.filter(
            session=OuterRef("session"),
            candidature=OuterRef("candidature"),
            membre=user,
            soumise_le__isnull=False,
        )
        return (
            self.filter(session__convocations__membre=user)
            .filter(Q(membre=user) | Exists(propre_soumise))
            .exclude(candidature__territoire_id__in=conflits_de_la_requete(user))
        )

    def soumises(self) -> "NotationQuerySet":
        return self.filter(soumise_le__isnull=False)


class Notation(models.Model):
    """One member's scores on one application in one session: draft, then submitted.

    Each criterion keeps the independent score and, after discussion, the revised one.
    """

    session = models.ForeignKey(SessionExamen, on_delete=models.PROTECT, related_name="notations")
    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.PROTECT, related_name="notations_comite"
    )
    membre = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notations_comite"
    )
    soumise_le = models.DateTimeField("soumise le", null=True, blank=True)
    revisee_le = models.DateTimeField("révisée le", null=True, blank=True)
    modifiee_le = models.DateTimeField(auto_now=True)

    objects = NotationQuerySet.as_manager()

    class Meta:
        verbose_name = "notation"
        ordering = ["session", "candidature", "membre"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "candidature", "membre"], name="une_notation_par_membre"
            )
        ]

    def __str__(self) -> str:
        return f"Notation de {self.membre} — {self.candidature}"

    @property
    def soumise(self) -> bool:
        return self.soumise_le is not None


class NoteCritere(models.Model):
    notation = models.ForeignKey(Notation, on_delete=models.CASCADE, related_name="notes")
    critere = models.CharField("critère", max_length=32, choices=Critere.choices)
    note = models.PositiveSmallIntegerField("note indépendante", null=True, blank=True)
    commentaire = models.TextField(blank=True)
    note_revisee = models.PositiveSmallIntegerField("note après discussion", null=True, blank=True)
    commentaire_revision = models.TextField("motif de la révision", blank=True)

    class Meta:
        verbose_name = "note sur un critère"
        verbose_name_plural = "notes par critère"
        ordering = ["notation", "critere"]
        constraints = [
            models.UniqueConstraint(fields=["notation", "critere"], name="une_note_par_critere")
        ]

    def __str__(self) -> str:
        return f"{self.get_critere_display()} : {self.note_retenue}"

    @property
    def note_retenue(self) -> int | None:
        """The score that counts: the revised one when the member revised it."""
        return self.note_revisee if self.note_revisee is not None else self.note


class Vote(models.Model):
    class Choix(models.TextChoices):
        POUR = "pour", "Pour"
        CONTRE = "contre", "Contre"
        ABSTENTION = "abstention", "Abstention"

    point = models.ForeignKey(PointOrdreDuJour, on_delete=models.PROTECT, related_name="votes")
    membre = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="votes_comite"
    )
    choix = models.CharField(max_length=16, choices=Choix.choices)
    modifie_le = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "vote"
        ordering = ["point", "membre"]
        constraints = [
            models.UniqueConstraint(fields=["point", "membre"], name="un_vote_par_membre")
        ]

    def __str__(self) -> str:
        return f"{self.membre} : {self.get_choix_display()}"


# Bureau Métropolitain's decision (art. 5.3) --------------------------------------------------


class DecisionBureau(models.Model):
    """The Bureau Métropolitain's deliberation selecting the laureates of a track."""

    parcours = models.ForeignKey(
        "tracks.Parcours", on_delete=models.PROTECT, related_name="decisions_bureau"
    )
    numero = models.CharField("numéro de la délibération", max_length=64)
    date = models.DateField("date de la délibération")
    document = models.FileField("délibération (PDF)", upload_to="comite/deliberations/")
    document_sha256 = models.CharField(max_length=64, editable=False)
    enregistree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    enregistree_le = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "décision du Bureau métropolitain"
        verbose_name_plural = "décisions du Bureau métropolitain"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"Délibération n° {self.numero} du {self.date:%d/%m/%Y}"


class IssueDecisionQuerySet(models.QuerySet):
    def visibles_par(self, user) -> "IssueDecisionQuerySet":
        """An applicant sees the decisions on their territoires' applications."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(candidature__territoire__in=user.territoires_approuves()).select_related(
            "decision", "candidature__parcours", "candidature__territoire"
        )


class IssueDecision(models.Model):
    """The Bureau's outcome for one application, and the proof the applicant opened it."""

    decision = models.ForeignKey(DecisionBureau, on_delete=models.PROTECT, related_name="issues")
    candidature = models.OneToOneField(
        "candidatures.Candidature", on_delete=models.PROTECT, related_name="decision_bureau"
    )
    selectionnee = models.BooleanField("sélectionnée")
    conforme_a_la_proposition = models.BooleanField(default=True)
    motif_ecart = models.TextField("motif de l'écart avec la proposition du comité", blank=True)
    consultee_le = models.DateTimeField(
        "consultée pour la première fois le", null=True, blank=True, editable=False
    )

    objects = IssueDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "issue d'une candidature"
        verbose_name_plural = "issues des candidatures"

    def __str__(self) -> str:
        return f"{self.candidature} — {'sélectionnée' if self.selectionnee else 'non sélectionnée'}"
