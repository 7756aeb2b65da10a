# SPDX-License-Identifier: EUPL-1.2
"""Open data exports: tracks, applications' outcomes, committee aggregates, AI register.

The columns of each dataset are those of its schema in ``docs/schemas/<jeu>.json`` (Table
Schema), the one source of truth: a value the schema does not declare is never exported,
so no personal field can slip in by adding a column to a model. Each dataset is computed
with a constant number of queries, whatever the number of applications.

Licence: Licence Ouverte / Open Licence 2.0 (Etalab), stated in the JSON (top-level
``licence``), in the HTTP ``Link: <…>; rel="license"`` header of both formats, on the
download page, and — for the CSV files, which have no place for metadata without breaking
the readers — in the sidecar ``datapackage.json`` (Frictionless Data Package) that names
each CSV with its licence and its Table Schema (COMPLIANCE 28).
"""

import csv
import io
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from comite import agregats
from core.formats import neutraliser_csv
from tracks.criteres import Critere

DOSSIER_SCHEMAS = Path(settings.BASE_DIR) / "docs" / "schemas"
LICENCE = {
    "nom": "Licence Ouverte / Open Licence version 2.0",
    "identifiant": "etalab-2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
PRODUCTEUR = "Métropole du Grand Paris — programme ApproprIAtion Métropolitaine"

# Track states reached -> the column holding the date the step was crossed.
COLONNES_ETAPES = {
    "publie": "date_publication",
    "instruction": "date_cloture_candidatures",
    "laureats": "date_selection",
    "lancement": "date_lancement",
    "phase1": "date_phase1",
    "cas_usage": "date_cas_usage",
    "prestataire": "date_prestataire",
    "experimentation": "date_experimentation",
    "bilan": "date_bilan",
    "clos": "date_cloture",
}


class FiltreInconnu(ValueError):
    """An export was asked with a filter it does not know, or a value it cannot take."""


@cache
def schema(jeu: str) -> dict:
    with (DOSSIER_SCHEMAS / f"{jeu}.json").open(encoding="utf-8") as fichier:
        return json.load(fichier)


def colonnes(jeu: str) -> list[str]:
    return [champ["name"] for champ in schema(jeu)["fields"]]


def _date(valeur) -> str:
    if valeur is None:
        return ""
    if hasattr(valeur, "hour"):
        return timezone.localtime(valeur).date().isoformat()
    return valeur.isoformat()


def _parcours_publics(filtres: dict):
    from tracks.models import Parcours

    parcours = Parcours.objects.visibles().order_by("date_limite", "slug")
    if "parcours" in filtres:
        parcours = parcours.filter(slug=filtres["parcours"])
    return parcours


def _dates_etapes(parcours_ids: list[int]) -> dict[int, dict[str, str]]:
    """Track id -> {column: date} from the audit journal's transition rows (one query)."""
    from django.contrib.contenttypes.models import ContentType

    from audit.models import Evenement
    from tracks.models import Parcours

    dates: dict[int, dict[str, str]] = {}
    evenements = (
        Evenement.objects.filter(
            action=Evenement.Action.TRANSITION,
            content_type=ContentType.objects.get_for_model(Parcours),
            object_id__in=[str(pk) for pk in parcours_ids],
        )
        .order_by("horodatage")
        .values_list("object_id", "etat_apres", "horodatage")
    )
    for object_id, etat, horodatage in evenements:
        if etat in COLONNES_ETAPES:
            dates.setdefault(int(object_id), {})[COLONNES_ETAPES[etat]] = _date(horodatage)
    return dates


def lignes_parcours(filtres: dict) -> list[dict]:
    from django.db.models import Count, Q

    from suivi.participation import ETAT_SELECTIONNEE, ETATS_NON_DEPOSES

    parcours = list(
        _parcours_publics(filtres)
        .annotate(
            nb_candidatures=Count(
                "candidatures", filter=~Q(candidatures__etat__in=ETATS_NON_DEPOSES)
            ),
            nb_laureats=Count("candidatures", filter=Q(candidatures__etat=ETAT_SELECTIONNEE)),
        )
        .prefetch_related("cas_usage", "marches__prestataires")
    )
    if "etat" in filtres:
        parcours = [p for p in parcours if p.etat == filtres["etat"]]
    dates = _dates_etapes([p.pk for p in parcours])
    lignes = []
    for p in parcours:
        cas = next((c.titre for c in p.cas_usage.all() if c.retenu), "")
        marches = [m for m in p.marches.all() if not m.infructueux]
        prestataires = [pr.raison_sociale for m in marches[-1:] for pr in m.prestataires.all()]
        lignes.append(
            {
                "parcours": p.slug,
                "titre": p.titre,
                "etat": p.etat,
                "etat_libelle": p.get_etat_display(),
                "date_limite_candidature": timezone.localtime(p.date_limite).isoformat()
                if p.date_limite
                else "",
                **dict.fromkeys(COLONNES_ETAPES.values(), ""),
                **dates.get(p.pk, {}),
                "experimentation_debut": _date(p.experimentation_debut),
                "experimentation_fin": _date(p.experimentation_fin),
                "nb_candidatures": p.nb_candidatures,
                "nb_laureats": p.nb_laureats,
                "cas_usage": cas,
                "prestataires": " ; ".join(prestataires),
            }
        )
    return lignes


def lignes_candidatures(filtres: dict) -> list[dict]:
    from suivi.participation import ETATS_NON_DEPOSES, modele_candidature

    Candidature = modele_candidature()
    candidatures = (
        Candidature.objects.exclude(etat__in=ETATS_NON_DEPOSES)
        .filter(parcours__in=_parcours_publics(filtres))
        .select_related("parcours", "territoire", "decision_bureau__decision")
        .order_by("parcours__slug", "territoire__nom_tri")
    )
    if "etat" in filtres:
        candidatures = candidatures.filter(etat=filtres["etat"])
    lignes = []
    for c in candidatures:
        issue = getattr(c, "decision_bureau", None)
        lignes.append(
            {
                "parcours": c.parcours.slug,
                "territoire_code": c.territoire.code,
                "territoire_nom": c.territoire.nom,
                "territoire_nature": c.territoire.nature,
                "etat": c.etat,
                "etat_libelle": c.get_etat_display(),
                "date_depot": _date(c.deposee_le),
                "date_decision": _date(issue.decision.date) if issue else "",
            }
        )
    return lignes


def _nombre(valeur: float | None) -> float | str:
    return "" if valeur is None else round(valeur, 4)


def lignes_agregats(filtres: dict) -> list[dict]:
    from suivi.participation import ETAT_SELECTIONNEE, modele_candidature
    from suivi.resultats import notes_des_laureats

    Candidature = modele_candidature()
    candidatures = list(
        Candidature.objects.filter(etat=ETAT_SELECTIONNEE, parcours__in=_parcours_publics(filtres))
        .select_related("parcours", "territoire")
        .prefetch_related("parcours__ponderations")
        .order_by("parcours__slug", "territoire__nom_tri")
    )
    notes = notes_des_laureats([c.pk for c in candidatures])
    lignes = []
    for c in candidatures:
        poids = {k: float(v) for k, v in c.parcours.ponderations_dict().items()}
        stats = agregats.stats_candidature(notes.get(c.pk, {}))
        total = agregats.total_pondere({k: s.moyenne for k, s in stats.items()}, poids)
        for critere in Critere:
            s = stats.get(critere.value)
            if s is None:
                continue
            lignes.append(
                {
                    "parcours": c.parcours.slug,
                    "territoire_code": c.territoire.code,
                    "territoire_nom": c.territoire.nom,
                    "critere": critere.value,
                    "critere_libelle": critere.label,
                    "poids": poids.get(critere.value, ""),
                    "moyenne": _nombre(s.moyenne),
                    "mediane": _nombre(s.mediane),
                    "minimum": _nombre(s.minimum),
                    "maximum": _nombre(s.maximum),
                    "nb_notateurs": s.nb_notateurs,
                    "note_globale": _nombre(total),
                    "echelle_min": c.parcours.echelle_min,
                    "echelle_max": c.parcours.echelle_max,
                }
            )
    return lignes


def lignes_registre(filtres: dict) -> list[dict]:
    from suivi.models import FicheRegistreIA

    fiches = FicheRegistreIA.objects.publiques().recherche(
        q=filtres.get("q", ""), risque=filtres.get("risque", "")
    )
    if "parcours" in filtres:
        fiches = fiches.filter(parcours__slug=filtres["parcours"])
    return [
        {
            "parcours": f.parcours.slug,
            "parcours_titre": f.parcours.titre,
            "finalite": f.finalite,
            "service_public": f.service_public,
            "donnees_utilisees": f.donnees_utilisees,
            "fournisseur": f.fournisseur,
            "deployeurs": " ; ".join(d.strip() for d in f.deployeurs.splitlines() if d.strip()),
            "controle_humain": f.controle_humain,
            "classe_risque": f.classe_risque,
            "classe_risque_libelle": f.get_classe_risque_display(),
            "point_annexe_iii": f.point_annexe_iii,
            "information_art50": f.information_art50,
            "reference_fria": f.reference_fria,
            "reference_base_ue": f.reference_base_ue,
            "justification_ia": f.justification_ia,
            "alternatives_etudiees": f.alternatives_etudiees,
            "estimation_energie": f.estimation_energie,
            "indicateurs_frugalite": f.indicateurs_frugalite,
            "resultats": f.resultats,
            "contact": f.contact,
            "mise_a_jour": timezone.localtime(f.mise_a_jour_le).isoformat(timespec="seconds"),
        }
        for f in fiches
    ]


# dataset -> (rows function, filters it accepts, allowed values per filter or None)
JEUX: dict[str, tuple[Callable[[dict], list[dict]], dict[str, list[str] | None]]] = {
    "parcours": (lignes_parcours, {"parcours": None, "etat": None}),
    "candidatures": (lignes_candidatures, {"parcours": None, "etat": None}),
    "agregats": (lignes_agregats, {"parcours": None}),
    "registre-ia": (lignes_registre, {"parcours": None, "q": None, "risque": None}),
}


def valeurs_enum(jeu: str, champ: str) -> list[str] | None:
    for f in schema(jeu)["fields"]:
        if f["name"] == champ:
            return f.get("constraints", {}).get("enum")
    return None


def verifier_filtres(jeu: str, parametres: dict[str, list[str]]) -> dict[str, str]:
    """The filters as a plain dict; :class:`FiltreInconnu` with a French message otherwise."""
    _, acceptes = JEUX[jeu]
    inconnus = sorted(set(parametres) - set(acceptes))
    if inconnus:
        raise FiltreInconnu(
            f"Filtre inconnu pour le jeu « {jeu} » : {', '.join(inconnus)}. "
            f"Filtres acceptés : {', '.join(acceptes) or 'aucun'}."
        )
    filtres = {}
    for nom, valeurs in parametres.items():
        if len(valeurs) != 1:
            raise FiltreInconnu(f"Le filtre « {nom} » ne peut être donné qu'une fois.")
        valeur = valeurs[0].strip()
        champ = {"risque": "classe_risque"}.get(nom, nom)
        permises = valeurs_enum(jeu, champ)
        if permises and valeur not in permises:
            raise FiltreInconnu(
                f"Valeur inconnue pour le filtre « {nom} » : « {valeur} ». "
                f"Valeurs possibles : {', '.join(permises)}."
            )
        filtres[nom] = valeur
    return filtres


def donnees(jeu: str, filtres: dict) -> list[dict]:
    """The rows of a dataset, with exactly the schema's columns, in its order."""
    fonction, _ = JEUX[jeu]
    noms = colonnes(jeu)
    return [{nom: ligne.get(nom, "") for nom in noms} for ligne in fonction(filtres)]


def en_csv(jeu: str, lignes: list[dict]) -> str:
    sortie = io.StringIO()
    ecrivain = csv.DictWriter(sortie, fieldnames=colonnes(jeu), lineterminator="\r\n")
    ecrivain.writeheader()
    for ligne in lignes:
        ecrivain.writerow({k: neutraliser_csv(v) for k, v in ligne.items()})
    return sortie.getvalue()


def en_json(jeu: str, lignes: list[dict], *, url_schema: str, filtres: dict) -> str:
    return json.dumps(
        {
            "jeu": jeu,
            "titre": schema(jeu)["title"],
            "producteur": PRODUCTEUR,
            "licence": LICENCE,
            "schema": url_schema,
            "genere_le": timezone.localtime().isoformat(timespec="seconds"),
            "filtres": filtres,
            "donnees": lignes,
        },
        ensure_ascii=False,
        indent=1,
    )


def paquet_de_donnees(*, url_csv: Callable[[str], str]) -> dict:
    """The ``datapackage.json`` beside the CSV files: each resource, its schema and licence.

    ``url_csv(jeu)`` gives the absolute address of a dataset's CSV file.
    """
    licence = {"name": LICENCE["identifiant"], "path": LICENCE["url"], "title": LICENCE["nom"]}
    return {
        "name": "appropriation-metropolitaine",
        "title": "Programme ApproprIAtion Métropolitaine — données ouvertes",
        "licenses": [licence],
        "contributors": [{"title": PRODUCTEUR, "role": "publisher"}],
        "resources": [
            {
                "name": jeu,
                "title": schema(jeu)["title"],
                "path": url_csv(jeu),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [licence],
                "schema": schema(jeu),
            }
            for jeu in JEUX
        ],
    }
