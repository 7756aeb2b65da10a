# SPDX-License-Identifier: EUPL-1.2
"""Version 1 of the convention template, read from ``conventions/modeles/convention_v1.html``.

Loaded by the data migration, and again after a ``flush`` empties the table (tests'
transactional flushes re-emit ``post_migrate``), as the territoires are.
"""

from pathlib import Path

FICHIER = Path(__file__).resolve().parent / "modeles" / "convention_v1.html"
TITRE = "Convention d'engagement – programme ApproprIAtion Métropolitaine"


def charger(modele_convention, using: str = "default") -> None:
    """Create version 1 when no version exists (``modele_convention``: the model class)."""
    if not modele_convention.objects.using(using).exists():
        modele_convention.objects.using(using).create(
            version=1,
            titre=TITRE,
            corps=FICHIER.read_text(encoding="utf-8"),
            note_de_version="Version initiale.",
        )


def recharger_si_vide(sender, using: str = "default", **kwargs) -> None:
    from django.db import connections

    from conventions.models import ModeleConvention

    if ModeleConvention._meta.db_table in connections[using].introspection.table_names():
        charger(ModeleConvention, using)
