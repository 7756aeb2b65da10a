# SPDX-License-Identifier: EUPL-1.2
"""Conventions d'engagement (Règlement art. 6 to 9): template, conventions, documents, batches.

A :class:`ModeleConvention` is a versioned template; once a convention uses a version, that
version can no longer change (a new version is made instead). A :class:`Convention` binds one
selected candidature to a template version and carries the fields that vary; its signature
workflow is a django-fsm-2 field whose transitions are run through
:func:`core.workflow.appliquer`. Every PDF produced or uploaded is a
:class:`DocumentConvention` stored privately with its SHA-256.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, transition

from conventions import gardes
from conventions.nettoyage import nettoyer_modele
from core.workflow import TransitionRefusee, condition

# The staff permission of every staff transition (group AGENT_METROPOLE, superusers).
PILOTER = "conventions.piloter_convention"

# The sections every template must contain (COMPLIANCE 24), as ``<section id="...">``.
SECTIONS_OBLIGATOIRES: dict[str, str] = {
    "parties": "Parties, représentants et délibérations qui les autorisent",
    "visas": "Visas",
    "objet": "Objet",
    "pieces": "Pièces contractuelles",
    "duree": "Durée",
    "engagements-metropole": "Engagements de la Métropole",
    "engagements-beneficiaire": "Engagements du bénéficiaire",
    "donnees": "Données",
    "propriete-intellectuelle": "Propriété intellectuelle",
    "communication": "Communication",
    "suivi-evaluation": "Suivi et évaluation",
    "absence-obligation": "Absence d'obligation de poursuite",
    "modification": "Modification",
    "resiliation": "Résiliation anticipée sans indemnité",
    "litiges": "Litiges",
    "signatures": "Signatures",
}
MENTION_COMMUNICATION = "Un projet du programme ApproprIAtion de la Métropole du Grand Paris"


def sections_manquantes(corps: str) -> list[str]:
    """The titles of the mandatory sections absent from a template body."""
    return [
        titre
        for code, titre in SECTIONS_OBLIGATOIRES.items()
        if f'id="{code}"' not in corps and f"id='{code}'" not in corps
    ]


class ModeleConventionQuerySet(models.QuerySet):
    def courant(self) -> "ModeleConvention | None":
        """The latest version: the one new conventions use."""
        return self.order_by("-version").first()


class ModeleConvention(models.Model):
    version = models.PositiveIntegerField("version", unique=True)
    titre = models.CharField("titre", max_length=200)
    corps = models.TextField(
        "corps",
        help_text=(
            'Gabarit Django (HTML) : une balise <section id="…"> par section obligatoire. '
            "Variables (valeurs simples) : convention (reference, representant_mgp_nom, "
            "representant_mgp_qualite, deliberation_mgp, representant_beneficiaire_nom, "
            "representant_beneficiaire_qualite, deliberation_beneficiaire, perimetre_donnees, "
            "donnees_personnelles, base_legale_donnees_personnelles, date_debut, date_fin, "
            "clauses_particulieres), parcours (titre, slug, theme, date_limite), candidature "
            "(numero, deposee_le), territoire (nom, code, siren, departement, population, "
            "nature), cas_usage."
        ),
    )
    note_de_version = models.TextField("ce qui change dans cette version", blank=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    cree_le = models.DateTimeField("créé le", default=timezone.now, editable=False)
    utilise = models.BooleanField(
        "utilisé",
        default=False,
        editable=False,
        help_text="Une version utilisée par une convention ne peut plus être modifiée.",
    )

    objects = ModeleConventionQuerySet.as_manager()

    class Meta:
        verbose_name = "modèle de convention"
        verbose_name_plural = "modèles de convention"
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.titre} (version {self.version})"

    def save(self, *args, **kwargs) -> None:
        # Enforced here too, not only in the admin: no code path may alter a used version.
        if self._deja_utilise() and kwargs.get("update_fields") != ["utilise"]:
            raise ValidationError(
                "Cette version du modèle est utilisée par au moins une convention : elle ne peut "
                "plus être modifiée."
            )
        if kwargs.get("update_fields") != ["utilise"]:
            # Whatever the path (admin, new version, shell), the stored source keeps only
            # the allowed HTML (see conventions.nettoyage); rendering cleans again.
            self.corps = nettoyer_modele(self.corps)
        super().save(*args, **kwargs)

    def _deja_utilise(self) -> bool:
        return self.pk is not None and type(self).objects.filter(pk=self.pk, utilise=True).exists()

    def clean(self) -> None:
        if self._deja_utilise():
            raise ValidationError(
                "Cette version du modèle est utilisée par au moins une convention : elle ne peut "
                "plus être modifiée. Créez une nouvelle version (action « Créer une nouvelle "
                "version »)."
            )
        self.corps = nettoyer_modele(self.corps)
        manquantes = sections_manquantes(self.corps)
        if manquantes:
            raise ValidationError(
                {"corps": "Sections obligatoires absentes : " + ", ".join(manquantes) + "."}
            )
        from django.template import Template, TemplateSyntaxError

        try:
            Template(self.corps)
        except TemplateSyntaxError as erreur:
            raise ValidationError(
                {"corps": f"Le gabarit contient une erreur : {erreur}"}
            ) from erreur

    def marquer_utilise(self) -> None:
        if not self.utilise:
            self.utilise = True
            self.save(update_fields=["utilise"])

    def nouvelle_version(self, *, par=None) -> "ModeleConvention":
        """A copy of this version under the next number, free to edit."""
        suivante = (type(self).objects.aggregate(m=models.Max("version"))["m"] or 0) + 1
        return type(self).objects.create(
            version=suivante,
            titre=self.titre,
            corps=self.corps,
            note_de_version=f"Copie de la version {self.version}.",
            cree_par=par,
        )


class ConventionQuerySet(models.QuerySet):
    def avec_relations(self) -> "ConventionQuerySet":
        return self.select_related("candidature__territoire", "candidature__parcours", "modele")

    def visibles_par(self, user) -> "ConventionQuerySet":
        """What a front-office user sees: the conventions of the territoires they act for,
        once sent for signature (a draft is the Métropole's working copy)."""
        if not user.is_authenticated:
            return self.none()
        return (
            self.avec_relations()
            .filter(candidature__territoire__in=user.territoires_approuves())
            .exclude(etat=Convention.Etat.BROUILLON)
        )

    def a_relancer(self, maintenant, delai) -> "ConventionQuerySet":
        """Sent for signature for at least ``delai`` and still unsigned."""
        return self.filter(etat=Convention.Etat.ENVOYEE, envoyee_le__lte=maintenant - delai)


class Convention(models.Model):
    class Etat(models.TextChoices):
        BROUILLON = "brouillon", "Brouillon"
        ENVOYEE = "envoyee", "Envoyée pour signature"
        SIGNEE_BENEFICIAIRE = "signee_beneficiaire", "Signée par le bénéficiaire"
        EN_VIGUEUR = "en_vigueur", "Contresignée par la Métropole, en vigueur"
        COMPLETEE = "completee", "Exécutée"
        RESILIEE = "resiliee", "Résiliée"

    candidature = models.OneToOneField(
        "candidatures.Candidature",
        on_delete=models.PROTECT,
        related_name="convention",
        verbose_name="candidature",
    )
    modele = models.ForeignKey(
        ModeleConvention,
        on_delete=models.PROTECT,
        related_name="conventions",
        verbose_name="version du modèle",
    )
    etat = FSMField(
        "étape", max_length=20, choices=Etat.choices, default=Etat.BROUILLON, protected=True
    )
    representant_mgp_nom = models.CharField("représentant de la Métropole", max_length=200)
    representant_mgp_qualite = models.CharField(
        "qualité du représentant de la Métropole", max_length=200
    )
    deliberation_mgp = models.CharField(
        "délibération autorisant la Métropole",
        max_length=300,
        help_text="Par exemple : la délibération du Bureau métropolitain n° BM2026/01/15/03 du 15 janvier 2026.",
    )
    representant_beneficiaire_nom = models.CharField("représentant du bénéficiaire", max_length=200)
    representant_beneficiaire_qualite = models.CharField(
        "qualité du représentant du bénéficiaire", max_length=200
    )
    deliberation_beneficiaire = models.CharField(
        "délibération autorisant le bénéficiaire",
        max_length=300,
        help_text="Par exemple : la délibération du conseil municipal n° 2026-012 du 3 février 2026.",
    )
    perimetre_donnees = models.TextField(
        "périmètre des données et résultats partagés (art. 7)",
    )
    donnees_personnelles = models.TextField(
        "données à caractère personnel partagées",
        blank=True,
        help_text="Laisser vide si aucune : la convention le dit alors explicitement.",
    )
    base_legale_donnees_personnelles = models.CharField(
        "base légale du traitement", max_length=300, blank=True
    )
    date_debut = models.DateField("début de l'expérimentation")
    date_fin = models.DateField("fin de l'expérimentation")
    clauses_particulieres = models.TextField("clauses particulières", blank=True)

    envoyee_le = models.DateTimeField("envoyée le", null=True, blank=True, editable=False)
    signee_beneficiaire_le = models.DateTimeField(
        "signée par le bénéficiaire le", null=True, blank=True, editable=False
    )
    signee_beneficiaire_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="copie signée déposée par",
    )
    contresignee_le = models.DateTimeField("contresignée le", null=True, blank=True, editable=False)
    contresignee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="contresignée par",
    )
    motif_resiliation = models.TextField("motif de la résiliation", blank=True, editable=False)
    cree_le = models.DateTimeField("créée le", default=timezone.now, editable=False)
    modifie_le = models.DateTimeField("modifiée le", auto_now=True)

    objects = ConventionQuerySet.as_manager()

    class Meta:
        verbose_name = "convention"
        verbose_name_plural = "conventions"
        ordering = ["candidature__parcours", "candidature__territoire__nom"]
        permissions = [("piloter_convention", "Envoyer, contresigner et résilier les conventions")]

    def __str__(self) -> str:
        return f"Convention {self.reference} – {self.territoire}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self.modele.marquer_utilise()

    @property
    def territoire(self):
        return self.candidature.territoire

    @property
    def parcours(self):
        return self.candidature.parcours

    @property
    def reference(self) -> str:
        annee = timezone.localtime(self.cree_le).year if self.cree_le else timezone.now().year
        return f"AIM-{annee}-{self.pk or 0:04d}"

    def clean(self) -> None:
        if self.date_debut and self.date_fin and self.date_fin <= self.date_debut:
            raise ValidationError(
                {"date_fin": "La fin de l'expérimentation doit suivre son début."}
            )
        if self.donnees_personnelles.strip() and not self.base_legale_donnees_personnelles.strip():
            raise ValidationError(
                {
                    "base_legale_donnees_personnelles": (
                        "Indiquez la base légale du traitement des données personnelles partagées."
                    )
                }
            )
        if self.pk and self.etat != self.Etat.BROUILLON:
            raise ValidationError(
                "La convention a été envoyée pour signature : son contenu ne peut plus changer. "
                "Résiliez-la ou faites un avenant."
            )

    @property
    def document(self) -> "DocumentConvention | None":
        """The latest generated PDF (the one sent for signature)."""
        return self.documents.filter(nature=DocumentConvention.Nature.GENEREE).first()

    @property
    def copie_signee(self) -> "DocumentConvention | None":
        return self.documents.filter(nature=DocumentConvention.Nature.SIGNEE).first()

    def documents_affiches(self) -> list[dict]:
        """The documents as the beneficiary sees them, newest first: only the latest generated
        PDF is the one to sign; each older one says when it was replaced."""
        lignes, remplace_le = [], None
        for document in self.documents.all():
            ligne = {"document": document, "libelle": document.get_nature_display()}
            if document.nature == DocumentConvention.Nature.GENEREE:
                if remplace_le is None:
                    ligne["libelle"] = (
                        "Convention à signer (PDF/A-3a)"
                        if self.etat == self.Etat.ENVOYEE
                        else "Convention (PDF/A-3a)"
                    )
                ligne["remplace_le"] = remplace_le
                remplace_le = document.genere_le
            lignes.append(ligne)
        return lignes

    # Transitions ------------------------------------------------------------------------
    # Run them through core.workflow.appliquer (or conventions.signature), never directly.

    @transition(
        field=etat,
        source=Etat.BROUILLON,
        target=Etat.ENVOYEE,
        conditions=[
            condition(gardes.pdf_genere),
            condition(gardes.pdf_a_jour),
            condition(gardes.representant_legal_inscrit),
        ],
        permission=PILOTER,
        custom={
            "libelle": "Envoyer pour signature",
            "confirmation": (
                "Le représentant légal du bénéficiaire sera prévenu et pourra télécharger la "
                "convention. Son contenu ne pourra plus être modifié."
            ),
        },
    )
    def envoyer(self, *, par=None, commentaire: str = "") -> None:
        """Sent to the beneficiary's legal representative(s), who are notified after commit."""
        from conventions.signature import prevenir_representants

        self.envoyee_le = timezone.now()
        prevenir_representants(self)

    @transition(
        field=etat,
        source=Etat.ENVOYEE,
        target=Etat.SIGNEE_BENEFICIAIRE,
        permission=lambda convention, user: (
            gardes.peut_signer_pour_beneficiaire(convention, user) is None
        ),
        custom={
            "libelle": "Déposer la convention signée par le bénéficiaire",
            "staff": False,
        },
    )
    def signer_beneficiaire(self, *, par=None, commentaire: str = "", fichier=None) -> None:
        """The scan signed by the legal representative is stored with its SHA-256."""
        if fichier is None:
            raise TransitionRefusee(["Joignez la convention signée, au format PDF."])
        DocumentConvention.enregistrer(
            convention=self,
            contenu=fichier,
            nature=DocumentConvention.Nature.SIGNEE,
            par=par,
        )
        self.signee_beneficiaire_le = timezone.now()
        self.signee_beneficiaire_par = par

    @transition(
        field=etat,
        source=Etat.SIGNEE_BENEFICIAIRE,
        target=Etat.EN_VIGUEUR,
        permission=PILOTER,
        custom={
            "libelle": "Contresigner (entrée en vigueur)",
            "confirmation": (
                "Vous attestez que la Métropole a signé la convention : elle entre en vigueur "
                "aujourd'hui."
            ),
        },
    )
    def contresigner(self, *, par=None, commentaire: str = "", fichier=None) -> None:
        """The countersigned copy, when staff attach it, is kept with its SHA-256."""
        if fichier is not None:
            DocumentConvention.enregistrer(
                convention=self,
                contenu=fichier,
                nature=DocumentConvention.Nature.CONTRESIGNEE,
                par=par,
            )
        self.contresignee_le = timezone.now()
        self.contresignee_par = par

    @transition(
        field=etat,
        source=Etat.EN_VIGUEUR,
        target=Etat.COMPLETEE,
        conditions=[condition(gardes.experimentation_terminee)],
        permission=PILOTER,
        custom={
            "libelle": "Déclarer la convention exécutée",
            "confirmation": "L'expérimentation est terminée et les engagements sont remplis.",
        },
    )
    def completer(self, *, par=None, commentaire: str = "") -> None:
        pass

    @transition(
        field=etat,
        source=[Etat.ENVOYEE, Etat.SIGNEE_BENEFICIAIRE, Etat.EN_VIGUEUR],
        target=Etat.RESILIEE,
        permission=PILOTER,
        custom={
            "libelle": "Résilier",
            "confirmation": (
                "La convention sera résiliée, sans indemnité (article 2 du règlement). Le motif "
                "est obligatoire et sera communiqué au bénéficiaire."
            ),
            "commentaire_requis": True,
        },
    )
    def resilier(self, *, par=None, commentaire: str = "") -> None:
        if not commentaire.strip():
            raise TransitionRefusee(["Le motif de la résiliation est obligatoire."])
        self.motif_resiliation = commentaire.strip()


