# SPDX-License-Identifier: EUPL-1.2
"""Hostile file names on every upload field: stored inside MEDIA_ROOT under a harmless name,
served back as an attachment; a web page renamed ``.pdf`` is refused and nothing is stored.

Why: an upload's name is chosen by whoever sends it. ``../../../../etc/passwd.pdf`` must not
climb out of MEDIA_ROOT, a NUL or a line break must not reach a path or a header, and a file
must never be served in a way the browser could run. The sweep finds the file fields of every
project model by introspection, so a new one fails here until it is added to ``TELEVERSEMENTS``
(a field its users upload, with its real form and its download) or to ``PRODUITS`` (a file the
portal produces itself, which no form can reach).

The multipart body is written by hand: Django's test client keeps only the base name of a
file, where a hostile client sends whatever it likes.
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from tests.factories import connecter
from tests.securite.monde import construire_monde
from tests.securite.test_csrf import modeles_du_projet


def _pdf() -> bytes:
    from tests.comite.factories import octets_pdf

    return octets_pdf("Pièce téléversée")


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
REFUS_FRANCAIS = "pas seulement son nom"  # every content check of the portal says so

# (label, file name, sent as RFC 2231 ``filename*=``, which may carry any byte)
NOMS = (
    ("remontée Unix", "../../../../etc/passwd.pdf", False),
    ("remontée Windows", "..\\..\\windows\\win.ini.pdf", False),
    ("chemin absolu", "/etc/cron.d/x.pdf", False),
    ("remontée encodée pour une URL", "%2e%2e%2fx.pdf", False),
    ("remontée en entités HTML", "&#46;&#46;&#47;&#46;&#46;&#47;etc&#47;passwd.pdf", False),
    ("NUL et caractères de contrôle", "rapport\x00\x07\x1b[31m\tfinal.pdf", False),
    ("RFC 2231 : remontée, CR LF et NUL", "../../etc/passwd\r\nX-Pirate: 1\x00.pdf", True),
    ("300 caractères", "x" * 296 + ".pdf", False),
)


def multipart(champs: dict, champ_fichier: str, nom: str, contenu: bytes, rfc2231: bool):
    """A multipart/form-data body whose file part carries ``nom`` exactly as given."""
    limite = "LimiteDeTestTeleversement7MA4YWxkTrZu0gW"
    parties = [
        f'--{limite}\r\nContent-Disposition: form-data; name="{cle}"\r\n\r\n{valeur}\r\n'.encode()
        for cle, valeur in champs.items()
    ]
    nom_fichier = f"filename*=UTF-8''{quote(nom)}" if rfc2231 else f'filename="{nom}"'
    parties.append(
        f'--{limite}\r\nContent-Disposition: form-data; name="{champ_fichier}"; {nom_fichier}'
        "\r\nContent-Type: application/pdf\r\n\r\n".encode()
        + contenu
        + b"\r\n"
    )
    parties.append(f"--{limite}--\r\n".encode())
    return b"".join(parties), f"multipart/form-data; boundary={limite}"


@dataclass
class Televersement:
    """How a user uploads into the field, and how the file comes back to them."""

    role: str
    preparer: Callable  # (monde) -> context for the two below (a fresh target if needed)
    envoyer: Callable  # (client, contexte) -> (url, form fields, file field name)
    fichier_depose: Callable  # (contexte) -> the model instance holding the new file, or None
    telecharger: Callable | None  # (contexte, objet) -> download URL; None: no download exists


# Candidatures: an attachment of Vincennes' draft --------------------------------------------


def _piece(m):
    return {"candidature": m.brouillon_a, "avant": set(m.brouillon_a.pieces.values_list("pk"))}


def _piece_envoi(client, c):
    url = reverse("candidatures:pieces", args=[c["candidature"].pk])
    return url, {"nature": "annexe"}, "fichier"


def _piece_deposee(c):
    return c["candidature"].pieces.exclude(pk__in=[pk for (pk,) in c["avant"]]).first()


# Conventions: the signed copy of Vincennes' convention ---------------------------------------


def _convention(m):
    from conventions.models import Convention

    Convention.objects.filter(pk=m.convention_a.pk).update(etat="envoyee")  # one copy per try
    return {
        "convention": m.convention_a,
        "avant": set(m.convention_a.documents.values_list("pk", flat=True)),
    }


def _convention_envoi(client, c):
    url = reverse("conventions:deposer_signee", args=[c["convention"].pk])
    return url, {"etat_attendu": "envoyee"}, "fichier"


def _convention_deposee(c):
    return c["convention"].documents.exclude(pk__in=c["avant"]).first()


# Suivi: the data file of Vincennes' deliverable -----------------------------------------------


def _livrable(m):
    from suivi.models import Livrable

    livrable = Livrable.objects.get(
        parcours=m.parcours_experimentation,
        territoire__code="94080",
        nature=Livrable.Nature.DONNEES,
    )
    Livrable.objects.filter(pk=livrable.pk).update(fichier="")
    return {"livrable": livrable}


def _livrable_envoi(client, c):
    url = reverse("suivi:livrable", args=[c["livrable"].pk])
    champs = {"description": "Journal des demandes.", "donnees_personnelles": "False"}
    return url, champs, "fichier"


def _livrable_depose(c):
    from suivi.models import Livrable

    livrable = Livrable.objects.get(pk=c["livrable"].pk)
    return livrable if livrable.fichier else None


# Tracks: a document of a draft track, in the admin's inline -----------------------------------


def _document_parcours(m):
    from tests.tracks.factories import ParcoursFactory

    return {"parcours": ParcoursFactory()}


def _document_parcours_envoi(client, c):
    from tests.tracks.test_admin import donnees_du_formulaire

    url = reverse("admin:tracks_parcours_change", args=[c["parcours"].pk])
    champs = donnees_du_formulaire(client.get(url))
    champs |= {
        "documents-TOTAL_FORMS": "1",
        "documents-0-nature": "reglement",
        "documents-0-parcours": c["parcours"].pk,
    }
    return url, champs, "documents-0-fichier"


def _document_parcours_depose(c):
    return c["parcours"].documents.first()


# Comité: the Bureau's deliberation ------------------------------------------------------------


def _deliberation(m):
    from tests.candidatures.factories import a_l_etat
    from tests.comite.factories import candidature_admissible, parcours_en_instruction

    parcours = parcours_en_instruction()
    candidature = a_l_etat(candidature_admissible(parcours, "94080"), "proposee")
    return {"parcours": parcours, "candidature": candidature}


def _deliberation_envoi(client, c):
    url = reverse("admin:comite_enregistrer_decision_bureau", args=[c["parcours"].pk])
    champs = {
        "numero": "BM2026/041",
        "date": "12/03/2026",
        f"issue_{c['candidature'].pk}": "1",
        f"motif_{c['candidature'].pk}": "",
        "confirmation": "on",
    }
    return url, champs, "document"


def _deliberation_deposee(c):
    return c["parcours"].decisions_bureau.first()


TELEVERSEMENTS: dict[str, Televersement] = {
    "candidatures.PieceJointe.fichier": Televersement(
        "agent_a",
        _piece,
        _piece_envoi,
        _piece_deposee,
        lambda c, o: reverse("candidatures:telecharger_piece", args=[o.candidature_id, o.pk]),
    ),
    "conventions.DocumentConvention.fichier": Televersement(
        "representant_a",
        _convention,
        _convention_envoi,
        _convention_deposee,
        lambda c, o: reverse("conventions:telecharger", args=[o.convention_id, o.pk]),
    ),
    "suivi.Livrable.fichier": Televersement(
        "agent_a",
        _livrable,
        _livrable_envoi,
        _livrable_depose,
        lambda c, o: reverse("suivi:fichier", args=[o.pk]),
    ),
    "tracks.DocumentParcours.fichier": Televersement(
        "staff",
        _document_parcours,
        _document_parcours_envoi,
        _document_parcours_depose,
        lambda c, o: reverse("tracks:document", args=[o.parcours.slug, o.pk]),
    ),
    "comite.DecisionBureau.document": Televersement(
        "staff",
        _deliberation,
        _deliberation_envoi,
        _deliberation_deposee,
        None,  # no download view: the admin shows the stored name only
    ),
}

# Files the portal writes itself under a name of its own; no form offers them.
PRODUITS = {
    "candidatures.Candidature.accuse_pdf": "accusé de réception généré au dépôt",
    "comite.SessionExamen.proces_verbal": "procès-verbal généré à la clôture de la séance",
    "conventions.LotGeneration.archive": "archive ZIP d'un lot de conventions générées",
}


def champs_fichier() -> dict[str, models.FileField]:
    return {
        f"{modele._meta.label}.{champ.name}": champ
        for modele in modeles_du_projet()
        for champ in modele._meta.get_fields()
        if isinstance(champ, models.FileField)
    }


def test_every_file_field_of_the_project_is_in_the_sweep():
    champs = champs_fichier()
    manquants = sorted(set(champs) - set(TELEVERSEMENTS) - set(PRODUITS))
    assert not manquants, (
        "Champ fichier sans entrée dans TELEVERSEMENTS ou PRODUITS "
        f"(tests/securite/test_televersements.py) : {manquants}"
    )
    assert set(TELEVERSEMENTS) | set(PRODUITS) <= set(champs)


def test_the_files_the_portal_produces_cannot_be_uploaded_through_a_form():
    champs = champs_fichier()
    assert [nom for nom in PRODUITS if champs[nom].editable] == []


def fichiers_sous(racine: Path) -> set[Path]:
    return {chemin for chemin in racine.rglob("*") if chemin.is_file()}


def _verifier_chemin(nom_stocke: str, media: Path) -> list[str]:
    ecarts = []
    if ".." in Path(nom_stocke).parts or "\\" in nom_stocke or Path(nom_stocke).is_absolute():
        ecarts.append(f"chemin stocké dangereux : {nom_stocke!r}")
    if any(unicodedata.category(c)[0] == "C" for c in nom_stocke):
        ecarts.append(f"caractère de contrôle dans le chemin stocké : {nom_stocke!r}")
    chemin = (media / nom_stocke).resolve()
    if not chemin.is_relative_to(media.resolve()) or not chemin.is_file():
        ecarts.append(f"fichier hors de MEDIA_ROOT ou absent : {chemin}")
    return ecarts


def _verifier_telechargement(reponse, contenu: bytes) -> list[str]:
    ecarts = []
    disposition = reponse.get("Content-Disposition", "")
    if reponse.status_code != 200 or not disposition.startswith("attachment"):
        ecarts.append(f"téléchargement : {reponse.status_code} « {disposition} »")
    if reponse.get("X-Content-Type-Options") != "nosniff":
        ecarts.append("téléchargement sans X-Content-Type-Options: nosniff")
    nom = disposition.partition("filename")[2]
    if any(c in nom for c in "/\\\r\n\x00"):
        ecarts.append(f"nom de téléchargement dangereux : {disposition!r}")
    if b"".join(reponse.streaming_content) != contenu:
        ecarts.append("le fichier téléchargé n'est pas celui qui a été déposé")
    return ecarts


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


# Known refusals of a hostile name, with the French message the user reads. A clean refusal is
# safe; remove the line when the form accepts the name (the test then fails to remind you).
REFUS_CONNUS: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("champ", sorted(TELEVERSEMENTS))
def test_a_hostile_file_name_is_stored_inside_media_root_and_served_as_an_attachment(
    db, media, champ
):
    monde = construire_monde()
    televersement = TELEVERSEMENTS[champ]
    client = connecter(Client(), monde.utilisateurs[televersement.role])
    nom_du_champ = champ.rsplit(".", 1)[1]
    ecarts = []
    for libelle, nom, rfc2231 in NOMS:
        contexte = televersement.preparer(monde)
        url, champs, champ_fichier = televersement.envoyer(client, contexte)
        corps, type_contenu = multipart(champs, champ_fichier, nom, _pdf(), rfc2231)
        avant = fichiers_sous(media)
        reponse = client.post(url, corps, content_type=type_contenu)
        objet = televersement.fichier_depose(contexte)
        if (champ, libelle) in REFUS_CONNUS:
            refus = REFUS_CONNUS[champ, libelle]
            if objet is not None or refus not in reponse.content.decode():
                ecarts.append(f"{libelle} : n'est plus refusé par « {refus} » (REFUS_CONNUS)")
            if fichiers_sous(media) != avant:
                ecarts.append(f"{libelle} : refusé, mais un fichier a été écrit")
            continue
        if objet is None:
            ecarts.append(f"{libelle} : refusé ({reponse.status_code}), attendu enregistré")
            continue
        nom_stocke = getattr(objet, nom_du_champ).name
        ecarts += [f"{libelle} : {e}" for e in _verifier_chemin(nom_stocke, media)]
        if televersement.telecharger is not None:
            telechargement = client.get(televersement.telecharger(contexte, objet))
            ecarts += [f"{libelle} : {e}" for e in _verifier_telechargement(telechargement, _pdf())]
    assert not ecarts, f"{champ} :\n" + "\n".join(ecarts)


@pytest.mark.parametrize("champ", sorted(TELEVERSEMENTS))
def test_a_web_page_named_pdf_is_refused_in_french_and_nothing_is_stored(db, media, champ):
    monde = construire_monde()
    televersement = TELEVERSEMENTS[champ]
    client = connecter(Client(), monde.utilisateurs[televersement.role])
    contexte = televersement.preparer(monde)
    avant = fichiers_sous(media)
    url, champs, champ_fichier = televersement.envoyer(client, contexte)
    corps, type_contenu = multipart(champs, champ_fichier, "convention.pdf", HTML, False)
    reponse = client.post(url, corps, content_type=type_contenu)
    assert REFUS_FRANCAIS in reponse.content.decode()
    assert televersement.fichier_depose(contexte) is None
    assert fichiers_sous(media) == avant


def _parents_dans_l_admin(objet) -> list:
    """The objects whose admin change page shows ``objet`` in an inline."""
    from django.contrib import admin
    from django.forms.models import _get_foreign_key

    parents = []
    for modele, modele_admin in admin.site._registry.items():
        for inline in modele_admin.inlines:
            if inline.model is type(objet):
                cle = _get_foreign_key(modele, inline.model, fk_name=inline.fk_name)
                parents.append(getattr(objet, cle.name))
    return parents


# Production serves no media URL: an admin page must not ask a stored file for its URL.
CHAMPS_EN_PANNE: dict[str, str] = {}


@pytest.mark.parametrize(
    "champ",
    [
        pytest.param(
            nom,
            marks=pytest.mark.xfail(strict=True, raises=ValueError, reason=CHAMPS_EN_PANNE[nom]),
        )
        if nom in CHAMPS_EN_PANNE
        else nom
        for nom in sorted({*TELEVERSEMENTS, *PRODUITS})
    ],
)
def test_the_admin_pages_showing_a_stored_file_open_without_a_media_url(db, media, settings, champ):
    """With ``MEDIA_URL = None`` as in production, a FileField shown read-only in the admin
    asks the storage for a URL and the page answers 500."""
    from django.contrib import admin
    from django.core.files.base import ContentFile

    from tests.factories import UserFactory

    construire_monde()
    label, nom_du_champ = champ.rsplit(".", 1)
    modele = apps.get_model(label)
    objet = modele._default_manager.order_by("pk").first()
    if not getattr(objet, nom_du_champ):
        fichier = getattr(objet, nom_du_champ)
        fichier.save("depose.pdf", ContentFile(_pdf()), save=False)
        modele._default_manager.filter(pk=objet.pk).update(**{nom_du_champ: fichier.name})
    pages = [o for o in [objet, *_parents_dans_l_admin(objet)] if type(o) in admin.site._registry]
    assert pages, f"{champ} : aucune page d'admin ne montre ce fichier"
    settings.MEDIA_URL = None
    client = connecter(Client(), UserFactory(is_staff=True, is_superuser=True))
    for page in pages:
        meta = page._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[page.pk])
        assert client.get(url).status_code in (200, 302), url
