# SPDX-License-Identifier: EUPL-1.2
"""Due dates from each beneficiary's convention, the communication kit, the fairness panel."""

import datetime as dt

import pytest

from conventions.models import Convention
from suivi.livrables import preparer_livrables
from suivi.models import Livrable
from tests.conventions.factories import beneficiaire, convention, parcours_laureats
from tests.factories import connecter
from tests.suivi.factories import NOMS_MEMBRES, parcours_note
from tests.tracks.factories import fichier_pdf
from tracks.models import DocumentParcours

pytestmark = pytest.mark.django_db


def test_it_takes_the_due_dates_from_each_beneficiarys_convention():
    parcours = parcours_laureats(experimentation_fin=dt.date(2027, 9, 30))
    convention(beneficiaire(parcours, "94080"), etat="en_vigueur")
    montreuil = convention(beneficiaire(parcours, "93048"), etat="en_vigueur")
    Convention.objects.filter(pk=montreuil.pk).update(date_fin=dt.date(2027, 12, 31))

    preparer_livrables(parcours)

    echeances = dict(
        Livrable.objects.filter(nature="evaluation").values_list("territoire__code", "echeance")
    )
    assert echeances == {"94080": dt.date(2027, 11, 30), "93048": dt.date(2028, 2, 29)}


def test_it_prefills_the_data_perimeter_from_the_convention():
    candidature = beneficiaire(parcours_laureats())
    une_convention = convention(candidature)
    Convention.objects.filter(pk=une_convention.pk).update(
        perimetre_donnees="Comptages anonymes des aires de livraison."
    )

    preparer_livrables(candidature.parcours)

    assert (
        Livrable.objects.get(nature="donnees_partagees").perimetre
        == "Comptages anonymes des aires de livraison."
    )


@pytest.fixture
def kit(parcours_phase2):
    return DocumentParcours.objects.create(
        parcours=parcours_phase2,
        nature=DocumentParcours.Nature.KIT_COMMUNICATION,
        fichier=fichier_pdf("kit.pdf"),
    )


def test_it_lets_a_beneficiary_download_the_communication_kit(
    client, parcours_phase2, kit, agent_vincennes
):
    connecter(client, agent_vincennes)

    reponse = client.get(f"/suivi/parcours/{parcours_phase2.slug}/kit-de-communication/")

    assert reponse.status_code == 200
    assert "kit-de-communication.pdf" in reponse["Content-Disposition"]


def test_it_keeps_the_kit_from_territoires_not_selected(
    client, parcours_phase2, kit, agent_montreuil
):
    connecter(client, agent_montreuil)

    reponse = client.get(f"/suivi/parcours/{parcours_phase2.slug}/kit-de-communication/")

    assert reponse.status_code == 404


def test_it_shows_each_members_gap_with_the_committee_to_the_chair(client, president_comite):
    parcours_note(["94080", "93048"])
    connecter(client, president_comite)

    contenu = client.get("/suivi/equite-de-la-notation/").content.decode()

    assert NOMS_MEMBRES[0] in contenu
    assert "<td>-1,00</td>" in contenu and "<td>1,00</td>" in contenu  # 2 and 4 against 3
    assert f"Sans {NOMS_MEMBRES[0]}" in contenu


def test_it_keeps_the_fairness_panel_from_applicants_and_members(
    client, agent_vincennes, membre_comite
):
    for user in (agent_vincennes, membre_comite):
        connecter(client, user)
        assert client.get("/suivi/equite-de-la-notation/").status_code == 403


def test_it_flags_applications_with_high_disagreement():
    from suivi.equite_notation import panneau

    parcours_note(["94080"])  # scores 2, 3, 4 on a 0–5 scale: spread 2 < 2.5, no flag
    parcours_note(["93048"], notes=(0, 3, 5))  # spread 5: every criterion flagged

    desaccords = panneau().desaccords
    assert [d.candidature.territoire.code for d in desaccords] == ["93048"]
    assert len(desaccords[0].criteres) == 6


def test_it_lists_deliverables_in_the_admin_for_staff(client, livrables_vincennes, agent_metropole):
    connecter(client, agent_metropole)

    assert client.get("/admin/suivi/livrable/").status_code == 200
    assert client.get("/admin/suivi/ficheregistreia/add/").status_code == 200


def test_it_lets_staff_prepare_the_deliverables_of_a_track(
    client, parcours_phase2, agent_metropole
):
    connecter(client, agent_metropole)

    client.post(f"/suivi/pilotage/{parcours_phase2.slug}/preparer/")

    assert Livrable.objects.filter(parcours=parcours_phase2).count() == 3
    assert client.get(f"/suivi/pilotage/{parcours_phase2.slug}/").status_code == 200


def test_it_lists_late_deliverables_per_track_for_staff(
    client, livrables_vincennes, agent_metropole, agent_vincennes
):
    import time_machine

    connecter(client, agent_metropole)
    with time_machine.travel(dt.datetime(2026, 7, 2, 9, tzinfo=dt.UTC)):
        contenu = client.get("/suivi/pilotage/").content.decode()

    assert "<td><strong>1</strong></td>" in contenu
    connecter(client, agent_vincennes)
    assert client.get("/suivi/pilotage/").status_code == 403