def chemin_document(instance: "DocumentConvention", nom: str) -> str:
    """A storage name that never reuses an uploaded name (no traversal, no collision)."""
    return f"conventions/{instance.convention_id}/{uuid.uuid4().hex}.pdf"


class DocumentConvention(models.Model):
    """A PDF of a convention, kept with its SHA-256: generated, or signed and uploaded."""

    class Nature(models.TextChoices):
        GENEREE = "generee", "Convention générée (PDF/A-3a)"
        SIGNEE = "signee", "Copie signée par le bénéficiaire"
        CONTRESIGNEE = "contresignee", "Exemplaire contresigné par la Métropole"

    convention = models.ForeignKey(Convention, on_delete=models.PROTECT, related_name="documents")
    nature = models.CharField("nature", max_length=12, choices=Nature.choices)
    fichier = models.FileField("fichier", upload_to=chemin_document, max_length=200)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    taille = models.PositiveIntegerField("taille (octets)")
    modele = models.ForeignKey(
        ModeleConvention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="version du modèle",
    )
    genere_le = models.DateTimeField("produit le", default=timezone.now)
    genere_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
    )

    class Meta:
        verbose_name = "document de convention"
        verbose_name_plural = "documents de convention"
        ordering = ["-genere_le", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_nature_display()} – {self.convention}"

    @classmethod
    def enregistrer(cls, *, convention, contenu: bytes, nature: str, par=None, modele=None):
        """Store ``contenu`` privately (MEDIA_ROOT, never served directly) with its SHA-256."""
        import hashlib

        from django.core.files.base import ContentFile

        document = cls(
            convention=convention,
            nature=nature,
            sha256=hashlib.sha256(contenu).hexdigest(),
            taille=len(contenu),
            modele=modele,
            genere_par=par,
        )
        document.fichier.save("convention.pdf", ContentFile(contenu), save=False)
        document.save()
        return document

    @property
    def nom_telechargement(self) -> str:
        suffixe = {self.Nature.SIGNEE: "signee", self.Nature.CONTRESIGNEE: "contresignee"}.get(
            self.nature, "a-signer"
        )
        slug = self.convention.territoire.nom.replace(" ", "-")
        return f"convention-{self.convention.reference}-{slug}-{suffixe}.pdf"


