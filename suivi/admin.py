# SPDX-License-Identifier: EUPL-1.2
"""Back office of the follow-up: evaluation indicators, deliverables (read), AI register.

Deliverables change state only through the staff follow-up page (validate, ask for
changes, waive), which runs :func:`core.workflow.appliquer`; the admin lists and links.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from suivi import registre
from suivi.models import FicheRegistreIA, IndicateurEvaluation, Livrable, ValeurIndicateur
from tracks.models import Parcours


@admin.register(IndicateurEvaluation)
class IndicateurEvaluationAdmin(admin.ModelAdmin):
    list_display = ["libelle", "unite", "parcours", "ordre"]
    list_filter = ["parcours"]
    list_select_related = ["parcours"]
    search_fields = ["libelle", "parcours__titre"]


class ValeurIndicateurInline(admin.TabularInline):
    model = ValeurIndicateur
    extra = 0
    can_delete = False
    readonly_fields = ["indicateur", "valeur", "commentaire"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Livrable)
class LivrableAdmin(admin.ModelAdmin):
    list_display = ["__str__", "parcours", "echeance", "etat", "en_retard", "lien_suivi"]
    list_filter = ["etat", "nature", "parcours"]
    list_select_related = ["parcours", "territoire"]
    search_fields = ["territoire__nom", "parcours__titre"]
    date_hierarchy = "echeance"
    inlines = [ValeurIndicateurInline]

    def get_fields(self, request, obj=None):
        return [
            "fichier_telechargement" if f.name == "fichier" else f.name
            for f in Livrable._meta.fields
            if f.name != "id"
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description="fichier remis")
    def fichier_telechargement(self, obj: Livrable) -> str:
        """Through the deliverable's download view (files have no public URL)."""
        if not obj.fichier:
            return "—"
        return format_html(
            '<a href="{}">Télécharger le fichier remis</a>', reverse("suivi:fichier", args=[obj.pk])
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(boolean=True, description="en retard")
    def en_retard(self, obj: Livrable) -> bool:
        return obj.en_retard

    @admin.display(description="suivi")
    def lien_suivi(self, obj: Livrable) -> str:
        return format_html(
            '<a href="{}">Valider, demander des modifications, dispenser</a>',
            reverse("suivi:pilotage_parcours", args=[obj.parcours.slug]),
        )


@admin.register(FicheRegistreIA)
class FicheRegistreIAAdmin(admin.ModelAdmin):
    list_display = ["parcours", "fournisseur", "classe_risque", "publiee", "mise_a_jour_le"]

    def get_changeform_initial_data(self, request):
        """Opened from a track (``?parcours=``): prefilled from the track, its use case, its
        provider and its beneficiaries."""
        initial = super().get_changeform_initial_data(request)
        pk = request.GET.get("parcours", "")
        parcours = Parcours.objects.filter(pk=pk).first() if pk.isdigit() else None
        if parcours is not None:
            initial.update(registre.valeurs_preremplies(parcours))
        return initial

    list_filter = ["classe_risque", "publiee"]
    list_select_related = ["parcours"]
    search_fields = ["parcours__titre", "fournisseur", "finalite"]
    fieldsets = [
        (None, {"fields": ["parcours", "publiee"]}),
        (
            "La solution",
            {
                "fields": [
                    "finalite",
                    "service_public",
                    "donnees_utilisees",
                    "fournisseur",
                    "deployeurs",
                ]
            },
        ),
        (
            "Règlement européen sur l'IA",
            {
                "fields": [
                    "controle_humain",
                    "classe_risque",
                    "point_annexe_iii",
                    "information_art50",
                    "reference_fria",
                    "reference_base_ue",
                ]
            },
        ),
        (
            "Frugalité (AFNOR SPEC 2314)",
            {
                "fields": [
                    "justification_ia",
                    "alternatives_etudiees",
                    "estimation_energie",
                    "indicateurs_frugalite",
                ]
            },
        ),
        ("Résultats et contact", {"fields": ["resultats", "contact"]}),
    ]
