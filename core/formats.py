# SPDX-License-Identifier: EUPL-1.2
"""How values are written out, the same everywhere: dates in pages, e-mails, receipts and
PDFs; cells of the CSV exports.

Dates are written out by hand rather than through the system locale so that a server without
the ``fr_FR`` locale prints the same words (COMPLIANCE 21).
"""

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

PARIS = ZoneInfo("Europe/Paris")
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MOIS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def en_heure_de_paris(moment: dt.datetime) -> dt.datetime:
    """The moment in Europe/Paris, whatever the zone it was stored in."""
    if timezone.is_naive(moment):
        raise ValueError("Une date sans fuseau horaire ne peut pas être affichée sans ambiguïté.")
    return moment.astimezone(PARIS)


def date_longue(jour: dt.date | dt.datetime) -> str:
    """``jeudi 15 janvier 2026``."""
    if isinstance(jour, dt.datetime):
        jour = en_heure_de_paris(jour).date()
    premier = "1er" if jour.day == 1 else str(jour.day)
    return f"{JOURS[jour.weekday()]} {premier} {MOIS[jour.month - 1]} {jour.year}"


def heure(moment: dt.datetime) -> str:
    """``12 h 00`` — never "midi" nor "minuit"."""
    local = en_heure_de_paris(moment)
    return f"{local.hour} h {local.minute:02d}"


def echeance(moment: dt.datetime | dt.date) -> str:
    """``le jeudi 15 janvier 2026 à 12 h 00 (heure de Paris)``: the wording of every deadline.

    A day without hour (a deliverable "due on" a date) is due at the end of that day:
    ``à 23 h 59`` — never "minuit", whose day is ambiguous.
    """
    if not isinstance(moment, dt.datetime):
        return f"le {date_longue(moment)} à 23 h 59 (heure de Paris)"
    return f"le {date_longue(moment)} à {heure(moment)} (heure de Paris)"


def horodatage(moment: dt.datetime) -> str:
    """``le jeudi 15 janvier 2026 à 12 h 00 min 07 s (heure de Paris)``: receipts, to the second."""
    local = en_heure_de_paris(moment)
    return (
        f"le {date_longue(local)} à {local.hour} h {local.minute:02d} min "
        f"{local.second:02d} s (heure de Paris)"
    )


def date_courte(moment: dt.datetime | dt.date) -> str:
    """``15/01/2026``: a date in a list's column, where the full one would not fit."""
    if isinstance(moment, dt.datetime):
        moment = en_heure_de_paris(moment)
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year}"


def duree_restante(jusqua: dt.datetime, maintenant: dt.datetime | None = None) -> str:
    """``encore 3 jours``, ``encore 5 heures``, ``clôturé``: the time left before a deadline."""
    maintenant = maintenant or timezone.now()
    reste = jusqua - maintenant
    if reste.total_seconds() <= 0:
        return "clôturé"
    jours = reste.days
    if jours >= 2:
        return f"encore {jours} jours"
    heures = int(reste.total_seconds() // 3600)
    if heures >= 2:
        return f"encore {heures} heures"
    minutes = max(1, int(reste.total_seconds() // 60))
    return f"encore {minutes} minute{'s' if minutes > 1 else ''}"


# A cell starting with one of these is run as a formula by spreadsheet software.
DEBUTS_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def neutraliser_csv(valeur: object) -> str | int | float | Decimal:
    """The value as a CSV cell no spreadsheet will run: text that starts like a formula gets a
    leading apostrophe (CSV injection); numbers stay numbers, ``None`` is an empty cell.

    Every CSV export of the portal writes its cells through here, so that a value typed by a
    user (a track's title, an answer, a provider's name) is never run when opened.
    """
    if valeur is None:
        return ""
    if isinstance(valeur, int | float | Decimal):  # a negative number is not a formula
        return valeur
    texte = str(valeur)
    return "'" + texte if texte.startswith(DEBUTS_FORMULE) else texte


# "scheme://" and "host.name.tld": what mail clients turn into links on their own.
_SCHEMA = re.compile(r"\b([a-z][a-z0-9+.-]*):(//)", re.IGNORECASE)
_NOM_DE_DOMAINE = re.compile(r"\b(?:[a-z0-9-]+\.)+[a-z]{2,63}\b", re.IGNORECASE)


def desarmer_liens(texte: str) -> str:
    """Text typed by a visitor, quoted in an outgoing e-mail without any clickable link.

    Mail clients make links of ``https://…``, ``www.…`` and bare domain names even in plain
    text, so a sender's text quoted in an official e-mail could carry a phishing link under the
    Métropole's name. URLs and domain names are written the way security teams share them:
    ``hxxps[:]//exemple[.]com`` — readable, not clickable.
    """
    texte = _SCHEMA.sub(lambda m: m.group(1).replace("t", "x") + "[:]" + m.group(2), texte)
    return _NOM_DE_DOMAINE.sub(lambda m: m.group(0).replace(".", "[.]"), texte)
