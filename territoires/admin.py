# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from territoires.models import Territoire


@admin.register(Territoire)
class TerritoireAdmin(admin.ModelAdmin):
    list_display = ["nom", "code", "nature", "ept", "departement", "population"]
    list_filter = ["nature", "departement", "ept"]
    search_fields = ["nom", "code", "siren"]
    list_select_related = ["ept"]
    exclude = ["geometrie"]

    def has_add_permission(self, request):
        return False  # The referential comes from files, never typed by hand.

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Territoire._meta.fields if f.name != "geometrie"]
