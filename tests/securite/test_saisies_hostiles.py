# SPDX-License-Identifier: EUPL-1.2
"""Hostile text typed in every free-text field is shown as text everywhere it appears.

Why: a portal where agents, staff, experts and committee members type text that others read
(answers, reasons, titles, notes…) is one forgotten ``|safe`` away from a stored XSS, and
one spreadsheet away from a formula injection.

How: ``AFFICHAGES`` lists every text field of the project's models that a user can type
into, and the places that show it; ``EXEMPTS`` lists the others with their reason. A new
text field in neither fails here (as a new URL fails the role × URL matrix). One world is
built for the module: each listed field gets its own numbered payload (``alert(7)``),
through the real form where practical (front office through the views, admin through its
change forms), otherwise directly in the database. Then each place is fetched once:

- HTML: no payload markup appears raw, and each listed field's escaped text does;
- PDF: each listed field's text appears as typed, and the file holds no JavaScript;
- CSV: each listed field's text is in a cell, and every CSV export neutralises formulas;
- JSON: served as ``application/json``, each listed field's text round-trips as a string.

Every CSV export (URL, open dataset, admin action) is in ``EXPORTS_CSV`` and is checked with
each formula payload: no cell a spreadsheet would run.
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from tests.factories import MOT_DE_PASSE, UserFactory, connecter, territoire
from tests.securite.monde import ROLES, construire_monde
from tests.securite.saisies import (
    BRUT_INTERDIT,
    FORMULES,
    Charge,
    actions_javascript,
    cellules_csv,
    cellules_dangereuses,
    chaines_json,
    charge,
    sans_blancs,
    soumettre,
    texte_pdf,
)

APPS_PROJET = (
    "core",
    "audit",
    "territoires",
    "accounts",
    "tracks",
    "candidatures",
    "comite",
    "conventions",
    "notifications",
    "suivi",
)

# Places -------------------------------------------------------------------------------------


@dataclass
class Lieu:
    genre: str  # html, pdf, csv, json
    obtenir: Callable  # (world) -> HttpResponse, or bytes for a PDF made by a function


def page(role: str, url: Callable, genre: str = "html") -> Lieu:
    """What ``role`` gets at ``url(h)``."""
    return Lieu(genre, lambda h: h.client(role).get(url(h)))


def admin(role: str, modele: str, objet: Callable | None = None) -> Lieu:
    """The admin change list of ``app_modele``, or the change form of ``objet(h)``."""
    if objet is None:
        return page(role, lambda h: reverse(f"admin:{modele}_changelist"))
    return page(role, lambda h: reverse(f"admin:{modele}_change", args=[objet(h).pk]))


def _export_candidatures(h):
    return h.client("staff").post(
        reverse("admin:candidatures_candidature_changelist"),
        {"action": "exporter_csv", "_selected_action": [h.m.candidature_a.pk]},
    )


def _pdf_accuse(h) -> bytes:
    from candidatures.accuses import generer_et_stocker

    return generer_et_stocker(type(h.m.candidature_a).objects.get(pk=h.m.candidature_a.pk))


def _pdf_dossier(h) -> bytes:
    from candidatures.documents import pdf_dossier

    candidature = type(h.m.brouillon_a).objects.get(pk=h.m.brouillon_a.pk)
    return pdf_dossier(candidature, maintenant=timezone.now())


def _pdf_questionnaire(h) -> bytes:
    from candidatures.documents import pdf_questionnaire

    return pdf_questionnaire(type(h.m.parcours_publie).objects.get(pk=h.m.parcours_publie.pk))


def _pdf_convention(h) -> bytes:
    from conventions.documents import generer_pdf
    from conventions.models import Convention

    document = generer_pdf(Convention.objects.get(pk=h.o["convention_brouillon"].pk))
    with document.fichier.open("rb") as contenu:
        return contenu.read()


def _pdf_proces_verbal(h) -> bytes:
    from comite.models import SessionExamen
    from comite.proces_verbal import produire_proces_verbal

    return produire_proces_verbal(SessionExamen.objects.get(pk=h.m.session.pk))


def _courriels_html(h):
    """Not a page: the HTML part of every e-mail written while the world was filled."""
    from django.http import HttpResponse

    from notifications.models import Message

    corps = "\n".join(Message.objects.exclude(corps_html="").values_list("corps_html", flat=True))
    return HttpResponse(corps)


def _modifier_en_conflit(h):
    """An agent saves from a stale page: both versions are shown side by side (nothing saved)."""
    reponses = [n for n in AFFICHAGES if n.startswith("candidatures.Candidature.")]
    vides = {nom.rsplit(".", 1)[1]: "" for nom in reponses}
    return h.client("agent_a").post(
        reverse("candidatures:modifier", args=[h.m.brouillon_a.pk]), {**vides, "version": 0}
    )


def _livrable(nature: str):
    return lambda h: reverse("suivi:livrable", args=[h.livrable(nature).pk])


def _detail(cle: str):
    return lambda h: reverse("candidatures:detail", args=[h.o[cle].pk])


LIEUX: dict[str, Lieu] = {
    # front office
    "catalogue": page("anonyme", lambda h: reverse("tracks:catalogue")),
    "parcours": page("anonyme", lambda h: h.m.parcours_publie.get_absolute_url()),
    "parcours clos": page("anonyme", lambda h: h.o["parcours_clos"].get_absolute_url()),
    "parcours arrêté": page("anonyme", lambda h: h.o["parcours_arrete"].get_absolute_url()),
    "mes suggestions": page("agent_a", lambda h: reverse("tracks:mes_suggestions")),
    "démarrer": page(
        "agent_a", lambda h: reverse("candidatures:demarrer", args=[h.m.parcours_publie.slug])
    ),
    "mes candidatures": page("agent_a", lambda h: reverse("candidatures:mes_candidatures")),
    "modifier": page(
        "agent_a", lambda h: reverse("candidatures:modifier", args=[h.m.brouillon_a.pk])
    ),
    "modifier en conflit": Lieu("html", _modifier_en_conflit),
    "pièces": page("agent_a", lambda h: reverse("candidatures:pieces", args=[h.m.brouillon_a.pk])),
    "récapitulatif": page(
        "agent_a", lambda h: reverse("candidatures:recapitulatif", args=[h.m.brouillon_a.pk])
    ),
    "accusé": page(
        "agent_a", lambda h: reverse("candidatures:accuse", args=[h.m.candidature_a.pk])
    ),
    "candidature à compléter": page("agent_a", _detail("a_completer")),
    "candidature non admissible": page("agent_a", _detail("non_admissible")),
    "candidature retirée": page("agent_a", _detail("retiree")),
    "décision": page("agent_a", lambda h: reverse("comite:decision", args=[h.m.issue_a.pk])),
    "convention": page(
        "agent_a", lambda h: reverse("conventions:detail", args=[h.m.convention_a.pk])
    ),
    "mes conventions": page("agent_a", lambda h: reverse("conventions:mes_conventions")),
    "mes livrables": page("agent_a", lambda h: reverse("suivi:mes_livrables")),
    "livrable données": page("agent_a", _livrable("donnees_partagees")),
    "livrable retour": page("agent_a", _livrable("retour_experience")),
    "livrable évaluation": page("agent_a", _livrable("evaluation")),
    "livrable données vu par l'équipe": page("staff", _livrable("donnees_partagees")),
    "livrable évaluation vu par l'équipe": page("staff", _livrable("evaluation")),
    "registre": page("anonyme", lambda h: reverse("suivi:registre")),
    "registre recherché": page(
        "anonyme",
        lambda h: reverse("suivi:registre") + "?" + urlencode({"q": v(FOURNISSEUR)}),
    ),
    "fiche registre": page(
        "anonyme",
        lambda h: reverse("suivi:fiche_registre", args=[h.m.parcours_experimentation.slug]),
    ),
    "notifications A": page("agent_a", lambda h: reverse("notifications:centre")),
    "notifications en attente": page("agent_en_attente", lambda h: reverse("notifications:centre")),
    "adhésions à valider": page(
        "representant_a", lambda h: reverse("accounts:adhesions_a_valider")
    ),
    "signalement reçu": page("agent_a", lambda h: reverse("core:signalement_accessibilite_recu")),
    "équité notation": page("president", lambda h: reverse("suivi:equite_notation")),
    "pilotage parcours": page(
        "staff",
        lambda h: reverse("suivi:pilotage_parcours", args=[h.m.parcours_experimentation.slug]),
    ),
    "courriels HTML": Lieu("html", _courriels_html),
    # admin: change lists and change forms
    "admin parcours liste": admin("staff", "tracks_parcours"),
    "admin parcours fiche": admin("staff", "tracks_parcours", lambda h: h.m.parcours_publie),
    "admin parcours historique": page(
        "staff", lambda h: reverse("admin:tracks_parcours_history", args=[h.m.parcours_publie.pk])
    ),
    "admin transition parcours": page(
        "staff",
        lambda h: reverse(
            "admin:tracks_parcours_transition", args=[h.m.parcours_publie.pk, "clore_candidatures"]
        ),
    ),
    "admin parcours arrêté fiche": admin(
        "staff", "tracks_parcours", lambda h: h.o["parcours_arrete"]
    ),
    "admin réunion liste": admin("staff", "tracks_reunionlancement"),
    "admin réunion fiche": admin("staff", "tracks_reunionlancement", lambda h: h.o["reunion"]),
    "admin atelier liste": admin("staff", "tracks_atelier"),
    "admin atelier fiche": admin("staff", "tracks_atelier", lambda h: h.o["atelier"]),
    "admin marché liste": admin("staff", "tracks_marchepublic"),
    "admin marché fiche": admin("staff", "tracks_marchepublic", lambda h: h.o["marche"]),
    "admin avis fiche": admin("expert", "tracks_avisexpert", lambda h: h.o["avis"]),
    "admin suggestion liste": admin("staff", "tracks_suggestiontheme"),
    "admin suggestion fiche": admin("staff", "tracks_suggestiontheme", lambda h: h.o["suggestion"]),
    "admin candidature liste": admin("staff", "candidatures_candidature"),
    "admin candidature fiche": admin(
        "staff", "candidatures_candidature", lambda h: h.m.candidature_a
    ),
    "admin candidature à compléter fiche": admin(
        "staff", "candidatures_candidature", lambda h: h.o["a_completer"]
    ),
    "admin candidature non admissible fiche": admin(
        "staff", "candidatures_candidature", lambda h: h.o["non_admissible"]
    ),
    "admin transition candidature": page(
        "staff",
        lambda h: reverse(
            "admin:candidatures_candidature_transition",
            args=[h.o["a_completer"].pk, "declarer_non_admissible"],
        ),
    ),
    "admin groupe liste": admin("staff", "comite_groupepolitique"),
    "admin groupe fiche": admin("staff", "comite_groupepolitique", lambda h: h.o["groupe"]),
    "admin déclaration fiche": admin(
        "staff", "comite_declarationinteret", lambda h: h.o["declaration"]
    ),
    "admin programme liste": admin("staff", "comite_programme"),
    "admin programme fiche": admin("staff", "comite_programme", lambda h: h.o["programme"]),
    "admin séance liste": admin("staff", "comite_sessionexamen"),
    "admin séance fiche": admin("staff", "comite_sessionexamen", lambda h: h.m.session),
    "admin audition liste": admin("staff", "comite_audition"),
    "admin audition fiche": admin("staff", "comite_audition", lambda h: h.o["audition"]),
    "admin décision liste": admin("staff", "comite_decisionbureau"),
    "admin décision fiche": admin("staff", "comite_decisionbureau", lambda h: h.m.decision),
    "admin liste notation": page(
        "membre", lambda h: reverse("admin:comite_liste_notation", args=[h.m.session.pk])
    ),
    "admin grille notation": page(
        "membre",
        lambda h: reverse("admin:comite_grille_notation", args=[h.m.session.pk, h.m.point_a.pk]),
    ),
    "admin déclarations": page(
        "membre_en_conflit",
        lambda h: reverse("admin:comite_declarations", args=[h.m.session.pk]),
    ),
    "admin modèle liste": admin("staff", "conventions_modeleconvention"),
    "admin modèle fiche": admin("staff", "conventions_modeleconvention", lambda h: h.o["modele"]),
    "admin modèle brouillon fiche": admin(
        "staff", "conventions_modeleconvention", lambda h: h.o["modele_brouillon"]
    ),
    "admin convention liste": admin("staff", "conventions_convention"),
    "admin convention fiche": admin(
        "staff", "conventions_convention", lambda h: h.o["convention_brouillon"]
    ),
    "admin convention A fiche": admin(
        "staff", "conventions_convention", lambda h: h.m.convention_a
    ),
    "admin convention aperçu": page(
        "staff",
        lambda h: reverse(
            "admin:conventions_convention_apercu", args=[h.o["convention_brouillon"].pk]
        ),
    ),
    "admin lancer lot": page("staff", lambda h: reverse("admin:conventions_lotgeneration_add")),
    "admin décision bureau": page(
        "staff",
        lambda h: reverse(
            "admin:comite_enregistrer_decision_bureau", args=[h.m.parcours_instruction.pk]
        ),
    ),
    "admin lot suivi": page(
        "staff", lambda h: reverse("admin:conventions_lotgeneration_suivi", args=[h.m.lot.pk])
    ),
    "admin message liste": admin("staff", "notifications_message"),
    "admin message fiche": admin("staff", "notifications_message", lambda h: h.o["message"]),
    "admin indicateur liste": admin("staff", "suivi_indicateurevaluation"),
    "admin indicateur fiche": admin(
        "staff", "suivi_indicateurevaluation", lambda h: h.o["indicateur"]
    ),
    "admin livrable données fiche": admin(
        "staff", "suivi_livrable", lambda h: h.livrable("donnees_partagees")
    ),
    "admin livrable retour fiche": admin(
        "staff", "suivi_livrable", lambda h: h.livrable("retour_experience")
    ),
    "admin fiche registre liste": admin("staff", "suivi_ficheregistreia"),
    "admin fiche registre fiche": admin(
        "staff", "suivi_ficheregistreia", lambda h: h.m.fiche_registre
    ),
    "admin journal liste": admin("staff", "audit_evenement"),
    "admin journal fiche": admin("staff", "audit_evenement", lambda h: h.o["evenement"]),
    "admin signalement liste": admin("superuser", "core_signalementaccessibilite"),
    "admin signalement fiche": admin(
        "superuser", "core_signalementaccessibilite", lambda h: h.o["signalement"]
    ),
    # generated documents, through the functions that make them
    "pdf accusé": Lieu("pdf", _pdf_accuse),
    "pdf dossier": Lieu("pdf", _pdf_dossier),
    "pdf questionnaire": Lieu("pdf", _pdf_questionnaire),
    "pdf convention": Lieu("pdf", _pdf_convention),
    "pdf procès-verbal": Lieu("pdf", _pdf_proces_verbal),
    # exports
    "csv candidatures": Lieu("csv", _export_candidatures),
    "csv agrégats séance": page(
        "president",
        lambda h: reverse("admin:comite_agregats_csv", args=[h.m.session.pk]),
        "csv",
    ),
    "csv parcours": page("anonyme", lambda h: "/suivi/donnees/parcours.csv", "csv"),
    "csv registre": page("anonyme", lambda h: "/suivi/donnees/registre-ia.csv", "csv"),
    "json parcours": page("anonyme", lambda h: "/suivi/donnees/parcours.json", "json"),
    "json registre": page("anonyme", lambda h: "/suivi/donnees/registre-ia.json", "json"),
    "json mes données": page("agent_a", lambda h: reverse("accounts:exporter_mes_donnees"), "json"),
}

# Where each typed field is shown ------------------------------------------------------------

FOURNISSEUR = "suivi.FicheRegistreIA.fournisseur"

# A signed-in page shows the user's name in its header (portal and admin).
SUR_CHAQUE_PAGE_CONNECTEE = ("mes candidatures", "admin séance liste")
CANDIDATURE = (
    "récapitulatif",
    "modifier",
    "modifier en conflit",
    "pdf dossier",
    "admin candidature fiche",
    "admin grille notation",
    "csv candidatures",
)
CONTACT = (
    "récapitulatif",
    "modifier",
    "modifier en conflit",
    "pdf dossier",
    "admin candidature fiche",
)
CONVENTION = ("admin convention fiche", "admin convention aperçu", "pdf convention")
FICHE = ("fiche registre", "admin fiche registre fiche", "csv registre", "json registre")

# fmt: off
AFFICHAGES: dict[str, tuple[str, ...]] = {
    # core
    "core.SignalementAccessibilite.nom": ("admin signalement fiche",),
    "core.SignalementAccessibilite.email": (
        "signalement reçu", "admin signalement liste", "admin signalement fiche",
    ),
    # The receipt quotes nothing typed (issue 17.3): only the service's copy (HTML mails).
    "core.SignalementAccessibilite.page": (
        "courriels HTML", "admin signalement liste", "admin signalement fiche",
    ),
    "core.SignalementAccessibilite.description": (
        "courriels HTML", "admin signalement fiche",
    ),
    # audit
    "audit.Evenement.acteur_libelle": ("admin journal liste", "admin journal fiche"),
    "audit.Evenement.objet_libelle": ("admin journal liste", "admin journal fiche"),
    "audit.Evenement.commentaire": (
        "candidature retirée", "admin journal fiche", "json mes données",
    ),
    "audit.Evenement.donnees": ("admin journal fiche",),
    # accounts
    "accounts.User.email": ("adhésions à valider", "pdf accusé"),
    "accounts.User.nom_complet": (
        *SUR_CHAQUE_PAGE_CONNECTEE, "adhésions à valider", "accusé", "récapitulatif",
        "équité notation", "pdf accusé", "pdf dossier", "pdf procès-verbal", "json mes données",
    ),
    "accounts.User.fonction": ("adhésions à valider", "json mes données"),
    "accounts.User.telephone": ("json mes données",),
    "accounts.Adhesion.motif_refus": ("notifications en attente",),
    # tracks
    "tracks.Parcours.titre": (
        "catalogue", "parcours", "démarrer", "mes candidatures", "récapitulatif", "accusé",
        "décision", "convention", "mes conventions", "mes livrables", "registre",
        "fiche registre", "pilotage parcours", "admin parcours liste", "admin parcours fiche",
        "admin parcours historique", "admin transition parcours", "admin lancer lot",
        "admin décision bureau", "admin candidature liste", "admin transition candidature",
        "admin liste notation", "admin convention liste", "admin convention aperçu", "pdf accusé",
        "pdf dossier", "pdf questionnaire", "pdf convention", "pdf procès-verbal",
        "csv candidatures", "csv agrégats séance", "csv parcours", "csv registre", "json parcours",
        "json registre",
    ),
    "tracks.Parcours.theme": ("catalogue", "parcours", "admin parcours fiche"),
    "tracks.Parcours.problematiques": ("parcours", "admin parcours fiche"),
    "tracks.Parcours.synthese_bilan": ("parcours clos", "admin parcours fiche"),
    "tracks.Parcours.motif_arret": ("parcours arrêté", "admin parcours arrêté fiche"),
    "tracks.DocumentParcours.nom_original": ("admin parcours fiche",),
    "tracks.ReunionLancement.lieu": ("admin réunion liste", "admin réunion fiche"),
    "tracks.ReunionLancement.compte_rendu": ("admin réunion fiche",),
    "tracks.PresenceLancement.participants": ("admin réunion fiche",),
    "tracks.Atelier.titre": ("admin atelier liste", "admin atelier fiche", "admin parcours fiche"),
    "tracks.Atelier.lieu": ("admin atelier fiche", "admin parcours fiche"),
    "tracks.CasUsage.titre": (
        "parcours clos", "admin parcours fiche", "admin convention aperçu", "pdf convention",
        "csv parcours", "json parcours",
    ),
    "tracks.CasUsage.description": ("parcours clos", "admin parcours fiche"),
    "tracks.AvisExpert.avis": ("admin avis fiche", "admin parcours fiche"),
    "tracks.MarchePublic.reference": (
        "admin marché liste", "admin marché fiche", "admin parcours fiche",
    ),
    "tracks.MarchePublic.objet": ("admin marché fiche", "admin parcours fiche"),
    "tracks.Prestataire.raison_sociale": (
        "parcours clos", "admin marché fiche", "csv parcours", "json parcours",
    ),
    "tracks.Prestataire.siret": ("admin marché fiche",),
    "tracks.SuggestionTheme.titre": (
        "mes suggestions", "admin suggestion liste", "admin suggestion fiche",
    ),
    "tracks.SuggestionTheme.probleme": ("admin suggestion fiche",),
    "tracks.SuggestionTheme.benefices_attendus": ("admin suggestion fiche",),
    "tracks.SuggestionTheme.reponse": ("mes suggestions", "admin suggestion fiche"),
    # candidatures
    "candidatures.Candidature.contexte": CANDIDATURE,
    "candidatures.Candidature.ressources_humaines": CANDIDATURE,
    "candidatures.Candidature.disponibilite": CANDIDATURE,
    "candidatures.Candidature.perimetre": CANDIDATURE,
    "candidatures.Candidature.moyens_materiels": CANDIDATURE,
    "candidatures.Candidature.motivation": CANDIDATURE,
    "candidatures.Candidature.contact_nom": (*CONTACT, "csv candidatures"),
    "candidatures.Candidature.contact_fonction": CONTACT,
    "candidatures.Candidature.contact_email": (*CONTACT, "csv candidatures"),
    "candidatures.Candidature.contact_telephone": (*CONTACT, "csv candidatures"),
    "candidatures.Candidature.representant_nom": (*CONTACT, "pdf accusé", "csv candidatures"),
    "candidatures.Candidature.representant_qualite": (*CONTACT, "pdf accusé", "csv candidatures"),
    "candidatures.Candidature.complements_demandes": (
        "candidature à compléter", "notifications A", "courriels HTML",
        "admin candidature à compléter fiche",
    ),
    "candidatures.Candidature.motif_decision": (
        "candidature non admissible", "notifications A", "admin candidature non admissible fiche",
    ),
    "candidatures.PieceJointe.nom": (
        "récapitulatif", "pièces", "accusé", "admin candidature fiche", "admin grille notation",
        "pdf accusé", "pdf dossier",
    ),
    # comite
    "comite.GroupePolitique.nom": ("admin groupe liste", "admin groupe fiche", "pdf procès-verbal"),
    "comite.GroupePolitique.sigle": (
        "admin groupe liste", "admin groupe fiche", "pdf procès-verbal",
    ),
    "comite.DeclarationInteret.precision": (
        "admin déclarations", "admin déclaration fiche", "pdf procès-verbal",
    ),
    "comite.Programme.nom": ("admin programme liste", "admin programme fiche", "pdf procès-verbal"),
    "comite.SessionExamen.lieu": (
        "admin séance liste", "admin séance fiche", "admin liste notation", "pdf procès-verbal",
    ),
    "comite.SessionExamen.motif_cloture_forcee": ("pdf procès-verbal",),
    "comite.Audition.lieu": ("admin audition liste", "admin audition fiche", "admin séance fiche"),
    "comite.Audition.notes": ("admin audition fiche", "admin séance fiche"),
    "comite.NoteCritere.commentaire": ("admin grille notation",),
    "comite.NoteCritere.commentaire_revision": ("admin grille notation",),
    "comite.DecisionBureau.numero": ("décision", "admin décision liste", "admin décision fiche"),
    "comite.IssueDecision.motif_ecart": ("décision", "admin décision fiche"),
    # conventions
    "conventions.ModeleConvention.titre": (
        "admin modèle liste", "admin modèle fiche", "admin convention fiche",
        "admin convention aperçu", "pdf convention",
    ),
    # The body is the staff's HTML template of the convention: cleaned to an allow-list when
    # saved and when rendered (tests/conventions/test_nettoyage.py,
    # test_the_convention_preview_runs_no_inline_script); as typed text, in its form only.
    "conventions.ModeleConvention.corps": ("admin modèle brouillon fiche",),
    "conventions.ModeleConvention.note_de_version": ("admin modèle fiche",),
    "conventions.Convention.representant_mgp_nom": CONVENTION,
    "conventions.Convention.representant_mgp_qualite": CONVENTION,
    "conventions.Convention.deliberation_mgp": CONVENTION,
    "conventions.Convention.representant_beneficiaire_nom": CONVENTION,
    "conventions.Convention.representant_beneficiaire_qualite": CONVENTION,
    "conventions.Convention.deliberation_beneficiaire": CONVENTION,
    "conventions.Convention.perimetre_donnees": CONVENTION,
    "conventions.Convention.donnees_personnelles": CONVENTION,
    "conventions.Convention.base_legale_donnees_personnelles": CONVENTION,
    "conventions.Convention.clauses_particulieres": CONVENTION,
    "conventions.Convention.motif_resiliation": ("convention", "admin convention A fiche"),
    "conventions.LotGeneration.erreurs": ("admin lot suivi",),
    # notifications
    "notifications.Message.adresse": ("admin message liste", "admin message fiche"),
    "notifications.Message.sujet": (
        "notifications A", "admin message liste", "admin message fiche", "json mes données",
    ),
    "notifications.Message.corps_texte": (
        "notifications A", "admin message fiche", "json mes données",
    ),
    "notifications.Message.erreur": ("admin message fiche",),
    # suivi
    "suivi.IndicateurEvaluation.libelle": (
        "livrable évaluation", "admin indicateur liste", "admin indicateur fiche",
    ),
    "suivi.IndicateurEvaluation.unite": (
        "livrable évaluation", "admin indicateur liste", "admin indicateur fiche",
    ),
    "suivi.IndicateurEvaluation.description": ("livrable évaluation", "admin indicateur fiche"),
    "suivi.Livrable.description": (
        "livrable données", "livrable données vu par l'équipe", "admin livrable données fiche",
    ),
    "suivi.Livrable.perimetre": (
        "livrable données", "livrable données vu par l'équipe", "admin livrable données fiche",
    ),
    "suivi.Livrable.lien": (
        "livrable données", "livrable données vu par l'équipe", "admin livrable données fiche",
    ),
    "suivi.Livrable.nom_fichier": ("admin livrable données fiche",),
    "suivi.Livrable.ce_qui_a_marche": ("livrable retour", "admin livrable retour fiche"),
    "suivi.Livrable.ce_qui_n_a_pas_marche": ("livrable retour", "admin livrable retour fiche"),
    "suivi.Livrable.chiffres_usage": ("livrable retour", "admin livrable retour fiche"),
    "suivi.Livrable.recommandations": ("livrable retour", "admin livrable retour fiche"),
    "suivi.Livrable.modifications_demandees": (
        "livrable données", "notifications A", "admin livrable données fiche",
    ),
    "suivi.Livrable.motif_dispense": ("livrable retour", "admin livrable retour fiche"),
    "suivi.ValeurIndicateur.commentaire": (
        "livrable évaluation", "livrable évaluation vu par l'équipe",
    ),
    "suivi.FicheRegistreIA.finalite": (*FICHE, "registre", "registre recherché"),
    "suivi.FicheRegistreIA.service_public": FICHE,
    "suivi.FicheRegistreIA.donnees_utilisees": FICHE,
    "suivi.FicheRegistreIA.fournisseur": (
        *FICHE, "registre", "registre recherché", "admin fiche registre liste",
    ),
    "suivi.FicheRegistreIA.deployeurs": FICHE,
    "suivi.FicheRegistreIA.controle_humain": FICHE,
    "suivi.FicheRegistreIA.point_annexe_iii": FICHE,
    "suivi.FicheRegistreIA.information_art50": FICHE,
    "suivi.FicheRegistreIA.reference_fria": FICHE,
    "suivi.FicheRegistreIA.reference_base_ue": FICHE,
    "suivi.FicheRegistreIA.justification_ia": FICHE,
    "suivi.FicheRegistreIA.alternatives_etudiees": FICHE,
    "suivi.FicheRegistreIA.estimation_energie": FICHE,
    "suivi.FicheRegistreIA.indicateurs_frugalite": FICHE,
    "suivi.FicheRegistreIA.resultats": FICHE,
    "suivi.FicheRegistreIA.contact": FICHE,
}
# fmt: on

EMPREINTE = "empreinte SHA-256 calculée par le portail"
EXEMPTS: dict[str, str] = {
    "audit.Evenement.object_id": "clé primaire de l'objet journalisé",
    "audit.Evenement.transition": "nom de méthode de transition, écrit par le code",
    "audit.Evenement.etat_avant": "code d'état d'une machine à états",
    "audit.Evenement.etat_apres": "code d'état d'une machine à états",
    "audit.Evenement.empreinte_precedente": EMPREINTE,
    "accounts.Invitation.empreinte_jeton": EMPREINTE,
    "audit.Evenement.empreinte": EMPREINTE,
    "audit.TeteDeChaine.derniere_empreinte": EMPREINTE,
    "audit.EmpreinteJournaliere.empreinte": EMPREINTE,
    "territoires.Territoire.code": "référentiel chargé depuis les fichiers livrés, lecture seule",
    "territoires.Territoire.nom": "référentiel chargé depuis les fichiers livrés, lecture seule",
    "territoires.Territoire.departement": "référentiel chargé depuis les fichiers livrés",
    "territoires.Territoire.siren": "référentiel chargé depuis les fichiers livrés",
    "territoires.Territoire.geometrie": "GeoJSON livré, exclu de l'admin",
    "territoires.Territoire.nom_tri": "clé de tri calculée depuis le nom, jamais saisie",
    "accounts.User.password": "empreinte du mot de passe",
    "tracks.Parcours.slug": "adresse validée par SlugField (lettres, chiffres, tirets)",
    "tracks.DocumentParcours.sha256": EMPREINTE,
    "candidatures.Candidature.numero": "numéro d'accusé attribué par le portail",
    "candidatures.Candidature.accuse_sha256": EMPREINTE,
    "candidatures.PieceJointe.sha256": EMPREINTE,
    "candidatures.PieceJointe.type_contenu": "type MIME détecté d'après le contenu du fichier",
    "comite.SessionExamen.proces_verbal_sha256": EMPREINTE,
    "comite.DecisionBureau.document_sha256": EMPREINTE,
    "conventions.DocumentConvention.sha256": EMPREINTE,
    "notifications.Message.gabarit": "nom de gabarit choisi par le code",
    "notifications.Message.object_id": "clé primaire de l'objet du message",
    "notifications.Message.cle": "clé d'idempotence construite par le code",
    "notifications.Message.corps_html": (
        "partie HTML du courriel, rendue avec échappement par l'outbox et jamais affichée "
        "par le portail (vérifiée dans « courriels HTML »)"
    ),
}


@cache
def champs_texte() -> dict[str, models.Field]:
    """Every text field of the project's models; a field with choices is never typed."""
    champs = {}
    for app in APPS_PROJET:
        for modele in apps.get_app_config(app).get_models():
            for champ in modele._meta.get_fields():
                texte = isinstance(champ, models.CharField | models.TextField | models.JSONField)
                if texte and not champ.choices:
                    champs[f"{app}.{modele.__name__}.{champ.name}"] = champ
    return champs


