# SPDX-License-Identifier: EUPL-1.2
"""The committee in the Django admin: composition for staff, sessions for members.

Each member sees only the sessions they are convened to (``SessionExamen.objects.visibles_par``);
the scoring, vote and aggregate pages are custom views in :mod:`comite.admin_views`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify

from accounts.admin import UserAdmin
from accounts.models import User
from audit.journal import adresse_ip, enregistrer
from audit.models import Evenement
from comite import admin_views
from comite.bureau import parcours_en_attente_de_decision
from comite.models import (
    Audition,
    Convocation,
    DecisionBureau,
    DeclarationInteret,
    GroupePolitique,
    IssueDecision,
    MandatMembre,
    PointOrdreDuJour,
    Programme,
    SessionExamen,
    personnes_mandatees,
)
from comite.rules import est_gestionnaire

SESSIONS_MINIMUM_PAR_AN = 2  # Règlement art. 5


def sessions_manquantes(annee: int) -> int:
    """How many sessions are missing for the year to reach the minimum of art. 5."""
    return max(0, SESSIONS_MINIMUM_PAR_AN - SessionExamen.objects.de_l_annee(annee).count())


@admin.register(GroupePolitique)
class GroupePolitiqueAdmin(admin.ModelAdmin):
    list_display = ["nom", "sigle", "debut", "fin"]


@admin.register(MandatMembre)
class MandatMembreAdmin(admin.ModelAdmin):
    list_display = ["membre", "siege", "groupe", "debut", "fin", "suppleant"]
    list_filter = ["siege", "groupe"]
    autocomplete_fields = ["membre", "suppleant"]  # the accounts, searched by name or e-mail


class MandatDuMembreInline(admin.TabularInline):
    """A member's mandates on their account's page: the account is linked to its seat."""

    model = MandatMembre
    fk_name = "membre"
    extra = 0
    fields = ["siege", "groupe", "debut", "fin", "suppleant"]
    autocomplete_fields = ["suppleant"]
    verbose_name_plural = "mandats au comité (composition)"


# The committee registers with the accounts' admin (a later layer adds to an earlier one).
UserAdmin.inlines = [*UserAdmin.inlines, MandatDuMembreInline]


@admin.register(DeclarationInteret)
class DeclarationInteretAdmin(admin.ModelAdmin):
    list_display = ["membre", "territoire", "nature", "declaree_le", "retiree_le"]
    list_filter = ["nature"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["nom"]


class ConvocationInline(admin.TabularInline):
    model = Convocation
    extra = 0
    fields = ["membre", "mandat", "present", "declarations_confirmees_le"]
    readonly_fields = ["declarations_confirmees_le"]

    def get_formset(self, request, obj=None, **kwargs):
        # Only people holding a current mandate (or substituting for one) may be convened;
        # those already convened stay listed so that an older session can still be saved.
        formset = super().get_formset(request, obj, **kwargs)
        champs = formset.form.base_fields
        deja = list(obj.convocations.values_list("membre_id", "mandat_id")) if obj else []
        if "membre" in champs:
            champs["membre"].queryset = personnes_mandatees(aussi=[m for m, _ in deja])
        if "mandat" in champs:
            champs["mandat"].queryset = MandatMembre.objects.filter(
                Q(pk__in=MandatMembre.objects.en_cours().values("pk"))
                | Q(pk__in=[m for _, m in deja if m])
            ).select_related("membre", "groupe")
        return formset


class PointInline(admin.TabularInline):
    model = PointOrdreDuJour
    extra = 0
    fields = [
        "rang",
        "candidature",
        "president_suppleant",
        "resultat",
        "voix_preponderante",
        "vote_clos_le",
    ]
    readonly_fields = ["candidature", "resultat", "voix_preponderante", "vote_clos_le"]
    can_delete = False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if "president_suppleant" in formset.form.base_fields:
            deja = obj.points.values_list("president_suppleant_id", flat=True) if obj else []
            formset.form.base_fields["president_suppleant"].queryset = personnes_mandatees(
                aussi=list(deja)
            )
        return formset

    def has_add_permission(self, request, obj=None):
        return False


class AuditionInline(admin.TabularInline):
    model = Audition
    extra = 0
    fields = ["candidature", "date", "lieu", "invitation_envoyee_le", "notes"]
    readonly_fields = ["invitation_envoyee_le"]


@admin.register(Audition)
class AuditionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "session", "date", "lieu", "invitation_envoyee_le"]
    fields = ["session", "candidature", "date", "lieu", "invitation_envoyee_le", "notes"]
    readonly_fields = ["invitation_envoyee_le"]
    actions = ["envoyer_invitations"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(session__in=SessionExamen.objects.visibles_par(request.user))
            .select_related("candidature__territoire", "candidature__parcours", "session")
        )

    @admin.action(description="Envoyer l'invitation aux candidats sélectionnés")
    def envoyer_invitations(self, request, queryset):
        from comite.seances import inviter_a_l_audition

        total = sum(inviter_a_l_audition(audition=a, par=request.user) for a in queryset)
        self.message_user(request, f"{total} invitation(s) envoyée(s).", messages.SUCCESS)


@admin.register(SessionExamen)
class SessionExamenAdmin(admin.ModelAdmin):
    list_display = ["__str__", "lieu", "etat", "pages"]
    list_filter = ["etat"]
    filter_horizontal = ["programmes", "parcours"]
    fields = ["date", "lieu", "programmes", "parcours", "president", "etat"]
    readonly_fields = ["etat"]

    def get_fields(self, request, obj=None):
        """The chair's name without a link for who may not open the accounts' admin (a 403)."""
        champs = super().get_fields(request, obj)
        if self.has_change_permission(request, obj) or self.admin_site._registry[
            User
        ].has_view_permission(request, getattr(obj, "president", None)):
            return champs
        return ["presidence" if champ == "president" else champ for champ in champs]

    @admin.display(description="président")
    def presidence(self, obj) -> str:
        return str(obj.president or "—")

    inlines = [ConvocationInline, PointInline, AuditionInline]

    def get_queryset(self, request):
        return SessionExamen.objects.visibles_par(request.user)

    def get_form(self, request, obj=None, **kwargs):
        # The chair is a committee member: commune agents and staff are never offered.
        form = super().get_form(request, obj, **kwargs)
        if "president" in form.base_fields:
            form.base_fields["president"].queryset = personnes_mandatees(
                aussi=[obj.president_id] if obj else []
            )
        return form

    @admin.display(description="Pages de la séance")
    def pages(self, obj):
        return format_html(
            '<a href="{}">Notation et votes</a>',
            reverse("admin:comite_liste_notation", args=[obj.pk]),
        )

    def changelist_view(self, request, extra_context=None):
        if est_gestionnaire(request.user):
            annee = timezone.localdate().year
            manquantes = sessions_manquantes(annee)
            if manquantes:
                messages.warning(
                    request,
                    f"Le règlement prévoit au moins {SESSIONS_MINIMUM_PAR_AN} séances d'examen par "
                    f"an : il manque {manquantes} séance(s) au calendrier {annee}.",
                )
        return super().changelist_view(request, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        from comite.seances import constituer_ordre_du_jour

        if form.instance.etat == SessionExamen.Etat.PLANIFIEE:
            constituer_ordre_du_jour(form.instance)

    def get_urls(self):
        vue = self.admin_site.admin_view
        urls = [
            path(
                "<int:session_id>/notation/",
                vue(admin_views.liste_notation),
                name="comite_liste_notation",
            ),
            path(
                "<int:session_id>/notation/<int:point_id>/",
                vue(admin_views.grille_notation),
                name="comite_grille_notation",
            ),
            path(
                "<int:session_id>/notation/<int:point_id>/soumettre/",
                vue(admin_views.soumettre_notation),
                name="comite_soumettre_notation",
            ),
            path(
                "<int:session_id>/vote/<int:point_id>/", vue(admin_views.voter), name="comite_voter"
            ),
            path(
                "<int:session_id>/vote/<int:point_id>/clore/",
                vue(admin_views.clore_vote),
                name="comite_clore_vote",
            ),
            path(
                "<int:session_id>/declarations/",
                vue(admin_views.declarations),
                name="comite_declarations",
            ),
            path("<int:session_id>/ouvrir/", vue(admin_views.ouvrir), name="comite_ouvrir"),
            path("<int:session_id>/agregats/", vue(admin_views.agregats), name="comite_agregats"),
            path(
                "<int:session_id>/agregats.csv",
                vue(admin_views.agregats_csv),
                name="comite_agregats_csv",
            ),
            path("<int:session_id>/cloturer/", vue(admin_views.cloturer), name="comite_cloturer"),
            path(
                "<int:session_id>/proces-verbal.pdf",
                vue(admin_views.proces_verbal),
                name="comite_proces_verbal",
            ),
        ]
        return urls + super().get_urls()


class IssueDecisionInline(admin.TabularInline):
    model = IssueDecision
    extra = 0
    fields = [
        "candidature",
        "selectionnee",
        "conforme_a_la_proposition",
        "motif_ecart",
        "consultee_le",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DecisionBureau)
class DecisionBureauAdmin(admin.ModelAdmin):
    list_display = ["__str__", "parcours", "enregistree_le"]
    inlines = [IssueDecisionInline]
    # The file through a download view that checks the permission and logs the download
    # (files have no public URL: MEDIA_URL is None in production).
    fields = ["parcours", "numero", "date", "document_telechargement", "document_sha256"]
    readonly_fields = fields

    def has_add_permission(self, request):
        # "Ajouter" leads to the tracks awaiting a decision; the decision itself is recorded
        # through comite.bureau with each application's outcome.
        return request.user.has_perm("comite.gerer_sessions")

    def add_view(self, request, form_url="", extra_context=None):
        """Choose the track whose Bureau decision is to be recorded."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Enregistrer une décision du Bureau métropolitain",
            "parcours": parcours_en_attente_de_decision(),
        }
        return TemplateResponse(request, "comite/admin/decision_bureau_choix.html", contexte)

    def get_urls(self):
        vue = self.admin_site.admin_view
        return [
            path(
                "enregistrer/<int:parcours_id>/",
                vue(admin_views.decision_bureau),
                name="comite_enregistrer_decision_bureau",
            ),
            path(
                "<int:pk>/deliberation/",
                vue(self.telecharger_document),
                name="comite_decisionbureau_document",
            ),
        ] + super().get_urls()

    @admin.display(description="délibération (PDF)")
    def document_telechargement(self, obj: DecisionBureau) -> str:
        if not obj.document:
            return "—"
        return format_html(
            '<a href="{}">Télécharger la délibération n° {}</a>',
            reverse("admin:comite_decisionbureau_document", args=[obj.pk]),
            obj.numero,
        )

    def telecharger_document(self, request, pk: int) -> FileResponse:
        decision = get_object_or_404(DecisionBureau, pk=pk)
        if not self.has_view_permission(request, decision):
            raise PermissionDenied
        if not decision.document:
            raise Http404("Aucune délibération déposée.")
        enregistrer(
            action=Evenement.Action.TELECHARGEMENT,
            acteur=request.user,
            objet=decision,
            commentaire="Délibération du Bureau téléchargée",
            donnees={"sha256": decision.document_sha256},
            adresse_ip=adresse_ip(request),
        )
        reponse = FileResponse(
            decision.document.open("rb"),
            as_attachment=True,
            filename=f"deliberation-{slugify(decision.numero) or decision.pk}.pdf",
            content_type="application/pdf",
        )
        reponse["X-Content-Type-Options"] = "nosniff"
        return reponse

    def has_delete_permission(self, request, obj=None):
        return False
