# SPDX-License-Identifier: EUPL-1.2
"""The territorial equity map: 130 accessible shapes, drawn with no network access."""

import re
import socket
import xml.etree.ElementTree as ET

import pytest

from suivi import carte, participation
from suivi.participation import Niveau
from tests.factories import territoire

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def sans_reseau(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def interdit(*args, **kwargs):
        raise AssertionError("La carte a tenté un accès réseau.")

    monkeypatch.setattr(socket.socket, "connect", interdit)
    monkeypatch.setattr(socket, "create_connection", interdit)
    monkeypatch.setattr(socket, "getaddrinfo", interdit)


@pytest.fixture
def vincennes_candidate(monkeypatch):
    vincennes = territoire("94080")
    monkeypatch.setattr(
        participation, "niveaux_par_territoire", lambda: {vincennes.pk: Niveau.CANDIDATE}
    )
    return vincennes


def formes(svg: str) -> list:
    racine = ET.fromstring(svg)
    return racine.findall(f".//{SVG}path[@data-code]")


@pytest.mark.django_db
def test_it_draws_one_titled_shape_per_commune_without_network(sans_reseau, vincennes_candidate):
    svg = str(carte.carte_communes(participation.participation()))

    chemins = formes(svg)
    assert len(chemins) == 130
    assert len({c.get("data-code") for c in chemins}) == 130
    for chemin in chemins:
        titre = chemin.find(f"{SVG}title").text
        assert re.fullmatch(r".+ : (jamais candidate|candidature déposée|sélectionnée|.+)", titre)
    titres = {c.get("data-code"): c.find(f"{SVG}title").text for c in chemins}
    assert titres["94080"] == "Vincennes : candidature déposée"
    assert titres["93048"] == "Montreuil : jamais candidate"


@pytest.mark.django_db
def test_it_labels_the_map_as_an_image_with_its_title_and_description(vincennes_candidate):
    racine = ET.fromstring(str(carte.carte_communes(participation.participation())))

    assert racine.get("role") == "img"
    ids = racine.get("aria-labelledby").split()
    assert [racine.find(f".//*[@id='{i}']").text for i in ids][0].startswith("Participation")


@pytest.mark.django_db
def test_it_tells_levels_apart_by_pattern_not_only_by_colour():
    racine = ET.fromstring(str(carte.carte_communes(participation.participation())))

    motifs = racine.findall(f".//{SVG}pattern")
    assert len(motifs) == 4
    dessins = [len(list(m)) for m in motifs]
    assert dessins.count(1) == 1  # only "never applied" is a plain fill


@pytest.mark.django_db
def test_it_draws_paris_and_the_eleven_ept(vincennes_candidate):
    chemins = formes(str(carte.carte_epts(participation.participation())))

    assert sorted(c.get("data-code") for c in chemins)[:1] == ["75056"]
    assert len(chemins) == 12
    titres = {c.get("data-code"): c.find(f"{SVG}title").text for c in chemins}
    assert titres["T10"].startswith("Paris Est Marne et Bois : candidature déposée — 1 commune(s)")


@pytest.mark.django_db
def test_it_counts_communes_covered_through_their_ept(monkeypatch):
    est_ensemble = territoire("T8")
    monkeypatch.setattr(
        participation, "niveaux_par_territoire", lambda: {est_ensemble.pk: Niveau.SELECTIONNEE}
    )

    donnees = participation.participation()

    montreuil = next(c for c in donnees.communes if c.territoire.code == "93048")
    assert (montreuil.niveau, montreuil.niveau_couvert) == (Niveau.AUCUNE, Niveau.SELECTIONNEE)
    population_t8 = sum(
        c.territoire.population for c in donnees.communes if c.territoire.ept_id == est_ensemble.pk
    )
    assert donnees.population_couverte[Niveau.SELECTIONNEE] == population_t8
    assert montreuil.territoire not in donnees.jamais_touchees
    assert len(donnees.jamais_touchees) == 130 - 9


@pytest.mark.django_db
def test_it_shows_the_public_map_with_its_table(client, vincennes_candidate):
    reponse = client.get("/suivi/equite-territoriale/")

    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert contenu.count("<tr data-niveau=") == 130
    assert "Vincennes : candidature déposée" in contenu


@pytest.mark.django_db
def test_it_keeps_the_staff_dashboard_for_staff(client, agent_vincennes):
    from tests.factories import connecter

    connecter(client, agent_vincennes)

    assert client.get("/suivi/equite-territoriale/pilotage/").status_code == 403