NUMEROS = {nom: rang for rang, nom in enumerate(AFFICHAGES, start=1)}


def charge_de(nom: str) -> Charge:
    """The payload of field ``app.Modele.champ`` (a JSON field holds it as a string)."""
    return charge(NUMEROS[nom], champs_texte()[nom])


def v(nom: str) -> str:
    """The value typed in field ``app.Modele.champ``."""
    return charge_de(nom).valeur


# The census ---------------------------------------------------------------------------------


def test_every_text_field_is_listed_with_its_places_or_exempt_with_a_reason():
    oublies = sorted(set(champs_texte()) - set(AFFICHAGES) - set(EXEMPTS))
    assert not oublies, (
        "Champ texte sans entrée dans tests/securite/test_saisies_hostiles.py : ajoutez-le à "
        f"AFFICHAGES (où il est affiché) ou à EXEMPTS (pourquoi il n'est pas saisi) : {oublies}"
    )


def test_the_census_names_no_field_that_no_longer_exists_and_no_field_twice():
    existants = set(champs_texte())
    assert set(AFFICHAGES) <= existants, sorted(set(AFFICHAGES) - existants)
    assert set(EXEMPTS) <= existants, sorted(set(EXEMPTS) - existants)
    assert not set(AFFICHAGES) & set(EXEMPTS)


