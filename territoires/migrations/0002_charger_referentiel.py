# SPDX-License-Identifier: EUPL-1.2
"""Load the 130 communes, 11 EPT and the Métropole from territoires/data (idempotent)."""

from django.db import migrations


def charger(apps, schema_editor):
    from territoires.referentiel import charger as charger_referentiel

    charger_referentiel(apps.get_model("territoires", "Territoire"))


class Migration(migrations.Migration):
    dependencies = [("territoires", "0001_initial")]

    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
