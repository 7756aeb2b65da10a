# SPDX-License-Identifier: EUPL-1.2
"""The journal in the admin: readable by Métropole staff, never editable by anyone."""

from django.contrib import admin

from accounts.roles import est_agent_metropole
from audit.models import EmpreinteJournaliere, Evenement
from core.admin_filtres import LiesEnCacheListFilter, filtre_periode


class LectureSeuleAdmin(admin.ModelAdmin):
    """No add, change nor delete, even for superusers: the journal is evidence."""

    def _peut_lire(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or est_agent_metropole(user))

    def has_module_permission(self, request):
        return self._peut_lire(request)

    def has_view_permission(self, request, obj=None):
        return self._peut_lire(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _etat(libelle: str, code: str) -> str:
    """The label for people, the stored code beside it (what the hash covers)."""
    return f"{libelle} ({code})" if libelle != code else code or "—"


@admin.register(Evenement)
class EvenementAdmin(LectureSeuleAdmin):
    list_display = ["horodatage", "action", "acteur_libelle", "objet_libelle", "transition", "ip"]
    list_filter = [
        "action",
        ("acteur", LiesEnCacheListFilter),
        "horodatage",
        filtre_periode("horodatage"),
    ]
    search_fields = ["acteur_libelle", "objet_libelle", "commentaire", "object_id"]
    list_select_related = ["adresse"]
    show_full_result_count = False
    fields = [
        "horodatage",
        "action",
        "acteur_libelle",
        "objet_libelle",
        "content_type",
        "object_id",
        "transition",
        "de",
        "vers",
        "commentaire",
        "donnees",
        "ip",
        "empreinte_precedente",
        "empreinte",
    ]
    readonly_fields = fields

    @admin.display(description="de")
    def de(self, obj: Evenement) -> str:
        return _etat(obj.libelle_etat_avant, obj.etat_avant)

    @admin.display(description="vers")
    def vers(self, obj: Evenement) -> str:
        return _etat(obj.libelle_etat_apres, obj.etat_apres)

    @admin.display(description="adresse IP")
    def ip(self, obj: Evenement) -> str:
        return obj.ip or "—"


@admin.register(EmpreinteJournaliere)
class EmpreinteJournaliereAdmin(LectureSeuleAdmin):
    list_display = ["jour", "empreinte", "nombre_evenements", "calculee_le"]
    date_hierarchy = "jour"
    readonly_fields = ["jour", "empreinte", "dernier_evenement", "nombre_evenements", "calculee_le"]