def test_every_place_is_defined_and_shows_at_least_one_field():
    cites = {lieu for lieux in AFFICHAGES.values() for lieu in lieux}
    assert cites <= set(LIEUX), sorted(cites - set(LIEUX))
    assert set(LIEUX) <= cites, sorted(set(LIEUX) - cites)


# The hostile world --------------------------------------------------------------------------


@dataclass
class MondeHostile:
    m: object  # tests.securite.monde.Monde
    o: dict = field(default_factory=dict)  # objects added here
    clients: dict = field(default_factory=dict)

    def client(self, role: str) -> Client:
        if role not in self.clients:
            client = Client()
            if role != "anonyme":
                utilisateur = self.o["superuser"] if role == "superuser" else None
                connecter(client, utilisateur or self.m.utilisateurs[role])
            self.clients[role] = client
        return self.clients[role]

    def livrable(self, nature: str):
        from suivi.models import Livrable

        return Livrable.objects.get(
            parcours=self.m.parcours_experimentation, territoire__code="94080", nature=nature
        )


def _rediriger(reponse) -> None:
    assert reponse.status_code == 302, (reponse.status_code, reponse.content.decode()[:3000])


def _pdf(nom: str = "document.pdf") -> SimpleUploadedFile:
    from tests.tracks.factories import PDF_MINIMAL

    return SimpleUploadedFile(nom, PDF_MINIMAL, content_type="application/pdf")


