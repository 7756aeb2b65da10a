# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.journal import enregistrer, verifier_chaine
from audit.models import Evenement

pytestmark = pytest.mark.django_db


def test_each_entry_is_chained_to_the_previous(agent_metropole):
    premier = enregistrer(action=Evenement.Action.EXPORT, acteur=agent_metropole, commentaire="un")
    second = enregistrer(action=Evenement.Action.EXPORT, acteur=agent_metropole, commentaire="deux")
    assert second.empreinte_precedente == premier.empreinte
    assert verifier_chaine() == []
    call_command("verifier_journal")


def test_an_altered_entry_is_detected(agent_metropole):
    enregistrer(action=Evenement.Action.EXPORT, acteur=agent_metropole, commentaire="décision")
    cible = enregistrer(action=Evenement.Action.EXPORT, acteur=agent_metropole, commentaire="vraie")
    enregistrer(action=Evenement.Action.EXPORT, acteur=agent_metropole, commentaire="après")
    Evenement.objects.filter(pk=cible.pk).update(commentaire="réécrite")
    anomalies = verifier_chaine()
    assert [a.evenement_id for a in anomalies] == [cible.pk]
    with pytest.raises(CommandError):
        call_command("verifier_journal")


def test_a_deleted_last_entry_is_detected(agent_metropole):
    enregistrer(action=Evenement.Action.EXPORT, acteur=agent_metropole)
    dernier = enregistrer(action=Evenement.Action.EXPORT, acteur=agent_metropole)
    Evenement.objects.filter(pk=dernier.pk)._raw_delete(Evenement.objects.db)
    assert verifier_chaine()


def test_an_entry_cannot_be_modified_through_the_orm(agent_metropole):
    evenement = enregistrer(action=Evenement.Action.EXPORT, acteur=agent_metropole)
    evenement.commentaire = "autre"
    with pytest.raises(PermissionError):
        evenement.save()
    with pytest.raises(PermissionError):
        evenement.delete()
