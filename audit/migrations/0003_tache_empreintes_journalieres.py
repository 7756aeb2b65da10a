# SPDX-License-Identifier: EUPL-1.2
"""Register the daily digest of the journal (every night at 00 h 10, Paris time)."""

from django.db import migrations

NOM = "Empreintes journalières du journal d'audit"


def creer(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    nuit, _ = CrontabSchedule.objects.get_or_create(
        minute="10",
        hour="0",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Paris",
    )
    PeriodicTask.objects.update_or_create(
        name=NOM,
        defaults={
            "task": "audit.tasks.publier_empreintes_journalieres",
            "crontab": nuit,
            "enabled": True,
            "description": "Publie la dernière empreinte de chaque journée écoulée "
            "(page publique /journal/empreintes/).",
        },
    )


def supprimer(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NOM).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_adresses_ip_empreintes_journalieres"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(creer, supprimer)]
