# SPDX-License-Identifier: EUPL-1.2
"""Applications (candidatures) of communes and EPT to a track (Règlement art. 3, 4 and 5.2).

One application per territoire and track. Its workflow (django-fsm-2) is run only through
:func:`core.workflow.appliquer`, which locks the row, checks guards and logs the change.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django_fsm import FSMField, transition

from candidatures import gardes
from core.workflow import TransitionRefusee, condition
from tracks.criteres import Critere

# Staff permission of the admissibility check (group AGENT_METROPOLE, superusers).
INSTRUIRE = "candidatures.instruire_candidature"
SECTION_CONTACT = "Personne à contacter"
SECTION_ENGAGEMENT = "Engagement du territoire"


def peut_agir(candidature, user) -> bool:
    """Applicant transitions: an agent of an approved membership of the territoire."""
    return bool(user and user.is_authenticated and user.peut_agir_pour(candidature.territoire))


def peut_gerer_comite(candidature, user) -> bool:
    """Committee outcomes are recorded by staff running the sittings or by the sitting's chair.

    The chair may be any member designated for one sitting (``SessionExamen.president``), not
    only the holder of the standing chair's group: opening and closing that sitting move the
    applications on its agenda.
    """
    from accounts.roles import PRESIDENT_COMITE, est_agent_metropole
    from comite.models import PointOrdreDuJour

    return bool(
        user
        and user.is_authenticated
        and (
            est_agent_metropole(user)
            or user.has_perm("comite.gerer_sessions")
            or user.a_role(PRESIDENT_COMITE)
            or PointOrdreDuJour.objects.filter(
                candidature=candidature, session__president=user
            ).exists()
        )
    )


def peut_enregistrer_decision_bureau(candidature, user) -> bool:
    """The Bureau's deliberation is recorded by Métropole staff (comite.bureau)."""
    from accounts.roles import est_agent_metropole

    return bool(
        user
        and user.is_authenticated
        and (est_agent_metropole(user) or user.has_perm("comite.gerer_sessions"))
    )


ETATS_RETRAIT_POSSIBLE = [
    "brouillon",
    "deposee",
    "a_completer",
    "admissible",
    "en_examen",
    "proposee",
    "non_proposee",
]


class CandidatureQuerySet(models.QuerySet):
    def avec_relations(self) -> "CandidatureQuerySet":
        """What every list and page shows: track, territoire and its EPT, last editor."""
        return self.select_related(
            "parcours", "territoire", "territoire__ept", "modifiee_par", "deposee_par"
        )

    def avec_completude(self) -> "CandidatureQuerySet":
        """Annotate ``a_engagement`` so :meth:`Candidature.manques` needs no extra query.

        An ``EXISTS`` subquery, not a count over a join: grouping the wide rows of a list by
        every selected column was the costliest part of the applicant's list.
        """
        return self.annotate(
            a_engagement=models.Exists(
                PieceJointe.objects.filter(
                    candidature=models.OuterRef("pk"), nature=PieceJointe.Nature.ENGAGEMENT
                )
            )
        )

    def visibles_par(self, user) -> "CandidatureQuerySet":
        """Applications a user may see: staff all, agents those of their approved territoires."""
        from accounts.models import Adhesion
        from accounts.roles import est_agent_metropole

        if not user.is_authenticated:
            return self.none()
        qs = self.avec_relations()
        if user.is_superuser or est_agent_metropole(user):
            return qs
        territoires = Adhesion.objects.approuvees().filter(utilisateur=user).values("territoire")
        return qs.filter(territoire__in=territoires)

    def du_territoire_de(self, user) -> "CandidatureQuerySet":
        """Only those of the user's own approved territoires (front office), even for staff."""
        from accounts.models import Adhesion

        if not user.is_authenticated:
            return self.none()
        territoires = Adhesion.objects.approuvees().filter(utilisateur=user).values("territoire")
        return self.avec_relations().filter(territoire__in=territoires)


