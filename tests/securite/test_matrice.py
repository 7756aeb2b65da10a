# SPDX-License-Identifier: EUPL-1.2
"""The role × URL matrix: every URL of the project, for every role, with the expected status.

Why: an authorisation check forgotten in one view is the commonest serious flaw of a portal
like this one. The matrix walks the resolver, so a new URL without an entry fails here and
its author has to decide, role by role, who may open it.

Columns (``ROLES``): anonyme, agent_en_attente, agent_a (Vincennes), agent_b (Montreuil),
representant_a, membre, membre_en_conflit (declared an interest in Vincennes), president,
expert, staff (agent de la Métropole).

Codes: ``200``; ``302`` = redirect to the login page (the admin's own login for admin URLs);
``3xx`` = any other redirect (page that sends the user elsewhere with a message); ``403``;
``404``; ``405``. For a POST-only action (GET answers 405): ``ok`` = allowed (its effect is
tested by the app's own tests), ``R`` = must be refused (302/403/404) and change nothing.
Every role whose GET is refused also has a POST tried: refused and nothing changed.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import connecter
from tests.securite.monde import ROLES, construire_monde
from tests.securite.urls_projet import est_generique_admin, modeles_admin, tous_les_motifs

FRONT = ("anonyme", "agent_en_attente", "agent_a", "agent_b", "representant_a")


@dataclass
class Entree:
    kwargs: Callable
    codes: str
    post: bool = False  # POST-only action
    post_refuse: tuple = ()  # roles allowed to GET a confirmation page but not to POST
    donnees: Callable = lambda m: {"commentaire": "essai"}  # what the refused POST sends

    def attendus(self) -> dict[str, str]:
        codes = self.codes.split()
        assert len(codes) == len(ROLES), self.codes
        return dict(zip(ROLES, codes, strict=True))


def E(kwargs=None, codes="", **options) -> Entree:  # noqa: N802 - reads as a table
    return Entree(kwargs or (lambda m: {}), codes, **options)


def P(kwargs=None, codes="", **options) -> Entree:  # noqa: N802
    return Entree(kwargs or (lambda m: {}), codes, post=True, **options)


# fmt: off
#                    anonyme attente  A    B   repr_A membre conflit pres expert staff
PUBLIC =             "200    200     200  200  200    200    200     200  200    200"
CONNECTE =           "302    200     200  200  200    200    200     200  200    200"
ADMIN_SEUL =         "302    302     302  302  302    200    200     200  200    200"
SOI_MEME_POST =      "302    ok      ok   ok   ok     ok     ok      ok   ok     ok"
A_SEUL =             "302    404     200  404  200    404    404     404  404    404"
A_ET_STAFF =         "302    404     200  404  200    404    404     404  404    200"
STAFF_SEUL_FRONT =   "302    403     403  403  403    403    403     403  403    200"
ADMIN_STAFF =        "302    302     302  302  302    403    403     403  403    200"
ADMIN_STAFF_POST =   "302    302     302  302  302    R      R       R    R      ok"
ADMIN_REFUS =        "302    302     302  302  302    403    403     403  403    403"

MATRICE: dict[str, Entree] = {
    # core
    "core:accueil": E(codes=PUBLIC),
    "core:tableau_de_bord": E(codes=CONNECTE),
    "core:accessibilite": E(codes=PUBLIC),
    "core:signaler_accessibilite": E(codes=PUBLIC),
    # only right after a complaint was sent (its number is in the session)
    "core:signalement_accessibilite_recu": E(codes="404 404 404 404 404 404 404 404 404 404"),
    "core:mentions_legales": E(codes=PUBLIC),
    "core:donnees_personnelles": E(codes=PUBLIC),
    "core:sante": E(codes=PUBLIC),
    # accounts
    "accounts:login": E(codes="200 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx"),
    "accounts:logout": P(codes="ok ok ok ok ok ok ok ok ok ok"),
    "accounts:inscription": E(codes="200 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx"),
    # a forged invitation link: the same 404 for everyone (tests/accounts/test_invitations.py)
    "accounts:accepter_invitation": E(
        lambda m: {"jeton": "jeton-invalide"}, "404 404 404 404 404 404 404 404 404 404"
    ),
    # each user sees the memberships they may decide on (none for most: an empty list)
    "accounts:adhesions_a_valider": E(codes=CONNECTE),
    "accounts:approuver_adhesion": P(
        lambda m: {"pk": m.adhesion_en_attente.pk}, "302 R R R ok R R R R ok"
    ),
    "accounts:refuser_adhesion": P(
        lambda m: {"pk": m.adhesion_en_attente.pk}, "302 R R R ok R R R R ok"
    ),
    "accounts:prolonger_session": P(codes=SOI_MEME_POST),
    "accounts:mes_donnees": E(codes=CONNECTE),
    "accounts:exporter_mes_donnees": E(codes=CONNECTE),
    "accounts:supprimer_mon_compte": E(codes=CONNECTE),
    "accounts:second_facteur": E(codes="302 3xx 3xx 3xx 3xx 200 200 200 200 200"),
    "accounts:second_facteur_activer": E(codes=CONNECTE),
    "accounts:codes_secours": E(codes="302 3xx 3xx 3xx 3xx 200 200 200 200 200"),
    "accounts:regenerer_codes_secours": P(codes=SOI_MEME_POST),
    "accounts:password_change": E(codes=CONNECTE),
    "accounts:password_change_done": E(codes=CONNECTE),
    "accounts:password_reset": E(codes=PUBLIC),
    "accounts:password_reset_done": E(codes=PUBLIC),
    "accounts:password_reset_confirm": E(
        lambda m: {"uidb64": "MQ", "token": "jeton-invalide"}, PUBLIC
    ),
    "accounts:password_reset_complete": E(codes=PUBLIC),
    # tracks
    "tracks:catalogue": E(codes=PUBLIC),
    # only agents of an approved territoire suggest a theme; others are sent away with a message
    "tracks:suggerer_theme": E(codes="302 3xx 200 200 200 3xx 3xx 3xx 3xx 3xx"),
    "tracks:mes_suggestions": E(codes=CONNECTE),
    "tracks:detail": E(lambda m: {"slug": m.parcours_publie.slug}, PUBLIC),
    "tracks:document": E(
        lambda m: {"slug": m.parcours_publie.slug, "pk": m.document_parcours.pk}, PUBLIC
    ),
    # candidatures
    "candidatures:mes_candidatures": E(codes=CONNECTE),
    "candidatures:demarrer": E(
        lambda m: {"slug": m.parcours_publie.slug}, "302 403 200 200 200 403 403 403 403 403"
    ),
    "candidatures:questionnaire": E(lambda m: {"slug": m.parcours_publie.slug}, PUBLIC),
    "candidatures:detail": E(lambda m: {"pk": m.candidature_a.pk}, A_ET_STAFF),
    "candidatures:modifier": E(lambda m: {"pk": m.brouillon_a.pk}, A_SEUL),
    "candidatures:pieces": E(lambda m: {"pk": m.brouillon_a.pk}, A_SEUL),
    "candidatures:telecharger_piece": E(
        lambda m: {"pk": m.candidature_a.pk, "piece_pk": m.piece_a.pk}, A_ET_STAFF
    ),
    "candidatures:supprimer_piece": P(
        lambda m: {"pk": m.candidature_a.pk, "piece_pk": m.piece_a.pk},
        "302 R ok R ok R R R R R",
    ),
    "candidatures:recapitulatif": E(lambda m: {"pk": m.brouillon_a.pk}, A_SEUL),
    "candidatures:deposer": P(lambda m: {"pk": m.brouillon_a.pk}, "302 R ok R ok R R R R R"),
    "candidatures:retirer": E(lambda m: {"pk": m.candidature_a.pk}, A_SEUL),
    "candidatures:accuse": E(lambda m: {"pk": m.candidature_a.pk}, A_ET_STAFF),
    "candidatures:accuse_pdf": E(lambda m: {"pk": m.candidature_a.pk}, A_ET_STAFF),
    "candidatures:dossier_pdf": E(lambda m: {"pk": m.candidature_a.pk}, A_ET_STAFF),
    # comite (front office: the applicant's page of the Bureau's decision)
    "comite:decision": E(lambda m: {"pk": m.issue_a.pk}, A_SEUL),
    # conventions
    "conventions:mes_conventions": E(codes=CONNECTE),
    "conventions:detail": E(lambda m: {"pk": m.convention_a.pk}, A_SEUL),
    "conventions:telecharger": E(
        lambda m: {"pk": m.convention_a.pk, "document": m.document_convention_a.pk}, A_SEUL
    ),
    "conventions:deposer_signee": P(
        lambda m: {"pk": m.convention_a.pk}, "302 R ok R ok R R R R R"
    ),
    # notifications
    "notifications:centre": E(codes=CONNECTE),
    "notifications:marquer_lu": P(lambda m: {"pk": m.message_a.pk}, "302 R ok R R R R R R R"),
    "notifications:tout_marquer_lu": P(codes=SOI_MEME_POST),
    "notifications:preferences": E(codes=CONNECTE),
    # suivi
    "suivi:equite": E(codes=PUBLIC),
    "suivi:equite_pilotage": E(codes=STAFF_SEUL_FRONT),
    "suivi:equite_notation": E(codes="302 403 403 403 403 403 403 200 403 200"),
    "suivi:mes_livrables": E(codes=CONNECTE),
    "suivi:livrable": E(lambda m: {"pk": m.livrable_a.pk}, A_ET_STAFF),
    "suivi:remettre": P(lambda m: {"pk": m.livrable_a.pk}, "302 R ok R ok R R R R R"),
    # the deliverable has no file yet: 404 for everyone, and the others' 404 comes first
    "suivi:fichier": E(lambda m: {"pk": m.livrable_a.pk}, "302 404 404 404 404 404 404 404 404 404"),
    "suivi:kit": E(lambda m: {"slug": m.parcours_experimentation.slug}, A_ET_STAFF),
    "suivi:pilotage": E(codes=STAFF_SEUL_FRONT),
    "suivi:pilotage_parcours": E(
        lambda m: {"slug": m.parcours_experimentation.slug}, STAFF_SEUL_FRONT
    ),
    "suivi:preparer": P(
        lambda m: {"slug": m.parcours_experimentation.slug}, "302 R R R R R R R R ok"
    ),
    "suivi:decider": P(
        lambda m: {"pk": m.livrable_a.pk, "nom": "valider"}, "302 R R R R R R R R ok"
    ),
    "suivi:donnees": E(codes=PUBLIC),
    "suivi:schema": E(lambda m: {"jeu": "candidatures"}, PUBLIC),
    "suivi:telecharger": E(lambda m: {"jeu": "candidatures", "format": "csv"}, PUBLIC),
    "suivi:registre": E(codes=PUBLIC),
    "suivi:fiche_registre": E(lambda m: {"slug": m.parcours_experimentation.slug}, PUBLIC),
    # audit (the published daily digests are public by design)
    "audit:empreintes": E(codes=PUBLIC),
    "audit:empreintes_json": E(codes=PUBLIC),
    "audit:empreintes_csv": E(codes=PUBLIC),
    # admin: the site's own views
    "admin:index": E(codes=ADMIN_SEUL),
    "admin:login": E(codes="200 200 200 200 200 3xx 3xx 3xx 3xx 3xx"),
    "admin:logout": P(codes="ok ok ok ok ok ok ok ok ok ok"),
    "admin:password_change": E(codes=ADMIN_SEUL),
    "admin:password_change_done": E(codes=ADMIN_SEUL),
    # without the expected query parameters: refused, never an open search of any model
    "admin:autocomplete": E(codes=ADMIN_REFUS),
    "admin:jsi18n": E(codes=ADMIN_SEUL),
    "admin:view_on_site": E(
        lambda m: {"content_type_id": m.ct_candidature, "object_id": m.candidature_a.pk},
        "302 302 302 302 302 404 404 404 404 404",
    ),
    "admin:app_list": E(lambda m: {"app_label": "candidatures"}, "302 302 302 302 302 404 404 404 404 200"),
    "admin/(?P<url>.*)$": E(lambda m: {"url": "nulle-part/"}, "302 302 302 302 302 404 404 404 404 404"),
    # admin: custom views
    "admin:otp_totp_totpdevice_config": E(lambda m: {"pk": m.totp_staff.pk}, ADMIN_REFUS),
    "admin:otp_totp_totpdevice_qrcode": E(lambda m: {"pk": m.totp_staff.pk}, ADMIN_REFUS),
    "admin:tracks_parcours_transition": E(
        lambda m: {"pk": m.parcours_publie.pk, "nom": "clore_candidatures"},
        # the expert reads the track but may not move it: its confirmation page is refused too
        "302 302 302 302 302 403 403 403 403 200",
        donnees=lambda m: {"etat_attendu": m.parcours_publie.etat, "commentaire": "essai"},
    ),
    # moving a published deadline (issue 19.4): staff who steer the tracks only
    "admin:tracks_parcours_reporter_date_limite": E(
        lambda m: {"pk": m.parcours_publie.pk}, ADMIN_STAFF,
        donnees=lambda m: {"nouvelle": "2099-01-01T12:00", "motif": "essai"},
    ),
    "admin:tracks_parcours_diagramme": E(codes="302 302 302 302 302 403 403 403 200 200"),
    # already admissible: staff are sent back to the application with the reason
    "admin:candidatures_candidature_transition": E(
        lambda m: {"pk": m.candidature_b.pk, "nom": "declarer_admissible"},
        "302 302 302 302 302 404 404 404 404 3xx",
    ),
    # accounts: staff with accounts.gerer_comptes (the Métropole's agents), on a front-office user
    "admin:accounts_user_attribuer_role": P(lambda m: {"pk": m.utilisateurs["agent_b"].pk}, ADMIN_STAFF_POST),
    "admin:accounts_user_retirer_role": P(lambda m: {"pk": m.utilisateurs["agent_b"].pk}, ADMIN_STAFF_POST),
    "admin:accounts_user_desactiver": E(lambda m: {"pk": m.utilisateurs["agent_b"].pk}, ADMIN_STAFF),
    "admin:accounts_user_reactiver": P(lambda m: {"pk": m.utilisateurs["agent_b"].pk}, ADMIN_STAFF_POST),
    "admin:accounts_user_reinitialiser_second_facteur": E(
        lambda m: {"pk": m.utilisateurs["agent_b"].pk}, ADMIN_STAFF
    ),
    # a superuser's page; the front-office user is not one: the POST is refused with a message
    "admin:accounts_user_retirer_superutilisateur": E(
        lambda m: {"pk": m.utilisateurs["agent_b"].pk}, ADMIN_STAFF
    ),
    "admin:accounts_user_reinviter": P(lambda m: {"pk": m.utilisateurs["agent_b"].pk}, ADMIN_STAFF_POST),
    "admin:comite_liste_notation": E(
        lambda m: {"session_id": m.session.pk}, "302 302 302 302 302 200 200 200 404 200"
    ),
    # the member who declared an interest in Vincennes never reaches Vincennes' grid
    "admin:comite_grille_notation": E(
        lambda m: {"session_id": m.session.pk, "point_id": m.point_a.pk},
        "302 302 302 302 302 200 403 200 404 200",
    ),
    "admin:comite_voter": P(
        lambda m: {"session_id": m.session.pk, "point_id": m.point_a.pk},
        "302 302 302 302 302 ok R ok R R",
    ),
    # irreversible committee actions: a confirmation page (GET), the POST runs (issue 19.2)
    # (the chair closes a vote only in an open sitting; the matrix's sitting is not open yet)
    "admin:comite_clore_vote": E(
        lambda m: {"session_id": m.session.pk, "point_id": m.point_a.pk},
        "302 302 302 302 302 403 403 403 404 403",
    ),
    # without a saved draft of their own, the member is sent back to the grid
    "admin:comite_soumettre_notation": E(
        lambda m: {"session_id": m.session.pk, "point_id": m.point_a.pk},
        "302 302 302 302 302 3xx 403 3xx 404 403",
    ),
    "admin:comite_declarations": E(
        lambda m: {"session_id": m.session.pk}, "302 302 302 302 302 200 200 200 404 403"
    ),
    "admin:comite_ouvrir": E(
        lambda m: {"session_id": m.session.pk}, "302 302 302 302 302 403 403 200 404 200"
    ),
    "admin:comite_agregats": E(
        lambda m: {"session_id": m.session.pk}, "302 302 302 302 302 403 403 200 404 200"
    ),
    "admin:comite_agregats_csv": E(
        lambda m: {"session_id": m.session.pk}, "302 302 302 302 302 403 403 200 404 200"
    ),
    "admin:comite_cloturer": E(
        lambda m: {"session_id": m.session.pk}, "302 302 302 302 302 403 403 200 404 403"
    ),
    # the minutes exist only once the session is closed
    "admin:comite_proces_verbal": E(
        lambda m: {"session_id": m.session.pk}, "302 302 302 302 302 404 404 404 404 404"
    ),
    "admin:comite_enregistrer_decision_bureau": E(
        lambda m: {"parcours_id": m.parcours_instruction.pk}, ADMIN_STAFF
    ),
    "admin:comite_decisionbureau_document": E(lambda m: {"pk": m.decision.pk}, ADMIN_STAFF),
    "admin:conventions_convention_apercu": E(lambda m: {"pk": m.convention_a.pk}, ADMIN_STAFF),
    "admin:conventions_convention_generer": P(
        lambda m: {"pk": m.convention_a.pk}, ADMIN_STAFF_POST
    ),
    "admin:conventions_convention_transition": E(
        lambda m: {"pk": m.convention_a.pk, "nom": "contresigner"}, ADMIN_STAFF
    ),
    "admin:conventions_document_telecharger": E(
        lambda m: {"pk": m.document_convention_a.pk}, ADMIN_STAFF
    ),
    "admin:conventions_lotgeneration_suivi": E(lambda m: {"pk": m.lot.pk}, ADMIN_STAFF),
    # no archive built yet
    "admin:conventions_lotgeneration_archive": E(
        lambda m: {"pk": m.lot.pk}, "302 302 302 302 302 403 403 403 403 404"
    ),
}

# The admin's generic views of each registered model, for the back-office roles
# (membre, membre_en_conflit, president, expert, staff); front-office roles and anonymous
# visitors are always sent to the admin's login. (changelist, add, change of the first row)
R5 = "403 403 403 403 403"
S5 = "403 403 403 403 200"
ADMIN_MODELES: dict[str, tuple[str, str, str]] = {
    "accounts_user": (S5, S5, S5),
    "audit_empreintejournaliere": (S5, R5, S5),
    "audit_evenement": (S5, R5, S5),
    "auth_group": (R5, R5, R5),
    "axes_accessattempt": (R5, R5, R5),
    "axes_accessfailurelog": (R5, R5, R5),
    "axes_accesslog": (R5, R5, R5),
    "candidatures_candidature": (S5, R5, S5),
    "comite_audition": (S5, S5, S5),
    "comite_decisionbureau": (S5, R5, S5),
    "comite_declarationinteret": (S5, S5, S5),
    "comite_groupepolitique": (S5, S5, S5),
    "comite_mandatmembre": (S5, S5, S5),
    "comite_programme": (S5, S5, S5),
    "comite_sessionexamen": ("200 200 200 403 200", S5, "200 200 200 403 200"),
    "conventions_convention": (S5, R5, S5),
    # its change page redirects to its progress page, which checks the permission
    "conventions_lotgeneration": (S5, S5, "3xx 3xx 3xx 3xx 3xx"),
    "conventions_modeleconvention": (S5, S5, S5),
    "core_signalementaccessibilite": (S5, R5, S5),
    "django_celery_beat_clockedschedule": (R5, R5, R5),
    "django_celery_beat_crontabschedule": (R5, R5, R5),
    "django_celery_beat_intervalschedule": (R5, R5, R5),
    "django_celery_beat_periodictask": (S5, R5, S5),
    "django_celery_beat_solarschedule": (R5, R5, R5),
    "notifications_message": (S5, R5, S5),
    "notifications_preferencesnotification": (R5, R5, R5),
    "otp_static_staticdevice": (R5, R5, R5),
    "otp_totp_totpdevice": (R5, R5, R5),
    "suivi_ficheregistreia": (S5, S5, S5),
    "suivi_indicateurevaluation": (S5, S5, S5),
    "suivi_livrable": (S5, R5, S5),
    "territoires_territoire": (S5, R5, S5),
    "tracks_atelier": (S5, S5, S5),
    "tracks_avisexpert": ("403 403 403 200 200", "403 403 403 200 403", "403 403 403 200 200"),
    "tracks_marchepublic": (S5, S5, S5),
    "tracks_parcours": ("403 403 403 200 200", S5, "403 403 403 200 200"),
    "tracks_reunionlancement": (S5, S5, S5),
    "tracks_suggestiontheme": (S5, R5, S5),
}
# fmt: on


def _cle(nom: str | None, motif: str) -> str | None:
    """The matrix key of a URL; None for the admin's generic ones (ADMIN_MODELES covers them)."""
    if est_generique_admin(nom):
        return None
    if nom is None and motif.startswith("admin/") and motif.endswith("<path:object_id>/"):
        return None  # the admin's old-style redirect to the change page of a registered model
    return nom or motif


