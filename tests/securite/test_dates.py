# SPDX-License-Identifier: EUPL-1.2
"""Time zone settings and no naive datetime stored (COMPLIANCE 34).

pyproject.toml turns Django's "received a naive datetime" RuntimeWarning into an error for the
whole suite, so that any code path storing a naive datetime fails its tests.
"""

import datetime as dt

import pytest
from django.conf import settings

from audit.models import Evenement

pytestmark = pytest.mark.django_db


def test_the_portal_works_in_paris_time_with_aware_datetimes():
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ is True


def test_storing_a_naive_datetime_fails_the_tests():
    with pytest.raises(RuntimeWarning, match="naive datetime"):
        Evenement(
            horodatage=dt.datetime(2026, 3, 9, 12, 0),
            action=Evenement.Action.EXPORT,
            empreinte_precedente="0" * 64,
            empreinte="f" * 64,
        ).save()


def test_every_stored_datetime_in_the_test_database_is_aware(agent_vincennes):
    from django.apps import apps
    from django.db import models

    for modele in apps.get_models():
        champs = [
            f.name for f in modele._meta.concrete_fields if isinstance(f, models.DateTimeField)
        ]
        for ligne in modele._default_manager.values(*champs)[:50] if champs else []:
            for nom, valeur in ligne.items():
                assert valeur is None or valeur.tzinfo is not None, (modele, nom)
