# SPDX-License-Identifier: EUPL-1.2
"""The territorial equity map, drawn as SVG on the server from the shipped geometry.

No tile server, no network, no JavaScript: each territoire's GeoJSON (``Territoire.geometrie``,
loaded by migration from ``territoires/data``) is projected with a plain equirectangular
projection, longitudes scaled by cos(48.85°) (the latitude of Paris) so that shapes keep
their proportions at the Métropole's scale, and written as one ``<path>`` per territoire.

Accessibility: the ``<svg>`` has ``role="img"`` and ``aria-labelledby`` pointing at its own
``<title>`` and ``<desc>``; each ``<path>`` has a ``<title>`` "Vincennes : candidature
déposée" (shown on hover). Levels differ by fill pattern (plain, hatching, dots, cross-hatching)
as well as by colour, and the legend names them in text; the page always carries the same
data as a table for screen readers.
"""

import json
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from suivi.participation import Niveau, Participation

LATITUDE_REFERENCE = 48.85
COS_REFERENCE = math.cos(math.radians(LATITUDE_REFERENCE))
LARGEUR = 800  # viewBox width; the height follows the Métropole's proportions
MARGE = 10

# Fill of each level: (background colour, pattern drawn over it). Colours pass 3:1 against
# the white background and the strokes; the pattern tells the levels apart without colour.
MOTIFS = {
    Niveau.AUCUNE: ("#ffffff", ""),
    Niveau.CANDIDATE: (
        "#cfe0f3",
        '<path d="M0,8 L8,0" stroke="#1b4f8a" stroke-width="1.2"/>',
    ),
    Niveau.SELECTIONNEE: (
        "#6fa3d8",
        '<circle cx="4" cy="4" r="1.6" fill="#0c2342"/>',
    ),
    Niveau.EXPERIMENTATION: (
        "#1b4f8a",
        '<path d="M0,0 L8,8 M0,8 L8,0" stroke="#ffffff" stroke-width="1.2"/>',
    ),
}


def _points(geometrie: dict) -> Iterable[tuple[float, float]]:
    if geometrie["type"] == "Polygon":
        polygones = [geometrie["coordinates"]]
    else:
        polygones = geometrie["coordinates"]
    for polygone in polygones:
        for anneau in polygone:
            yield from ((p[0], p[1]) for p in anneau)


def _anneaux(geometrie: dict) -> Iterable[list]:
    polygones = (
        [geometrie["coordinates"]] if geometrie["type"] == "Polygon" else geometrie["coordinates"]
    )
    for polygone in polygones:
        yield from polygone


class Projection:
    """lon/lat -> SVG coordinates fitted to the bounding box of the given geometries."""

    def __init__(self, geometries: list[dict]):
        points = [p for g in geometries for p in _points(g)]
        self.lon_min = min(p[0] for p in points)
        lon_max = max(p[0] for p in points)
        lat_min = min(p[1] for p in points)
        self.lat_max = max(p[1] for p in points)
        largeur_geo = (lon_max - self.lon_min) * COS_REFERENCE
        self.echelle = (LARGEUR - 2 * MARGE) / largeur_geo
        self.hauteur = round((self.lat_max - lat_min) * self.echelle + 2 * MARGE)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = MARGE + (lon - self.lon_min) * COS_REFERENCE * self.echelle
        y = MARGE + (self.lat_max - lat) * self.echelle
        return round(x, 1), round(y, 1)


def chemin(geometrie: dict, projection: Projection) -> str:
    """The ``d`` attribute of a (Multi)Polygon: one closed sub-path per ring (holes: evenodd)."""
    parties = []
    for anneau in _anneaux(geometrie):
        coordonnees = [projection(lon, lat) for lon, lat, *_ in anneau]
        parties.append("M" + " L".join(f"{x:g},{y:g}" for x, y in coordonnees) + " Z")
    return " ".join(parties)


def _defs(prefixe: str) -> str:
    motifs = []
    for niveau, (fond, dessin) in MOTIFS.items():
        motifs.append(
            f'<pattern id="{prefixe}-{niveau.code}" width="8" height="8" '
            f'patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{fond}"/>'
            f"{dessin}</pattern>"
        )
    return "<defs>" + "".join(motifs) + "</defs>"


def remplissage(prefixe: str, niveau: Niveau) -> str:
    return f"url(#{prefixe}-{niveau.code})"