def test_every_url_of_the_project_has_an_entry_in_the_matrix():
    manquantes = sorted(
        {cle for nom, motif in tous_les_motifs() if (cle := _cle(nom, motif))} - set(MATRICE)
    )
    assert not manquantes, (
        "URL sans entrée dans tests/securite/test_matrice.py (MATRICE) — indiquez le statut "
        f"attendu pour chaque rôle : {manquantes}"
    )


def test_every_model_registered_in_the_admin_has_an_entry_in_the_matrix():
    manquants = sorted(set(modeles_admin()) - set(ADMIN_MODELES))
    assert not manquants, (
        "Modèle enregistré dans l'admin sans entrée dans ADMIN_MODELES "
        f"(tests/securite/test_matrice.py) : {manquants}"
    )


def test_the_matrix_names_no_url_that_no_longer_exists():
    existantes = {cle for nom, motif in tous_les_motifs() if (cle := _cle(nom, motif))}
    assert set(MATRICE) <= existantes, sorted(set(MATRICE) - existantes)


def _empreinte() -> tuple:
    """What an unauthorised POST must not change (rows of every object the world holds)."""
    from accounts.models import Adhesion
    from audit.models import Evenement
    from candidatures.models import Candidature, PieceJointe
    from comite.models import Notation, PointOrdreDuJour, SessionExamen, Vote
    from conventions.models import Convention, DocumentConvention
    from notifications.models import Message
    from suivi.models import Livrable
    from tracks.models import Parcours

    modeles = (Adhesion, Candidature, PieceJointe, SessionExamen, PointOrdreDuJour, Notation,
               Vote, Convention, DocumentConvention, Livrable, Parcours)  # fmt: skip
    lignes = tuple(tuple(m.objects.order_by("pk").values_list()) for m in modeles)
    messages = tuple(Message.objects.order_by("pk").values_list("pk", "lu_le"))
    return lignes, messages, Evenement.objects.count()


