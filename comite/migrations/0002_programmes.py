# SPDX-License-Identifier: EUPL-1.2
"""The programmes a session may examine, as data (a session may be shared, DESIGN "Committee")."""

from django.db import migrations

PROGRAMMES = ["ApproprIAtion Métropolitaine", "Fonds Innover dans la Ville"]


def creer(apps, schema_editor):
    Programme = apps.get_model("comite", "Programme")
    for nom in PROGRAMMES:
        Programme.objects.get_or_create(nom=nom)


class Migration(migrations.Migration):
    dependencies = [("comite", "0001_initial")]
    operations = [migrations.RunPython(creer, migrations.RunPython.noop)]
