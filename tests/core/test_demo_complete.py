# SPDX-License-Identifier: EUPL-1.2
"""The whole demo, as each persona sees it: no page of the navigation answers an error.

The demo data are built once by the real command, then each persona follows the links of
the home page, the dashboard and the menus (same origin, GET only), and each back-office
persona opens the admin index and every changelist it shows.
"""

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.template import TemplateDoesNotExist, TemplateSyntaxError

from accounts.demo import PERSONAS
from accounts.models import User
from tests.factories import connecter

PAGES_MAX = 60
DEPARTS = ["/tableau-de-bord/", "/"]
LIEN = re.compile(r'<a\s[^>]*href="([^"]+)"', re.IGNORECASE)
# Logout, file downloads and exports change nothing worth crawling here or are not pages.
A_EVITER = re.compile(
    r"deconnexion|logout|telecharger|/documents/|export|\.pdf$|\.csv$|\.ics$|/media|/static/"
)
CHANGELIST = re.compile(r"^/admin/[a-z_]+/[a-z_]+/$")


def liens(contenu: str) -> list[str]:
    """The same-origin paths linked from a page, without fragments."""
    trouves = []
    for href in LIEN.findall(contenu):
        href = urldefrag(unescape(href))[0]
        morceaux = urlsplit(href)
        if morceaux.scheme or morceaux.netloc or not href.startswith("/"):
            continue
        if A_EVITER.search(href):
            continue
        trouves.append(href)
    return trouves


def ouvrir(client, url: str, erreurs: list[str]):
    """GET a page; record a server error or a template error instead of stopping."""
    try:
        reponse = client.get(url)
    except (TemplateSyntaxError, TemplateDoesNotExist) as exc:
        erreurs.append(f"{url} : erreur de gabarit {exc!r}")
        return None
    except Exception as exc:  # noqa: BLE001 - every crash is a finding of the smoke test
        erreurs.append(f"{url} : exception {exc!r}")
        return None
    if reponse.status_code >= 500:
        erreurs.append(f"{url} : {reponse.status_code}")
        return None
    return reponse


def parcourir(client, departs: list[str], *, admin: bool) -> tuple[set[str], list[str]]:
    """Breadth-first walk from ``departs``; front office only unless ``admin``."""
    vus, erreurs, file = set(), [], deque(departs)
    while file and len(vus) < PAGES_MAX:
        url = file.popleft()
        if url in vus or (not admin and url.startswith("/admin/")):
            continue
        vus.add(url)
        reponse = ouvrir(client, url, erreurs)
        if reponse is None or reponse.status_code != 200:
            continue
        if "html" not in reponse.get("Content-Type", ""):
            continue
        file.extend(lien for lien in liens(reponse.content.decode()) if lien not in vus)
    return vus, erreurs


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [p.cle for p in PERSONAS])
def test_every_page_of_the_demo_opens_for_each_persona(demo, client, persona):
    email = next(p.email for p in PERSONAS if p.cle == persona)
    user = User.objects.get(email=email)
    connecter(client, user)
    vus, erreurs = parcourir(client, DEPARTS, admin=False)
    assert len(vus) > 5
    if user.is_staff:
        index = ouvrir(client, "/admin/", erreurs)
        assert index is not None and index.status_code == 200
        listes = sorted({lien for lien in liens(index.content.decode()) if CHANGELIST.match(lien)})
        assert listes, "aucune liste visible dans l'administration"
        for url in listes:
            reponse = ouvrir(client, url, erreurs)
            if reponse is not None:
                assert reponse.status_code in (200, 302), url
    assert erreurs == []