def _statut(reponse, admin: bool) -> str:
    if reponse.status_code in (301, 302, 303):
        connexion = reverse("admin:login") if admin else reverse("accounts:login")
        return "302" if reponse["Location"].startswith(connexion) else "3xx"
    return str(reponse.status_code)


def _url(cle: str, entree: Entree, monde) -> str:
    if cle.startswith("admin/("):
        return "/admin/" + entree.kwargs(monde)["url"]
    return reverse(cle, kwargs=entree.kwargs(monde))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_on_every_url(db, role):
    monde = construire_monde()
    client = Client()
    if role != "anonyme":
        connecter(client, monde.utilisateurs[role])
    ecarts = []
    a_poster = []
    for cle, entree in MATRICE.items():
        attendu = entree.attendus()[role]
        admin = cle.startswith("admin")
        url = _url(cle, entree, monde)
        if entree.post:
            if cle.endswith("logout"):
                continue  # logging out would end the role's session for the next URLs
            obtenu = _statut(client.get(url), admin)
            if obtenu not in ("405", "302" if attendu == "302" else "405"):
                ecarts.append(f"GET {url}: {obtenu}, attendu 405")
            if attendu != "ok":
                a_poster.append((url, admin, attendu, entree.donnees(monde)))
            continue
        obtenu = _statut(client.get(url), admin)
        if obtenu != attendu:
            ecarts.append(f"GET {url}: {obtenu}, attendu {attendu}")
        if attendu in ("302", "403", "404") or role in entree.post_refuse:
            refus = "R" if attendu != "302" else "302"
            a_poster.append((url, admin, refus, entree.donnees(monde)))
    # POST of what the role may not do, last: refused and nothing changed
    for url, admin, attendu, donnees in a_poster:
        avant = _empreinte()
        obtenu = _statut(client.post(url, donnees), admin)
        if attendu == "R" and obtenu not in ("302", "3xx", "403", "404", "405"):
            ecarts.append(f"POST {url}: {obtenu}, attendu un refus")
        elif attendu == "302" and obtenu not in ("302", "405"):
            ecarts.append(f"POST {url}: {obtenu}, attendu une redirection vers la connexion")
        if _empreinte() != avant:
            ecarts.append(f"POST {url}: a modifié des données malgré le refus")
    assert not ecarts, f"{role} :\n" + "\n".join(ecarts)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_on_the_admin_of_every_model(db, role):
    monde = construire_monde()
    client = Client()
    if role != "anonyme":
        connecter(client, monde.utilisateurs[role])
    ecarts = []
    colonnes = ROLES[len(FRONT) :]
    for nom, modele in modeles_admin().items():
        premier = modele._default_manager.order_by("pk").first()
        urls = [reverse(f"admin:{nom}_changelist"), reverse(f"admin:{nom}_add")]
        if premier is not None:
            urls.append(reverse(f"admin:{nom}_change", args=[premier.pk]))
        for url, codes in zip(urls, ADMIN_MODELES.get(nom, ("",) * 3), strict=False):
            attendu = "302" if role in FRONT else dict(zip(colonnes, codes.split()))[role]
            obtenu = _statut(client.get(url), admin=True)
            if obtenu != attendu:
                ecarts.append(f"GET {url}: {obtenu}, attendu {attendu}")
        if role in FRONT and premier is not None:
            avant = _empreinte()
            client.post(reverse(f"admin:{nom}_delete", args=[premier.pk]), {"post": "yes"})
            if _empreinte() != avant or not modele._default_manager.filter(pk=premier.pk):
                ecarts.append(f"POST suppression {nom} : l'objet a été modifié")
    assert not ecarts, f"{role} :\n" + "\n".join(ecarts)
