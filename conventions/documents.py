# SPDX-License-Identifier: EUPL-1.2
"""From a convention to its HTML and its archival PDF.

:func:`creer_convention` makes the convention of a selected candidature with defaults from
the application and the track; :func:`rendre_html` renders its template version;
:func:`generer_pdf` produces the PDF/A-3a (WeasyPrint, shipped fonts, no network) and stores
it with its SHA-256.
"""

import html as html_lib
import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from conventions.models import Convention, DocumentConvention, ModeleConvention
from conventions.nettoyage import nettoyer_html
from core.formats import MOIS
from core.pdf import rendre_pdf

ETAT_SELECTIONNEE = "selectionnee"
GABARIT_PDF = "conventions/pdf/convention.html"

# Defaults for the Métropole's side, overridable in the settings (they change with elections).
# The name says who signs and the title how: the sentence "représentée par {nom}, {qualité}"
# and the signature block print both, so neither may repeat the other.
REPRESENTANT_MGP = {
    "representant_mgp_nom": "le Président de la Métropole du Grand Paris",
    "representant_mgp_qualite": "ou son représentant par délégation",
}
# Used only while the Bureau's deliberation on the track is not recorded yet.
DELIBERATION_MGP_ATTENDUE = (
    "la délibération du Bureau métropolitain approuvant la sélection des lauréats du parcours"
)

PERIMETRE_DONNEES_DEFAUT = (
    "Les indicateurs de suivi de l'expérimentation, les résultats obtenus avec la solution "
    "(volumes traités, temps gagné, qualité constatée), les retours des agents et usagers "
    "recueillis sous forme anonyme, et le retour d'expérience final."
)


# French typography --------------------------------------------------------------------

_BALISES = re.compile(r"(<[^>]+>)")
_AVANT_DEUX_POINTS = re.compile(r"[ \t\n]+([:»])")
_AVANT_PONCTUATION_HAUTE = re.compile(r"[ \t\n]+([;!?])")
_APRES_GUILLEMET = re.compile(r"«[ \t\n]+")
_COLLES_DEUX_POINTS = re.compile(r"(?<=[^\s\u00a0\u202f\d/])([:»])(?=\s|$)")
_COLLES_HAUTE = re.compile(r"(?<=[^\s\u00a0\u202f&])([;!?])(?=\s|$)")
_COLLE_GUILLEMET = re.compile(r"«(?=[^\s\u00a0\u202f])")
_GUILLEMETS_DROITS = re.compile(r'"([^"]+)"')


def typographie(html: str) -> str:
    """French spacing in the text of an HTML fragment (never inside tags).

    No-break space before « : » and inside « guillemets », narrow no-break space before
    « ; ! ? », straight double quotes turned into guillemets: so that a line never starts
    with a colon, whatever the staff typed.
    """
    morceaux = _BALISES.split(html)
    for i in range(0, len(morceaux), 2):  # even indexes are text, odd ones are tags
        # Work on the unescaped text, so that an entity's ";" (&quot;) is never taken for
        # punctuation, then escape it back (a text node needs only &, < and > escaped).
        texte = html_lib.unescape(morceaux[i])
        if not texte.strip():
            continue
        texte = _GUILLEMETS_DROITS.sub("«\u00a0\\1\u00a0»", texte)
        texte = _AVANT_DEUX_POINTS.sub("\u00a0\\1", texte)
        texte = _AVANT_PONCTUATION_HAUTE.sub("\u202f\\1", texte)
        texte = _APRES_GUILLEMET.sub("«\u00a0", texte)
        texte = _COLLES_DEUX_POINTS.sub("\u00a0\\1", texte)
        texte = _COLLES_HAUTE.sub("\u202f\\1", texte)
        texte = _COLLE_GUILLEMET.sub("«\u00a0", texte)
        morceaux[i] = html_lib.escape(texte, quote=False)
    return "".join(morceaux)


# Creating a convention ----------------------------------------------------------------


def _representant_defaut(candidature) -> tuple[str, str]:
    """The legal representative as declared in the application, else a neutral wording."""
    nom = ""
    qualite = ""
    for champ in ("representant_legal_nom", "representant_nom", "nom_representant_legal"):
        nom = nom or getattr(candidature, champ, "") or ""
    for champ in (
        "representant_legal_qualite",
        "representant_qualite",
        "qualite_representant_legal",
    ):
        qualite = qualite or getattr(candidature, champ, "") or ""
    territoire = candidature.territoire
    if not nom:
        nom = f"le représentant légal de {territoire.nom}"
    if not qualite:
        qualite = "Maire" if getattr(territoire, "nature", "") == "commune" else "Président(e)"
    return nom, qualite


