# SPDX-License-Identifier: EUPL-1.2
"""Register the daily retention task (every night at 03 h 30, Paris time)."""

from django.db import migrations

NOM = "Durées de conservation des données personnelles"


def creer(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    nuit, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="3",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Paris",
    )
    PeriodicTask.objects.update_or_create(
        name=NOM,
        defaults={
            "task": "accounts.tasks.appliquer_conservation",
            "crontab": nuit,
            "enabled": True,
            "description": "Anonymise les comptes inactifs, vide les messages anciens et "
            "efface les adresses IP du journal au terme de leur durée de conservation.",
        },
    )


def supprimer(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NOM).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_adhesion_terminee"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(creer, supprimer)]
