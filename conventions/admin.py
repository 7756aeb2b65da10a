# SPDX-License-Identifier: EUPL-1.2
"""The staff back office of the conventions: templates, conventions, batches.

A used template version is read-only (a new version is made by an action). A convention's
varying fields are editable while it is a draft; each workflow button leads to a
confirmation page whose form POSTs to the same URL and runs the transition through
:mod:`conventions.signature` / :func:`core.workflow.appliquer`.
"""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from audit.journal import adresse_ip
from conventions import gardes, signature
from conventions.documents import CHAMPS_SAISIS, generer_pdf, rendre_html
from conventions.forms import (
    ConfirmationForm,
    CopieContresigneeForm,
    CopieSigneeForm,
    LancerLotForm,
)
from conventions.lots import lancer_lot
from conventions.models import (
    Convention,
    DocumentConvention,
    LotGeneration,
    ModeleConvention,
)
from conventions.nettoyage import nettoyer_modele
from core.workflow import TransitionRefusee, appliquer, raisons_blocage, transitions_possibles


@admin.action(description="Générer les conventions des bénéficiaires sélectionnés (tâche de fond)")
def generer_conventions(modeladmin, request, queryset):
    """Admin action for a list of tracks: one background batch per track.

    Written here, with the batches it starts; ``tracks.admin.ParcoursAdmin`` can list it in
    its ``actions`` to offer it on the tracks list as well.
    """
    if not request.user.has_perm("conventions.piloter_convention"):
        raise PermissionDenied
    lots = []
    for parcours in queryset:
        try:
            lots.append(lancer_lot(parcours=parcours, par=request.user))
        except ValidationError as erreur:
            messages.error(request, " ".join(erreur.messages))
    if not lots:
        return None
    messages.success(request, f"{len(lots)} lot(s) lancé(s) : suivez leur avancement.")
    if len(lots) == 1:
        return redirect(reverse("admin:conventions_lotgeneration_suivi", args=[lots[0].pk]))
    return redirect(reverse("admin:conventions_lotgeneration_changelist"))


class ModeleConventionForm(forms.ModelForm):
    class Meta:
        model = ModeleConvention
        fields = ["titre", "corps", "note_de_version"]

    def clean_corps(self) -> str:
        """The body reduced to the allowed HTML; ``corps_nettoye`` says whether it changed."""
        saisi = self.cleaned_data["corps"].replace("\r\n", "\n")
        propre = nettoyer_modele(saisi)
        self.corps_nettoye = propre != saisi
        return propre


