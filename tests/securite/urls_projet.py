# SPDX-License-Identifier: EUPL-1.2
"""Every URL pattern of the project, walked from the root resolver (admin included)."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

SUFFIXES_ADMIN = ("changelist", "add", "change", "delete", "history")


def _parcourir(motifs, prefixe: str = "", espace: str = ""):
    for motif in motifs:
        if isinstance(motif, URLResolver):
            sous_espace = espace + (f"{motif.namespace}:" if motif.namespace else "")
            yield from _parcourir(motif.url_patterns, prefixe + str(motif.pattern), sous_espace)
        elif isinstance(motif, URLPattern):
            nom = f"{espace}{motif.name}" if motif.name else None
            yield nom, prefixe + str(motif.pattern), motif.callback


def tous_les_motifs() -> list[tuple[str | None, str]]:
    """(name or None, full pattern) of every URL the project answers."""
    return [(nom, motif) for nom, motif, _ in _parcourir(get_resolver().url_patterns)]


def toutes_les_vues() -> list[tuple[str | None, str, object]]:
    """(name or None, full pattern, view callable) of every URL the project answers."""
    return list(_parcourir(get_resolver().url_patterns))


def modeles_admin() -> dict[str, type]:
    """``app_model`` → model, for every model registered in the admin."""
    return {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}


def est_generique_admin(nom: str | None) -> bool:
    """An admin URL the ModelAdmin generates (changelist/add/change/delete/history)."""
    if not nom or not nom.startswith("admin:"):
        return False
    base, _, suffixe = nom[len("admin:") :].rpartition("_")
    return suffixe in SUFFIXES_ADMIN and base in modeles_admin()
