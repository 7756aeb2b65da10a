# SPDX-License-Identifier: EUPL-1.2
"""Hostile input for the escaping tests: payloads, a real submission of admin change forms,
and what a generated PDF or CSV file says.

Each typed field gets its own payload, numbered (``alert(7)``), so that a page showing the
escaped text proves that *this* field is shown there, and not another one.
"""

import csv
import html
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

CHARGE = "<script>alert({n})</script>\"'><img src=x onerror=alert({n})>"
CHARGE_COURTE = "<script>alert({n})</script>"
# What must never reach an HTML page as markup, whichever field it came from.
BRUT_INTERDIT = re.compile(r"<script>alert\(\d+\)|<img src=x onerror|<s>\d+</s>")

# CSV: what spreadsheet software would run as a formula.
FORMULES = [
    '=HYPERLINK("http://exemple.invalid","x")',
    "+1+1",
    "-1+1",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
]
DEBUTS_FORMULE = ("=", "+", "-", "@", "\t", "\r")
NOMBRE = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class Charge:
    """The value typed in one field, and how it must look once shown."""

    valeur: str
    echappee: str  # must appear in the HTML where the field is shown
    litterale: str  # must appear as such in a PDF's text, a CSV cell or a JSON string


def charge(n: int, champ) -> Charge:
    """The payload of field number ``n``, fitted to the field (length, e-mail, URL)."""
    from django.db import models

    script = CHARGE_COURTE.format(n=n)
    echappee = html.escape(script)
    if isinstance(champ, models.EmailField):
        # A quoted local part may hold markup and still pass the e-mail validator.
        valeur = f'"{script}"@exemple.fr'
        return Charge(valeur, echappee, valeur)
    if isinstance(champ, models.URLField):
        valeur = f"https://exemple.fr/\"'>{script}"
        return Charge(valeur, echappee, valeur)
    longueur = champ.max_length or 10_000
    for valeur in (CHARGE.format(n=n), script):
        if len(valeur) <= longueur:
            return Charge(valeur, echappee, valeur)
    valeur = f"<s>{n}</s>"
    return Charge(valeur, html.escape(valeur), valeur)


# Admin change forms, submitted as a browser would -----------------------------------------


class _Formulaire(HTMLParser):
    """The values a browser would send for the form ``identifiant`` (files left out)."""

    def __init__(self, identifiant: str | None):
        super().__init__(convert_charrefs=True)
        self.identifiant = identifiant
        self.dedans = identifiant is None
        self.valeurs: list[tuple[str, str]] = []
        self._zone: str | None = None
        self._texte: list[str] = []
        self._liste: str | None = None
        self._option: dict | None = None
        self._premiere: dict[str, str] = {}
        self._choisie: set[str] = set()

    def handle_starttag(self, balise, attributs):
        a = dict(attributs)
        if balise == "form" and self.identifiant is not None:
            self.dedans = a.get("id") == self.identifiant
            return
        if not self.dedans:
            return
        nom = a.get("name")
        if balise == "input" and nom and "__prefix__" not in nom:
            genre = a.get("type", "text")
            if genre in ("submit", "button", "file", "image", "reset"):
                return
            if genre in ("checkbox", "radio") and "checked" not in a:
                return
            self.valeurs.append((nom, a.get("value", "on" if genre == "checkbox" else "")))
        elif balise == "textarea" and nom and "__prefix__" not in nom:
            self._zone, self._texte = nom, []
        elif balise == "select" and nom and "__prefix__" not in nom:
            self._liste = nom
        elif balise == "option" and self._liste:
            self._option = {"valeur": a.get("value"), "texte": [], "choisie": "selected" in a}

    def handle_data(self, donnees):
        if self._zone is not None:
            self._texte.append(donnees)
        if self._option is not None:
            self._option["texte"].append(donnees)

    def handle_endtag(self, balise):
        if balise == "form" and self.identifiant is not None:
            self.dedans = False
        elif balise == "textarea" and self._zone is not None:
            texte = "".join(self._texte)
            self.valeurs.append((self._zone, texte[1:] if texte.startswith("\n") else texte))
            self._zone = None
        elif balise == "option" and self._option is not None:
            o = self._option
            valeur = o["valeur"] if o["valeur"] is not None else "".join(o["texte"]).strip()
            self._premiere.setdefault(self._liste, valeur)
            if o["choisie"]:
                self.valeurs.append((self._liste, valeur))
                self._choisie.add(self._liste)
            self._option = None
        elif balise == "select" and self._liste is not None:
            liste = self._liste
            if liste not in self._choisie and liste in self._premiere:
                self.valeurs.append((liste, self._premiere[liste]))  # a browser sends the first
            self._liste = None


