# SPDX-License-Identifier: EUPL-1.2
"""Public results, AI register and open data: schema, licence, no personal data, bad filters."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from core import cache_public
from suivi import opendata
from suivi.models import FicheRegistreIA
from tests.factories import connecter
from tests.suivi.factories import (
    COURRIEL_CONTACT,
    NOM_CONTACT,
    NOM_REPRESENTANT,
    NOMS_MEMBRES,
    parcours_note,
)

pytestmark = pytest.mark.django_db

# The only columns each dataset may ever export (field by field, checked against the schema).
COLONNES_AUTORISEES = {
    "parcours": {
        "parcours", "titre", "etat", "etat_libelle", "date_limite_candidature",
        "date_publication", "date_cloture_candidatures", "date_selection", "date_lancement",
        "date_phase1", "date_cas_usage", "date_prestataire", "date_experimentation",
        "date_bilan", "date_cloture", "experimentation_debut", "experimentation_fin",
        "nb_candidatures", "nb_laureats", "cas_usage", "prestataires",
    },
    "candidatures": {
        "parcours", "territoire_code", "territoire_nom", "territoire_nature", "etat",
        "etat_libelle", "date_depot", "date_decision",
    },
    "agregats": {
        "parcours", "territoire_code", "territoire_nom", "critere", "critere_libelle", "poids",
        "moyenne", "mediane", "minimum", "maximum", "nb_notateurs", "note_globale",
        "echelle_min", "echelle_max",
    },
    "registre-ia": {
        "parcours", "parcours_titre", "finalite", "service_public", "donnees_utilisees",
        "fournisseur", "deployeurs", "controle_humain", "classe_risque",
        "classe_risque_libelle", "point_annexe_iii", "information_art50", "reference_fria",
        "reference_base_ue", "justification_ia", "alternatives_etudiees", "estimation_energie",
        "indicateurs_frugalite", "resultats", "contact", "mise_a_jour",
    },
}  # fmt: skip


def fiche(parcours, **kwargs) -> FicheRegistreIA:
    valeurs = {
        "finalite": "Trier et orienter les demandes des habitants reçues par courriel.",
        "service_public": "Accueil et relation aux usagers",
        "donnees_utilisees": "Courriels des usagers, pseudonymisés avant traitement.",
        "fournisseur": "Assistants Publics SAS",
        "deployeurs": "Vincennes\nMontreuil",
        "controle_humain": "Chaque orientation proposée est validée par un agent d'accueil.",
        "classe_risque": FicheRegistreIA.ClasseRisque.TRANSPARENCE,
        "information_art50": "Mention dans chaque réponse : « Réponse préparée avec une IA ».",
        "justification_ia": "Volume de demandes trop élevé pour un tri manuel rapide.",
        "alternatives_etudiees": "Formulaire à choix ; règles par mots-clés.",
        "estimation_energie": "Environ 90 kWh par an (inférence sur serveur mutualisé).",
        "contact": "innovation-numerique@metropolegrandparis.fr",
        "publiee": True,
        **kwargs,
    }
    return FicheRegistreIA.objects.create(parcours=parcours, **valeurs)


@pytest.fixture
def parcours_public():
    parcours = parcours_note(["94080", "93048"])
    fiche(parcours)
    return parcours


def personnes() -> list[str]:
    """Every name and e-mail of a person in the database, plus the applicants' contacts."""
    valeurs = [NOM_CONTACT, COURRIEL_CONTACT, NOM_REPRESENTANT, *NOMS_MEMBRES]
    for email, nom in User.objects.values_list("email", "nom_complet"):
        valeurs.extend(v for v in (email, nom) if v)
    return valeurs


def valider(jeu: str, lignes: list[dict]) -> None:
    """A small Table Schema validator: columns, required, types, enums, formats."""
    schema = opendata.schema(jeu)
    champs = {f["name"]: f for f in schema["fields"]}
    motifs = {
        "date": r"\d{4}-\d{2}-\d{2}",
        "datetime": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?",
        "integer": r"-?\d+",
        "number": r"-?\d+(\.\d+)?",
    }
    for ligne in lignes:
        assert list(ligne) == list(champs)
        for nom, valeur in ligne.items():
            champ = champs[nom]
            contraintes = champ.get("constraints", {})
            texte = "" if valeur is None else str(valeur)
            if texte == "":
                assert not contraintes.get("required"), f"{jeu}.{nom} est obligatoire"
                continue
            if champ["type"] in motifs:
                assert re.fullmatch(motifs[champ["type"]], texte), f"{jeu}.{nom} = {texte!r}"
            if champ["type"] in ("integer", "number") and not isinstance(valeur, str):
                assert isinstance(valeur, (int, float))
            if "enum" in contraintes:
                assert texte in contraintes["enum"], f"{jeu}.{nom} = {texte!r}"
            if champ.get("format") == "email":
                assert "@" in texte


@pytest.mark.parametrize("jeu", list(COLONNES_AUTORISEES))
def test_it_exports_exactly_the_allowed_columns(jeu):
    assert set(opendata.colonnes(jeu)) == COLONNES_AUTORISEES[jeu]


