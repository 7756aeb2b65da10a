# SPDX-License-Identifier: EUPL-1.2
"""Applications (candidatures) of communes and EPT to a track (Règlement art. 3, 4 and 5.2).

One application per territoire and track. Its workflow (django-fsm-2) is run only through
:func:`core.workflow.appliquer`, which locks the row, checks guards and logs the change.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import FSMField

from tracks.criteres import Critere


class CandidatureQuerySet(models.QuerySet):
    def avec_relations(self) -> "CandidatureQuerySet":
        """What every list and page shows: track, territoire and its EPT, last editor."""
        return self.select_related(
            "parcours", "territoire", "territoire__ept", "modifiee_par", "deposee_par"
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
        ordering = ["parcours", "territoire__nom"]
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