def _deposee(h: "MondeHostile"):
    """An application of Vincennes submitted by agent A, to a track of its own."""
    from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer

    parcours = ParcoursPublieFactory(etat_force="instruction")
    candidature = completer(CandidatureFactory(parcours=parcours, etat="deposee"))
    type(candidature).objects.filter(pk=candidature.pk).update(
        numero=f"AM-2026-{candidature.pk:04d}",
        deposee_le=timezone.now(),
        deposee_par=h.m.utilisateurs["agent_a"],
    )
    return type(candidature).objects.get(pk=candidature.pk)


def _date_admin(moment: dt.datetime) -> dict:
    local = timezone.localtime(moment)
    return {"0": local.strftime("%d/%m/%Y"), "1": local.strftime("%H:%M:%S")}


def remplir_front_office(h: MondeHostile) -> None:
    """What agents type in the front office, through the views."""
    from candidatures.models import Candidature
    from core.models import SignalementAccessibilite
    from suivi.models import Livrable
    from tracks.models import SuggestionTheme

    agent = h.client("agent_a")
    brouillon = Candidature.objects.get(pk=h.m.brouillon_a.pk)
    reponses = {
        nom.rsplit(".", 1)[1]: v(nom)
        for nom in AFFICHAGES
        if nom.startswith("candidatures.Candidature.")
        and nom.rsplit(".", 1)[1] not in ("complements_demandes", "motif_decision")
    }
    _rediriger(
        agent.post(
            reverse("candidatures:modifier", args=[brouillon.pk]),
            {**reponses, "engagement_deux_phases": "on", "version": brouillon.version},
        )
    )
    _rediriger(
        agent.post(
            reverse("candidatures:pieces", args=[brouillon.pk]),
            {"nature": "engagement", "fichier": _pdf("engagement.pdf")},
        )
    )
    _rediriger(
        agent.post(
            reverse("tracks:suggerer_theme"),
            {
                "territoire": territoire("94080").pk,
                "titre": v("tracks.SuggestionTheme.titre"),
                "probleme": v("tracks.SuggestionTheme.probleme"),
                "benefices_attendus": v("tracks.SuggestionTheme.benefices_attendus"),
            },
        )
    )
    h.o["suggestion"] = SuggestionTheme.objects.get(auteur=h.m.utilisateurs["agent_a"])
    _rediriger(
        agent.post(
            reverse("core:signaler_accessibilite"),
            {
                "nom": v("core.SignalementAccessibilite.nom"),
                "email": v("core.SignalementAccessibilite.email"),
                "page": v("core.SignalementAccessibilite.page"),
                "description": v("core.SignalementAccessibilite.description"),
            },
        )
    )
    h.o["signalement"] = SignalementAccessibilite.objects.get()
    # Withdrawing an application, with a reason (journal, and the agent's data export).
    h.o["retiree"] = _deposee(h)
    _rediriger(
        agent.post(
            reverse("candidatures:retirer", args=[h.o["retiree"].pk]),
            {"etat": "deposee", "commentaire": v("audit.Evenement.commentaire")},
        )
    )
    # Deliverables of phase 2: data, feedback, evaluation.
    donnees = h.livrable(Livrable.Nature.DONNEES)
    _rediriger(
        agent.post(
            reverse("suivi:livrable", args=[donnees.pk]),
            {
                "description": v("suivi.Livrable.description"),
                "perimetre": v("suivi.Livrable.perimetre"),
                "lien": v("suivi.Livrable.lien"),
                "donnees_personnelles": "False",
            },
        )
    )
    retour = h.livrable(Livrable.Nature.RETOUR)
    _rediriger(
        agent.post(
            reverse("suivi:livrable", args=[retour.pk]),
            {
                champ: v(f"suivi.Livrable.{champ}")
                for champ in (
                    "ce_qui_a_marche",
                    "ce_qui_n_a_pas_marche",
                    "chiffres_usage",
                    "recommandations",
                )
            },
        )
    )
    evaluation = h.livrable(Livrable.Nature.EVALUATION)
    saisies = {}
    for valeur in evaluation.valeurs.all():
        saisies[f"valeur_{valeur.pk}"] = "42"
        saisies[f"commentaire_{valeur.pk}"] = v("suivi.ValeurIndicateur.commentaire")
    _rediriger(agent.post(reverse("suivi:livrable", args=[evaluation.pk]), saisies))
    for livrable in (donnees, retour):
        _rediriger(
            agent.post(reverse("suivi:remettre", args=[livrable.pk]), {"etat": "a_remettre"})
        )
    # A new agent registers (name, function, address), awaiting the representative.
    inscription = Client()
    _rediriger(
        inscription.post(
            reverse("accounts:inscription"),
            {
                "nom_complet": v("accounts.User.nom_complet"),
                "email": v("accounts.User.email"),
                "fonction": v("accounts.User.fonction"),
                "territoire": territoire("94080").pk,
                "role": "agent",
                "password1": MOT_DE_PASSE,
                "password2": MOT_DE_PASSE,
            },
        )
    )
    # The representative refuses the pending membership, with a reason.
    _rediriger(
        h.client("representant_a").post(
            reverse("accounts:refuser_adhesion", args=[h.m.adhesion_en_attente.pk]),
            {"motif_refus": v("accounts.Adhesion.motif_refus")},
        )
    )


