# SPDX-License-Identifier: EUPL-1.2
"""Staff side: applications per track, admissibility decisions with reasons, exports."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from audit.journal import adresse_ip
from audit.models import Evenement
from candidatures import exports
from candidatures.forms import DecisionForm
from candidatures.models import Candidature, PieceJointe
from core.formats import date_courte, horodatage
from core.workflow import TransitionRefusee, appliquer, transitions_possibles

EXPORTER = "candidatures.exporter_candidatures"


class PieceJointeInline(admin.TabularInline):
    model = PieceJointe
    fields = ["lien", "nature", "taille", "sha256", "ajoutee_par", "ajoutee_le"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="fichier")
    def lien(self, obj: PieceJointe) -> str:
        from django.utils.html import format_html

        url = reverse("candidatures:telecharger_piece", args=[obj.candidature_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.nom)


@admin.register(Candidature)
class CandidatureAdmin(admin.ModelAdmin):
    list_display = [
        "territoire",
        "ept",
        "parcours",
        "etat",
        "numero",
        "depot_court",
        "completude",
    ]
    list_filter = ["parcours", "etat", "territoire__ept"]
    search_fields = ["territoire__nom", "numero"]
    readonly_fields = [
        "parcours",
        "territoire",
        "etat",
        "numero",
        "depot",
        "deposee_par",
        "complements_demandes",
        "complements_avant",
        "motif_decision",
        "modifiee_par",
        "modifiee_le",
    ]
    inlines = [PieceJointeInline]
    actions = ["exporter_csv", "exporter_pieces"]
    change_form_template = "admin/candidatures/candidature/change_form.html"

    def get_queryset(self, request):
        return Candidature.objects.visibles_par(request.user).avec_completude()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # answers belong to the applicant; staff act through transitions

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="EPT", ordering="territoire__ept__nom")
    def ept(self, obj: Candidature) -> str:
        return obj.territoire.ept.nom if obj.territoire.ept else "—"

    @admin.display(description="déposée le", ordering="deposee_le")
    def depot(self, obj: Candidature) -> str:
        return horodatage(obj.deposee_le) if obj.deposee_le else "—"

    @admin.display(description="déposée le", ordering="deposee_le")
    def depot_court(self, obj: Candidature) -> str:
        """The list shows the day; the full time stamp in its tooltip and on the detail page."""
        if not obj.deposee_le:
            return "—"
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            obj.deposee_le.isoformat(),
            horodatage(obj.deposee_le),
            date_courte(obj.deposee_le),
        )

    @admin.display(description="dossier complet")
    def completude(self, obj: Candidature) -> str:
        manques = obj.manques()
        if not manques:
            return "Complet"
        return "Incomplet : " + ", ".join(manques)

    # Exports -------------------------------------------------------------------------------

    def _verifier_export(self, request) -> None:
        if not request.user.has_perm(EXPORTER):
            raise PermissionDenied

    @admin.action(description="Exporter les candidatures sélectionnées (CSV)")
    def exporter_csv(self, request, queryset):
        self._verifier_export(request)
        contenu = exports.csv_candidatures(
            queryset.order_by("parcours", "territoire__nom_tri"), par=request.user
        )
        reponse = HttpResponse(contenu, content_type="text/csv; charset=utf-8")
        nom = f"candidatures-{timezone.localdate():%Y-%m-%d}.csv"
        reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
        return reponse

    @admin.action(description="Télécharger les pièces jointes des candidatures sélectionnées (zip)")
    def exporter_pieces(self, request, queryset):
        self._verifier_export(request)
        contenu = exports.zip_pieces(queryset.prefetch_related("pieces"), par=request.user)
        reponse = HttpResponse(contenu, content_type="application/zip")
        nom = f"pieces-candidatures-{timezone.localdate():%Y-%m-%d}.zip"
        reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
        return reponse

    # Transitions ---------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/transition/<str:nom>/",
                self.admin_site.admin_view(self.transition_view),
                name="candidatures_candidature_transition",
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        candidature = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if candidature is not None:
            extra_context["transitions"] = [
                t for t in transitions_possibles(candidature, "etat", request.user) if t["staff"]
            ]
            extra_context["manques"] = candidature.manques()
            extra_context["historique"] = Evenement.objects.pour(candidature).filter(
                action=Evenement.Action.TRANSITION
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request: HttpRequest, pk: int, nom: str) -> HttpResponse:
        """GET: confirmation page with the reason field. POST: run the transition."""
        candidature = get_object_or_404(self.get_queryset(request), pk=pk)
        possibles = {
            t["nom"]: t
            for t in transitions_possibles(candidature, "etat", request.user)
            if t["staff"]
        }
        noms = {
            t.name for t in Candidature._meta.get_field("etat").get_all_transitions(Candidature)
        }
        if nom not in noms:
            raise Http404("Action inconnue.")
        url = reverse("admin:candidatures_candidature_change", args=[candidature.pk])
        transition = possibles.get(nom)
        if transition is None:
            messages.error(
                request,
                f"Cette action n'est pas possible à l'état « {candidature.get_etat_display()} ».",
            )
            return redirect(url)
        form = DecisionForm(request.POST or None, transition=transition)
        if request.method == "POST" and form.is_valid():
            try:
                appliquer(
                    candidature,
                    nom,
                    par=request.user,
                    etat_attendu=request.POST.get("etat_attendu"),
                    commentaire=form.cleaned_data["commentaire"].strip(),
                    adresse_ip=adresse_ip(request),
                    **(
                        {
                            "elements": form.cleaned_data["commentaire"],
                            "avant": form.cleaned_data["avant"],
                        }
                        if nom == "demander_complements"
                        else {}
                    ),
                )
            except TransitionRefusee as refus:
                messages.error(request, "Action refusée : " + " ".join(refus.raisons))
                return redirect(url)
            messages.success(request, f"« {transition['libelle']} » : c'est fait.")
            return redirect(url)
        contexte = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": candidature,
            "candidature": candidature,
            "transition": transition,
            "form": form,
            "title": transition["libelle"],
        }
        return TemplateResponse(request, "admin/candidatures/candidature/transition.html", contexte)
