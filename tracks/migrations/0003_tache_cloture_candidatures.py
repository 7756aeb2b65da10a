# SPDX-License-Identifier: EUPL-1.2
"""Register the periodic task that closes applications at the deadline (every minute)."""

from django.db import migrations

NOM = "Clôture des candidatures à la date limite"
TACHE = "tracks.tasks.clore_candidatures_echues"


def creer(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    chaque_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=NOM, defaults={"task": TACHE, "interval": chaque_minute, "enabled": True}
    )


def supprimer(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NOM).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracks", "0002_etapes_documents_suggestions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(creer, supprimer)]
