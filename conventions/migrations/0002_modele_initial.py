# SPDX-License-Identifier: EUPL-1.2
"""Version 1 of the convention template, read from conventions/modeles/convention_v1.html."""

from django.db import migrations


def charger(apps, schema_editor):
    from conventions.modele_initial import charger

    charger(apps.get_model("conventions", "ModeleConvention"), schema_editor.connection.alias)


def retirer(apps, schema_editor):
    apps.get_model("conventions", "ModeleConvention").objects.filter(
        version=1, utilise=False
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("conventions", "0001_initial")]

    operations = [migrations.RunPython(charger, retirer)]