def remplir_comite(h: MondeHostile) -> None:
    """What committee members type in their pages of the admin."""
    from comite.models import DeclarationInteret, NoteCritere
    from tracks.criteres import Critere

    conflit = h.client("membre_en_conflit")
    _rediriger(
        conflit.post(
            reverse("admin:comite_declarations", args=[h.m.session.pk]),
            {
                "territoire": territoire("93048").pk,
                "nature": "commune",
                "precision": v("comite.DeclarationInteret.precision"),
            },
        )
    )
    h.o["declaration"] = DeclarationInteret.objects.get(
        membre=h.m.utilisateurs["membre_en_conflit"], territoire__code="93048"
    )
    milieu = (h.m.parcours_instruction.echelle_min + h.m.parcours_instruction.echelle_max) // 2
    notes = {}
    for critere in Critere:
        notes[f"note_{critere.value}"] = str(milieu)
        notes[f"commentaire_{critere.value}"] = v("comite.NoteCritere.commentaire")
    _rediriger(
        h.client("membre").post(
            reverse("admin:comite_grille_notation", args=[h.m.session.pk, h.m.point_a.pk]),
            {**notes, "action": "soumettre"},
        )
    )
    # Revising happens in an open session only: written directly.
    NoteCritere.objects.update(commentaire_revision=v("comite.NoteCritere.commentaire_revision"))