def dates_du_parcours(parcours) -> tuple[date, date]:
    """The experimentation's dates: the track's, the one source the deliverables, the open
    data and every convention follow (none is invented here)."""
    if parcours.experimentation_debut is None or parcours.experimentation_fin is None:
        raise ValidationError(
            f"Les dates de l'expérimentation du parcours « {parcours} » ne sont pas renseignées : "
            "saisissez-les sur la fiche du parcours, la convention les reprend."
        )
    return parcours.experimentation_debut, parcours.experimentation_fin


def deliberation_mgp(candidature) -> str:
    """The Bureau's deliberation that selected the candidature (number and date) when it is
    recorded, else the wording that waits for it."""
    issue = getattr(candidature, "decision_bureau", None)
    if issue is None:
        return DELIBERATION_MGP_ATTENDUE
    decision = issue.decision
    jour = decision.date
    premier = "1er" if jour.day == 1 else str(jour.day)
    return (
        f"la délibération du Bureau métropolitain n° {decision.numero} du {premier} "
        f"{MOIS[jour.month - 1]} {jour.year}"
    )


def verifier_selectionnee(candidature) -> None:
    if candidature.etat != ETAT_SELECTIONNEE:
        raise ValidationError(
            f"La candidature de {candidature.territoire} n'a pas été sélectionnée par le Bureau "
            "métropolitain : aucune convention ne peut être établie pour elle."
        )


@transaction.atomic
def creer_convention(*, candidature, modele: ModeleConvention | None = None) -> Convention:
    """The convention of a selected candidature, with defaults from the application and track.

    Returns the existing one when there is already one (idempotent: batches may run twice).
    """
    verifier_selectionnee(candidature)
    existante = Convention.objects.filter(candidature=candidature).first()
    if existante is not None:
        return existante
    modele = modele or ModeleConvention.objects.courant()
    if modele is None:
        raise ValidationError("Aucun modèle de convention n'est enregistré.")
    nom, qualite = _representant_defaut(candidature)
    debut, fin = dates_du_parcours(candidature.parcours)
    valeurs = {
        **REPRESENTANT_MGP,
        "deliberation_mgp": deliberation_mgp(candidature),
        **getattr(settings, "CONVENTION_REPRESENTANT_MGP", {}),
    }
    return Convention.objects.create(
        candidature=candidature,
        modele=modele,
        representant_beneficiaire_nom=nom,
        representant_beneficiaire_qualite=qualite,
        deliberation_beneficiaire=(
            f"la délibération de l'assemblée délibérante de {candidature.territoire.nom} "
            "autorisant la signature de la présente convention"
        ),
        perimetre_donnees=PERIMETRE_DONNEES_DEFAUT,
        date_debut=debut,
        date_fin=fin,
        **valeurs,
    )


# Rendering ----------------------------------------------------------------------------


def _cas_usage(parcours) -> str:
    try:
        cas = parcours.cas_usage.filter(retenu=True).first()
    except (AttributeError, Exception):  # the tracks app may name it differently
        return ""
    return str(cas) if cas else ""


def contexte(convention: Convention) -> dict:
    candidature = convention.candidature
    return {
        "convention": convention,
        "candidature": candidature,
        "parcours": candidature.parcours,
        "territoire": candidature.territoire,
        "cas_usage": _cas_usage(candidature.parcours),
        "modele": convention.modele,
    }


# What a template version written by staff may print: plain values, never a model instance
# (through one, a template could follow relations up to a user's password hash).
CHAMPS_SAISIS = (  # what staff fill in for each convention (also the admin's form)
    "representant_mgp_nom",
    "representant_mgp_qualite",
    "deliberation_mgp",
    "representant_beneficiaire_nom",
    "representant_beneficiaire_qualite",
    "deliberation_beneficiaire",
    "perimetre_donnees",
    "donnees_personnelles",
    "base_legale_donnees_personnelles",
    "date_debut",
    "date_fin",
    "clauses_particulieres",
)
CHAMPS_CONVENTION = ("reference", *CHAMPS_SAISIS)
CHAMPS_PARCOURS = ("titre", "slug", "theme", "date_limite")
CHAMPS_CANDIDATURE = ("numero", "deposee_le")
CHAMPS_TERRITOIRE = ("nom", "code", "siren", "departement", "population")


