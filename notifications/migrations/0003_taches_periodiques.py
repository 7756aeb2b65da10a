# SPDX-License-Identifier: EUPL-1.2
"""Register the outbox sweep (every minute) and the reminder scheduler (hourly, 8 h–19 h).

Stored in django-celery-beat so that staff can see and edit them in the admin. Rows written
before ``prochain_essai_le`` existed are due at their planned time.
"""

from django.db import migrations
from django.db.models import F

BALAYAGE = "Envoi des messages en attente (boîte d'envoi)"
RAPPELS = "Calcul des rappels dus"


def creer(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    chaque_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=BALAYAGE,
        defaults={
            "task": "notifications.tasks.balayer_boite_d_envoi",
            "interval": chaque_minute,
            "enabled": True,
            "description": "Envoie les messages restés en attente (Redis ou serveur de courriel "
            "indisponible) dont le prochain essai est dû.",
        },
    )
    heures_ouvrees, _ = CrontabSchedule.objects.get_or_create(
        minute="5",
        hour="8-19",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Paris",
    )
    PeriodicTask.objects.update_or_create(
        name=RAPPELS,
        defaults={
            "task": "notifications.tasks.planifier_rappels",
            "crontab": heures_ouvrees,
            "enabled": True,
            "description": "Écrit les rappels dus (dates limites, adhésions à valider…) ; "
            "sans risque de doublon : chaque rappel a une clé unique.",
        },
    )
    Message = apps.get_model("notifications", "Message")
    Message.objects.filter(etat="en_attente").update(prochain_essai_le=F("prevu_le"))


def supprimer(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=[BALAYAGE, RAPPELS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_boite_d_envoi_essais_preferences"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(creer, supprimer)]
