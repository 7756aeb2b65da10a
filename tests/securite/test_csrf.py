# SPDX-License-Identifier: EUPL-1.2
"""Forged POSTs: without the CSRF token, with a wrong one, or from another origin, every URL of
the project answers 403 and nothing changes.

Why: a page of another site that makes a signed-in agent's browser post a form (withdraw an
application, approve a membership, score a dossier) is the classic attack on a portal whose
users stay logged in. The sweep walks the same inventory as the role × URL matrix (every URL of
the resolver, and the admin's generic views of every registered model), so a new URL is covered
the day it appears; a view that reads a POST must also get a plausible body in ``CORPS``.

Each URL is posted by a user allowed to post it (the matrix says who), with its real body:
- without a token, with a wrong token, with a valid token but a foreign ``Referer`` over HTTPS,
  with a valid token but a foreign ``Origin``: 403 from the CSRF middleware (the reason on its
  failure page is checked, so a permission 403 does not pass for a CSRF one), and no row of any
  project model, audit ``Evenement`` included, has changed;
- then, as a control, the same body with a valid token from our own origin, in a transaction
  rolled back afterwards: not refused by the CSRF check, and for actions marked ``change``,
  the data does change — which proves the refused requests above would have done something.
"""

import datetime as dt
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import MOT_DE_PASSE, UserFactory, connecter, territoire
from tests.securite.monde import ROLES, construire_monde
from tests.securite.test_matrice import MATRICE, _cle, _url
from tests.securite.urls_projet import modeles_admin, toutes_les_vues

SECRET = "JetonCsrfDeTest0123456789abcdefg"  # 32 characters, the length Django stores
AUTRE_SECRET = "UnAutreJetonQueCeluiDuCookie0123"
NOTRE_ORIGINE = "https://testserver"
ORIGINE_ETRANGERE = "https://portail-pirate.example"
NOUVEAU_MOT_DE_PASSE = "Un-autre-mot-de-passe-2026"


def _pdf() -> bytes:
    from tests.comite.factories import octets_pdf

    return octets_pdf()


@dataclass
class Corps:
    """Who posts, what the real form sends, and whether that body changes data when accepted."""

    role: str
    donnees: Callable = lambda m: {}
    change: bool = False


def _formulaire_candidature(m) -> dict:
    from candidatures.forms import CandidatureForm

    initial = CandidatureForm(instance=m.brouillon_a).initial
    donnees = {k: v for k, v in initial.items() if v not in (None, "")}
    return {**donnees, "version": m.brouillon_a.version, "probleme": "Réponse réécrite."}


def _notes(valeur: str) -> dict:
    from tracks.criteres import Critere

    return {f"note_{c.value}": valeur for c in Critere}