def valeurs_du_formulaire(page: str, identifiant: str | None = None) -> dict[str, list[str]]:
    lecteur = _Formulaire(identifiant)
    lecteur.feed(page)
    donnees: dict[str, list[str]] = {}
    for nom, valeur in lecteur.valeurs:
        donnees.setdefault(nom, []).append(valeur)
    return donnees


def soumettre(client, url: str, saisies: dict, *, identifiant: str | None = None, fichiers=None):
    """GET the page, keep every value its form holds, change ``saisies``, POST it back.

    The answer must be a redirect (the form was accepted); otherwise the errors are shown.
    """
    page = client.get(url)
    assert page.status_code == 200, f"{url} : {page.status_code}"
    donnees = valeurs_du_formulaire(page.content.decode(), identifiant)
    for nom, valeur in saisies.items():
        donnees[nom] = valeur if isinstance(valeur, list) else [valeur]
    reponse = client.post(url, {**donnees, **(fichiers or {})})
    if reponse.status_code != 302:
        erreurs = re.findall(
            r'<ul class="errorlist[^"]*"[^>]*>.*?</ul>|class="errornote".*?</p>',
            reponse.content.decode(),
            re.S,
        )
        raise AssertionError(f"{url} refusé ({reponse.status_code}) : {erreurs}")
    return reponse


# Generated files ------------------------------------------------------------------------------


def sans_blancs(texte: str) -> str:
    """Text compared without spaces (line breaks of the layout) nor French guillemets
    (the conventions turn paired straight quotes into « »)."""
    return "".join(texte.replace("«", '"').replace("»", '"').split())


def texte_pdf(contenu: bytes) -> str:
    lecteur = PdfReader(io.BytesIO(contenu))
    return "\n".join(page.extract_text() for page in lecteur.pages)


def actions_javascript(contenu: bytes) -> list[str]:
    """Every /JS or /JavaScript key or name in the PDF's object graph (none expected)."""
    lecteur = PdfReader(io.BytesIO(contenu))
    trouvees, vus, pile = [], set(), [lecteur.trailer]
    while pile:
        objet = pile.pop()
        if isinstance(objet, IndirectObject):
            if (objet.idnum, objet.generation) in vus:
                continue
            vus.add((objet.idnum, objet.generation))
            objet = objet.get_object()
        if isinstance(objet, DictionaryObject):
            for cle, valeur in objet.items():
                if cle in ("/JS", "/JavaScript"):
                    trouvees.append(cle)
                if cle != "/Parent":
                    pile.append(valeur)
        elif isinstance(objet, ArrayObject):
            pile.extend(objet)
        elif isinstance(objet, NameObject) and objet == "/JavaScript":
            trouvees.append(str(objet))
    if b"/JavaScript" in contenu or b"/JS " in contenu:
        trouvees.append("dans les octets")
    return trouvees


def cellules_csv(contenu: bytes) -> list[list[str]]:
    """The rows of a CSV export (BOM, comma or semicolon, as each export writes it)."""
    texte = contenu.decode("utf-8-sig")
    premiere = texte.split("\n", 1)[0]
    separateur = ";" if premiere.count(";") > premiere.count(",") else ","
    return list(csv.reader(io.StringIO(texte, newline=""), delimiter=separateur))


def cellules_dangereuses(lignes: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would run as a formula (a plain number is data, not a formula)."""
    return [
        cellule
        for ligne in lignes
        for cellule in ligne
        if cellule.startswith(DEBUTS_FORMULE) and not NOMBRE.fullmatch(cellule)
    ]


def chaines_json(donnee) -> list[str]:
    """Every string of a decoded JSON document."""
    if isinstance(donnee, str):
        return [donnee]
    if isinstance(donnee, dict):
        return [c for v in donnee.values() for c in chaines_json(v)]
    if isinstance(donnee, list):
        return [c for v in donnee for c in chaines_json(v)]
    return []
