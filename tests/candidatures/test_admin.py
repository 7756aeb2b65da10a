# SPDX-License-Identifier: EUPL-1.2
"""Staff side: list per track, admissibility with reasons, exports (CSV, zip), logged."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Evenement
from candidatures.models import Candidature
from core.formats import neutraliser_csv
from tests.candidatures.factories import (
    CandidatureFactory,
    ParcoursPublieFactory,
    a_l_etat,
    completer,
)
from tests.factories import connecter, territoire

pytestmark = pytest.mark.django_db

CODES = ["94080", "93048", "92012", "94028", "93066", "92050"]


def candidatures(n: int, parcours=None):
    parcours = parcours or ParcoursPublieFactory()
    return [
        completer(
            CandidatureFactory(
                parcours=parcours,
                territoire=territoire(code),
                etat="deposee",
                numero=f"AM-2026-{i:04d}",
                deposee_le=timezone.now(),
            )
        )
        for i, code in enumerate(CODES[:n], start=1)
    ]


def test_the_staff_list_keeps_a_constant_number_of_queries(
    client, agent_metropole, django_assert_max_num_queries
):
    parcours = ParcoursPublieFactory()
    candidatures(2, parcours)
    connecter(client, agent_metropole)
    url = (
        reverse("admin:candidatures_candidature_changelist") + f"?parcours__id__exact={parcours.pk}"
    )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as avant:
        assert client.get(url).status_code == 200
    CandidatureFactory(parcours=parcours, territoire=territoire("93066"))
    CandidatureFactory(parcours=parcours, territoire=territoire("92050"))
    with django_assert_max_num_queries(len(avant.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("Incomplet") >= 2


def test_the_list_shows_territoire_ept_state_and_completeness(client, agent_metropole):
    candidatures(1)
    connecter(client, agent_metropole)
    page = client.get(reverse("admin:candidatures_candidature_changelist")).content.decode()
    assert "Vincennes" in page and "Paris Est Marne et Bois" in page
    assert "Déposée" in page and "Complet" in page


def test_the_list_shows_the_deposit_day_and_the_detail_the_time_to_the_second(
    client, agent_metropole
):
    (candidature,) = candidatures(1)
    moment = timezone.make_aware(dt.datetime(2026, 1, 15, 12, 0, 7))
    Candidature.objects.filter(pk=candidature.pk).update(deposee_le=moment)
    connecter(client, agent_metropole)
    liste = client.get(reverse("admin:candidatures_candidature_changelist")).content.decode()
    assert ">15/01/2026</time>" in liste
    assert "min 07 s" not in liste.split("<tbody>")[1].split("</tbody>")[0].replace(
        'title="le jeudi 15 janvier 2026 à 12 h 00 min 07 s (heure de Paris)"', ""
    )
    fiche = client.get(reverse("admin:candidatures_candidature_change", args=[candidature.pk]))
    assert "12 h 00 min 07 s" in fiche.content.decode()


def test_staff_declare_non_admissible_with_a_reason_after_confirmation(client, agent_metropole):
    (candidature,) = candidatures(1, parcours=a_l_etat(ParcoursPublieFactory(), "instruction"))
    connecter(client, agent_metropole)
    fiche = client.get(reverse("admin:candidatures_candidature_change", args=[candidature.pk]))
    assert "Déclarer non admissible" in fiche.content.decode()
    url = reverse(
        "admin:candidatures_candidature_transition",
        args=[candidature.pk, "declarer_non_admissible"],
    )
    confirmation = client.get(url).content.decode()
    assert "Le motif sera communiqué" in confirmation
    client.post(url, {"etat_attendu": "deposee", "commentaire": ""})
    assert Candidature.objects.get(pk=candidature.pk).etat == "deposee"
    client.post(url, {"etat_attendu": "deposee", "commentaire": "Délibération manquante"})
    candidature = Candidature.objects.get(pk=candidature.pk)
    assert candidature.etat == "non_admissible"
    assert candidature.motif_decision == "Délibération manquante"


def test_staff_ask_for_complements_with_a_date(client, agent_metropole):
    (candidature,) = candidatures(1)
    connecter(client, agent_metropole)
    url = reverse(
        "admin:candidatures_candidature_transition", args=[candidature.pk, "demander_complements"]
    )
    avant = (timezone.localtime() + timezone.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        url, {"etat_attendu": "deposee", "commentaire": "Annexe budgétaire", "avant": avant}
    )
    candidature = Candidature.objects.get(pk=candidature.pk)
    assert candidature.etat == "a_completer"
    assert candidature.complements_demandes == "Annexe budgétaire"


def test_the_csv_export_neutralises_formulas_and_is_logged(client, agent_metropole):
    (candidature,) = candidatures(1)
    Candidature.objects.filter(pk=candidature.pk).update(contexte='=HYPERLINK("http://x")')
    connecter(client, agent_metropole)
    reponse = client.post(
        reverse("admin:candidatures_candidature_changelist"),
        {"action": "exporter_csv", "_selected_action": [candidature.pk]},
    )
    lignes = list(csv.reader(io.StringIO(reponse.content.decode("utf-8-sig")), delimiter=";"))
    assert lignes[1][1] == "Vincennes"
    assert '\'=HYPERLINK("http://x")' in lignes[1]
    assert Evenement.objects.filter(action=Evenement.Action.EXPORT, acteur=agent_metropole).exists()


@pytest.mark.parametrize("valeur", ["=1+1", "+33", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_dangerous_cells_get_a_quote(valeur):
    assert neutraliser_csv(valeur) == "'" + valeur


def test_the_zip_export_contains_every_file_and_a_manifest(client, agent_metropole):
    candidatures(2)
    connecter(client, agent_metropole)
    reponse = client.post(
        reverse("admin:candidatures_candidature_changelist"),
        {
            "action": "exporter_pieces",
            "_selected_action": list(Candidature.objects.values_list("pk", flat=True)),
        },
    )
    archive = zipfile.ZipFile(io.BytesIO(reponse.content))
    noms = archive.namelist()
    assert "SHA256SUMS.txt" in noms
    assert len([n for n in noms if n.endswith(".pdf")]) == 2
    assert Evenement.objects.filter(action=Evenement.Action.EXPORT).count() == 1


def test_applicants_have_no_access_to_the_admin(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.get(reverse("admin:candidatures_candidature_changelist"))
    assert reponse.status_code == 302


def test_my_applications_keeps_a_constant_number_of_queries(
    client, agent_vincennes, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connecter(client, agent_vincennes)
    CandidatureFactory()
    with CaptureQueriesContext(connection) as une:
        client.get(reverse("candidatures:mes_candidatures"))
    for _ in range(4):
        completer(CandidatureFactory(creee_par=agent_vincennes))
    with django_assert_max_num_queries(len(une.captured_queries)):
        page = client.get(reverse("candidatures:mes_candidatures"))
    assert page.content.decode().count("Brouillon") >= 5


def test_admissibility_is_not_offered_while_applications_are_open(client, agent_metropole):
    """Issue 19.5: the confirmation page says why, and the POST changes nothing."""
    (candidature,) = candidatures(1)
    connecter(client, agent_metropole)
    url = reverse(
        "admin:candidatures_candidature_transition", args=[candidature.pk, "declarer_admissible"]
    )

    fiche = client.get(reverse("admin:candidatures_candidature_change", args=[candidature.pk]))
    page = client.get(url)
    client.post(url, {"etat_attendu": "deposee", "commentaire": ""})

    assert f'href="{url}"' not in fiche.content.decode()
    assert "la recevabilité se vérifie à compter de leur clôture" in fiche.content.decode()
    assert "la recevabilité se vérifie à compter de leur clôture" in page.content.decode()
    assert Candidature.objects.get(pk=candidature.pk).etat == "deposee"
