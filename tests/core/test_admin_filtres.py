# SPDX-License-Identifier: EUPL-1.2
"""The admin filters of the journal and the outbox: same drill-down, no scan of the table."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.journal import enregistrer
from audit.models import Evenement
from core.admin_filtres import _intervalle
from tests.factories import connecter
from tests.suivi.test_cache_donnees import CACHE_INJOIGNABLE

pytestmark = pytest.mark.django_db
JOURNAL = "admin:audit_evenement_changelist"
PARIS = dt.timezone(dt.timedelta(hours=1))  # winter time, as in the dates used below


def test_a_period_is_a_year_or_a_month_in_paris_time():
    debut, fin = _intervalle("2025-12")
    assert (debut.isoformat(), fin.isoformat()) == (
        "2025-12-01T00:00:00+01:00",
        "2026-01-01T00:00:00+01:00",
    )
    debut, fin = _intervalle("2026")
    assert (debut.year, fin.year, fin.month) == (2026, 2027, 1)
    for mauvaise in ("", "abcd", "2026-13", "9999", "0000", "2026-1x", "20261"):
        assert _intervalle(mauvaise) is None, mauvaise


@pytest.fixture
def evenements(agent_metropole):
    """Entries in December 2024, March 2025 and January 2026 (one each)."""
    for moment in ("2024-12-15 10:00", "2025-03-03 10:00", "2026-01-20 10:00"):
        instant = dt.datetime.fromisoformat(moment).replace(tzinfo=PARIS)
        with time_machine.travel(instant, tick=False):
            enregistrer(action=Evenement.Action.EXPORT, commentaire=f"export du {moment}")


def _journal(client, **params):
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(reverse(JOURNAL), params)
    assert reponse.status_code == 200
    return reponse, [q["sql"] for q in requetes]


def test_the_journal_is_browsed_by_year_then_month_without_scanning_it(
    client, agent_metropole, evenements
):
    connecter(client, agent_metropole)
    reponse, requetes = _journal(client)
    contenu = reponse.content.decode()
    for annee in ("2024", "2025", "2026"):
        assert f"horodatage__periode={annee}" in contenu
    assert "horodatage__periode=2025-03" not in contenu  # months once a year is chosen
    assert not [sql for sql in requetes if "DATE_TRUNC" in sql.upper()]

    reponse, _ = _journal(client, horodatage__periode="2025")
    assert [e.commentaire for e in reponse.context["cl"].result_list] == [
        "export du 2025-03-03 10:00"
    ]
    contenu = reponse.content.decode()
    assert "horodatage__periode=2025-03" in contenu and "mars 2025" in contenu
    assert "horodatage__periode=2025-11" in contenu  # between the first and the last entry

    reponse, _ = _journal(client, horodatage__periode="2024")
    contenu = reponse.content.decode()
    assert "horodatage__periode=2024-12" in contenu
    assert "horodatage__periode=2024-11" not in contenu  # before the first entry

    reponse, _ = _journal(client, horodatage__periode="2024-12")
    assert [e.commentaire for e in reponse.context["cl"].result_list] == [
        "export du 2024-12-15 10:00"
    ]


def test_a_malformed_period_lists_everything(client, agent_metropole, evenements):
    connecter(client, agent_metropole)
    reponse, _ = _journal(client, horodatage__periode="2025-99")
    assert reponse.context["cl"].result_count == Evenement.objects.count()


def test_the_actors_of_the_journal_are_read_once_for_ten_minutes(
    client, agent_metropole, agent_vincennes, evenements
):
    enregistrer(action=Evenement.Action.CONNEXION, acteur=agent_vincennes)
    connecter(client, agent_metropole)
    _, premieres = _journal(client)
    reponse, suivantes = _journal(client)

    def distincts(requetes):
        return [sql for sql in requetes if "DISTINCT" in sql.upper()]

    assert distincts(premieres) and not distincts(suivantes)
    assert "acteur__id__exact" in reponse.content.decode()
    reponse, _ = _journal(client, acteur__id__exact=agent_vincennes.pk)
    assert [e.acteur for e in reponse.context["cl"].result_list] == [agent_vincennes]


def test_an_unreachable_cache_still_lists_and_filters_the_journal(
    client, agent_metropole, agent_vincennes, evenements
):
    enregistrer(action=Evenement.Action.CONNEXION, acteur=agent_vincennes)
    connecter(client, agent_metropole)
    with override_settings(CACHES=CACHE_INJOIGNABLE):
        reponse, _ = _journal(client, horodatage__periode="2026-01")
    assert [e.commentaire for e in reponse.context["cl"].result_list] == [
        "export du 2026-01-20 10:00"
    ]
    assert "acteur__id__exact" in reponse.content.decode()


def test_the_outbox_reads_its_templates_once_and_filters_by_period(client, agent_metropole):
    from notifications.models import Message

    for gabarit, moment in (("parcours_publie", "2025-06-01"), ("adhesion_decidee", "2026-02-01")):
        instant = dt.datetime.fromisoformat(f"{moment} 09:00").replace(tzinfo=PARIS)
        with time_machine.travel(instant, tick=False):
            Message.objects.create(
                adresse="agent@vincennes.fr", gabarit=gabarit, sujet=f"Sujet {gabarit}"
            )
    connecter(client, agent_metropole)
    url = reverse("admin:notifications_message_changelist")
    client.get(url)
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(url, {"cree_le__periode": "2025"})
    assert [m.gabarit for m in reponse.context["cl"].result_list] == ["parcours_publie"]
    contenu = reponse.content.decode()
    assert "gabarit=adhesion_decidee" in contenu  # every template is still offered
    assert not [q["sql"] for q in requetes if "DISTINCT" in q["sql"].upper()]
    assert not [q["sql"] for q in requetes if "DATE_TRUNC" in q["sql"].upper()]
