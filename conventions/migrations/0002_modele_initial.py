# SPDX-License-Identifier: EUPL-1.2
"""Version 1 of the convention template, read from conventions/modeles/convention_v1.html."""

from pathlib import Path

from django.db import migrations

FICHIER = Path(__file__).resolve().parent.parent / "modeles" / "convention_v1.html"
TITRE = "Convention d'engagement – programme ApproprIAtion Métropolitaine"


def charger(apps, schema_editor):
    ModeleConvention = apps.get_model("conventions", "ModeleConvention")
    if not ModeleConvention.objects.filter(version=1).exists():
        ModeleConvention.objects.create(
            version=1,
            titre=TITRE,
            corps=FICHIER.read_text(encoding="utf-8"),
            note_de_version="Version initiale.",
        )


def retirer(apps, schema_editor):
    apps.get_model("conventions", "ModeleConvention").objects.filter(
        version=1, utilise=False
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("conventions", "0001_initial")]

    operations = [migrations.RunPython(charger, retirer)]
