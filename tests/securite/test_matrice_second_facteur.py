# SPDX-License-Identifier: EUPL-1.2
"""The role × URL matrix for password-only sessions: the second factor, deny by default.

Why: a stolen password of a Métropole agent, of a committee member or of a superuser must
open nothing but the public pages, the person's own account, the second-factor pages and
log-out (COMPLIANCE 17, issue 17). The gate decides from the user's roles, not from the URL:
every URL of the project is walked from the resolver, so a new view is denied to such a user
until someone marks it ``@sans_second_facteur`` **and** lists it in ``AUTORISEES`` below.

For each back-office persona, with a password-only session, every other URL answers a GET
and a POST with a redirect to the second factor (enrolment for a user without a device)
carrying ``next``, and nothing changes. Once the second factor is given on the same session,
the matrix of ``test_matrice.py`` gives its normal answers again.
"""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from accounts.deux_facteurs import a_un_second_facteur, regenerer_codes_secours
from accounts.models import Adhesion
from tests.factories import AdhesionFactory, UserFactory, territoire
from tests.securite import test_matrice
from tests.securite.monde import ROLES, construire_monde
from tests.securite.test_matrice import MATRICE, _cle, _empreinte, _statut
from tests.securite.urls_projet import est_generique_admin, modeles_admin, toutes_les_vues

PUBLIQUE = "publique"  # the same page for everyone: the matrix gives 200 to anonymous visitors
CONNEXION = "connexion"  # signing in, out or up, a forgotten password
COMPTE = "compte"  # the person's own account, showing no back-office data
SECOND_FACTEUR = "second facteur"

# Every view marked @sans_second_facteur, and why it may be opened with a password only.
# Not here on purpose: the dashboard, the notifications (convocations, back-office notices),
# the export of one's data (it holds the messages and acts of the back office), the deletion
# of one's account (irreversible), a track's documents (staff fetch unpublished ones there).
AUTORISEES: dict[str, str] = {
    "core:accueil": PUBLIQUE,
    "core:accessibilite": PUBLIQUE,
    "core:signaler_accessibilite": PUBLIQUE,
    "core:signalement_accessibilite_recu": COMPTE,  # the receipt of one's own complaint
    "core:mentions_legales": PUBLIQUE,
    "core:schema_pluriannuel": PUBLIQUE,
    "core:plan_actions": PUBLIQUE,
    "core:donnees_personnelles": PUBLIQUE,
    "core:sante": PUBLIQUE,
    "accounts:login": CONNEXION,
    "accounts:logout": CONNEXION,
    "accounts:inscription": CONNEXION,
    "accounts:password_reset": CONNEXION,
    "accounts:password_reset_done": CONNEXION,
    "accounts:password_reset_confirm": CONNEXION,
    "accounts:password_reset_complete": CONNEXION,
    "admin:login": CONNEXION,
    "admin:logout": CONNEXION,
    "accounts:prolonger_session": COMPTE,  # the session-expiry warning of every page
    "accounts:mes_donnees": COMPTE,  # a page of explanations and links
    "accounts:password_change": COMPTE,  # asks for the current password
    "accounts:password_change_done": COMPTE,
    "accounts:second_facteur": SECOND_FACTEUR,
    "accounts:second_facteur_activer": SECOND_FACTEUR,  # refused once a device exists
    "accounts:codes_secours": SECOND_FACTEUR,  # checks the verification itself
    "accounts:regenerer_codes_secours": SECOND_FACTEUR,  # checks the verification itself
    "tracks:catalogue": PUBLIQUE,
    "tracks:detail": PUBLIQUE,
    "candidatures:questionnaire": PUBLIQUE,
    "suivi:equite": PUBLIQUE,
    "suivi:donnees": PUBLIQUE,
    "suivi:datapackage": PUBLIQUE,
    "suivi:schema": PUBLIQUE,
    "suivi:telecharger": PUBLIQUE,
    "suivi:registre": PUBLIQUE,
    "suivi:fiche_registre": PUBLIQUE,
    "audit:empreintes": PUBLIQUE,
    "audit:empreintes_json": PUBLIQUE,
    "audit:empreintes_csv": PUBLIQUE,
}

PERSONAS = ("staff", "superutilisateur", "membre", "president", "expert", "permission_directe")


def _marquee(vue) -> bool:
    return getattr(vue, "sans_second_facteur", False)


def _personne(monde, persona: str):
    if persona in monde.utilisateurs:
        return monde.utilisateurs[persona]
    if persona == "superutilisateur":
        return UserFactory(is_staff=True, is_superuser=True)
    # an agent of Vincennes who was also given a model permission directly (not staff)
    agent = AdhesionFactory(territoire=territoire("94080")).utilisateur
    agent.user_permissions.add(Permission.objects.get(codename="view_candidature"))
    return agent


def _url(nom: str | None, motif: str, monde) -> str:
    """A URL of the pattern, on the world's objects where the matrix names them."""
    cle = _cle(nom, motif)
    if cle in MATRICE:
        return test_matrice._url(cle, MATRICE[cle], monde)
    if est_generique_admin(nom):
        base, _, suffixe = nom[len("admin:") :].rpartition("_")
        if suffixe in ("changelist", "add"):
            return reverse(nom)
        premier = modeles_admin()[base]._default_manager.order_by("pk").first()
        return reverse(nom, args=[premier.pk if premier else 1])
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "1", motif)  # a URL nobody classified yet


def _donnees(nom: str | None, motif: str, monde) -> dict:
    cle = _cle(nom, motif)
    if cle in MATRICE:
        return MATRICE[cle].donnees(monde)
    return {"post": "yes", "commentaire": "essai"}  # the admin's delete confirmation included


