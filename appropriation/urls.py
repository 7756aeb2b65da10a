# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "ApproprIAtion Métropolitaine — espace Métropole et comité"
admin.site.site_title = "ApproprIAtion Métropolitaine"
admin.site.index_title = "Administration du programme"

# French error pages in the portal's layout (templates/400.html … 500.html, core/erreurs.py).
handler400 = "core.erreurs.requete_invalide"
handler500 = "core.erreurs.erreur_serveur"

urlpatterns = [
    path("", include("core.urls")),
    path("compte/", include("accounts.urls")),
    path("parcours/", include("tracks.urls")),
    path("candidatures/", include("candidatures.urls")),
    path("comite/", include("comite.urls")),
    path("conventions/", include("conventions.urls")),
    path("notifications/", include("notifications.urls")),
    path("suivi/", include("suivi.urls")),
    path("journal/", include("audit.urls")),
    path("admin/", admin.site.urls),
]