def chemin_archive(instance: "LotGeneration", nom: str) -> str:
    return f"conventions/lots/{instance.pk}/{uuid.uuid4().hex}.zip"


class LotGeneration(models.Model):
    """A batch generating the conventions of every selected beneficiary of a track."""

    class Etat(models.TextChoices):
        EN_ATTENTE = "en_attente", "En attente"
        EN_COURS = "en_cours", "En cours"
        TERMINE = "termine", "Terminé"

    parcours = models.ForeignKey(
        "tracks.Parcours", on_delete=models.PROTECT, related_name="lots_conventions"
    )
    etat = models.CharField(
        "état", max_length=12, choices=Etat.choices, default=Etat.EN_ATTENTE, editable=False
    )
    total = models.PositiveIntegerField("conventions à générer", default=0, editable=False)
    reussis = models.PositiveIntegerField("générées", default=0, editable=False)
    echecs = models.PositiveIntegerField("en échec", default=0, editable=False)
    erreurs = models.JSONField("erreurs", default=list, blank=True, editable=False)
    archive = models.FileField(
        "archive ZIP", upload_to=chemin_archive, blank=True, max_length=200, editable=False
    )
    demande_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
        verbose_name="demandé par",
    )
    cree_le = models.DateTimeField("demandé le", default=timezone.now, editable=False)
    termine_le = models.DateTimeField("terminé le", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "lot de génération"
        verbose_name_plural = "lots de génération"
        ordering = ["-cree_le"]

    def __str__(self) -> str:
        return f"Lot n° {self.pk} – {self.parcours}"

    @property
    def faits(self) -> int:
        return self.reussis + self.echecs

    @property
    def pourcentage(self) -> int:
        return 100 if not self.total else round(100 * self.faits / self.total)