def remplir_admin(h: MondeHostile) -> None:
    """What staff and experts type in the admin's change forms."""
    from comite.models import Audition, GroupePolitique, Programme
    from conventions.models import ModeleConvention
    from suivi.models import IndicateurEvaluation
    from tests.conventions.factories import beneficiaire, convention
    from tracks.models import Atelier, AvisExpert, MarchePublic, Parcours, ReunionLancement

    staff = h.client("staff")
    parcours = h.m.parcours_publie
    soumettre(
        staff,
        reverse("admin:tracks_parcours_change", args=[parcours.pk]),
        {
            c: v(f"tracks.Parcours.{c}")
            for c in ("titre", "theme", "problematiques", "synthese_bilan")
        },
        identifiant="parcours_form",
    )
    maintenant = timezone.now() + dt.timedelta(days=3)
    date = _date_admin(maintenant)
    soumettre(
        staff,
        reverse("admin:tracks_reunionlancement_add"),
        {
            "parcours": str(parcours.pk),
            "date_0": date["0"],
            "date_1": date["1"],
            "lieu": v("tracks.ReunionLancement.lieu"),
            "compte_rendu": v("tracks.ReunionLancement.compte_rendu"),
            "presences-0-territoire": str(territoire("94080").pk),
            "presences-0-participants": v("tracks.PresenceLancement.participants"),
        },
        identifiant="reunionlancement_form",
    )
    h.o["reunion"] = ReunionLancement.objects.get(parcours=parcours)
    soumettre(
        staff,
        reverse("admin:tracks_atelier_add"),
        {
            "parcours": str(parcours.pk),
            "titre": v("tracks.Atelier.titre"),
            "lieu": v("tracks.Atelier.lieu"),
            "debut_0": date["0"],
            "debut_1": date["1"],
            "duree_heures": "3",
        },
        identifiant="atelier_form",
    )
    h.o["atelier"] = Atelier.objects.get(parcours=parcours)
    soumettre(
        staff,
        reverse("admin:tracks_marchepublic_add"),
        {
            "parcours": str(parcours.pk),
            "reference": v("tracks.MarchePublic.reference"),
            "objet": v("tracks.MarchePublic.objet"),
            "prestataires-0-raison_sociale": v("tracks.Prestataire.raison_sociale"),
            "prestataires-0-siret": v("tracks.Prestataire.siret"),
        },
        identifiant="marchepublic_form",
    )
    h.o["marche"] = MarchePublic.objects.get(parcours=parcours)
    soumettre(
        h.client("expert"),
        reverse("admin:tracks_avisexpert_add"),
        {"parcours": str(parcours.pk), "avis": v("tracks.AvisExpert.avis")},
        identifiant="avisexpert_form",
    )
    h.o["avis"] = AvisExpert.objects.get(parcours=parcours)
    soumettre(
        staff,
        reverse("admin:tracks_suggestiontheme_change", args=[h.o["suggestion"].pk]),
        {"statut": "retenu", "reponse": v("tracks.SuggestionTheme.reponse")},
        identifiant="suggestiontheme_form",
    )
    soumettre(
        staff,
        reverse("admin:comite_groupepolitique_add"),
        {
            "nom": v("comite.GroupePolitique.nom"),
            "sigle": v("comite.GroupePolitique.sigle"),
            "debut": "01/07/2020",
        },
        identifiant="groupepolitique_form",
    )
    h.o["groupe"] = GroupePolitique.objects.get(nom=v("comite.GroupePolitique.nom"))
    soumettre(
        staff,
        reverse("admin:comite_programme_add"),
        {"nom": v("comite.Programme.nom")},
        identifiant="programme_form",
    )
    h.o["programme"] = Programme.objects.get(nom=v("comite.Programme.nom"))
    seance = h.m.session
    soumettre(
        staff,
        reverse("admin:comite_sessionexamen_change", args=[seance.pk]),
        {"lieu": v("comite.SessionExamen.lieu"), "programmes": [str(h.o["programme"].pk)]},
        identifiant="sessionexamen_form",
    )
    soumettre(
        staff,
        reverse("admin:comite_audition_add"),
        {
            "session": str(seance.pk),
            "candidature": str(h.m.candidature_a.pk),
            "date_0": date["0"],
            "date_1": date["1"],
            "lieu": v("comite.Audition.lieu"),
            "notes": v("comite.Audition.notes"),
        },
        identifiant="audition_form",
    )
    h.o["audition"] = Audition.objects.get(lieu=v("comite.Audition.lieu"))
    # A new template version (the one in use is read-only), then a draft convention using it.
    courant = ModeleConvention.objects.courant()
    soumettre(
        staff,
        reverse("admin:conventions_modeleconvention_add"),
        {
            "titre": v("conventions.ModeleConvention.titre"),
            "corps": courant.corps,
            "note_de_version": v("conventions.ModeleConvention.note_de_version"),
        },
        identifiant="modeleconvention_form",
    )
    h.o["modele"] = ModeleConvention.objects.get(titre=v("conventions.ModeleConvention.titre"))
    h.o["modele_brouillon"] = ModeleConvention.objects.create(
        version=h.o["modele"].version + 1, titre="Brouillon", corps=""
    )
    # Written raw, past the cleaning of save(), as an older row would be: its form shows it as
    # text, its rendering cleans it (test_the_convention_preview_runs_no_inline_script).
    ModeleConvention.objects.filter(pk=h.o["modele_brouillon"].pk).update(
        corps=v("conventions.ModeleConvention.corps")
    )
    CasUsage = Parcours.cas_usage.rel.related_model
    for p in Parcours.objects.all():
        CasUsage.objects.create(
            parcours=p,
            titre=v("tracks.CasUsage.titre"),
            description=v("tracks.CasUsage.description"),
            retenu=True,
        )
    laureat = beneficiaire(h.m.parcours_laureats, "92012")
    h.o["convention_brouillon"] = convention(laureat)
    soumettre(
        staff,
        reverse("admin:conventions_convention_change", args=[h.o["convention_brouillon"].pk]),
        {
            "modele": str(h.o["modele"].pk),
            **{
                nom.rsplit(".", 1)[1]: v(nom)
                for nom, lieux in AFFICHAGES.items()
                if lieux is CONVENTION
            },
        },
        identifiant="convention_form",
    )
    # Evaluation indicators, and the AI register entry.
    h.o["indicateur"] = IndicateurEvaluation.objects.filter(
        parcours=h.m.parcours_experimentation
    ).first()
    soumettre(
        staff,
        reverse("admin:suivi_indicateurevaluation_change", args=[h.o["indicateur"].pk]),
        {c: v(f"suivi.IndicateurEvaluation.{c}") for c in ("libelle", "unite", "description")},
        identifiant="indicateurevaluation_form",
    )
    IndicateurEvaluation.objects.update(
        **{c: v(f"suivi.IndicateurEvaluation.{c}") for c in ("libelle", "unite", "description")}
    )
    soumettre(
        staff,
        reverse("admin:suivi_ficheregistreia_change", args=[h.m.fiche_registre.pk]),
        {
            "classe_risque": "eleve",
            **{
                nom.rsplit(".", 1)[1]: v(nom)
                for nom in AFFICHAGES
                if nom.startswith("suivi.FicheRegistreIA.")
            },
        },
        identifiant="ficheregistreia_form",
    )