def _valeurs(objet, champs: tuple[str, ...]) -> dict:
    return {champ: getattr(objet, champ) for champ in champs}


def variables_du_modele(convention: Convention) -> dict:
    """The variables a template version can use, as plain values (see ModeleConvention.corps)."""
    candidature = convention.candidature
    territoire = candidature.territoire
    return {
        "convention": _valeurs(convention, CHAMPS_CONVENTION),
        "candidature": _valeurs(candidature, CHAMPS_CANDIDATURE),
        "parcours": _valeurs(candidature.parcours, CHAMPS_PARCOURS),
        "territoire": {
            **_valeurs(territoire, CHAMPS_TERRITOIRE),
            "nature": territoire.get_nature_display(),
        },
        "cas_usage": _cas_usage(candidature.parcours),
    }


def rendre_corps(convention: Convention) -> str:
    """The template version's body for this convention, cleaned to the allowed HTML, with
    French typography applied.

    Cleaned here again although the source was cleaned when saved: a row written another way
    (a migration, the shell, an older version) or a value marked safe in the template must
    not reach the PDF renderer or the staff's preview as raw HTML.
    """
    corps = Template(convention.modele.corps).render(Context(variables_du_modele(convention)))
    return typographie(nettoyer_html(corps))


def titre_document(convention: Convention) -> str:
    return f"Convention d'engagement – {convention.parcours.titre} – {convention.territoire.nom}"


def contexte_document(convention: Convention) -> dict:
    return {
        **contexte(convention),
        "corps": mark_safe(rendre_corps(convention)),  # noqa: S308 - rendered, autoescaped above
        "titre": titre_document(convention),
        # Plain text made HTML (escaped, then French spacing): marked safe, escaped once.
        "titre_modele": mark_safe(typographie(escape(convention.modele.titre))),  # noqa: S308
        # Goes into a CSS string in <style>, where HTML escaping does not apply: keep it inert.
        # A line break would end the CSS string and let the rest be read as CSS rules.
        "pied_de_page": re.sub(
            r'[\\"<>\r\n\f]', "", f"{convention.territoire.nom} – {convention.parcours.titre}"
        ),
    }


def rendre_html(convention: Convention) -> str:
    """The whole HTML document (also the staff's preview)."""
    return render_to_string(GABARIT_PDF, contexte_document(convention))


def _rendre_pdf(convention: Convention) -> bytes:
    """Through core.pdf: shipped fonts, tagged PDF/A-3a, no network."""
    return rendre_pdf(
        GABARIT_PDF,
        contexte_document(convention),
        titre=titre_document(convention),
        entete=f"Métropole du Grand Paris – ApproprIAtion Métropolitaine – convention n° {convention.reference}",
    )


def reprendre_dates_du_parcours(convention: Convention) -> None:
    """A draft follows the track's experimentation dates, even when they changed after the
    convention was made: the PDF never prints dates the track does not hold."""
    debut, fin = dates_du_parcours(convention.parcours)
    if (convention.date_debut, convention.date_fin) != (debut, fin):
        convention.date_debut, convention.date_fin = debut, fin
        convention.save(update_fields=["date_debut", "date_fin", "modifie_le"])


def generer_pdf(convention: Convention, *, par=None) -> DocumentConvention:
    """Produce the convention's PDF/A-3a and store it with its SHA-256.

    Only a draft is (re)generated: once sent, the signed document must stay the one sent.
    """
    if convention.etat != Convention.Etat.BROUILLON:
        raise ValidationError(
            "La convention a déjà été envoyée pour signature : son PDF ne peut plus être régénéré."
        )
    verifier_selectionnee(convention.candidature)
    reprendre_dates_du_parcours(convention)
    contenu = _rendre_pdf(convention)
    with transaction.atomic():
        convention.modele.marquer_utilise()
        return DocumentConvention.enregistrer(
            convention=convention,
            contenu=contenu,
            nature=DocumentConvention.Nature.GENEREE,
            par=par,
            modele=convention.modele,
        )
