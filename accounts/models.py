# SPDX-License-Identifier: EUPL-1.2
"""Accounts: people log in with their e-mail; they act for territoires through memberships."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L'adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField("adresse électronique", unique=True)
    nom_complet = models.CharField("nom complet", max_length=150)
    fonction = models.CharField("fonction", max_length=150, blank=True)
    telephone = models.CharField("téléphone", max_length=30, blank=True)
    anonymise_le = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["nom_complet"]

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["nom_complet"]
        permissions = [("gerer_comptes", "Inviter, désactiver et donner des rôles aux comptes")]

    def __str__(self) -> str:
        return self.nom_complet or self.email

    def get_full_name(self) -> str:
        return self.nom_complet

    def get_short_name(self) -> str:
        return self.nom_complet

    def territoires_approuves(self):
        """The territoires this user may act for (approved memberships only)."""
        from territoires.models import Territoire

        return Territoire.objects.filter(
            adhesions__utilisateur=self, adhesions__statut=Adhesion.Statut.APPROUVEE
        )

    def peut_agir_pour(self, territoire) -> bool:
        return (
            Adhesion.objects.approuvees().filter(utilisateur=self, territoire=territoire).exists()
        )

    def est_representant_legal_de(self, territoire) -> bool:
        return (
            Adhesion.objects.approuvees()
            .filter(utilisateur=self, territoire=territoire, role=Adhesion.Role.REPRESENTANT_LEGAL)
            .exists()
        )

    def roles(self) -> frozenset[str]:
        """The names of the user's groups, read once per request for every role check."""
        if not self.is_authenticated or self.pk is None:
            return frozenset()
        if self._groupes is None:
            self._groupes = frozenset(self.groups.values_list("name", flat=True))
        return self._groupes

    def a_role(self, groupe: str) -> bool:
        """One query per request for all the role checks of the page (views, rules, menus)."""
        return groupe in self.roles()

    _groupes: frozenset[str] | None = None  # forgotten when this user's groups change


class AdhesionQuerySet(models.QuerySet):
    def approuvees(self):
        return self.filter(statut=Adhesion.Statut.APPROUVEE)

    def en_attente(self):
        return self.filter(statut=Adhesion.Statut.EN_ATTENTE)

    def a_valider_par(self, user):
        """Pending requests this user may decide: staff all, a legal representative theirs."""
        from accounts.roles import est_agent_metropole

        if est_agent_metropole(user):
            return self.en_attente()
        territoires = (
            Adhesion.objects.approuvees()
            .filter(utilisateur=user, role=Adhesion.Role.REPRESENTANT_LEGAL)
            .values("territoire")
        )
        return self.en_attente().filter(territoire__in=territoires)


@receiver(m2m_changed, sender=User.groups.through)
def _oublier_les_roles(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    """The roles memoised by :meth:`User.a_role` are stale once this user's groups change."""
    if action.startswith("post_") and not reverse:
        instance._groupes = None


class Adhesion(models.Model):
    """A user's membership of a territoire, with a role; it waits for approval before it counts."""

    class Role(models.TextChoices):
        AGENT = "agent", "Agent"
        REPRESENTANT_LEGAL = "representant_legal", "Représentant légal ou délégataire"

    class Statut(models.TextChoices):
        EN_ATTENTE = "en_attente", "En attente de validation"
        APPROUVEE = "approuvee", "Validée"
        REFUSEE = "refusee", "Refusée"
        TERMINEE = "terminee", "Terminée"  # the account was deleted (anonymised)

    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adhesions"
    )
    territoire = models.ForeignKey(
        "territoires.Territoire", on_delete=models.PROTECT, related_name="adhesions"
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.AGENT)
    statut = models.CharField(max_length=12, choices=Statut.choices, default=Statut.EN_ATTENTE)
    demandee_le = models.DateTimeField("demandée le", default=timezone.now)
    decidee_le = models.DateTimeField("décidée le", null=True, blank=True)
    decidee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    motif_refus = models.TextField("motif du refus", blank=True)

    objects = AdhesionQuerySet.as_manager()

    class Meta:
        verbose_name = "adhésion à un territoire"
        verbose_name_plural = "adhésions aux territoires"
        ordering = ["-demandee_le"]
        constraints = [
            models.UniqueConstraint(
                fields=["utilisateur", "territoire"], name="une_adhesion_par_territoire"
            )
        ]

    def __str__(self) -> str:
        return f"{self.utilisateur} — {self.territoire} ({self.get_role_display()})"

    def peut_etre_decidee_par(self, user) -> bool:
        return Adhesion.objects.a_valider_par(user).filter(pk=self.pk).exists()


class InvitationQuerySet(models.QuerySet):
    def en_cours(self) -> "InvitationQuerySet":
        """Invitations that can still be accepted: not used, not cancelled, not expired."""
        return self.filter(
            utilisee_le__isnull=True, annulee_le__isnull=True, expire_le__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use link sent by e-mail to choose one's password and activate the account.

    Only the SHA-256 of the token is kept: someone reading the database (or a backup) cannot
    rebuild a working link from it. The account exists, inactive, from the invitation on, so
    that its roles and committee mandate can be set before the person answers.
    """

    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    empreinte_jeton = models.CharField(max_length=64, unique=True, editable=False)
    invitee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="invitée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    creee_le = models.DateTimeField("créée le", default=timezone.now)
    expire_le = models.DateTimeField("expire le")
    utilisee_le = models.DateTimeField("utilisée le", null=True, blank=True)
    annulee_le = models.DateTimeField("annulée le", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["-creee_le"]

    def __str__(self) -> str:
        return f"Invitation de {self.utilisateur} ({self.creee_le:%d/%m/%Y %H:%M})"

    def raison_invalide(self) -> str | None:
        """Why this link can no longer be used, in French; ``None`` while it can."""
        if self.utilisee_le is not None:
            return "Ce lien d'invitation a déjà été utilisé."
        if self.annulee_le is not None:
            return "Ce lien d'invitation a été remplacé par une invitation plus récente."
        if self.expire_le <= timezone.now():
            return "Ce lien d'invitation a expiré (il est valable 72 heures)."
        if not self.utilisateur.is_active and self.utilisateur.has_usable_password():
            return "Ce compte a été désactivé."
        return None
