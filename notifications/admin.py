# SPDX-License-Identifier: EUPL-1.2
"""The staff view of the outbox: read-only rows, filters, and resending a failed message."""

from django.contrib import admin, messages
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from core.admin_filtres import ValeursEnCacheListFilter, filtre_periode
from notifications import outbox
from notifications.models import Message, PreferencesNotification


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["sujet", "adresse", "gabarit", "etat", "essais", "cree_le", "envoye_le"]
    list_filter = [
        "etat",
        ("gabarit", ValeursEnCacheListFilter),
        "obligatoire",
        filtre_periode("cree_le"),
    ]
    search_fields = ["sujet", "adresse", "cle", "destinataire__nom_complet"]
    list_select_related = ["destinataire"]
    show_full_result_count = False  # a second COUNT over the whole outbox for every page
    actions = ["renvoyer"]
    fields = [
        "destinataire",
        "adresse",
        "gabarit",
        "content_type",
        "object_id",
        "cle",
        "sujet",
        "texte",
        "etat",
        "obligatoire",
        "essais",
        "erreur",
        "cree_le",
        "prevu_le",
        "prochain_essai_le",
        "envoye_le",
        "lu_le",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="texte")
    def texte(self, obj: Message) -> str:
        """The text as sent, its links clickable (they are built from ``SITE_URL``); a message
        carrying a secret (a reset link) is never shown to staff."""
        if obj.confidentiel:
            return "(masqué : contenu confidentiel, lien personnel réservé à son destinataire)"
        html = urlize(obj.corps_texte, nofollow=True, autoescape=True)  # escapes the text
        return mark_safe(html.replace("\n", "<br>\n"))  # noqa: S308 - escaped just above

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # The outbox is a record of what the Métropole sent.

    @admin.action(description="Renvoyer les messages en échec sélectionnés", permissions=["change"])
    def renvoyer(self, request, queryset):
        renvoyes = sum(
            outbox.renvoyer(message=message, par=request.user)
            for message in queryset.filter(etat=Message.Etat.ECHEC)
        )
        ignores = queryset.count() - renvoyes
        if renvoyes:
            self.message_user(
                request, f"{renvoyes} message(s) remis en file d'envoi.", messages.SUCCESS
            )
        if ignores:
            self.message_user(
                request,
                f"{ignores} message(s) ignoré(s) : seuls les messages en échec sont renvoyés.",
                messages.WARNING,
            )


@admin.register(PreferencesNotification)
class PreferencesNotificationAdmin(admin.ModelAdmin):
    list_display = ["utilisateur", "parcours_publies", "rappels_sans_candidature", "modifie_le"]
    list_select_related = ["utilisateur"]
    search_fields = ["utilisateur__email", "utilisateur__nom_complet"]
    readonly_fields = ["utilisateur", "parcours_publies", "rappels_sans_candidature", "modifie_le"]

    def has_add_permission(self, request) -> bool:
        return False
