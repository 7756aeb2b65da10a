# SPDX-License-Identifier: EUPL-1.2
"""Loading the territory reference data shipped in ``territoires/data``.

Used by the data migration and by ``manage.py charger_territoires`` (for a new INSEE
population year). Idempotent: loading twice changes nothing.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from territoires.tri import cle_de_tri

DOSSIER = Path(__file__).resolve().parent / "data"
FICHIER_CSV = DOSSIER / "mgp_territoires.csv"
FICHIER_GEOJSON = DOSSIER / "mgp_communes.geojson"
EN_TETE = ["kind", "code", "name", "departement", "population", "ept_code", "ept_name", "siren"]


@dataclass
class Bilan:
    crees: int = 0
    modifies: int = 0
    inchanges: int = 0


def lire_lignes() -> list[dict]:
    with FICHIER_CSV.open(encoding="utf-8", newline="") as fichier:
        lecteur = csv.DictReader(fichier)
        if lecteur.fieldnames != EN_TETE:
            raise ValueError(f"En-tête inattendu dans {FICHIER_CSV.name} : {lecteur.fieldnames}")
        return list(lecteur)


def lire_geometries() -> dict[str, str]:
    with FICHIER_GEOJSON.open(encoding="utf-8") as fichier:
        collection = json.load(fichier)
    return {
        feature["properties"]["code"]: json.dumps(feature["geometry"], separators=(",", ":"))
        for feature in collection["features"]
    }


def charger(Territoire) -> Bilan:  # noqa: N803 - the model class, historical or current
    """Create or update every territoire from the files; EPT and Métropole first, then communes."""
    bilan = Bilan()
    lignes = lire_lignes()
    geometries = lire_geometries()
    ordre = {"metropole": 0, "ept": 1, "commune": 2}
    avec_cle_de_tri = any(champ.name == "nom_tri" for champ in Territoire._meta.fields)
    epts: dict[str, object] = {}
    for ligne in sorted(lignes, key=lambda ligne: ordre[ligne["kind"]]):
        valeurs = {
            "nature": ligne["kind"],
            "nom": ligne["name"],
            "departement": ligne["departement"],
            "population": int(ligne["population"]),
            "siren": ligne["siren"],
            "geometrie": geometries.get(ligne["code"], ""),
            "ept": epts.get(ligne["ept_code"]) if ligne["kind"] == "commune" else None,
        }
        if avec_cle_de_tri:  # a historical model of the first migrations has no such field
            valeurs["nom_tri"] = cle_de_tri(ligne["name"])
        existant = Territoire.objects.filter(code=ligne["code"]).first()
        if existant is None:
            existant = Territoire.objects.create(code=ligne["code"], **valeurs)
            bilan.crees += 1
        else:
            change = [
                champ
                for champ, valeur in valeurs.items()
                if getattr(existant, champ if champ != "ept" else "ept_id")
                != (valeur.pk if champ == "ept" and valeur is not None else valeur)
            ]
            if change:
                for champ in change:
                    setattr(existant, champ, valeurs[champ])
                existant.save(update_fields=change)
                bilan.modifies += 1
            else:
                bilan.inchanges += 1
        if ligne["kind"] == "ept":
            epts[ligne["code"]] = existant
    return bilan