@pytest.mark.parametrize("jeu", list(COLONNES_AUTORISEES))
def test_it_exports_json_valid_against_its_schema_with_its_licence(client, parcours_public, jeu):
    reponse = client.get(f"/suivi/donnees/{jeu}.json")

    document = json.loads(reponse.content)
    assert document["licence"]["identifiant"] == "etalab-2.0"
    assert 'rel="license"' in reponse["Link"]
    assert document["schema"].endswith(f"/suivi/donnees/{jeu}.schema.json")
    assert document["donnees"]
    valider(jeu, document["donnees"])


@pytest.mark.parametrize("jeu", list(COLONNES_AUTORISEES))
def test_it_exports_csv_valid_against_its_schema(client, parcours_public, jeu):
    reponse = client.get(f"/suivi/donnees/{jeu}.csv")

    assert reponse["Content-Type"].startswith("text/csv")
    assert "etalab" in reponse["Link"]
    lignes = list(csv.DictReader(io.StringIO(reponse.content.decode("utf-8"))))
    assert lignes
    valider(jeu, lignes)


@pytest.mark.parametrize("jeu", list(COLONNES_AUTORISEES))
@pytest.mark.parametrize("format", ["csv", "json"])
def test_it_exports_no_personal_data(client, parcours_public, jeu, format):
    contenu = client.get(f"/suivi/donnees/{jeu}.{format}").content.decode()

    for valeur in personnes():
        assert valeur not in contenu


@pytest.mark.parametrize(
    "adresse",
    [
        "/suivi/registre-ia/",
        "/suivi/equite-territoriale/",
        "/suivi/donnees/",
        "/parcours/{slug}/",
        "/suivi/registre-ia/{slug}/",
    ],
)
def test_it_shows_no_personal_data_on_public_pages(client, parcours_public, adresse):
    reponse = client.get(adresse.format(slug=parcours_public.slug))

    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    for valeur in personnes():
        assert valeur not in contenu


def test_it_publishes_the_committee_means_per_criterion_of_the_selected(client, parcours_public):
    contenu = client.get(f"/parcours/{parcours_public.slug}/").content.decode()

    assert "Notes moyennes du comité d'examen par critère" in contenu
    assert contenu.count("<td>3,00</td>") == 2 * 7  # six criteria and the total, two laureates


def test_it_exports_the_aggregates_per_criterion(client, parcours_public):
    lignes = json.loads(client.get("/suivi/donnees/agregats.json").content)["donnees"]

    assert len(lignes) == 2 * 6
    assert {(ligne["moyenne"], ligne["minimum"], ligne["maximum"]) for ligne in lignes} == {
        (3.0, 2.0, 4.0)
    }


def test_it_refuses_an_unknown_filter_with_a_clear_message(client, parcours_public):
    reponse = client.get("/suivi/donnees/candidatures.csv?commune=Vincennes")

    assert reponse.status_code == 400
    assert "Filtre inconnu pour le jeu « candidatures » : commune" in reponse.content.decode()


def test_it_refuses_an_unknown_filter_value(client, parcours_public):
    reponse = client.get("/suivi/donnees/candidatures.json?etat=gagnee")

    assert reponse.status_code == 400
    assert "Valeurs possibles" in reponse.content.decode()


def test_it_filters_an_export_by_track(client, parcours_public):
    autre = parcours_note(["92012"])

    lignes = json.loads(
        client.get(f"/suivi/donnees/candidatures.json?parcours={autre.slug}").content
    )

    assert [ligne["territoire_code"] for ligne in lignes["donnees"]] == ["92012"]


def test_it_neutralises_formulas_in_csv_exports(client, parcours_public):
    FicheRegistreIA.objects.filter(parcours=parcours_public).update(
        fournisseur='=HYPERLINK("http://exemple.invalid","x")'
    )

    lignes = list(
        csv.DictReader(io.StringIO(client.get("/suivi/donnees/registre-ia.csv").content.decode()))
    )

    assert lignes[0]["fournisseur"].startswith("'=HYPERLINK")


def test_it_states_the_licence_on_the_download_page(client):
    contenu = client.get("/suivi/donnees/").content.decode()

    assert "Licence Ouverte / Open Licence version 2.0" in contenu
    assert "/suivi/donnees/registre-ia.csv" in contenu


def test_it_keeps_the_documented_schema_files_and_the_docs_in_step():
    from pathlib import Path

    documentation = Path("docs/open-data.md").read_text(encoding="utf-8")

    for jeu in COLONNES_AUTORISEES:
        assert f"/suivi/donnees/{jeu}.csv" in documentation
        for colonne in opendata.colonnes(jeu):
            assert f"`{colonne}`" in documentation