# The body each view that reads a POST receives from its own form (without the token).
CORPS: dict[str, Corps] = {
    "core:signaler_accessibilite": Corps(
        "anonyme",
        lambda m: {
            "nom": "Camille Durand",
            "email": "camille@exemple.fr",
            "page": "/parcours/",
            "description": "Le bouton « Déposer » n'est pas annoncé par mon lecteur d'écran.",
        },
        change=True,
    ),
    "accounts:login": Corps(
        "anonyme",
        lambda m: {"username": m.utilisateurs["agent_a"].email, "password": MOT_DE_PASSE},
        change=True,  # last_login
    ),
    "accounts:logout": Corps("agent_a"),
    "accounts:inscription": Corps(
        "anonyme",
        lambda m: {
            "nom_complet": "Nina Roux",
            "email": "nina.roux@vincennes.fr",
            "fonction": "Directrice générale des services",
            "territoire": territoire("94080").pk,
            "role": "agent",
            "password1": MOT_DE_PASSE,
            "password2": MOT_DE_PASSE,
        },
        change=True,
    ),
    "accounts:approuver_adhesion": Corps("representant_a", change=True),
    "accounts:refuser_adhesion": Corps(
        "representant_a", lambda m: {"motif_refus": "Agent inconnu du service."}, change=True
    ),
    "accounts:prolonger_session": Corps("agent_a"),
    # the matrix's link is forged (404): the form's body, nothing changes
    "accounts:accepter_invitation": Corps(
        "anonyme",
        lambda m: {"new_password1": NOUVEAU_MOT_DE_PASSE, "new_password2": NOUVEAU_MOT_DE_PASSE},
    ),
    "accounts:supprimer_mon_compte": Corps(
        "agent_b", lambda m: {"password": MOT_DE_PASSE, "confirmation": "on"}, change=True
    ),
    "accounts:second_facteur": Corps("membre", lambda m: {"code": "123456"}),
    "accounts:second_facteur_activer": Corps("agent_a", lambda m: {"code": "123456"}),
    "accounts:regenerer_codes_secours": Corps("membre"),
    "accounts:password_change": Corps(
        "agent_a",
        lambda m: {
            "old_password": MOT_DE_PASSE,
            "new_password1": NOUVEAU_MOT_DE_PASSE,
            "new_password2": NOUVEAU_MOT_DE_PASSE,
        },
        change=True,
    ),
    "accounts:password_reset": Corps(
        "anonyme", lambda m: {"email": m.utilisateurs["agent_a"].email}
    ),
    "accounts:password_reset_confirm": Corps(
        "anonyme",
        lambda m: {"new_password1": NOUVEAU_MOT_DE_PASSE, "new_password2": NOUVEAU_MOT_DE_PASSE},
    ),
    "tracks:suggerer_theme": Corps(
        "agent_a",
        lambda m: {
            "territoire": territoire("94080").pk,
            "titre": "Tri des courriers entrants",
            "probleme": "Les courriers arrivent par milliers.",
            "benefices_attendus": "Des réponses plus rapides.",
        },
        change=True,
    ),
    "candidatures:demarrer": Corps("agent_a", lambda m: {"territoire": territoire("94080").pk}),
    "candidatures:modifier": Corps("agent_a", _formulaire_candidature, change=True),
    "candidatures:pieces": Corps(
        "agent_a",
        lambda m: {"nature": "annexe", "fichier": SimpleUploadedFile("annexe.pdf", _pdf())},
        change=True,
    ),
    "candidatures:supprimer_piece": Corps("agent_a"),
    "candidatures:deposer": Corps("agent_a", lambda m: {"etat": "brouillon"}),
    "candidatures:retirer": Corps(
        "agent_a",
        lambda m: {"etat": m.candidature_a.etat, "commentaire": "Nous retirons notre dossier."},
        change=True,
    ),
    "conventions:deposer_signee": Corps(
        "representant_a",
        lambda m: {
            "etat_attendu": m.convention_a.etat,
            "fichier": SimpleUploadedFile("convention-signee.pdf", _pdf()),
        },
        change=True,
    ),
    "notifications:marquer_lu": Corps("agent_a", change=True),
    "notifications:tout_marquer_lu": Corps("agent_a", change=True),
    "notifications:preferences": Corps("agent_a", lambda m: {"parcours_publies": "on"}),
    "suivi:livrable": Corps(
        "agent_a",
        lambda m: {
            "description": "Le jeu de données des demandes traitées.",
            "perimetre": "Janvier à juin 2027.",
            "donnees_personnelles": "False",
            "ce_qui_a_marche": "Le tri automatique.",
        },
        change=True,
    ),
    "suivi:remettre": Corps("agent_a", lambda m: {"etat": m.livrable_a.etat}),
    "suivi:preparer": Corps("staff"),
    "suivi:decider": Corps(
        "staff", lambda m: {"etat": m.livrable_a.etat, "commentaire": "Conforme."}
    ),
    "admin:login": Corps(
        "anonyme",
        lambda m: {"username": m.utilisateurs["staff"].email, "password": MOT_DE_PASSE},
        change=True,  # last_login
    ),
    "admin:logout": Corps("staff"),
    "admin:password_change": Corps(
        "membre",
        lambda m: {
            "old_password": MOT_DE_PASSE,
            "new_password1": NOUVEAU_MOT_DE_PASSE,
            "new_password2": NOUVEAU_MOT_DE_PASSE,
        },
        change=True,
    ),
    "admin:tracks_parcours_transition": Corps(
        "staff",
        lambda m: {"etat_attendu": m.parcours_publie.etat, "commentaire": "Clôture anticipée."},
    ),
    "admin:tracks_parcours_reporter_date_limite": Corps(
        "staff",
        lambda m: {
            "nouvelle": timezone.localtime(
                m.parcours_publie.date_limite + dt.timedelta(days=7)
            ).strftime("%Y-%m-%dT%H:%M"),
            "motif": "Report demandé par les territoires.",
        },
        change=True,
    ),
    "admin:candidatures_candidature_transition": Corps(
        "staff", lambda m: {"etat_attendu": m.candidature_b.etat, "commentaire": "Recevable."}
    ),
    "admin:comite_grille_notation": Corps(
        "membre", lambda m: {"action": "brouillon", **_notes("3")}, change=True
    ),
    # the confirmation of a saved draft posts nothing but the token
    "admin:comite_soumettre_notation": Corps("membre"),
    "admin:comite_voter": Corps("membre", lambda m: {"choix": "pour"}),
    "admin:comite_clore_vote": Corps("president"),
    "admin:comite_declarations": Corps(
        "membre",
        lambda m: {"territoire": territoire("93048").pk, "nature": "autre", "precision": ""},
        change=True,
    ),
    "admin:comite_ouvrir": Corps("president", change=True),
    "admin:comite_cloturer": Corps("president", lambda m: {"motif_forcage": "Quorum atteint."}),
    "admin:comite_enregistrer_decision_bureau": Corps(
        "staff",
        lambda m: {
            "numero": "CB-2026-043",
            "date": "12/03/2026",
            "document": SimpleUploadedFile("deliberation.pdf", _pdf()),
            "confirmation": "on",
        },
    ),
    # accounts: on agent_b, a front-office user (an agent grants the role they hold)
    "admin:accounts_user_attribuer_role": Corps(
        "staff", lambda m: {"role": "Agents de la Métropole"}, change=True
    ),
    "admin:accounts_user_retirer_role": Corps(
        "staff", lambda m: {"role": "Agents de la Métropole"}
    ),
    "admin:accounts_user_desactiver": Corps("staff", lambda m: {"motif": "Départ"}, change=True),
    "admin:accounts_user_reactiver": Corps("staff"),  # already active: refused with a message
    "admin:accounts_user_reinitialiser_second_facteur": Corps(
        "staff", lambda m: {"motif": "Téléphone perdu"}, change=True
    ),
    "admin:accounts_user_reinviter": Corps("staff"),
    "admin:accounts_user_retirer_superutilisateur": Corps(
        "staff"
    ),  # not one: refused  # has a password: refused with a message
    # the convention was already sent: regenerating it is refused with a message
    "admin:conventions_convention_generer": Corps("staff"),
    "admin:conventions_convention_transition": Corps(
        "staff", lambda m: {"etat_attendu": m.convention_a.etat, "commentaire": ""}
    ),
}

