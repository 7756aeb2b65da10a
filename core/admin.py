# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from core.models import SignalementAccessibilite


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
