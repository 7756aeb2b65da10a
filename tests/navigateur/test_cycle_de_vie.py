# SPDX-License-Identifier: EUPL-1.2
"""Issue 19, points 1 to 3, in a real browser.

A deliverable saved with a file reopens, is replaced and downloads; the committee's
irreversible actions wait for their confirmation page; a deposit a second after the deadline
is refused while the public pages, cached a moment before, now say the call is closed.
"""

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.navigateur.outils import (
    cliquer_et_attendre,
    code_de_secours,
    preparer_page,
    se_connecter,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _csv(nom: str, contenu: bytes) -> dict:
    return {"name": nom, "mimeType": "text/csv", "buffer": contenu}


def test_a_data_deliverable_with_a_file_reopens_is_replaced_and_downloads(
    live_server, page_navigateur, livrables_vincennes, agent_vincennes
):
    from suivi.models import Livrable

    page = page_navigateur
    preparer_page(page)
    base = live_server.url
    livrable = livrables_vincennes[Livrable.Nature.DONNEES]
    url = base + reverse("suivi:livrable", args=[livrable.pk])
    se_connecter(page, base, agent_vincennes)

    page.goto(url)
    page.locator("textarea[name=description]").fill("Demandes reçues par mois.")
    page.locator("textarea[name=perimetre]").fill("Janvier à juin.")
    page.get_by_label("Non").check()
    page.locator("input[type=file][name=fichier]").set_input_files(
        _csv("demandes.csv", b"mois;demandes\njanvier;700\n")
    )
    cliquer_et_attendre(page, page.get_by_role("button", name="Enregistrer le brouillon"))

    reponse = page.goto(url)  # reopened: the page answered 500 before
    assert reponse.status == 200
    lien = page.get_by_role("link", name="demandes.csv")
    assert lien.get_attribute("href") == reverse("suivi:fichier", args=[livrable.pk])

    page.locator("input[type=file][name=fichier]").set_input_files(
        _csv("mai.csv", b"mois;demandes\nmai;650\n")
    )
    cliquer_et_attendre(page, page.get_by_role("button", name="Enregistrer le brouillon"))
    assert page.goto(url).status == 200
    with page.expect_download() as attente:
        page.get_by_role("link", name="mai.csv").click()
    assert attente.value.path().read_bytes() == b"mois;demandes\nmai;650\n"


def test_closing_the_sitting_waits_for_its_confirmation(
    live_server, page_navigateur, seance, point_vincennes, point_montreuil, president_comite
):
    from comite.models import PointOrdreDuJour, SessionExamen
    from tests.candidatures.factories import a_l_etat
    from tests.comite.factories import ouverte

    page = page_navigateur
    preparer_page(page)
    base = live_server.url
    session = ouverte(seance)
    # DOMAINE: the sitting examined both applications and closed their votes (their own
    # pages are tested apart).
    for point in (point_vincennes, point_montreuil):
        a_l_etat(point.candidature, "en_examen")
    PointOrdreDuJour.objects.filter(session=session).update(
        vote_clos_le=timezone.now(), resultat="non_proposee"
    )
    se_connecter(page, base, president_comite, second_facteur=code_de_secours(president_comite))
    page.goto(base + reverse("admin:comite_liste_notation", args=[session.pk]))

    lien = page.get_by_role("link", name="Clore la séance et produire le procès-verbal…")
    cliquer_et_attendre(page, lien)  # the old button ran at once: no script in the admin

    assert "Confirmer : Clore la séance" in page.content()
    assert SessionExamen.objects.get(pk=session.pk).etat == SessionExamen.Etat.OUVERTE
    page.locator("textarea[name=motif_forcage]").fill("Deux membres excusés, quorum atteint.")
    cliquer_et_attendre(page, page.get_by_role("button", name="Confirmer : Clore la séance"))
    assert SessionExamen.objects.get(pk=session.pk).etat == SessionExamen.Etat.CLOSE


def test_a_deposit_after_the_deadline_is_refused_and_the_public_pages_say_closed(
    live_server, page_navigateur, agent_montreuil
):
    from candidatures.models import Candidature
    from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer
    from tests.factories import territoire

    page = page_navigateur
    preparer_page(page)
    base = live_server.url
    limite = timezone.now() + dt.timedelta(seconds=45)
    appel = ParcoursPublieFactory(titre="Tri des courriers entrants", date_limite=limite)
    candidature = completer(
        CandidatureFactory(
            parcours=appel, territoire=territoire("93048"), creee_par=agent_montreuil
        ),
        par=agent_montreuil,
    )
    # An anonymous visitor reads both pages before the deadline: they are now cached.
    page.goto(base + reverse("tracks:catalogue"))
    assert "encore 1 minute" in page.content()
    page.goto(base + appel.get_absolute_url())
    assert "Publié, candidatures ouvertes" in page.content()
    se_connecter(page, base, agent_montreuil)
    page.goto(base + reverse("candidatures:recapitulatif", args=[candidature.pk]))
    assert timezone.now() < limite, "the machine is too slow for this test's 45 seconds"

    time.sleep(max(0, (limite - timezone.now()).total_seconds()) + 1)
    cliquer_et_attendre(page, page.get_by_role("button", name="Déposer la candidature"))

    assert "La date limite de dépôt était fixée" in page.content()
    assert Candidature.objects.get(pk=candidature.pk).etat == Candidature.Etat.BROUILLON
    page.context.clear_cookies()  # the anonymous visitor again, without the periodic task
    page.goto(base + reverse("tracks:catalogue"))
    assert "encore 1 minute" not in page.content()
    assert "Aucun appel à candidatures n'est ouvert" in page.content()
    page.goto(base + appel.get_absolute_url())
    assert "Publié, candidatures closes (date limite passée)" in page.content()
    assert "Publié, candidatures ouvertes" not in page.content()