# What a view's source shows when it reads a POST.
LIT_UN_POST = re.compile(r"request\.(method|POST|FILES)|require_POST|require_http_methods")


def lit_un_post(callback) -> bool:
    """The view handles a POST: a class-based view with ``post``, or a function reading one.

    The admin site's own views that hand over to a class (its password change) are not seen
    and are listed in ``CORPS`` by hand.
    """
    classe = getattr(callback, "view_class", None)
    if classe is not None:
        return hasattr(classe, "post")
    return bool(LIT_UN_POST.search(inspect.getsource(inspect.unwrap(callback))))


def modeles_du_projet() -> list[type]:
    """The models of the portal's own apps (audit ``Evenement`` included)."""
    racine = str(settings.BASE_DIR)
    return [
        modele
        for modele in apps.get_models()
        if modele._meta.app_config.path.startswith(racine)
        and ".venv" not in modele._meta.app_config.path
    ]


def etat_des_donnees() -> tuple:
    """Every row of every project model: a refused POST must leave all of them as they were."""
    return tuple(
        (m._meta.label, tuple(m._base_manager.order_by("pk").values_list()))
        for m in modeles_du_projet()
    )


def motif_csrf(reponse) -> str:
    """The reason of Django's CSRF failure page, or "" when the CSRF check did not refuse."""
    contexte = reponse.context
    if reponse.status_code != 403 or contexte is None or "reason" not in contexte:
        return ""
    return str(contexte["reason"])


FALSIFICATIONS = (
    # (label, data added to the body, request options, reason on the CSRF failure page)
    ("sans jeton", {}, {}, "CSRF token missing"),
    ("jeton faux", {"csrfmiddlewaretoken": AUTRE_SECRET}, {}, "CSRF token from POST incorrect"),
    (
        "Referer d'un autre site (HTTPS)",
        {"csrfmiddlewaretoken": SECRET},
        {"secure": True, "HTTP_REFERER": f"{ORIGINE_ETRANGERE}/formulaire-piege"},
        "Referer checking failed",
    ),
    (
        "Origin d'un autre site",
        {"csrfmiddlewaretoken": SECRET},
        {"secure": True, "HTTP_ORIGIN": ORIGINE_ETRANGERE},
        "Origin checking failed",
    ),
)