@pytest.mark.django_db
def test_vincennes_legal_representative_can_sign_the_convention_sent_to_him(demo, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from conventions.models import Convention

    convention = Convention.objects.get(
        etat=Convention.Etat.ENVOYEE, candidature__territoire__code="94080"
    )
    representant = User.objects.get(email="maire.vincennes@exemple.fr")
    connecter(client, representant)
    assert f"/conventions/{convention.pk}/" in client.get("/conventions/").content.decode()
    page = client.get(f"/conventions/{convention.pk}/")
    assert page.context["peut_signer"] is True
    with convention.document.fichier.open("rb") as fichier:
        scan = SimpleUploadedFile("signee.pdf", fichier.read(), content_type="application/pdf")
    client.post(
        f"/conventions/{convention.pk}/deposer-signee/",
        {"fichier": scan, "etat_attendu": "envoyee"},
    )
    assert Convention.objects.get(pk=convention.pk).etat != Convention.Etat.ENVOYEE


@pytest.mark.django_db
def test_the_demo_can_be_built_twice(demo, settings):
    settings.DEMO = True
    call_command("donnees_demo", "--wet-run")


# The demo tells one coherent story (issue 20.10) -------------------------------------------


@pytest.mark.django_db
def test_the_timeline_dates_each_reached_step_on_its_own_day_in_order(demo):
    from django.utils import timezone

    from tracks.chronologie import etapes, transitions_du_parcours
    from tracks.models import Parcours

    aujourdhui = timezone.localdate()
    for slug in ("reemploi-des-materiaux", "renovation-energetique-batiments-publics"):
        parcours = Parcours.objects.get(slug=slug)
        dates = [
            timezone.localtime(e.date_atteinte).date()
            for e in etapes(parcours, transitions_du_parcours(parcours))
            if e.date_atteinte
        ]
        assert len(dates) >= 5 and dates == sorted(dates)
        assert len(set(dates)) == len(dates) and aujourdhui not in dates


@pytest.mark.django_db
def test_experimentations_start_after_the_deadline_the_committee_and_the_launch(demo):
    from comite.models import SessionExamen
    from tracks.models import Parcours

    for parcours in Parcours.objects.filter(experimentation_debut__isnull=False):
        seance = SessionExamen.objects.filter(parcours=parcours).order_by("date").first()
        assert parcours.date_limite.date() < seance.date.date() < parcours.experimentation_debut
        assert parcours.reunion_lancement.date.date() < parcours.experimentation_debut


@pytest.mark.django_db
def test_receipts_are_numbered_in_the_order_of_the_deposits(demo):
    from candidatures.models import Candidature

    deposees = list(
        Candidature.objects.filter(numero__gt="")
        .order_by("deposee_le")
        .values_list("numero", flat=True)
    )
    assert len(deposees) >= 10
    assert deposees == sorted(deposees)


@pytest.mark.django_db
def test_a_decided_track_publishes_the_committee_s_means(demo):
    from suivi.resultats import resultats_publics
    from tracks.models import Parcours

    resultats = resultats_publics(
        Parcours.objects.get(slug="renovation-energetique-batiments-publics")
    )
    assert resultats.scores and all(s.total is not None for s in resultats.scores)


@pytest.mark.django_db
def test_the_closed_track_s_result_is_the_same_figure_on_every_page(demo):
    from statistics import mean

    from suivi.models import FicheRegistreIA, ValeurIndicateur
    from tracks.demo import BAISSE_CONSOMMATION
    from tracks.models import Parcours

    parcours = Parcours.objects.get(slug="renovation-energetique-batiments-publics")
    chiffre = f"{BAISSE_CONSOMMATION} %"
    assert chiffre in parcours.synthese_bilan
    assert chiffre in FicheRegistreIA.objects.get(parcours=parcours).resultats
    valeurs = ValeurIndicateur.objects.filter(
        indicateur__parcours=parcours, indicateur__libelle__startswith="Baisse"
    ).values_list("valeur", flat=True)
    assert mean(valeurs) == BAISSE_CONSOMMATION


@pytest.mark.django_db
def test_no_convention_in_force_is_announced_as_awaiting_signature(demo):
    from conventions.models import Convention
    from notifications.models import Message

    signees = Convention.objects.exclude(etat__in=["brouillon", "envoyee"])
    assert signees.exists()
    assert not Message.objects.filter(
        gabarit="convention_a_signer",
        object_id__in=[str(pk) for pk in signees.values_list("pk", flat=True)],
    ).exists()
    for convention in signees.select_related("candidature__parcours"):
        assert (
            convention.contresignee_le.date()
            < convention.candidature.parcours.experimentation_debut
        )


@pytest.mark.django_db
def test_the_demo_member_can_score_and_vote_in_today_s_open_session(demo, client):
    from django.urls import reverse

    from comite.models import Notation, SessionExamen, Vote
    from tracks.criteres import Critere

    membre = User.objects.get(email="membre.comite@exemple.fr")
    session = SessionExamen.objects.get(etat=SessionExamen.Etat.OUVERTE)
    convocation = session.convocations.get(membre=membre)
    assert convocation.present and convocation.declarations_confirmees_le
    point = session.points.select_related("candidature__territoire").order_by("rang").first()
    assert not Notation.objects.filter(session=session, membre=membre).exists()
    connecter(client, membre)
    url = reverse("admin:comite_grille_notation", args=[session.pk, point.pk])
    donnees = {"action": "soumettre"}
    for critere in Critere:
        donnees[f"note_{critere.value}"] = "3"
        donnees[f"commentaire_{critere.value}"] = "Dossier solide."
    client.post(url, donnees)
    assert Notation.objects.get(session=session, membre=membre).soumise
    page = client.get(url)
    assert [c.est_moi for c in page.context["colonnes"]][:2] == [True, False]
    client.post(
        reverse("admin:comite_voter", args=[session.pk, point.pk]),
        {"choix": Vote.Choix.POUR},
    )
    assert Vote.objects.filter(point=point, membre=membre, choix=Vote.Choix.POUR).exists()


@pytest.mark.django_db
def test_the_accounts_list_ends_with_one_thing_to_try_per_role(demo, settings):
    import io

    from comite.models import SessionExamen

    settings.DEMO = True
    sortie = io.StringIO()
    call_command("comptes_demo", stdout=sortie)
    texte = sortie.getvalue()
    session = SessionExamen.objects.get(etat=SessionExamen.Etat.OUVERTE)
    assert "À essayer, par rôle :" in texte
    assert (
        f"Notation et votes de la séance du {session.date.astimezone().strftime('%d/%m/%Y')}"
        in texte
    )
    assert "notez la candidature de Bobigny" in texte
    for persona in PERSONAS:
        assert f"{persona.role} ({persona.email}) :" in texte, persona.cle