@admin.register(ModeleConvention)
class ModeleConventionAdmin(admin.ModelAdmin):
    form = ModeleConventionForm
    list_display = ["version", "titre", "utilise", "cree_le", "cree_par"]
    readonly_fields = ["version", "utilise", "cree_le", "cree_par"]
    actions = ["creer_nouvelle_version"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.utilise:
            return [
                "version",
                "titre",
                "corps",
                "note_de_version",
                "utilise",
                "cree_le",
                "cree_par",
            ]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.utilise and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.version = (
                ModeleConvention.objects.order_by("-version")
                .values_list("version", flat=True)
                .first()
                or 0
            ) + 1
            obj.cree_par = request.user
        super().save_model(request, obj, form, change)
        if getattr(form, "corps_nettoye", False):
            messages.warning(
                request,
                "Le corps contenait du HTML non autorisé dans une convention (script, style, "
                "image, fichier joint, attribut d'événement…) : il a été retiré. Relisez le "
                "corps enregistré.",
            )

    @admin.action(description="Créer une nouvelle version à partir de celle-ci")
    def creer_nouvelle_version(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, "Choisissez une seule version à copier.")
            return None
        nouvelle = queryset.get().nouvelle_version(par=request.user)
        messages.success(
            request, f"Version {nouvelle.version} créée : modifiez-la puis utilisez-la."
        )
        return redirect(reverse("admin:conventions_modeleconvention_change", args=[nouvelle.pk]))


class DocumentConventionInline(admin.TabularInline):
    model = DocumentConvention
    extra = 0
    fields = ["nature", "genere_le", "genere_par", "sha256", "taille", "modele", "telecharger"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="fichier")
    def telecharger(self, obj: DocumentConvention) -> str:
        from django.utils.html import format_html

        url = reverse("admin:conventions_document_telecharger", args=[obj.pk])
        return format_html('<a href="{}">Télécharger</a>', url)


CHAMPS_VARIABLES = ["modele", *CHAMPS_SAISIS]


@admin.register(Convention)
class ConventionAdmin(admin.ModelAdmin):
    list_display = ["reference", "territoire_nom", "parcours_titre", "etat", "modele", "modifie_le"]
    list_filter = ["etat", "candidature__parcours"]
    search_fields = ["candidature__territoire__nom", "candidature__parcours__titre"]
    inlines = [DocumentConventionInline]
    change_form_template = "admin/conventions/convention/change_form.html"
    change_list_template = "admin/conventions/convention/change_list.html"
    actions = ["generer_pdfs", "generer_lots"]
    fieldsets = [
        (None, {"fields": ["candidature", "etat"]}),
        (
            "Parties",
            {
                "fields": [
                    "representant_mgp_nom",
                    "representant_mgp_qualite",
                    "deliberation_mgp",
                    "representant_beneficiaire_nom",
                    "representant_beneficiaire_qualite",
                    "deliberation_beneficiaire",
                ]
            },
        ),
        (
            "Données (article 7)",
            {
                "fields": [
                    "perimetre_donnees",
                    "donnees_personnelles",
                    "base_legale_donnees_personnelles",
                ]
            },
        ),
        ("Expérimentation", {"fields": ["date_debut", "date_fin", "clauses_particulieres"]}),
        ("Modèle", {"fields": ["modele"]}),
        (
            "Signatures",
            {
                "fields": [
                    "envoyee_le",
                    "signee_beneficiaire_le",
                    "signee_beneficiaire_par",
                    "contresignee_le",
                    "contresignee_par",
                    "motif_resiliation",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("candidature__territoire", "candidature__parcours", "modele")
        )

    @admin.display(description="territoire", ordering="candidature__territoire__nom")
    def territoire_nom(self, obj: Convention) -> str:
        return obj.candidature.territoire.nom

    @admin.display(description="parcours", ordering="candidature__parcours__titre")
    def parcours_titre(self, obj: Convention) -> str:
        return obj.candidature.parcours.titre

    def has_add_permission(self, request):
        return False  # conventions are made for selected beneficiaries by the actions

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        signatures = [
            "etat",
            "candidature",
            "envoyee_le",
            "signee_beneficiaire_le",
            "signee_beneficiaire_par",
            "contresignee_le",
            "contresignee_par",
            "motif_resiliation",
            # The track's dates, the one source (conventions.documents.dates_du_parcours).
            "date_debut",
            "date_fin",
        ]
        if obj is not None and obj.etat != Convention.Etat.BROUILLON:
            return signatures + CHAMPS_VARIABLES
        return signatures

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "modele":
            kwargs["queryset"] = ModeleConvention.objects.all()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        vue = self.admin_site.admin_view
        return [
            path("<int:pk>/apercu/", vue(self.apercu_view), name="conventions_convention_apercu"),
            path(
                "<int:pk>/generer/", vue(self.generer_view), name="conventions_convention_generer"
            ),
            path(
                "<int:pk>/transition/<str:nom>/",
                vue(self.transition_view),
                name="conventions_convention_transition",
            ),
            path(
                "document/<int:pk>/",
                vue(self.telecharger_view),
                name="conventions_document_telecharger",
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        convention = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if convention is not None:
            extra_context["transitions"] = transitions_possibles(convention, "etat", request.user)
            if request.method == "GET" and convention.etat == Convention.Etat.BROUILLON:
                # Told while the draft is prepared, not only when sending fails.
                raison = gardes.representant_legal_inscrit(convention)
                if raison:
                    messages.warning(
                        request,
                        raison + " Invitez-le à demander son adhésion sur le portail, puis "
                        "validez-la avant l'envoi pour signature.",
                    )
        return super().change_view(request, object_id, form_url, extra_context)

    def _convention(self, request, pk: int) -> Convention:
        convention = get_object_or_404(Convention.objects.avec_relations(), pk=pk)
        if not self.has_view_permission(request, convention):
            raise PermissionDenied
        return convention

    # The PDF's own stylesheet is inline in the document: allowed here for styles only,
    # scripts stay forbidden.
    @csp_update({"style-src": [UNSAFE_INLINE]})
    def apercu_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The HTML the PDF is made from, to proofread before generating."""
        return HttpResponse(rendre_html(self._convention(request, pk)))

    def generer_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponse(status=405)
        convention = self._convention(request, pk)
        if not self.has_change_permission(request, convention):
            raise PermissionDenied
        try:
            document = generer_pdf(convention, par=request.user)
        except ValidationError as erreur:
            messages.error(request, " ".join(erreur.messages))
        else:
            messages.success(request, f"PDF généré (SHA-256 {document.sha256[:16]}…).")
        return redirect(reverse("admin:conventions_convention_change", args=[pk]))

    def telecharger_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(
            DocumentConvention.objects.select_related("convention__candidature__territoire"), pk=pk
        )
        if not self.has_view_permission(request, document.convention):
            raise PermissionDenied
        return FileResponse(
            document.fichier.open("rb"),
            as_attachment=True,
            filename=document.nom_telechargement,
            content_type="application/pdf",
        )

    def transition_view(self, request: HttpRequest, pk: int, nom: str) -> HttpResponse:
        """GET: confirmation page. POST: run the transition (upload for the beneficiary's step)."""
        convention = self._convention(request, pk)
        declarees = {
            t.name for t in Convention._meta.get_field("etat").get_all_transitions(Convention)
        }
        if nom not in declarees:
            raise Http404("Action inconnue.")
        possibles = {t["nom"]: t for t in transitions_possibles(convention, "etat", request.user)}
        transition = possibles.get(nom) or {
            "nom": nom,
            "libelle": nom,
            "confirmation": "",
            "commentaire_requis": False,
            "raisons": raisons_blocage(convention, nom, request.user),
        }
        url = reverse("admin:conventions_convention_change", args=[pk])
        televersement = nom in ("signer_beneficiaire", "contresigner")
        Form = {"signer_beneficiaire": CopieSigneeForm, "contresigner": CopieContresigneeForm}.get(
            nom, ConfirmationForm
        )
        options = {} if televersement else {"commentaire_requis": transition["commentaire_requis"]}
        if request.method == "POST":
            form = Form(request.POST, request.FILES, **options)
            if form.is_valid():
                try:
                    self._appliquer(request, convention, nom, form.cleaned_data)
                except TransitionRefusee as refus:
                    messages.error(request, "Action refusée : " + " ".join(refus.raisons))
                    if televersement:
                        form.add_error("fichier", " ".join(refus.raisons))
                        return self._page(request, convention, transition, form)
                    return redirect(url)
                messages.success(request, f"« {transition['libelle']} » : c'est fait.")
                return redirect(url)
        else:
            form = Form(initial={"etat_attendu": convention.etat}, **options)
        return self._page(request, convention, transition, form)

    def _appliquer(self, request, convention, nom, donnees) -> None:
        etat_attendu = donnees["etat_attendu"]
        if nom == "signer_beneficiaire":
            signature.deposer_copie_signee(
                convention=convention,
                fichier=donnees["fichier"],
                par=request.user,
                etat_attendu=etat_attendu,
            )
        elif nom == "contresigner":
            signature.contresigner(
                convention=convention,
                par=request.user,
                etat_attendu=etat_attendu,
                fichier=donnees.get("fichier"),
            )
        else:
            appliquer(
                convention,
                nom,
                par=request.user,
                etat_attendu=etat_attendu,
                commentaire=donnees.get("commentaire", ""),
                adresse_ip=adresse_ip(request),
            )

    def _page(self, request, convention, transition, form) -> HttpResponse:
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": convention,
            "convention": convention,
            "transition": transition,
            "form": form,
            "title": transition["libelle"],
        }
        return TemplateResponse(request, "admin/conventions/convention/transition.html", contexte)

    @admin.action(description="Générer le PDF des conventions sélectionnées (brouillons)")
    def generer_pdfs(self, request, queryset):
        faits, refus = 0, []
        for convention in queryset.select_related(
            "candidature__territoire", "candidature__parcours", "modele"
        ):
            try:
                with transaction.atomic():
                    generer_pdf(convention, par=request.user)
                faits += 1
            except ValidationError as erreur:
                refus.append(f"{convention.territoire} : {' '.join(erreur.messages)}")
        if faits:
            messages.success(request, f"{faits} PDF généré(s).")
        for raison in refus:
            messages.error(request, raison)

    @admin.action(
        description="Générer en lot (tâche de fond) toutes les conventions de leur parcours"
    )
    def generer_lots(self, request, queryset):
        from tracks.models import Parcours

        parcours = Parcours.objects.filter(candidatures__convention__in=queryset).distinct()
        return generer_conventions(self, request, parcours)


@admin.register(LotGeneration)
class LotGenerationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "etat", "total", "reussis", "echecs", "cree_le", "demande_par"]
    list_filter = ["etat"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return request.user.has_perm("conventions.piloter_convention")

    def get_urls(self):
        vue = self.admin_site.admin_view
        return [
            path("<int:pk>/suivi/", vue(self.suivi_view), name="conventions_lotgeneration_suivi"),
            path(
                "<int:pk>/archive/",
                vue(self.archive_view),
                name="conventions_lotgeneration_archive",
            ),
        ] + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        """Choose a track and start the batch of its selected beneficiaries' conventions."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = LancerLotForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                lot = lancer_lot(parcours=form.cleaned_data["parcours"], par=request.user)
            except ValidationError as erreur:
                form.add_error("parcours", erreur)
            else:
                messages.success(request, "Génération lancée en tâche de fond.")
                return redirect(reverse("admin:conventions_lotgeneration_suivi", args=[lot.pk]))
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Générer les conventions d'un parcours",
        }
        return TemplateResponse(request, "admin/conventions/lotgeneration/lancer.html", contexte)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect(reverse("admin:conventions_lotgeneration_suivi", args=[object_id]))

    def suivi_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Progress of the batch; the page refreshes itself (meta refresh) until it is done."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        lot = get_object_or_404(LotGeneration.objects.select_related("parcours"), pk=pk)
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "lot": lot,
            "title": str(lot),
            "rafraichir": lot.etat != LotGeneration.Etat.TERMINE,
        }
        return TemplateResponse(request, "admin/conventions/lotgeneration/suivi.html", contexte)

    def archive_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        lot = get_object_or_404(LotGeneration, pk=pk)
        if not lot.archive:
            raise Http404("L'archive n'est pas encore prête.")
        return FileResponse(
            lot.archive.open("rb"),
            as_attachment=True,
            filename=f"conventions-lot-{lot.pk}.zip",
            content_type="application/zip",
        )
