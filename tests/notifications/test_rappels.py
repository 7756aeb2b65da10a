# SPDX-License-Identifier: EUPL-1.2
"""The reminder registry and its rules, counted in a real SMTP server."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.workflow import appliquer
from notifications import rappels
from notifications.models import Message, PreferencesNotification
from notifications.rappels import RappelDu, planifier_rappels
from tests.candidatures.factories import CandidatureFactory
from tests.factories import AdhesionFactory, territoire
from tests.tracks.factories import ParcoursFactory, a_l_etat

pytestmark = pytest.mark.django_db


@pytest.fixture
def planifier(django_capture_on_commit_callbacks):
    """Run the scheduler as the task does, with the after-commit sending (eager Celery)."""

    def lancer(**kwargs) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return planifier_rappels(**kwargs)

    return lancer


def abonner(user, **choix):
    PreferencesNotification.objects.update_or_create(utilisateur=user, defaults=choix)
    return user


@pytest.fixture
def parcours_ouvert():
    """Published, deadline in ten days (the J-14 reminder is due)."""
    parcours = ParcoursFactory(
        titre="Aires de livraison", date_limite=timezone.now() + timedelta(days=10)
    )
    return a_l_etat(parcours, "publie")


def candidature(parcours, code: str, etat: str):
    return CandidatureFactory(parcours=parcours, territoire=territoire(code), etat=etat)


# Deadline approaching ------------------------------------------------------------------


def test_a_territoire_with_a_draft_gets_each_deadline_reminder_once(
    planifier, serveur_smtp, parcours_ouvert, agent_vincennes
):
    candidature(parcours_ouvert, "94080", "brouillon")
    planifier()
    planifier()
    [courriel] = serveur_smtp.pour("agent@vincennes.fr")
    assert courriel["Subject"].strip() == (
        "Plus que 14 jours pour déposer votre candidature : Aires de livraison"
    )


def test_a_territoire_without_application_gets_the_reminder_only_when_opted_in(
    planifier, serveur_smtp, parcours_ouvert, agent_vincennes, agent_montreuil
):
    abonner(agent_montreuil, rappels_sans_candidature=True)
    planifier()
    planifier()
    assert serveur_smtp.pour("agent@vincennes.fr") == []
    [courriel] = serveur_smtp.pour("agent@montreuil.fr")
    assert "Plus que 14 jours pour candidater" in courriel["Subject"]
    assert "(heure de Paris)" in courriel.get_body(preferencelist=("plain",)).get_content()


def test_a_territoire_that_submitted_gets_no_deadline_reminder(parcours_ouvert, agent_vincennes):
    abonner(agent_vincennes, rappels_sans_candidature=True)
    candidature(parcours_ouvert, "94080", "deposee")
    assert planifier_rappels() == 0


def test_a_late_run_sends_the_milestone_due_now_not_the_missed_ones(
    parcours_ouvert, agent_montreuil
):
    abonner(agent_montreuil, rappels_sans_candidature=True)
    limite = parcours_ouvert.date_limite
    assert planifier_rappels(maintenant=limite - timedelta(days=5)) == 1
    assert planifier_rappels(maintenant=limite - timedelta(days=4)) == 0
    assert planifier_rappels(maintenant=limite - timedelta(hours=20)) == 1
    assert sorted(Message.objects.values_list("sujet", flat=True)) == [
        "Dernier jour pour candidater au parcours « Aires de livraison »",
        "Plus que 7 jours pour candidater au parcours « Aires de livraison »",
    ]


def test_no_deadline_reminder_before_14_days_nor_once_the_deadline_passed(
    parcours_ouvert, agent_montreuil
):
    abonner(agent_montreuil, rappels_sans_candidature=True)
    limite = parcours_ouvert.date_limite
    assert planifier_rappels(maintenant=limite - timedelta(days=15)) == 0
    assert planifier_rappels(maintenant=limite) == 0


def test_a_postponed_deadline_gets_its_own_reminders(parcours_ouvert, agent_montreuil):
    abonner(agent_montreuil, rappels_sans_candidature=True)
    assert planifier_rappels() == 1
    type(parcours_ouvert).objects.filter(pk=parcours_ouvert.pk).update(
        date_limite=parcours_ouvert.date_limite + timedelta(days=2)
    )
    assert planifier_rappels() == 1


# Track published -----------------------------------------------------------------------


def test_a_published_track_is_announced_once_to_opted_in_agents(
    planifier, serveur_smtp, agent_metropole, agent_vincennes, agent_montreuil
):
    abonner(agent_vincennes, parcours_publies=True)
    parcours = ParcoursFactory(pret_a_publier=True, titre="Réemploi des matériaux")
    appliquer(parcours, "publier", par=agent_metropole, etat_attendu="brouillon")
    planifier()
    planifier()
    [courriel] = serveur_smtp.pour("agent@vincennes.fr")
    assert courriel["Subject"].strip() == (
        "Nouveau parcours ouvert aux candidatures : Réemploi des matériaux"
    )
    assert serveur_smtp.pour("agent@montreuil.fr") == []


def test_an_old_publication_is_not_announced_to_a_new_subscriber(agent_metropole, agent_vincennes):
    parcours = ParcoursFactory(pret_a_publier=True)
    appliquer(parcours, "publier", par=agent_metropole, etat_attendu="brouillon")
    abonner(agent_vincennes, parcours_publies=True)
    assert planifier_rappels(maintenant=timezone.now() + timedelta(days=8)) == 0


# Membership requests -------------------------------------------------------------------


def test_pending_memberships_make_one_digest_a_day_for_representatives_and_staff(
    planifier, serveur_smtp, representant_vincennes, agent_metropole, agent_montreuil
):
    AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    AdhesionFactory(en_attente=True, territoire=territoire("93048"))
    planifier()
    planifier()
    [au_maire] = serveur_smtp.pour("maire@vincennes.fr")
    assert au_maire["Subject"].strip() == "2 demandes d'adhésion en attente de validation"
    [au_staff] = serveur_smtp.pour("staff@metropolegrandparis.fr")
    assert au_staff["Subject"].strip() == "3 demandes d'adhésion en attente de validation"
    assert serveur_smtp.pour("agent@montreuil.fr") == []
    planifier(maintenant=timezone.now() + timedelta(days=1))
    assert len(serveur_smtp.pour("maire@vincennes.fr")) == 2


# The registry --------------------------------------------------------------------------


def test_an_app_registers_its_own_reminder(monkeypatch, agent_vincennes):
    monkeypatch.setattr(rappels, "REGISTRE", {})

    @rappels.rappel("adhesion_decidee", "Essai", obligatoire=True)
    def essai(maintenant):
        adhesion = agent_vincennes.adhesions.get()
        yield RappelDu(
            destinataire=agent_vincennes, objet=adhesion, contexte={"adhesion": adhesion}
        )

    dus = rappels.calculer_rappels_dus()
    assert [(du.gabarit, du.obligatoire) for du in dus] == [("adhesion_decidee", True)]
    assert planifier_rappels() == 1
    assert planifier_rappels() == 0


def test_the_scheduler_cost_does_not_grow_with_the_tables(
    django_assert_max_num_queries, parcours_ouvert, agent_montreuil, representant_vincennes
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    abonner(agent_montreuil, rappels_sans_candidature=True)
    AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    assert planifier_rappels() == 2
    with CaptureQueriesContext(connection) as avant:
        assert planifier_rappels() == 0
    for numero in range(30):  # past and far-away tracks, old messages, decided memberships
        passe = ParcoursFactory(date_limite=timezone.now() - timedelta(days=numero + 1))
        a_l_etat(passe, "instruction")
        lointain = ParcoursFactory(date_limite=timezone.now() + timedelta(days=60 + numero))
        a_l_etat(lointain, "publie")
        AdhesionFactory(territoire=territoire("93048"))
        Message.objects.create(gabarit="x", sujet="x", corps_texte="x", etat="envoye")
    with django_assert_max_num_queries(len(avant.captured_queries)):
        assert planifier_rappels() == 0


def test_the_periodic_tasks_are_stored_in_beat():
    from django_celery_beat.models import PeriodicTask

    taches = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {
        "notifications.tasks.balayer_boite_d_envoi",
        "notifications.tasks.planifier_rappels",
    } <= taches