def _verification(user) -> str:
    cible = (
        "accounts:second_facteur"
        if a_un_second_facteur(user)
        else "accounts:second_facteur_activer"
    )
    return reverse(cible)


def test_every_view_reachable_without_second_factor_is_classified_here():
    marquees = {_cle(nom, motif) or nom for nom, motif, vue in toutes_les_vues() if _marquee(vue)}
    assert marquees == set(AUTORISEES), (
        "Vue marquée @sans_second_facteur sans entrée dans AUTORISEES "
        "(tests/securite/test_matrice_second_facteur.py), ou l'inverse : "
        f"{sorted(marquees ^ set(AUTORISEES))}"
    )


def test_the_views_said_public_are_open_to_anonymous_visitors_in_the_matrix():
    anonyme = ROLES.index("anonyme")
    publiques = [nom for nom, nature in AUTORISEES.items() if nature == PUBLIQUE]
    fermees = [nom for nom in publiques if MATRICE[nom].codes.split()[anonyme] != "200"]
    assert not fermees, f"Pages dites publiques refusées aux visiteurs anonymes : {fermees}"


def test_the_second_factor_views_are_the_account_s_second_factor_pages():
    for nom, nature in AUTORISEES.items():
        if nature == SECOND_FACTEUR:
            assert reverse(nom).startswith("/compte/second-facteur/"), nom


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_password_only_session_is_sent_to_the_second_factor_from_every_other_url(db, persona):
    monde = construire_monde()
    user = _personne(monde, persona)
    client = Client()
    client.force_login(user)  # the password, and nothing more
    verification = _verification(user)
    ecarts = []
    avant = _empreinte()
    for nom, motif, vue in toutes_les_vues():
        if _marquee(vue):
            continue
        url = _url(nom, motif, monde)
        attendue = f"{verification}?{urlencode({'next': url})}"
        reponse = client.get(url)
        if reponse.status_code != 302 or reponse["Location"] != attendue:
            ecarts.append(f"GET {url}: {reponse.status_code} {reponse.get('Location', '')}")
        reponse = client.post(url, _donnees(nom, motif, monde))
        if reponse.status_code != 302 or not reponse["Location"].startswith(verification):
            ecarts.append(f"POST {url}: {reponse.status_code} {reponse.get('Location', '')}")
    if _empreinte() != avant:
        ecarts.append("des POST ont modifié des données avant le second facteur")
    assert not ecarts, f"{persona} :\n" + "\n".join(ecarts)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_views_classified_here_open_with_a_password_only(db, persona):
    monde = construire_monde()
    user = _personne(monde, persona)
    client = Client()
    client.force_login(user)
    verification = _verification(user)
    ecarts = []
    for nom, motif, vue in toutes_les_vues():
        if not _marquee(vue) or AUTORISEES.get(nom) == SECOND_FACTEUR or MATRICE[nom].post:
            continue  # the second-factor pages send from one to the other by design
        url = _url(nom, motif, monde)
        reponse = client.get(url)
        if reponse.get("Location", "").startswith(verification):
            ecarts.append(f"GET {url}: envoyé au second facteur")
    assert not ecarts, f"{persona} :\n" + "\n".join(ecarts)


@pytest.mark.parametrize("role", ["staff", "membre", "president", "expert"])
def test_after_the_second_factor_the_matrix_gives_its_normal_answers(db, role):
    monde = construire_monde()
    user = monde.utilisateurs[role]
    _, codes = regenerer_codes_secours(user)
    client = Client()
    client.force_login(user)
    url_notation = reverse("suivi:equite_notation")
    assert client.get(url_notation)["Location"].startswith(reverse("accounts:second_facteur"))
    reponse = client.post(
        reverse("accounts:second_facteur"), {"code": codes[0], "next": url_notation}
    )
    assert reponse["Location"] == url_notation  # back where they were going
    ecarts = []
    for cle, entree in MATRICE.items():
        if entree.post:
            continue
        attendu = entree.attendus()[role]
        obtenu = _statut(client.get(test_matrice._url(cle, entree, monde)), cle.startswith("admin"))
        if obtenu != attendu:
            ecarts.append(f"GET {cle}: {obtenu}, attendu {attendu}")
    assert not ecarts, f"{role} :\n" + "\n".join(ecarts)


def test_a_stolen_staff_password_opens_no_application_and_approves_no_membership(db):
    """The attack of issue 17: password only → a territoire's file, then its representative."""
    from audit.models import Evenement

    monde = construire_monde()
    staff = monde.utilisateurs["staff"]
    client = Client()
    client.force_login(staff)
    candidature, piece = monde.candidature_a, monde.piece_a
    adhesion = monde.adhesion_en_attente
    urls = [
        reverse("candidatures:detail", args=[candidature.pk]),
        reverse("candidatures:telecharger_piece", args=[candidature.pk, piece.pk]),
        reverse("candidatures:accuse", args=[candidature.pk]),
        reverse("candidatures:accuse_pdf", args=[candidature.pk]),
        reverse("candidatures:dossier_pdf", args=[candidature.pk]),
        reverse("accounts:adhesions_a_valider"),
        reverse("suivi:equite_notation"),
    ]
    evenements = Evenement.objects.count()
    for url in urls:
        reponse = client.get(url)
        assert reponse.status_code == 302, url
        assert reponse["Location"] == (
            f"{reverse('accounts:second_facteur')}?{urlencode({'next': url})}"
        ), url
    reponse = client.post(reverse("accounts:approuver_adhesion", args=[adhesion.pk]))
    assert reponse["Location"].startswith(reverse("accounts:second_facteur"))
    adhesion.refresh_from_db()
    assert adhesion.statut == Adhesion.Statut.EN_ATTENTE
    assert Evenement.objects.count() == evenements  # no download, no decision journaled