class Candidature(models.Model):
    class Etat(models.TextChoices):
        BROUILLON = "brouillon", "Brouillon"
        DEPOSEE = "deposee", "Déposée"
        A_COMPLETER = "a_completer", "À compléter"
        ADMISSIBLE = "admissible", "Admissible"
        NON_ADMISSIBLE = "non_admissible", "Non admissible"
        EN_EXAMEN = "en_examen", "En examen par le comité"
        PROPOSEE = "proposee", "Proposée au Bureau par le comité"
        NON_PROPOSEE = "non_proposee", "Non proposée par le comité"
        SELECTIONNEE = "selectionnee", "Sélectionnée par le Bureau"
        NON_SELECTIONNEE = "non_selectionnee", "Non sélectionnée par le Bureau"
        RETIREE = "retiree", "Retirée par le candidat"

    parcours = models.ForeignKey(
        "tracks.Parcours", on_delete=models.PROTECT, related_name="candidatures"
    )
    territoire = models.ForeignKey(
        "territoires.Territoire", on_delete=models.PROTECT, related_name="candidatures"
    )

    # The six answers of art. 5.2, named after tracks.criteres.Critere values.
    contexte = models.TextField(Critere.CONTEXTE.label, blank=True)
    ressources_humaines = models.TextField(Critere.RESSOURCES_HUMAINES.label, blank=True)
    disponibilite = models.TextField(Critere.DISPONIBILITE.label, blank=True)
    perimetre = models.TextField(Critere.PERIMETRE.label, blank=True)
    moyens_materiels = models.TextField(Critere.MOYENS_MATERIELS.label, blank=True)
    motivation = models.TextField(Critere.MOTIVATION.label, blank=True)

    # Contact person for this application.
    contact_nom = models.CharField("nom de la personne à contacter", max_length=150, blank=True)
    contact_fonction = models.CharField("fonction", max_length=150, blank=True)
    contact_email = models.EmailField("adresse électronique", blank=True)
    contact_telephone = models.CharField("téléphone", max_length=30, blank=True)

    # Legal representative who signs the engagement form.
    representant_nom = models.CharField("nom du représentant légal", max_length=150, blank=True)
    representant_qualite = models.CharField(
        "qualité du représentant légal",
        max_length=150,
        blank=True,
        help_text="Par exemple : maire, président de l'établissement public territorial, "
        "adjoint délégué.",
    )
    engagement_deux_phases = models.BooleanField(
        "engagement à suivre les deux phases",
        default=False,
        help_text="Le territoire s'engage à suivre la phase 1 (ateliers) et la phase 2 "
        "(expérimentation), article 4 du règlement.",
    )

    etat = FSMField(
        "état", max_length=20, choices=Etat.choices, default=Etat.BROUILLON, protected=True
    )
    # Optimistic locking of the form: incremented on every save of the answers.
    version = models.PositiveIntegerField(default=1, editable=False)

    numero = models.CharField(
        "numéro d'accusé de réception",
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    deposee_le = models.DateTimeField("déposée le", null=True, blank=True, editable=False)
    deposee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The acknowledgement of receipt, generated once after submission (candidatures.accuses).
    accuse_pdf = models.FileField(
        "accusé de réception (PDF)", upload_to="accuses/", blank=True, editable=False
    )
    accuse_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # Staff request for missing items (state "à compléter").
    complements_demandes = models.TextField("compléments demandés", blank=True, editable=False)
    complements_avant = models.DateTimeField(
        "à compléter avant le", null=True, blank=True, editable=False
    )
    motif_decision = models.TextField("motif de la décision", blank=True, editable=False)

    creee_le = models.DateTimeField("créée le", default=timezone.now, editable=False)
    creee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    modifiee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="modifiée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    modifiee_le = models.DateTimeField("modifiée le", default=timezone.now, editable=False)

    objects = CandidatureQuerySet.as_manager()

    CHAMPS_CRITERES = [c.value for c in Critere]

    class Meta:
        verbose_name = "candidature"
        ordering = ["parcours", "territoire__nom_tri"]
        constraints = [
            models.UniqueConstraint(
                fields=["parcours", "territoire"], name="une_candidature_par_territoire"
            )
        ]
        permissions = [
            ("instruire_candidature", "Instruire les candidatures (recevabilité)"),
            ("exporter_candidatures", "Exporter les candidatures d'un parcours"),
        ]

    def __str__(self) -> str:
        return f"{self.territoire} — {self.parcours}"

    # Completeness (no effect on scoring) -----------------------------------------------------

    def manques(self) -> dict[str, list[str]]:
        """What is missing before submission, grouped by section of the form (title -> items).

        Uses the prefetched ``pieces`` when available, or the ``a_engagement`` annotation of
        :meth:`CandidatureQuerySet.avec_completude`, so lists stay at a constant query count.
        """
        manques: dict[str, list[str]] = {}
        for critere in Critere:
            if not getattr(self, critere.value).strip():
                manques.setdefault(critere.label, []).append("réponse à rédiger")
        contact = [
            libelle
            for champ, libelle in (
                ("contact_nom", "nom"),
                ("contact_email", "adresse électronique"),
                ("contact_telephone", "téléphone"),
            )
            if not getattr(self, champ).strip()
        ]
        if contact:
            manques[SECTION_CONTACT] = contact
        engagement = []
        if not self.representant_nom.strip():
            engagement.append("nom du représentant légal")
        if not self.representant_qualite.strip():
            engagement.append("qualité du représentant légal")
        if not self.engagement_deux_phases:
            engagement.append("case d'engagement à suivre les deux phases à cocher")
        if not self.a_un_engagement_signe():
            engagement.append("formulaire d'engagement signé (PDF) à joindre")
        if engagement:
            manques[SECTION_ENGAGEMENT] = engagement
        return manques

    def a_un_engagement_signe(self) -> bool:
        if hasattr(self, "a_engagement"):
            return self.a_engagement
        if "pieces" in getattr(self, "_prefetched_objects_cache", {}):
            return any(p.nature == PieceJointe.Nature.ENGAGEMENT for p in self.pieces.all())
        return self.pieces.filter(nature=PieceJointe.Nature.ENGAGEMENT).exists()

    @property
    def est_complete(self) -> bool:
        return not self.manques()

    @property
    def est_modifiable(self) -> bool:
        """Answers and files can change in draft (before the deadline) or when asked to complete."""
        if self.etat == self.Etat.BROUILLON:
            return self.parcours.candidatures_ouvertes()
        if self.etat == self.Etat.A_COMPLETER:
            return gardes.complements_dans_le_delai(self) is None
        return False

    @property
    def peut_etre_retiree(self) -> bool:
        """Withdrawal is possible until the Bureau's decision (or a final refusal)."""
        return self.etat in ETATS_RETRAIT_POSSIBLE

    def suite(self) -> str:
        """What happens next, in one sentence, for the applicant."""
        from core.formats import echeance

        E = self.Etat
        if self.etat == E.BROUILLON:
            if self.parcours.date_limite and self.parcours.candidatures_ouvertes():
                return (
                    "Complétez votre dossier et déposez-le avant la date limite, "
                    f"{echeance(self.parcours.date_limite)}."
                )
            return "La date limite est passée : ce brouillon ne peut plus être déposé."
        textes = {
            E.DEPOSEE: "Les services de la Métropole vérifient que votre dossier est complet "
            "(recevabilité). Vous serez informé par courriel.",
            E.A_COMPLETER: "Les services de la Métropole vous demandent des compléments"
            + (
                f", à déposer avant {echeance(self.complements_avant)}"
                if self.complements_avant
                else ""
            )
            + " : complétez puis déposez à nouveau votre dossier.",
            E.ADMISSIBLE: "Votre candidature est admissible : elle sera examinée par le comité "
            "d'examen, qui pourra vous auditionner.",
            E.NON_ADMISSIBLE: "Votre candidature n'est pas admissible ; le motif vous a été communiqué.",
            E.EN_EXAMEN: "Le comité d'examen examine votre candidature.",
            E.PROPOSEE: "Le comité a proposé votre candidature au Bureau métropolitain, qui décidera.",
            E.NON_PROPOSEE: "Le comité n'a pas proposé votre candidature ; le Bureau métropolitain "
            "rendra la décision finale.",
            E.SELECTIONNEE: "Votre territoire est lauréat : la convention de partenariat va vous "
            "être proposée.",
            E.NON_SELECTIONNEE: "Votre candidature n'a pas été retenue par le Bureau métropolitain.",
            E.RETIREE: "Vous avez retiré cette candidature.",
        }
        return textes.get(self.etat, "")

    # Transitions (run them through core.workflow.appliquer) ----------------------------------

    @transition(
        field=etat,
        source=Etat.BROUILLON,
        target=Etat.DEPOSEE,
        conditions=[condition(gardes.parcours_ouvert), condition(gardes.dossier_complet)],
        permission=peut_agir,
        custom={
            "libelle": "Déposer la candidature",
            "confirmation": "Une fois déposée, la candidature ne peut plus être modifiée.",
            "staff": False,
        },
    )
    def deposer(self, *, par=None, commentaire: str = "") -> None:
        """Legal act: the receipt number and the exact time of receipt are given now."""
        from candidatures import accuses, notifications
        from core.workflow import TransitionRefusee

        self.deposee_le = timezone.now()
        # The guard read the clock a few milliseconds earlier (before the row lock): the
        # legal receipt time is this one, so it must itself be before the deadline.
        if self.parcours.date_limite and self.deposee_le >= self.parcours.date_limite:
            raise TransitionRefusee(
                [gardes.parcours_ouvert(self) or "La date limite est dépassée."]
            )
        self.deposee_par = par
        if not self.numero:
            self.numero = accuses.allouer_numero(self.deposee_le)
        notifications.accuse_de_reception(self)
        transaction.on_commit(lambda pk=self.pk: accuses.apres_depot(pk))

    @transition(
        field=etat,
        source=Etat.A_COMPLETER,
        target=Etat.DEPOSEE,
        conditions=[
            condition(gardes.complements_dans_le_delai),
            condition(gardes.dossier_complet),
        ],
        permission=peut_agir,
        custom={
            "libelle": "Déposer à nouveau le dossier complété",
            "confirmation": "Le dossier complété sera transmis aux services de la Métropole.",
            "staff": False,
        },
    )
    def redeposer(self, *, par=None, commentaire: str = "") -> None:
        """The completed file comes back; it keeps its receipt number."""
        from candidatures import notifications

        notifications.complements_recus(self)
        self.complements_demandes = ""
        self.complements_avant = None

    @transition(
        field=etat,
        source=Etat.DEPOSEE,
        target=Etat.A_COMPLETER,
        permission=INSTRUIRE,
        custom={
            "libelle": "Demander des compléments",
            "confirmation": "Le candidat sera invité à compléter son dossier avant la date fixée.",
            "commentaire_requis": True,
        },
    )
    def demander_complements(
        self, *, par=None, commentaire: str = "", elements: str = "", avant=None
    ) -> None:
        """Staff list the missing items and set the date the applicant must resubmit by."""
        raisons = []
        if not (elements or commentaire).strip():
            raisons.append("Indiquez les éléments manquants.")
        if avant is None or avant <= timezone.now():
            raisons.append("Fixez une date limite future pour les compléments.")
        if raisons:
            raise TransitionRefusee(raisons)
        from candidatures import notifications

        self.complements_demandes = (elements or commentaire).strip()
        self.complements_avant = avant
        notifications.a_completer(self)

    @transition(
        field=etat,
        source=Etat.DEPOSEE,
        target=Etat.ADMISSIBLE,
        conditions=[condition(gardes.candidatures_closes)],
        permission=INSTRUIRE,
        custom={
            "libelle": "Déclarer admissible",
            "confirmation": "Le dossier est complet ; la candidature sera examinée par le comité.",
        },
    )
    def declarer_admissible(self, *, par=None, commentaire: str = "") -> None:
        """Legal act: the file is complete and eligible."""
        from candidatures import notifications

        self.motif_decision = commentaire.strip()
        notifications.recevabilite(self, admissible=True)

    @transition(
        field=etat,
        source=[Etat.DEPOSEE, Etat.A_COMPLETER],
        target=Etat.NON_ADMISSIBLE,
        conditions=[condition(gardes.candidatures_closes)],
        permission=INSTRUIRE,
        custom={
            "libelle": "Déclarer non admissible",
            "confirmation": "Le motif sera communiqué au candidat. Cette décision met fin à la "
            "candidature.",
            "commentaire_requis": True,
        },
    )
    def declarer_non_admissible(self, *, par=None, commentaire: str = "") -> None:
        """Legal act: refused for a stated reason (incomplete, ineligible, late complements)."""
        from candidatures import notifications

        if not commentaire.strip():
            raise TransitionRefusee(["Le motif de non-admissibilité est obligatoire."])
        self.motif_decision = commentaire.strip()
        notifications.recevabilite(self, admissible=False)

    @transition(
        field=etat,
        source=Etat.ADMISSIBLE,
        target=Etat.EN_EXAMEN,
        permission=peut_gerer_comite,
        custom={
            "libelle": "Mettre en examen",
            "confirmation": "La candidature est inscrite à l'examen du comité.",
        },
    )
    def mettre_en_examen(self, *, par=None, commentaire: str = "") -> None:
        """The committee's sitting starts examining it (comite app)."""

    @transition(
        field=etat,
        source=Etat.EN_EXAMEN,
        target=Etat.PROPOSEE,
        permission=peut_gerer_comite,
        custom={"libelle": "Proposer au Bureau", "confirmation": "Vote du comité."},
    )
    def proposer(self, *, par=None, commentaire: str = "") -> None:
        """Legal act: the committee proposes it to the Bureau."""

    @transition(
        field=etat,
        source=Etat.EN_EXAMEN,
        target=Etat.NON_PROPOSEE,
        permission=peut_gerer_comite,
        custom={"libelle": "Ne pas proposer au Bureau", "confirmation": "Vote du comité."},
    )
    def ne_pas_proposer(self, *, par=None, commentaire: str = "") -> None:
        """Legal act: the committee does not propose it."""

    @transition(
        field=etat,
        source=[Etat.PROPOSEE, Etat.NON_PROPOSEE],
        target=Etat.SELECTIONNEE,
        permission=peut_enregistrer_decision_bureau,
        custom={"libelle": "Sélectionner (décision du Bureau)", "confirmation": ""},
    )
    def selectionner(self, *, par=None, commentaire: str = "") -> None:
        """Legal act: the Bureau métropolitain selects it (comite.bureau sends the notice)."""

    @transition(
        field=etat,
        source=[Etat.PROPOSEE, Etat.NON_PROPOSEE],
        target=Etat.NON_SELECTIONNEE,
        permission=peut_enregistrer_decision_bureau,
        custom={"libelle": "Ne pas sélectionner (décision du Bureau)", "confirmation": ""},
    )
    def ne_pas_selectionner(self, *, par=None, commentaire: str = "") -> None:
        """Legal act: the Bureau métropolitain does not select it."""

    @transition(
        field=etat,
        source=ETATS_RETRAIT_POSSIBLE,
        target=Etat.RETIREE,
        permission=peut_agir,
        custom={
            "libelle": "Retirer la candidature",
            "confirmation": "La candidature sera retirée définitivement : elle ne sera plus "
            "examinée et ne pourra pas être déposée à nouveau.",
            "staff": False,
        },
    )
    def retirer(self, *, par=None, commentaire: str = "") -> None:
        """The applicant withdraws, any time before the Bureau's decision."""


class CompteurAccuse(models.Model):
    """One row per year: the last receipt number given, locked with select_for_update."""

    annee = models.PositiveSmallIntegerField(primary_key=True)
    dernier = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "compteur d'accusés de réception"

    def __str__(self) -> str:
        return f"{self.annee} : {self.dernier}"


def chemin_piece(instance: "PieceJointe", nom_original: str) -> str:
    """Storage name never built from the uploaded name: no traversal, no collision."""
    import uuid

    return f"candidatures/{instance.candidature_id}/{uuid.uuid4().hex}"


class PieceJointeQuerySet(models.QuerySet):
    def visibles_par(self, user) -> "PieceJointeQuerySet":
        return self.filter(
            candidature__in=Candidature.objects.visibles_par(user).values("pk")
        ).select_related("candidature", "ajoutee_par")


class PieceJointe(models.Model):
    """A file attached to an application, checked by content and stored outside static files."""

    class Nature(models.TextChoices):
        ENGAGEMENT = "engagement", "Formulaire d'engagement signé par le représentant légal"
        ANNEXE = "annexe", "Annexe"

    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="pieces")
    nature = models.CharField(max_length=12, choices=Nature.choices, default=Nature.ANNEXE)
    fichier = models.FileField(upload_to=chemin_piece, max_length=255)
    nom = models.CharField("nom du fichier", max_length=150)
    taille = models.PositiveBigIntegerField("taille (octets)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    type_contenu = models.CharField("type de contenu", max_length=100)
    ajoutee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ajoutée par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ajoutee_le = models.DateTimeField("ajoutée le", default=timezone.now)

    objects = PieceJointeQuerySet.as_manager()

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["nature", "ajoutee_le", "pk"]

    def __str__(self) -> str:
        return self.nom
