# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from core.models import PageEditoriale, SignalementAccessibilite


@admin.register(SignalementAccessibilite)
class SignalementAccessibiliteAdmin(admin.ModelAdmin):
    list_display = ["numero", "recu_le", "email", "page", "traite_le"]
    list_filter = [("traite_le", admin.EmptyFieldListFilter), "recu_le"]
    search_fields = ["email", "nom", "page", "description"]
    readonly_fields = ["nom", "email", "page", "description", "recu_le"]
    fields = readonly_fields + ["traite_le"]

    @admin.display(description="numéro")
    def numero(self, obj: SignalementAccessibilite) -> str:
        return obj.numero

    def has_add_permission(self, request):
        return False


@admin.register(PageEditoriale)
class PageEditorialeAdmin(admin.ModelAdmin):
    """The Métropole's staff edit the text; the pages themselves are fixed by the RGAA."""

    list_display = ["titre", "slug", "modifie_le"]
    fields = ["slug", "titre", "corps", "modifie_le"]
    readonly_fields = ["slug", "modifie_le"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