def remplir_decisions(h: MondeHostile) -> None:
    """Reasons staff type when they move a workflow on (transition forms)."""
    from suivi.models import Livrable
    from tests.suivi.factories import parcours_en_experimentation

    staff = h.client("staff")
    h.o["a_completer"] = _deposee(h)
    avant = timezone.localtime(timezone.now() + dt.timedelta(days=10))
    _rediriger(
        staff.post(
            reverse(
                "admin:candidatures_candidature_transition",
                args=[h.o["a_completer"].pk, "demander_complements"],
            ),
            {
                "etat_attendu": "deposee",
                "commentaire": v("candidatures.Candidature.complements_demandes"),
                "avant": avant.strftime("%Y-%m-%dT%H:%M"),
            },
        )
    )
    h.o["non_admissible"] = _deposee(h)
    _rediriger(
        staff.post(
            reverse(
                "admin:candidatures_candidature_transition",
                args=[h.o["non_admissible"].pk, "declarer_non_admissible"],
            ),
            {
                "etat_attendu": "deposee",
                "commentaire": v("candidatures.Candidature.motif_decision"),
            },
        )
    )
    _rediriger(
        staff.post(
            reverse(
                "admin:conventions_convention_transition", args=[h.m.convention_a.pk, "resilier"]
            ),
            {
                "etat_attendu": "envoyee",
                "commentaire": v("conventions.Convention.motif_resiliation"),
            },
        )
    )
    h.o["parcours_arrete"] = parcours_en_experimentation(fin=dt.date(2027, 6, 30))
    _rediriger(
        staff.post(
            reverse(
                "admin:tracks_parcours_transition", args=[h.o["parcours_arrete"].pk, "arreter"]
            ),
            {"etat_attendu": "experimentation", "commentaire": v("tracks.Parcours.motif_arret")},
        )
    )
    for nature, nom, champ in (
        (Livrable.Nature.DONNEES, "demander_modifications", "modifications_demandees"),
        (Livrable.Nature.RETOUR, "dispenser", "motif_dispense"),
    ):
        _rediriger(
            staff.post(
                reverse("suivi:decider", args=[h.livrable(nature).pk, nom]),
                {"etat": "remis", "commentaire": v(f"suivi.Livrable.{champ}")},
            )
        )


def remplir_en_base(h: MondeHostile) -> None:
    """Fields no form lets a user type markup into, or whose form needs a long set-up."""
    from accounts.models import User
    from audit.journal import enregistrer
    from audit.models import Evenement
    from candidatures.models import Candidature, PieceJointe
    from comite.models import DeclarationInteret, GroupePolitique, IssueDecision, SessionExamen
    from conventions.models import LotGeneration
    from notifications.models import Message
    from suivi.models import Livrable
    from tests.candidatures.factories import ParcoursPublieFactory
    from tracks.models import DocumentParcours, MarchePublic, Parcours, Prestataire

    # Every application answers as the draft typed through the form did.
    saisies = Candidature.objects.get(pk=h.m.brouillon_a.pk)
    champs = [
        nom.rsplit(".", 1)[1]
        for nom in AFFICHAGES
        if nom.startswith("candidatures.Candidature.")
        and not nom.endswith(("complements_demandes", "motif_decision"))
    ]
    Candidature.objects.update(**{c: getattr(saisies, c) for c in champs})
    Candidature.objects.filter(pk=h.m.candidature_a.pk).update(
        deposee_par=User.objects.get(email=v("accounts.User.email"))
    )
    PieceJointe.objects.update(nom=v("candidatures.PieceJointe.nom"))
    DocumentParcours.objects.update(nom_original=v("tracks.DocumentParcours.nom_original"))
    # Every track is titled and described as the one edited through its admin form.
    h.o["parcours_clos"] = ParcoursPublieFactory(etat_force="clos")
    publie = Parcours.objects.get(pk=h.m.parcours_publie.pk)
    Parcours.objects.update(
        titre=publie.titre,
        theme=publie.theme,
        problematiques=publie.problematiques,
        synthese_bilan=publie.synthese_bilan,
    )
    CasUsage = Parcours.cas_usage.rel.related_model
    CasUsage.objects.create(
        parcours=h.o["parcours_clos"],
        titre=v("tracks.CasUsage.titre"),
        description=v("tracks.CasUsage.description"),
        retenu=True,
    )
    for p in Parcours.objects.exclude(pk=publie.pk):
        marche = MarchePublic.objects.create(parcours=p, reference="MGP-2026-001")
        Prestataire.objects.create(
            marche=marche, raison_sociale=v("tracks.Prestataire.raison_sociale")
        )
    User.objects.update(nom_complet=v("accounts.User.nom_complet"))
    User.objects.filter(pk=h.m.utilisateurs["agent_a"].pk).update(
        fonction=v("accounts.User.fonction"), telephone=v("accounts.User.telephone")
    )
    GroupePolitique.objects.update(
        nom=v("comite.GroupePolitique.nom"), sigle=v("comite.GroupePolitique.sigle")
    )
    DeclarationInteret.objects.update(precision=v("comite.DeclarationInteret.precision"))
    SessionExamen.objects.filter(pk=h.m.session.pk).update(
        motif_cloture_forcee=v("comite.SessionExamen.motif_cloture_forcee")
    )
    type(h.m.decision).objects.update(numero=v("comite.DecisionBureau.numero"))
    IssueDecision.objects.filter(pk=h.m.issue_a.pk).update(
        conforme_a_la_proposition=False, motif_ecart=v("comite.IssueDecision.motif_ecart")
    )
    LotGeneration.objects.filter(pk=h.m.lot.pk).update(
        erreurs=[
            {
                "territoire": v("conventions.LotGeneration.erreurs"),
                "candidature": 1,
                "message": v("conventions.LotGeneration.erreurs"),
            }
        ]
    )
    h.o["message"] = Message.objects.create(
        destinataire=h.m.utilisateurs["agent_a"],
        adresse=v("notifications.Message.adresse"),
        gabarit="essai",
        sujet=v("notifications.Message.sujet"),
        corps_texte=f"Voir https://exemple.fr/{v('notifications.Message.corps_texte')}",  # urlize
        erreur=v("notifications.Message.erreur"),
    )
    Livrable.objects.filter(pk=h.livrable(Livrable.Nature.DONNEES).pk).update(
        nom_fichier=v("suivi.Livrable.nom_fichier")
    )
    # A journal entry written the normal way, by someone whose name is hostile, about an
    # object whose name is hostile.
    acteur = User(nom_complet=v("audit.Evenement.acteur_libelle"), email="x@exemple.fr")
    objet = type(h.o["programme"]).objects.create(nom=v("audit.Evenement.objet_libelle"))
    h.o["evenement"] = enregistrer(
        action=Evenement.Action.MODIFICATION,
        acteur=acteur,
        objet=objet,
        commentaire=v("audit.Evenement.commentaire"),
        donnees={"note": v("audit.Evenement.donnees")},
    )


