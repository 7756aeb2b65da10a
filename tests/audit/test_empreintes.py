# SPDX-License-Identifier: EUPL-1.2
"""Daily digests of the journal: computed nightly, published, checked by verifier_journal."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from audit.empreintes import calculer_empreintes, verifier_empreintes
from audit.journal import enregistrer
from audit.models import EmpreinteJournaliere, Evenement
from audit.tasks import publier_empreintes_journalieres

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def a(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment).replace(tzinfo=PARIS)


def ecrire(moment: str, commentaire: str = "") -> Evenement:
    with time_machine.travel(a(moment), tick=False):
        return enregistrer(action=Evenement.Action.EXPORT, commentaire=commentaire)


@pytest.fixture
def trois_jours():
    """Two entries on 9 March, none on the 10th, one on the 11th (late evening, Paris)."""
    return [
        ecrire("2026-03-09 09:00"),
        ecrire("2026-03-09 23:59:59"),
        ecrire("2026-03-11 23:30"),
    ]


def test_it_records_the_last_hash_of_each_finished_day(trois_jours):
    with time_machine.travel(a("2026-03-12 00:10"), tick=False):
        publier_empreintes_journalieres()
    assert list(
        EmpreinteJournaliere.objects.order_by("jour").values_list(
            "jour", "empreinte", "nombre_evenements"
        )
    ) == [
        (dt.date(2026, 3, 9), trois_jours[1].empreinte, 2),
        (dt.date(2026, 3, 11), trois_jours[2].empreinte, 1),
    ]


def test_the_current_day_is_not_digested_before_it_ends(trois_jours):
    with time_machine.travel(a("2026-03-11 23:45"), tick=False):
        calculer_empreintes()
    assert list(EmpreinteJournaliere.objects.values_list("jour", flat=True)) == [
        dt.date(2026, 3, 9)
    ]


def test_running_twice_adds_nothing_and_never_recomputes(trois_jours):
    with time_machine.travel(a("2026-03-12 00:10"), tick=False):
        assert len(calculer_empreintes()) == 2
        assert calculer_empreintes() == []


def test_the_task_is_scheduled_every_night():
    from django_celery_beat.models import PeriodicTask

    tache = PeriodicTask.objects.get(task="audit.tasks.publier_empreintes_journalieres")
    assert tache.enabled
    assert (tache.crontab.hour, tache.crontab.minute) == ("0", "10")
    assert str(tache.crontab.timezone) == "Europe/Paris"


def test_a_rewritten_chain_is_caught_by_the_published_digest(trois_jours):
    """Even if someone rewrites an entry AND recomputes every hash after it."""
    with time_machine.travel(a("2026-03-12 00:10"), tick=False):
        calculer_empreintes()
    cible = trois_jours[0]
    Evenement.objects.filter(pk=cible.pk).update(commentaire="réécrite")
    precedente = cible.empreinte_precedente
    for evenement in Evenement.objects.order_by("pk"):
        evenement.empreinte_precedente = precedente
        evenement.empreinte = evenement.calculer_empreinte()
        Evenement.objects.filter(pk=evenement.pk).update(
            empreinte_precedente=evenement.empreinte_precedente, empreinte=evenement.empreinte
        )
        precedente = evenement.empreinte
    from audit.models import TeteDeChaine

    TeteDeChaine.objects.filter(pk=1).update(derniere_empreinte=precedente)
    from audit.journal import verifier_chaine

    assert verifier_chaine() == []  # the chain alone looks intact
    jours = {anomalie.jour for anomalie in verifier_empreintes()}
    assert jours == {dt.date(2026, 3, 9), dt.date(2026, 3, 11)}
    with pytest.raises(CommandError):
        call_command("verifier_journal")


def test_a_deleted_entry_of_a_digested_day_is_detected(trois_jours):
    with time_machine.travel(a("2026-03-12 00:10"), tick=False):
        calculer_empreintes()
    Evenement.objects.filter(pk=trois_jours[0].pk)._raw_delete(Evenement.objects.db)
    assert [a.jour for a in verifier_empreintes()] == [dt.date(2026, 3, 9)]


def test_an_intact_journal_passes_the_command(trois_jours, capsys):
    with time_machine.travel(a("2026-03-12 00:10"), tick=False):
        calculer_empreintes()
    call_command("verifier_journal")
    assert "intègre" in capsys.readouterr().out


def test_the_public_page_lists_the_digests_for_anyone(client, trois_jours):
    with time_machine.travel(a("2026-03-12 00:10"), tick=False):
        calculer_empreintes()
    page = client.get(reverse("audit:empreintes")).content.decode()
    assert "lundi 9 mars 2026" in page
    assert trois_jours[1].empreinte in page
    assert "Licence Ouverte" in page


def test_the_digests_are_downloadable_as_json_with_their_licence(client, trois_jours):
    with time_machine.travel(a("2026-03-12 00:10"), tick=False):
        calculer_empreintes()
    donnees = json.loads(client.get(reverse("audit:empreintes_json")).content)
    assert "Licence Ouverte" in donnees["licence"]
    assert donnees["empreintes"][0] == {
        "jour": "2026-03-09",
        "empreinte": trois_jours[1].empreinte,
        "nombre_evenements": 2,
    }


def test_the_digests_are_downloadable_as_csv(client, trois_jours):
    with time_machine.travel(a("2026-03-12 00:10"), tick=False):
        calculer_empreintes()
    reponse = client.get(reverse("audit:empreintes_csv"))
    assert reponse["Content-Disposition"].startswith("attachment;")
    assert 'rel="license"' in reponse["Link"]
    lignes = reponse.content.decode().splitlines()
    assert lignes[0] == "jour,empreinte,nombre_evenements"
    assert lignes[1] == f"2026-03-09,{trois_jours[1].empreinte},2"
