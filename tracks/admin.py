# SPDX-License-Identifier: EUPL-1.2
"""The staff back office of the tracks: content of each step and the transition buttons.

A transition is never a plain field edit: each button leads to a confirmation page (GET)
whose form POSTs to the same URL, which runs :func:`core.workflow.appliquer` with the state
the user saw, so a double post or a concurrent change is refused with a clear message.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.roles import EXPERT
from audit.journal import adresse_ip
from conventions.admin import generer_conventions
from core.workflow import TransitionRefusee, appliquer, graphe_mermaid, transitions_possibles
from tracks import chronologie, echeances, gardes
from tracks.criteres import Critere
from tracks.models import (
    PILOTER,
    Atelier,
    AvisExpert,
    CasUsage,
    DocumentParcours,
    JalonPrevu,
    MarchePublic,
    Parcours,
    PonderationCritere,
    PresenceAtelier,
    PresenceLancement,
    Prestataire,
    ReunionLancement,
    SuggestionTheme,
)


class PonderationCritereInline(admin.TabularInline):
    """The scoring grid: editable while the track is a draft, frozen once published."""

    model = PonderationCritere
    max_num = len(Critere.values)

    def get_extra(self, request, obj=None, **kwargs):
        if obj is not None and not obj.grille_modifiable():
            return 0
        deja = obj.ponderations.count() if obj is not None and obj.pk else 0
        return len(Critere.values) - deja

    def _modifiable(self, obj) -> bool:
        return obj is None or obj.grille_modifiable()

    def has_add_permission(self, request, obj=None):
        return self._modifiable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._modifiable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._modifiable(obj) and super().has_delete_permission(request, obj)


class JalonPrevuInline(admin.TabularInline):
    model = JalonPrevu
    extra = 0
    verbose_name_plural = "calendrier prévisionnel (dates prévues, affichées au public)"


class DocumentParcoursInline(admin.TabularInline):
    """Documents are private files: no media URL, the link goes through the checking view."""

    model = DocumentParcours
    extra = 0
    fields = ["nature", "fichier", "telecharger", "taille", "sha256", "ajoute_le"]
    readonly_fields = ["telecharger", "taille", "sha256", "ajoute_le"]
    # The uploaded name is never stored (chemin_document makes one up): a long one is welcome.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput, "max_length": None}}

    @admin.display(description="fichier actuel")
    def telecharger(self, obj: DocumentParcours) -> str:
        if not obj.pk:
            return "—"
        url = reverse("tracks:document", args=[obj.parcours.slug, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.nom_original)


class AtelierInline(admin.TabularInline):
    model = Atelier
    extra = 0
    show_change_link = True  # attendance per agent is on the workshop's own page


class CasUsageInline(admin.TabularInline):
    model = CasUsage
    extra = 0
    autocomplete_fields = ["propose_par"]


class AvisExpertInline(admin.StackedInline):
    model = AvisExpert
    extra = 0
    readonly_fields = ["expert", "avis", "rendu_le"]

    def has_add_permission(self, request, obj=None):
        return False  # written by the experts themselves, on their own page


class MarchePublicInline(admin.TabularInline):
    model = MarchePublic
    extra = 0
    fields = ["reference", "objet", "infructueux", "infructueux_le"]
    readonly_fields = ["infructueux", "infructueux_le"]
    show_change_link = True  # providers are on the procurement's own page


@admin.register(Parcours)
class ParcoursAdmin(admin.ModelAdmin):
    list_display = ["titre", "etat", "date_limite_affichee", "modifie_le"]
    list_filter = ["etat", ("date_limite", admin.DateFieldListFilter)]
    search_fields = ["titre", "theme"]
    prepopulated_fields = {"slug": ["titre"]}
    readonly_fields = ["etat", "motif_arret"]
    change_form_template = "admin/tracks/parcours/change_form.html"
    change_list_template = "admin/tracks/parcours/change_list.html"
    actions = [generer_conventions]

    def view_on_site(self, obj: Parcours) -> str | None:
        """ "Voir sur le site" only once the public page exists (a draft answers 404)."""
        return obj.get_absolute_url() if obj.etat != Parcours.Etat.BROUILLON else None

    inlines = [
        PonderationCritereInline,
        DocumentParcoursInline,
        JalonPrevuInline,
        AtelierInline,
        CasUsageInline,
        AvisExpertInline,
        MarchePublicInline,
    ]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "etat", "theme", "problematiques", "date_limite"]}),
        ("Échelle de notation", {"fields": ["echelle_min", "echelle_max"]}),
        (
            "Phase 2 et bilan",
            {"fields": ["experimentation_debut", "experimentation_fin", "synthese_bilan"]},
        ),
        ("Arrêt anticipé", {"fields": ["motif_arret"], "classes": ["collapse"]}),
    ]

    @admin.display(description="date limite", ordering="date_limite")
    def date_limite_affichee(self, obj: Parcours) -> str:
        from core.formats import echeance

        return echeance(obj.date_limite) if obj.date_limite else "—"

    def get_readonly_fields(self, request, obj=None):
        champs = list(super().get_readonly_fields(request, obj))
        if obj is not None and not obj.grille_modifiable():
            # Published: the grid is public and the address may have been shared. The
            # deadline moves only through "Reporter la date limite" (reason, notice, notices).
            champs += ["echelle_min", "echelle_max", "slug", "date_limite"]
        return champs

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and not obj.grille_modifiable() else self.prepopulated_fields

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, PonderationCritereInline) and request.method == "GET":
            deja = set(obj.ponderations.values_list("critere", flat=True)) if obj.pk else set()
            kwargs["initial"] = [
                {"critere": critere, "poids": 1}
                for critere in Critere.values
                if critere not in deja
            ]
        return kwargs

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/transition/<str:nom>/",
                self.admin_site.admin_view(self.transition_view),
                name="tracks_parcours_transition",
            ),
            path(
                "<int:pk>/reporter-date-limite/",
                self.admin_site.admin_view(self.reporter_date_limite_view),
                name="tracks_parcours_reporter_date_limite",
            ),
            path(
                "diagramme/",
                self.admin_site.admin_view(self.diagramme_view),
                name="tracks_parcours_diagramme",
            ),
        ]
        return urls + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        parcours = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if parcours is not None:
            historique = chronologie.transitions_du_parcours(parcours)
            extra_context["transitions"] = transitions_possibles(parcours, "etat", request.user)
            extra_context["etapes"] = chronologie.etapes(parcours, historique)
            extra_context["historique"] = historique
            extra_context["reports"] = echeances.reports(parcours)
            self._signaler_representants_manquants(request, parcours)
            if parcours.etat == Parcours.Etat.EXPERIMENTATION:
                extra_context["manques_suivi"] = gardes.manques_pour_le_suivi(parcours)
        return super().change_view(request, object_id, form_url, extra_context)

    def _signaler_representants_manquants(self, request, parcours: Parcours) -> None:
        """From the Bureau's decision on, name the beneficiaries whose convention could not
        be sent for signature (no validated legal representative)."""
        E = Parcours.Etat
        avant_ou_apres = {E.BROUILLON, E.PUBLIE, E.INSTRUCTION, E.CLOS, E.ARRETE, E.SANS_SUITE}
        if request.method != "GET" or parcours.etat in avant_ou_apres:
            return
        noms = gardes.beneficiaires_sans_representant_legal(parcours)
        if noms:
            messages.warning(
                request,
                "Aucun représentant légal n'a de compte validé pour : "
                + ", ".join(noms)
                + ". Leur convention ne pourra pas être envoyée pour signature : invitez le "
                "représentant légal à demander son adhésion sur le portail, puis validez-la.",
            )

    def transition_view(self, request: HttpRequest, pk: int, nom: str) -> HttpResponse:
        """GET: confirmation page with an optional comment. POST: run the transition."""
        parcours = get_object_or_404(Parcours, pk=pk)
        if not self.has_view_permission(request, parcours):
            raise PermissionDenied
        declarees = [
            t
            for t in Parcours._meta.get_field("etat").get_all_transitions(Parcours)
            if t.name == nom
        ]
        if not declarees:
            raise Http404("Action inconnue.")
        # Who may not run the action may not open its confirmation page either (an expert
        # reads the track but never moves it): the same 403 for the GET and the POST.
        if not any(t.has_perm(parcours, request.user) for t in declarees):
            raise PermissionDenied
        possibles = {t["nom"]: t for t in transitions_possibles(parcours, "etat", request.user)}
        url_parcours = reverse("admin:tracks_parcours_change", args=[parcours.pk])
        transition = possibles.get(nom)
        if request.method == "POST":
            form = ConfirmationTransitionForm(
                request.POST,
                commentaire_requis=bool(transition and transition["commentaire_requis"]),
            )
            if not form.is_valid():
                return self._page_confirmation(request, parcours, transition, nom, form)
            try:
                appliquer(
                    parcours,
                    nom,
                    par=request.user,
                    etat_attendu=form.cleaned_data["etat_attendu"],
                    commentaire=form.cleaned_data["commentaire"],
                    adresse_ip=adresse_ip(request),
                )
            except TransitionRefusee as refus:
                messages.error(request, "Action refusée : " + " ".join(refus.raisons))
                return redirect(url_parcours)
            libelle = transition["libelle"] if transition else nom
            messages.success(request, f"« {libelle} » : c'est fait.")
            return redirect(url_parcours)
        if transition is None:
            messages.error(
                request,
                f"Cette action n'est pas possible à l'étape « {parcours.get_etat_display()} ».",
            )
            return redirect(url_parcours)
        form = ConfirmationTransitionForm(
            initial={"etat_attendu": parcours.etat},
            commentaire_requis=transition["commentaire_requis"],
        )
        return self._page_confirmation(request, parcours, transition, nom, form)

    def _page_confirmation(self, request, parcours, transition, nom, form) -> HttpResponse:
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": parcours,
            "parcours": parcours,
            "transition": transition or {"nom": nom, "libelle": nom, "raisons": []},
            "form": form,
            "title": (transition or {}).get("libelle", nom),
        }
        return TemplateResponse(request, "admin/tracks/parcours/transition.html", contexte)

    def reporter_date_limite_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET: the form with its consequences. POST: move the published deadline (issue 19.4)."""
        parcours = get_object_or_404(Parcours, pk=pk)
        if not request.user.has_perm(PILOTER):
            raise PermissionDenied
        url_parcours = reverse("admin:tracks_parcours_change", args=[parcours.pk])
        form = ReportDateLimiteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                echeances.reporter_date_limite(
                    parcours=parcours,
                    nouvelle=form.cleaned_data["nouvelle"],
                    motif=form.cleaned_data["motif"],
                    par=request.user,
                    adresse_ip=request.META.get("REMOTE_ADDR"),
                )
            except TransitionRefusee as refus:
                for raison in refus.raisons:
                    form.add_error(None, raison)
            else:
                messages.success(
                    request,
                    "La date limite est modifiée ; les territoires qui ont une candidature "
                    "sont prévenus.",
                )
                return redirect(url_parcours)
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": parcours,
            "parcours": parcours,
            "form": form,
            "raison_etat": echeances.raison_etat(parcours),
            "delai_heures": settings.DELAI_MINIMAL_REPORT_ECHEANCE,
            "title": f"Reporter la date limite — {parcours}",  # the page's h1
        }
        return TemplateResponse(
            request,
            "admin/tracks/parcours/reporter_date_limite.html",
            contexte,
            status=400 if form.errors else 200,
        )

    def diagramme_view(self, request: HttpRequest) -> HttpResponse:
        """The workflow diagram, generated from the declared transitions (Mermaid source)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Diagramme des étapes d'un parcours",
            "mermaid": graphe_mermaid(Parcours, "etat"),
        }
        return TemplateResponse(request, "admin/tracks/parcours/diagramme.html", contexte)


class ReportDateLimiteForm(forms.Form):
    nouvelle = forms.DateTimeField(
        label="Nouvelle date limite (heure de Paris)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    motif = forms.CharField(
        label="Motif (obligatoire)",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Communiqué aux territoires et conservé dans le journal avec votre nom.",
        error_messages={"required": "Le motif est obligatoire."},
    )


class ConfirmationTransitionForm(forms.Form):
    etat_attendu = forms.CharField(widget=forms.HiddenInput)
    commentaire = forms.CharField(
        label="Commentaire (facultatif)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Conservé dans le journal des étapes avec votre nom et l'heure.",
    )

    def __init__(self, *args, commentaire_requis: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if commentaire_requis:
            self.fields["commentaire"].required = True
            self.fields["commentaire"].label = "Motif (obligatoire)"
            self.fields["commentaire"].error_messages["required"] = "Le motif est obligatoire."


class PresenceLancementInline(admin.TabularInline):
    model = PresenceLancement
    extra = 1
    autocomplete_fields = ["territoire"]


@admin.register(ReunionLancement)
class ReunionLancementAdmin(admin.ModelAdmin):
    list_display = ["parcours", "date", "lieu"]
    inlines = [PresenceLancementInline]


class PresenceAtelierInline(admin.TabularInline):
    model = PresenceAtelier
    extra = 1
    autocomplete_fields = ["territoire"]
    raw_id_fields = ["agent"]
    verbose_name_plural = "présences par agent (preuve de formation, AI Act art. 4)"


@admin.register(Atelier)
class AtelierAdmin(admin.ModelAdmin):
    list_display = ["titre", "parcours", "debut", "duree_heures"]
    list_filter = ["parcours"]
    inlines = [PresenceAtelierInline]


class PrestataireInline(admin.TabularInline):
    model = Prestataire
    extra = 1


@admin.register(MarchePublic)
class MarchePublicAdmin(admin.ModelAdmin):
    list_display = ["reference", "parcours", "infructueux"]
    list_filter = ["infructueux"]
    readonly_fields = ["infructueux", "infructueux_le"]
    inlines = [PrestataireInline]


@admin.register(AvisExpert)
class AvisExpertAdmin(admin.ModelAdmin):
    """Experts write their own opinion; the author is the signed-in expert, never chosen."""

    list_display = ["parcours", "expert", "rendu_le"]
    fields = ["parcours", "avis"]
    readonly_fields: list[str] = []

    def has_add_permission(self, request):
        return request.user.a_role(EXPERT) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.expert_id != request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.expert = request.user
            obj.rendu_le = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(SuggestionTheme)
class SuggestionThemeAdmin(admin.ModelAdmin):
    list_display = ["titre", "territoire", "auteur", "statut", "cree_le"]
    list_filter = ["statut"]
    search_fields = ["titre", "probleme"]
    fields = [
        "titre",
        "territoire",
        "auteur",
        "probleme",
        "benefices_attendus",
        "cree_le",
        "statut",
        "reponse",
        "repondu_par",
        "repondu_le",
    ]
    readonly_fields = [
        "titre",
        "territoire",
        "auteur",
        "probleme",
        "benefices_attendus",
        "cree_le",
        "repondu_par",
        "repondu_le",
    ]

    def has_add_permission(self, request):
        return False  # suggestions come from the agents, in the front office

    def save_model(self, request, obj, form, change):
        if {"statut", "reponse"} & set(form.changed_data):
            obj.repondu_par = request.user
            obj.repondu_le = timezone.now()
        super().save_model(request, obj, form, change)
