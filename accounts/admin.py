# SPDX-License-Identifier: EUPL-1.2
"""People and roles in the admin: list, invitation, roles, deactivation, second-factor reset.

Every change of access goes through :mod:`accounts.comptes` (one function per operation, with
its audit entry); the change form itself only edits the name, function and phone. No account
is ever deleted from here: an account that acted is named by the history, it is deactivated.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import comptes
from accounts.forms import InvitationForm, MotifFacultatifForm, MotifForm
from accounts.models import Adhesion, User
from accounts.roles import ROLES_BACK_OFFICE
from audit.journal import adresse_ip
from audit.models import Evenement


class SecondFacteurFilter(admin.SimpleListFilter):
    title = "second facteur"
    parameter_name = "second_facteur"

    def lookups(self, request, model_admin):
        return [("oui", "Configuré"), ("non", "Non configuré")]

    def queryset(self, request, queryset):
        if self.value() in ("oui", "non"):
            return queryset.filter(a_second_facteur=self.value() == "oui")
        return queryset


class RoleFilter(admin.SimpleListFilter):
    title = "rôle"
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(role, role) for role in ROLES_BACK_OFFICE] + [
            ("superutilisateur", "Superutilisateur")
        ]

    def queryset(self, request, queryset):
        if self.value() == "superutilisateur":
            return queryset.filter(is_superuser=True)
        if self.value() in ROLES_BACK_OFFICE:
            return queryset.filter(groups__name=self.value())
        return queryset


def _avec_second_facteur(queryset):
    """One EXISTS per device kind, in the list's own query (no query per row)."""
    return queryset.annotate(
        a_second_facteur=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        | Exists(StaticDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = [
        "nom_complet",
        "email",
        "roles_affiches",
        "territoires_affiches",
        "last_login",
        "second_facteur",
        "is_active",
    ]
    list_filter = ["is_active", RoleFilter, SecondFacteurFilter]
    search_fields = ["nom_complet", "email", "adhesions__territoire__nom"]
    ordering = ["nom_complet"]
    fields = ["email", "nom_complet", "fonction", "telephone"]
    readonly_fields_etat = ["is_active", "is_superuser", "last_login", "date_joined"]
    change_form_template = "admin/accounts/user/change_form.html"
    inlines: list = []  # the committee adds the member's mandates (comite.admin)
    actions = None

    def get_queryset(self, request):
        adhesions = Adhesion.objects.approuvees().select_related("territoire")
        return _avec_second_facteur(
            super()
            .get_queryset(request)
            .prefetch_related("groups", Prefetch("adhesions", queryset=adhesions))
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return self.fields + self.readonly_fields_etat
        return self.readonly_fields_etat if obj is not None else []

    def get_fields(self, request, obj=None):
        return self.fields + (self.readonly_fields_etat if obj is not None else [])

    def has_view_permission(self, request, obj=None) -> bool:
        return comptes.peut_gerer(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return comptes.peut_gerer(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return comptes.peut_gerer(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deactivate instead: the history names the people who acted

    @admin.display(description="rôles")
    def roles_affiches(self, user: User) -> str:
        noms = sorted(g.name for g in user.groups.all())
        if user.is_superuser:
            noms.insert(0, "Superutilisateur")
        return ", ".join(noms) or "—"

    @admin.display(description="territoires")
    def territoires_affiches(self, user: User) -> str:
        return ", ".join(a.territoire.nom for a in user.adhesions.all()) or "—"

    @admin.display(description="second facteur", boolean=True, ordering="a_second_facteur")
    def second_facteur(self, user: User) -> bool:
        return user.a_second_facteur

    # ---- pages of their own -------------------------------------------------------------

    def get_urls(self):
        def vue(fonction, route, nom):
            return path(route, self.admin_site.admin_view(fonction), name=f"accounts_user_{nom}")

        return [
            vue(self.attribuer_role_view, "<int:pk>/roles/attribuer/", "attribuer_role"),
            vue(self.retirer_role_view, "<int:pk>/roles/retirer/", "retirer_role"),
            vue(self.desactiver_view, "<int:pk>/desactiver/", "desactiver"),
            vue(self.reactiver_view, "<int:pk>/reactiver/", "reactiver"),
            vue(
                self.second_facteur_view, "<int:pk>/second-facteur/", "reinitialiser_second_facteur"
            ),
            vue(self.reinviter_view, "<int:pk>/reinviter/", "reinviter"),
            vue(
                self.retirer_superutilisateur_view,
                "<int:pk>/superutilisateur/retirer/",
                "retirer_superutilisateur",
            ),
        ] + super().get_urls()

    def _compte(self, request: HttpRequest, pk: int) -> User:
        """The account to act on; 403 unless the user may manage this account."""
        user = get_object_or_404(User, pk=pk)
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        return user

    def _fiche(self, user: User):
        return redirect("admin:accounts_user_change", user.pk)

    def _executer(self, request: HttpRequest, operation, succes: str, **kwargs) -> None:
        """Run one operation of :mod:`accounts.comptes`; its refusal becomes the French message."""
        try:
            operation(par=request.user, adresse_ip=adresse_ip(request), **kwargs)
        except comptes.GestionRefusee as refus:
            self.message_user(request, str(refus), messages.ERROR)
        else:
            self.message_user(request, succes, messages.SUCCESS)

    def add_view(self, request: HttpRequest, form_url="", extra_context=None) -> HttpResponse:
        """Adding an account is inviting its owner: they choose their own password."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InvitationForm(
            request.POST if request.method == "POST" else None,
            roles_possibles=comptes.roles_attribuables_par(request.user),
            superutilisateur_possible=request.user.is_superuser,
        )
        if request.method == "POST" and form.is_valid():
            donnees = form.cleaned_data
            try:
                invitation, _ = comptes.inviter(
                    email=donnees["email"],
                    nom_complet=donnees["nom_complet"],
                    fonction=donnees["fonction"],
                    roles=donnees["roles"],
                    superutilisateur=donnees.get("superutilisateur", False),
                    par=request.user,
                    adresse_ip=adresse_ip(request),
                )
            except comptes.GestionRefusee as refus:
                form.add_error(None, str(refus))
            else:
                self.message_user(
                    request,
                    f"Invitation envoyée à {invitation.utilisateur.email} : le lien est valable "
                    "72 heures.",
                    messages.SUCCESS,
                )
                return self._fiche(invitation.utilisateur)
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Inviter une personne",
            "form": form,
        }
        return TemplateResponse(request, "admin/accounts/user/inviter.html", contexte)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if user is not None:
            attribuables = comptes.roles_attribuables_par(request.user)
            extra_context.update(
                peut_gerer=self.has_change_permission(request, user),
                roles=[
                    {
                        "nom": role,
                        "a": role in {g.name for g in user.groups.all()},
                        "attribuable": role in attribuables,
                    }
                    for role in ROLES_BACK_OFFICE
                ],  # fmt: skip
                invitation=user.invitations.first(),
                historique=[
                    (evenement, comptes.OPERATIONS[evenement.transition])
                    for evenement in Evenement.objects.pour(user).filter(
                        action=Evenement.Action.MODIFICATION,
                        transition__in=comptes.OPERATIONS,
                    )
                ],
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def attribuer_role_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._role_view(request, pk, comptes.attribuer_role, "attribué à")

    def retirer_role_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._role_view(request, pk, comptes.retirer_role, "retiré à")

    def _role_view(self, request, pk, operation, verbe: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        user = self._compte(request, pk)
        role = request.POST.get("role", "")  # an unknown role is refused by comptes
        try:
            fait = operation(user=user, role=role, par=request.user, adresse_ip=adresse_ip(request))
        except comptes.GestionRefusee as refus:
            self.message_user(request, str(refus), messages.ERROR)
        else:
            if fait:
                self.message_user(request, f"Rôle « {role} » {verbe} {user}.", messages.SUCCESS)
            else:
                self.message_user(request, "Rien à changer : c'était déjà le cas.", messages.INFO)
        return self._fiche(user)

    def desactiver_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET: confirmation page. POST: deactivate (sessions end, the history stays)."""
        user = self._compte(request, pk)
        form = MotifFacultatifForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            self._executer(
                request,
                comptes.desactiver,
                f"Le compte de {user} est désactivé.",
                user=user,
                motif=form.cleaned_data["motif"],
            )
            return self._fiche(user)
        return self._confirmation(
            request,
            user,
            form,
            titre="Désactiver le compte",
            explication=(
                "La personne ne pourra plus se connecter et ses sessions en cours sont fermées. "
                "Son nom reste dans l'historique ; le compte peut être réactivé."
            ),
        )

    def retirer_superutilisateur_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET: confirmation page. POST: the account keeps only its roles."""
        user = self._compte(request, pk)
        form = MotifFacultatifForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            self._executer(
                request,
                comptes.retirer_superutilisateur,
                f"{user} n'est plus superutilisateur.",
                user=user,
            )
            return self._fiche(user)
        return self._confirmation(
            request,
            user,
            form,
            titre="Retirer le statut de superutilisateur",
            explication=(
                "La personne garde son compte et ses rôles, mais plus les autres droits. Le "
                "dernier superutilisateur actif ne peut pas perdre ce statut."
            ),
        )

    def reactiver_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        user = self._compte(request, pk)
        self._executer(request, comptes.reactiver, f"Le compte de {user} est réactivé.", user=user)
        return self._fiche(user)

    def second_facteur_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET: the reason's form. POST: remove the devices; the person enrols again."""
        user = self._compte(request, pk)
        form = MotifForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            self._executer(
                request,
                comptes.reinitialiser_second_facteur,
                f"Le second facteur de {user} est réinitialisé ; la personne en est prévenue.",
                user=user,
                motif=form.cleaned_data["motif"],
            )
            return self._fiche(user)
        return self._confirmation(
            request,
            user,
            form,
            titre="Réinitialiser le second facteur",
            explication=(
                "L'application d'authentification et les codes de secours de la personne sont "
                "supprimés et ses sessions fermées : elle en configurera un nouveau à sa prochaine "
                "connexion. Vérifiez son identité avant (par téléphone, par exemple)."
            ),
        )

    def reinviter_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A new link for a person who never answered (the previous ones stop working)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        user = self._compte(request, pk)
        roles = [g.name for g in user.groups.all() if g.name in ROLES_BACK_OFFICE]

        def reinviter(*, par, adresse_ip):
            return comptes.inviter(
                email=user.email,
                nom_complet=user.nom_complet,
                roles=roles,
                superutilisateur=user.is_superuser,
                par=par,
                adresse_ip=adresse_ip,
            )

        self._executer(request, reinviter, f"Nouvelle invitation envoyée à {user.email}.")
        return self._fiche(user)

    def _confirmation(self, request, user, form, *, titre: str, explication: str):
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": titre,
            "compte": user,
            "form": form,
            "explication": explication,
        }
        return TemplateResponse(request, "admin/accounts/user/confirmation.html", contexte)