def svg(
    formes: list[tuple[str, dict, Niveau, str]],
    *,
    identifiant: str,
    titre: str,
    description: str,
) -> SafeString:
    """An accessible SVG map: ``formes`` are (code, geometry, level, title text) tuples."""
    projection = Projection([geometrie for _, geometrie, _, _ in formes])
    chemins = []
    for code, geometrie, niveau, texte in formes:
        chemins.append(
            f'<path d="{chemin(geometrie, projection)}" fill="{remplissage(identifiant, niveau)}" '
            f'fill-rule="evenodd" stroke="#33404d" stroke-width="0.6" '
            f'data-code="{escape(code)}" data-niveau="{niveau.code}">'
            f"<title>{escape(texte)}</title></path>"
        )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {projection.hauteur}" '
        f'role="img" aria-labelledby="{identifiant}-titre {identifiant}-desc" '
        f'class="carte-equite" id="{identifiant}" focusable="false">'
        f'<title id="{identifiant}-titre">{escape(titre)}</title>'
        f'<desc id="{identifiant}-desc">{escape(description)}</desc>'
        f"{_defs(identifiant)}<g>{''.join(chemins)}</g></svg>"
    )


def carte_communes(donnees: Participation) -> SafeString:
    """The 130 communes, each coloured by the level it reached itself or through its EPT."""
    formes = []
    for ligne in donnees.communes:
        t = ligne.territoire
        if not t.geometrie:
            continue
        texte = f"{t.nom} : {ligne.niveau_couvert.libelle}"
        if ligne.niveau_couvert > ligne.niveau:
            texte += " (par son EPT)"
        formes.append((t.code, json.loads(t.geometrie), ligne.niveau_couvert, texte))
    return svg(
        formes,
        identifiant="carte-communes",
        titre="Participation des 130 communes de la Métropole du Grand Paris",
        description=(
            "Carte des communes selon le plus haut niveau de participation atteint sur l'ensemble "
            "des parcours : jamais candidate, candidature déposée, sélectionnée, en "
            "expérimentation. Les mêmes données figurent dans le tableau qui suit la carte."
        ),
    )


FICHIER_EPTS = Path(__file__).resolve().parent.parent / "territoires" / "data" / "mgp_epts.geojson"


@cache
def geometries_epts() -> dict[str, dict]:
    """EPT code -> geometry, from the shipped file (the EPT rows carry no geometry)."""
    with FICHIER_EPTS.open(encoding="utf-8") as fichier:
        collection = json.load(fichier)
    return {f["properties"]["code"]: f["geometry"] for f in collection["features"]}


def _geometrie(territoire) -> dict | None:
    if territoire.geometrie:
        return json.loads(territoire.geometrie)
    return geometries_epts().get(territoire.code)


def carte_epts(donnees: Participation) -> SafeString:
    """Paris and the 11 EPT, each coloured by the highest level of the EPT or its communes."""
    formes = []
    for ligne in donnees.communes:
        if ligne.territoire.ept_id is None and ligne.territoire.geometrie:  # Paris (T1)
            t = ligne.territoire
            formes.append(
                (
                    t.code,
                    json.loads(t.geometrie),
                    ligne.niveau_couvert,
                    f"{t.nom} : {ligne.niveau_couvert.libelle}",
                )
            )
    for ligne in donnees.epts:
        t = ligne.territoire
        geometrie = _geometrie(t)
        if geometrie is None:
            continue
        texte = (
            f"{t.nom} : {ligne.niveau_couvert.libelle} — {ligne.nb_communes_touchees} commune(s) "
            f"touchée(s) sur {ligne.nb_communes}"
        )
        formes.append((t.code, geometrie, ligne.niveau_couvert, texte))
    return svg(
        formes,
        identifiant="carte-epts",
        titre="Participation de Paris et des 11 établissements publics territoriaux",
        description=(
            "Carte des établissements publics territoriaux selon le plus haut niveau de "
            "participation atteint par l'EPT ou l'une de ses communes. Les mêmes données "
            "figurent dans le tableau qui suit la carte."
        ),
    )


def pastille(niveau: Niveau, identifiant: str = "legende") -> SafeString:
    """A small swatch for the legend, with the level's pattern (decorative: the text follows)."""
    fond, dessin = MOTIFS[niveau]
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="24" height="16" viewBox="0 0 24 16" '
        f'aria-hidden="true" focusable="false"><defs><pattern id="{identifiant}-{niveau.code}" '
        f'width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" '
        f'fill="{fond}"/>{dessin}</pattern></defs><rect x="0.5" y="0.5" width="23" height="15" '
        f'fill="url(#{identifiant}-{niveau.code})" stroke="#33404d"/></svg>'
    )


def legende() -> list[dict]:
    return [
        {"niveau": niveau, "libelle": niveau.libelle, "pastille": pastille(niveau)}
        for niveau in Niveau
    ]