@pytest.fixture(scope="module")
def h(django_db_setup, django_db_blocker):
    """The world, filled once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        monde = MondeHostile(m=construire_monde())
        monde.o["superuser"] = UserFactory(is_staff=True, is_superuser=True)
        for role in (*ROLES, "superuser"):  # sessions made here outlive each test's rollback
            monde.client(role)
        remplir_front_office(monde)
        remplir_comite(monde)
        remplir_admin(monde)
        remplir_decisions(monde)
        remplir_en_base(monde)
        yield monde
        transaction.set_rollback(True)


# The checks ---------------------------------------------------------------------------------


def _champs_de(lieu: str) -> list[str]:
    return [nom for nom, lieux in AFFICHAGES.items() if lieu in lieux]


def _contenu(h, lieu: Lieu):
    resultat = lieu.obtenir(h)
    if isinstance(resultat, bytes):
        return resultat, "application/pdf"
    assert resultat.status_code == 200, resultat.status_code
    contenu = b"".join(resultat.streaming_content) if resultat.streaming else resultat.content
    return contenu, resultat.get("Content-Type", "")


@pytest.mark.parametrize("nom", sorted(LIEUX))
def test_each_place_shows_what_was_typed_as_text(h, db, nom):
    from core import cache_public

    cache_public.invalider()
    lieu = LIEUX[nom]
    contenu, type_contenu = _contenu(h, lieu)
    manquants = []
    if lieu.genre == "html":
        texte = contenu.decode()
        brut = BRUT_INTERDIT.search(texte)
        assert brut is None, (
            f"{nom} : balise saisie non échappée : …{texte[max(0, brut.start() - 200) : brut.end() + 80]}…"
        )
        manquants = [c for c in _champs_de(nom) if charge_de(c).echappee not in texte]
    elif lieu.genre == "pdf":
        assert actions_javascript(contenu) == [], f"{nom} : action JavaScript dans le PDF"
        texte = sans_blancs(texte_pdf(contenu))
        manquants = [c for c in _champs_de(nom) if sans_blancs(charge_de(c).litterale) not in texte]
    elif lieu.genre == "csv":
        assert type_contenu.startswith("text/csv"), type_contenu
        cellules = [c for ligne in cellules_csv(contenu) for c in ligne]
        manquants = [
            c for c in _champs_de(nom) if not any(charge_de(c).litterale in x for x in cellules)
        ]
    else:
        assert type_contenu.startswith("application/json"), type_contenu
        chaines = chaines_json(json.loads(contenu))
        manquants = [
            c for c in _champs_de(nom) if not any(charge_de(c).litterale in x for x in chaines)
        ]
    assert not manquants, f"{nom} : saisie absente (ou transformée) de {manquants}"


# Formulas in CSV exports --------------------------------------------------------------------


def _avec_lignes_agregees(h) -> None:
    """A selected application with submitted scores, so that the dataset has rows."""
    type(h.m.candidature_a).objects.filter(pk=h.m.candidature_a.pk).update(etat="selectionnee")


def _avec_une_empreinte(h) -> None:
    from audit.models import EmpreinteJournaliere

    EmpreinteJournaliere.objects.create(
        jour=dt.date(2026, 3, 9),
        empreinte=h.o["evenement"].empreinte,
        dernier_evenement=h.o["evenement"],
        nombre_evenements=1,
        calculee_le=timezone.now(),
    )


# CSV exports where no typed text goes, and what gives them rows.
CSV_SANS_SAISIE: dict[str, tuple[Lieu, Callable]] = {
    "csv candidatures ouvertes": (
        page("anonyme", lambda h: "/suivi/donnees/candidatures.csv", "csv"),
        lambda h: None,
    ),
    "csv agrégats ouverts": (
        page("anonyme", lambda h: "/suivi/donnees/agregats.csv", "csv"),
        _avec_lignes_agregees,
    ),
    "csv empreintes du journal": (
        page("anonyme", lambda h: reverse("audit:empreintes_csv"), "csv"),
        _avec_une_empreinte,
    ),
}
EXPORTS_CSV = sorted(
    [nom for nom, lieu in LIEUX.items() if lieu.genre == "csv"] + list(CSV_SANS_SAISIE)
)


def test_every_csv_export_of_the_project_is_checked_here():
    """A new CSV URL, open dataset or admin export action must be added to EXPORTS_CSV."""
    from django.contrib import admin as site

    from suivi import opendata
    from tests.securite.urls_projet import tous_les_motifs

    urls = sorted(nom for nom, motif in tous_les_motifs() if "csv" in f"{nom} {motif}")
    assert urls == ["admin:comite_agregats_csv", "audit:empreintes_csv"], urls
    assert sorted(opendata.JEUX) == ["agregats", "candidatures", "parcours", "registre-ia"]
    actions = sorted(
        f"{modele._meta.label}.{action}"
        for modele, modele_admin in site.site._registry.items()
        for action in modele_admin.actions or ()
        if "csv" in str(action)
    )
    assert actions == ["candidatures.Candidature.exporter_csv"], actions
    assert len(EXPORTS_CSV) == len(urls) + len(opendata.JEUX) + len(actions)


@pytest.mark.parametrize("formule", FORMULES, ids=repr)
@pytest.mark.parametrize("export", EXPORTS_CSV)
def test_every_csv_export_neutralises_formulas(h, db, export, formule):
    from core import cache_public

    champs = _champs_de(export)
    for nom in champs:
        app, modele, champ = nom.split(".")
        classe = apps.get_model(app, modele)
        # PostgreSQL enforces the length (SQLite does not): a short field gets the formula's start.
        longueur = classe._meta.get_field(champ).max_length
        classe.objects.update(**{champ: formule[:longueur] if longueur else formule})
    if export in CSV_SANS_SAISIE:
        lieu, preparer = CSV_SANS_SAISIE[export]
        preparer(h)
    else:
        lieu = LIEUX[export]
    cache_public.invalider()
    contenu, type_contenu = _contenu(h, lieu)
    lignes = cellules_csv(contenu)
    assert type_contenu.startswith("text/csv") and len(lignes) >= 2, (type_contenu, lignes)
    assert cellules_dangereuses(lignes) == []
    if champs:
        assert "'" + formule in [cellule for ligne in lignes for cellule in ligne]


# Line breaks in CSS strings, and the staff's own markup -------------------------------------


@pytest.mark.parametrize("saut", ["\n", "\r"], ids=repr)
def test_a_line_break_in_a_title_cannot_restyle_a_pdf(h, db, saut):
    """A track's title is written in a CSS string (page header, convention footer): a line
    break must not end the string and let the rest be read as CSS rules."""
    from tracks.models import Parcours

    Parcours.objects.update(titre=f"Titre{saut};}}}} body {{ display: none }} x {{")
    assert "Questionnaire de candidature" in texte_pdf(_pdf_questionnaire(h))
    assert "Entre les soussignés" in texte_pdf(_pdf_convention(h))


def test_the_convention_preview_runs_no_inline_script(h, db):
    """The template body is the staff's HTML, cleaned to an allow-list when rendered (even a
    row written raw); the preview is also served with a Content-Security-Policy that runs no
    inline script nor event handler."""
    from conventions.models import Convention

    Convention.objects.filter(pk=h.o["convention_brouillon"].pk).update(
        modele=h.o["modele_brouillon"]
    )
    reponse = LIEUX["admin convention aperçu"].obtenir(h)
    numero = NUMEROS["conventions.ModeleConvention.corps"]
    page = reponse.content.decode()
    assert f"alert({numero})" not in page
    # Other fields' payloads appear escaped (&lt;img … onerror=…&gt;): no raw tag at all.
    assert "<script" not in page and "<img" not in page
    politique = reponse["Content-Security-Policy"]
    script = next(d for d in politique.split(";") if d.strip().startswith("script-src"))
    assert script.split() == ["script-src", "'self'"], politique