def test_it_searches_the_register(client, parcours_public):
    autre = parcours_note(["92012"])
    fiche(
        autre,
        finalite="Détecter les fuites d'eau",
        fournisseur="Hydro IA",
        classe_risque="minimal",
        information_art50="",
    )

    par_texte = client.get("/suivi/registre-ia/?q=fuites").content.decode()
    par_risque = client.get("/suivi/registre-ia/?risque=transparence").content.decode()

    assert autre.titre in par_texte and parcours_public.titre not in par_texte
    assert parcours_public.titre in par_risque and autre.titre not in par_risque


def test_it_hides_unpublished_register_entries(client, parcours_public):
    FicheRegistreIA.objects.update(publiee=False)

    assert client.get(f"/suivi/registre-ia/{parcours_public.slug}/").status_code == 404
    assert json.loads(client.get("/suivi/donnees/registre-ia.json").content)["donnees"] == []


def test_it_requires_fria_and_eu_database_for_a_high_risk_system(parcours_public):
    from django.core.exceptions import ValidationError

    entree = FicheRegistreIA.objects.get()
    entree.classe_risque = FicheRegistreIA.ClasseRisque.ELEVE

    with pytest.raises(ValidationError) as erreur:
        entree.full_clean()

    assert {"point_annexe_iii", "reference_fria", "reference_base_ue"} <= set(
        erreur.value.message_dict
    )


def compter(client, adresse: str) -> int:
    """Queries of the page's second opening: the first one fills the per-process caches
    (content types) and renews the session, which a run of several tests may or may not do."""
    client.get(adresse)
    cache_public.invalider()
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(adresse).status_code == 200
    return len(requetes.captured_queries)


@pytest.mark.parametrize(
    "adresse",
    [
        "/suivi/equite-territoriale/",
        "/parcours/{slug}/",
        "/suivi/registre-ia/",
        "/suivi/donnees/parcours.json",
        "/suivi/donnees/candidatures.csv",
        "/suivi/donnees/agregats.json",
        "/suivi/donnees/registre-ia.csv",
    ],
)
def test_it_runs_public_pages_with_a_constant_number_of_queries(client, adresse):
    parcours = parcours_note(["94080", "93048"])
    fiche(parcours)
    avant = compter(client, adresse.format(slug=parcours.slug))

    parcours_note(["92012", "92002", "93066", "94017"])
    from tests.candidatures.factories import CandidatureFactory
    from tests.factories import territoire

    for code in ("94081", "94046", "93055"):
        CandidatureFactory(parcours=parcours, territoire=territoire(code), etat="non_selectionnee")

    assert compter(client, adresse.format(slug=parcours.slug)) == avant


def test_it_runs_the_staff_dashboard_with_a_constant_number_of_queries(client, agent_metropole):
    parcours_note(["94080"])
    connecter(client, agent_metropole)
    avant = compter(client, "/suivi/equite-territoriale/pilotage/")

    parcours_note(["92012", "92002", "93066"])

    assert compter(client, "/suivi/equite-territoriale/pilotage/") == avant


def test_it_dates_each_step_of_the_track_from_the_journal(client, agent_metropole):
    from audit.journal import enregistrer
    from audit.models import Evenement

    parcours = parcours_note(["94080"])
    enregistrer(
        action=Evenement.Action.TRANSITION,
        acteur=agent_metropole,
        objet=parcours,
        transition="selectionner_laureats",
        etat_avant="instruction",
        etat_apres="laureats",
    )

    ligne = json.loads(
        client.get(f"/suivi/donnees/parcours.json?parcours={parcours.slug}").content
    )["donnees"][0]

    assert ligne["date_selection"] == dt.date.today().isoformat()
    assert (ligne["nb_candidatures"], ligne["nb_laureats"]) == (1, 1)


@pytest.mark.parametrize("jeu", list(COLONNES_AUTORISEES))
def test_each_csv_file_is_described_with_its_licence_and_schema_in_the_datapackage(
    client, parcours_public, jeu
):
    """Issue 23 (COMPLIANCE 28): the CSV's own metadata, not only the download page."""
    csv_reponse = client.get(f"/suivi/donnees/{jeu}.csv")
    lien = re.search(r'<([^>]+)>; rel="describedby"', csv_reponse["Link"])
    assert lien and lien.group(1) == "http://testserver/suivi/donnees/datapackage.json"

    paquet = client.get("/suivi/donnees/datapackage.json").json()
    assert paquet["licenses"][0]["name"] == "etalab-2.0"
    ressource = next(r for r in paquet["resources"] if r["name"] == jeu)
    assert ressource["path"] == f"http://testserver/suivi/donnees/{jeu}.csv"
    assert ressource["licenses"] == [
        {
            "name": "etalab-2.0",
            "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "title": "Licence Ouverte / Open Licence version 2.0",
        }
    ]
    assert [champ["name"] for champ in ressource["schema"]["fields"]] == next(
        csv.reader(io.StringIO(csv_reponse.content.decode("utf-8")))
    )


def test_the_download_page_links_to_the_datapackage(client):
    contenu = client.get("/suivi/donnees/").content.decode()
    assert 'href="/suivi/donnees/datapackage.json"' in contenu
