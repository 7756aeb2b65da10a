# SPDX-License-Identifier: EUPL-1.2
"""Checks on the text the portal prints: no doubled word, no internal code (issue 19, point 9)."""

import re

from django.apps import apps

# French repeats a word legitimately in a few turns ("vous vous engagez", "nous nous").
REPETITIONS_PERMISES = {"vous", "nous"}
MOT_DOUBLE = re.compile(r"\b([^\W\d_]+) \1\b", re.IGNORECASE)
# Codes that are also French words as written: finding them in a sentence proves nothing.
CODES_QUI_SONT_DES_MOTS = {"interdit", "valide", "dispense", "termine", "publie", "arrete"}
APPS_PROJET = ("accounts", "candidatures", "comite", "conventions", "core", "suivi", "tracks")


def mots_doubles(texte: str) -> list[str]:
    """The words written twice in a row ("le le", "de de"), allowed repetitions aside."""
    texte = re.sub(r"[\s\u00a0\u202f]+", " ", texte)
    return [
        m.group(0)
        for m in MOT_DOUBLE.finditer(texte)
        if m.group(1).lower() not in REPETITIONS_PERMISES
    ]


def codes_internes() -> set[str]:
    """The stored codes of every choice of the project's models that a reader cannot mistake
    for a French word: snake_case codes and codes that lost their accents ("proposee")."""
    codes = set()
    for app in APPS_PROJET:
        for modele in apps.get_app_config(app).get_models():
            for champ in modele._meta.get_fields():
                for valeur, libelle in getattr(champ, "choices", None) or []:
                    if not isinstance(valeur, str) or isinstance(libelle, list | tuple):
                        continue
                    mots = set(re.findall(r"[^\W\d_]+", str(libelle).lower()))
                    if "_" in valeur or (
                        valeur.isalpha() and valeur not in mots and len(valeur) > 3
                    ):
                        codes.add(valeur)
    return codes - CODES_QUI_SONT_DES_MOTS


def codes_affiches(texte: str) -> list[str]:
    """The internal codes found as whole words in ``texte``."""
    mots = set(re.findall(r"[\w]+", texte))
    return sorted(codes_internes() & mots)