def _client(monde, role: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    if role != "anonyme":
        connecter(client, monde.utilisateurs[role])
    client.cookies[settings.CSRF_COOKIE_NAME] = SECRET
    return client


def essayer(client, url: str, corps: Callable[[], dict], change: bool = False) -> list[str]:
    """The four forged POSTs, then the control; returns what went wrong, in French."""
    ecarts = []
    avant = etat_des_donnees()
    for libelle, ajout, options, motif in FALSIFICATIONS:
        reponse = client.post(url, {**corps(), **ajout}, **options)
        if motif not in motif_csrf(reponse):
            ecarts.append(
                f"POST {url} ({libelle}) : {reponse.status_code} « {motif_csrf(reponse)} », "
                f"attendu 403 « {motif} »"
            )
    if etat_des_donnees() != avant:
        ecarts.append(f"POST {url} : une requête falsifiée a modifié des données")
    with transaction.atomic():
        controle = client.post(
            url,
            {**corps(), "csrfmiddlewaretoken": SECRET},
            secure=True,
            HTTP_REFERER=f"{NOTRE_ORIGINE}{url}",
        )
        if change and etat_des_donnees() == avant:
            ecarts.append(
                f"POST {url} avec un jeton valide ({controle.status_code}) n'a rien modifié : "
                "le corps de CORPS n'est pas celui du formulaire"
            )
        transaction.set_rollback(True)
    if motif_csrf(controle):
        ecarts.append(f"POST {url} avec un jeton valide refusé : {motif_csrf(controle)}")
    return ecarts


def _role_autorise(cle: str) -> str:
    """The role the matrix lets post (``ok``) or open the page (200), else staff."""
    if cle in CORPS:
        return CORPS[cle].role
    attendus = MATRICE[cle].attendus()
    for code in ("ok", "200", "3xx"):
        for role in ROLES:
            if attendus[role] == code:
                return role
    return "staff"  # refused to everyone in this world (object in the wrong state)


def _urls_de_la_matrice(admin_seulement: bool) -> list[str]:
    return [cle for cle in MATRICE if cle.startswith("admin") == admin_seulement]


def test_every_view_that_reads_a_post_has_a_plausible_body_in_the_sweep():
    lisent = {
        cle
        for nom, motif, vue in toutes_les_vues()
        if (cle := _cle(nom, motif)) and (lit_un_post(vue) or MATRICE[cle].post)
    }
    manquantes = sorted(lisent - set(CORPS))
    assert not manquantes, (
        "Vue qui lit un POST sans corps plausible dans CORPS (tests/securite/test_csrf.py) : "
        f"{manquantes}"
    )
    assert set(CORPS) <= set(MATRICE), sorted(set(CORPS) - set(MATRICE))


@pytest.mark.parametrize("partie", ["front", "admin"])
def test_a_forged_post_is_refused_on_every_url_and_changes_nothing(db, partie):
    monde = construire_monde()
    ecarts = []
    for cle in _urls_de_la_matrice(admin_seulement=partie == "admin"):
        role = _role_autorise(cle)
        url = _url(cle, MATRICE[cle], monde)
        corps = CORPS.get(cle, Corps(role))
        ecarts += essayer(_client(monde, role), url, lambda c=corps: c.donnees(monde), corps.change)
    assert not ecarts, "\n".join(ecarts)


def _valeurs_du_formulaire(objet) -> dict:
    """What the admin form of ``objet`` would post, files aside (they are not re-sent)."""
    valeurs = {}
    for nom, valeur in model_to_dict(objet).items():
        if valeur is None or isinstance(valeur, FieldFile):
            continue
        if isinstance(valeur, list):
            valeur = [getattr(element, "pk", element) for element in valeur]
        valeurs[nom] = valeur
    return valeurs


def test_a_forged_post_is_refused_on_the_admin_of_every_model(db):
    """Changelist action, add, change, delete, history and the old-style redirect, per model.

    Posted by a superuser, whom the admin allows whatever it allows anyone; the bodies are the
    object's own values (add, change), the "delete" confirmation and the delete action.
    """
    construire_monde()
    superutilisateur = UserFactory(is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    connecter(client, superutilisateur)
    client.cookies[settings.CSRF_COOKIE_NAME] = SECRET
    ecarts = []
    for nom, modele in modeles_admin().items():
        premier = modele._default_manager.order_by("pk").first()
        valeurs = _valeurs_du_formulaire(premier) if premier is not None else {}
        urls = {
            reverse(f"admin:{nom}_changelist"): lambda p=premier: {
                "action": "delete_selected",
                "_selected_action": [p.pk] if p is not None else [],
                "post": "yes",
            },
            reverse(f"admin:{nom}_add"): lambda v=valeurs: {**v, "_save": "Enregistrer"},
        }
        if premier is not None:
            meta = modele._meta
            urls |= {
                reverse(f"admin:{nom}_change", args=[premier.pk]): lambda v=valeurs: {
                    **v,
                    "_save": "Enregistrer",
                },
                reverse(f"admin:{nom}_delete", args=[premier.pk]): lambda: {"post": "yes"},
                reverse(f"admin:{nom}_history", args=[premier.pk]): lambda: {},
                f"/admin/{meta.app_label}/{meta.model_name}/{premier.pk}/": lambda: {},
            }
        for url, corps in urls.items():
            ecarts += essayer(client, url, corps)
    assert not ecarts, "\n".join(ecarts)
