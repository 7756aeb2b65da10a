# SPDX-License-Identifier: EUPL-1.2
"""Batches run eagerly here (tests settings); test_celery.py runs them on a real worker."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from conventions.lots import lancer_lot
from conventions.models import Convention, LotGeneration
from tests.candidatures.factories import CandidatureFactory
from tests.conventions.factories import beneficiaire, convention
from tests.factories import connecter, territoire

COMMUNES = ["94080", "93048", "92012", "94028", "93066"]


@pytest.fixture
def cinq_beneficiaires(parcours):
    return [beneficiaire(parcours, code) for code in COMMUNES]


def contenu_zip(lot) -> list[str]:
    with lot.archive.open("rb") as fichier:
        return zipfile.ZipFile(io.BytesIO(fichier.read())).namelist()


def test_a_batch_generates_every_selected_beneficiary(
    parcours, cinq_beneficiaires, agent_metropole, django_capture_on_commit_callbacks
):
    CandidatureFactory(parcours=parcours, territoire=territoire("94033"), etat="non_selectionnee")
    with django_capture_on_commit_callbacks(execute=True):
        lot = lancer_lot(parcours=parcours, par=agent_metropole)
    lot.refresh_from_db()
    assert (lot.etat, lot.total, lot.reussis, lot.echecs) == ("termine", 5, 5, 0)
    assert Convention.objects.count() == 5
    assert all(c.document is not None for c in Convention.objects.all())
    assert len(contenu_zip(lot)) == 5


def test_one_failure_does_not_stop_the_others_and_is_reported(
    parcours, cinq_beneficiaires, agent_metropole, django_capture_on_commit_callbacks
):
    # Montreuil's convention was sent without a PDF (bad data): it cannot be in the zip.
    convention(cinq_beneficiaires[1], etat="envoyee")
    with django_capture_on_commit_callbacks(execute=True):
        lot = lancer_lot(parcours=parcours, par=agent_metropole)
    lot.refresh_from_db()
    assert (lot.reussis, lot.echecs) == (4, 1)
    assert lot.erreurs[0]["territoire"] == "Montreuil"
    assert "sans PDF" in lot.erreurs[0]["message"]
    assert len(contenu_zip(lot)) == 4


def test_a_track_without_selected_beneficiary_is_refused(parcours, agent_metropole):
    CandidatureFactory(parcours=parcours, etat="deposee")
    with pytest.raises(ValidationError, match="aucune candidature sélectionnée"):
        lancer_lot(parcours=parcours, par=agent_metropole)
    assert not LotGeneration.objects.exists()


def test_staff_start_a_batch_and_follow_it_in_the_admin(
    client, parcours, cinq_beneficiaires, agent_metropole, django_capture_on_commit_callbacks
):
    connecter(client, agent_metropole)
    assert client.get("/admin/conventions/lotgeneration/add/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post("/admin/conventions/lotgeneration/add/", {"parcours": parcours.pk})
    lot = LotGeneration.objects.get()
    assert reponse.url == f"/admin/conventions/lotgeneration/{lot.pk}/suivi/"
    page = client.get(reponse.url).content.decode()
    assert "5 sur 5" in page
    assert "http-equiv" not in page  # finished: no more refreshing
    archive = client.get(f"/admin/conventions/lotgeneration/{lot.pk}/archive/")
    assert archive["Content-Type"] == "application/zip"


def test_the_progress_page_refreshes_while_running(
    client, parcours, cinq_beneficiaires, agent_metropole
):
    lot = LotGeneration.objects.create(
        parcours=parcours, total=5, reussis=2, demande_par=agent_metropole
    )
    connecter(client, agent_metropole)
    page = client.get(f"/admin/conventions/lotgeneration/{lot.pk}/suivi/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "2 sur 5" in page
    assert "<script" not in page.split("</head>")[0].split("refresh")[1][:200]


def test_the_convention_list_action_launches_a_batch(
    client, parcours, cinq_beneficiaires, agent_metropole, django_capture_on_commit_callbacks
):
    premiere = convention(cinq_beneficiaires[0])
    connecter(client, agent_metropole)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/conventions/convention/",
            {"action": "generer_lots", "_selected_action": [premiere.pk]},
        )
    assert LotGeneration.objects.get().reussis == 5


def test_the_track_action_launches_a_batch_per_track(
    rf, parcours, cinq_beneficiaires, agent_metropole, django_capture_on_commit_callbacks
):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from conventions.admin import generer_conventions
    from tracks.models import Parcours

    requete = rf.post("/")
    requete.user = agent_metropole
    requete.session = {}
    requete._messages = FallbackStorage(requete)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = generer_conventions(None, requete, Parcours.objects.filter(pk=parcours.pk))
    lot = LotGeneration.objects.get()
    assert reponse.url == f"/admin/conventions/lotgeneration/{lot.pk}/suivi/"
    assert lot.reussis == 5
