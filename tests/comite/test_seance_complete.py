# SPDX-License-Identifier: EUPL-1.2
"""Acceptance (issue 5): a session of five members, one conflicted, through the admin views."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from comite.models import SessionExamen
from tests.factories import connecter
from tests.textes import codes_affiches, mots_doubles
from tracks.criteres import Critere


def formulaire(notes: dict | int) -> dict:
    if isinstance(notes, int):
        notes = {c.value: notes for c in Critere}
    donnees = {"action": "soumettre"}
    for critere, note in notes.items():
        donnees[f"note_{critere}"] = str(note)
        donnees[f"commentaire_{critere}"] = "Appréciation argumentée."
    return donnees


@pytest.fixture
def deroule(
    client, seance, president_comite, membres, conflicted, point_vincennes, point_montreuil
):
    """Open the session, score and vote as each member; Montreuil lacks one member's scores."""
    s = seance.pk

    def post(membre, nom, args, donnees=None):
        connecter(client, membre)
        return client.post(reverse(f"admin:comite_{nom}", args=args), donnees or {})

    post(president_comite, "ouvrir", [s])
    chair, m0, m1, m2 = president_comite, *membres[:3]
    pv, pm = point_vincennes.pk, point_montreuil.pk
    for membre, notes in [
        (chair, 4),
        (m0, 3),
        (m1, 2),
        (m2, {**{c.value: 3 for c in Critere}, "contexte": 1}),
    ]:
        post(membre, "grille_notation", [s, pv], formulaire(notes))
    for membre, note in [(chair, 5), (m0, 4), (m1, 4), (conflicted, 3)]:  # m2 does not score
        post(membre, "grille_notation", [s, pm], formulaire(note))
    for membre, choix in [(chair, "pour"), (m0, "pour"), (m1, "contre"), (m2, "contre")]:
        post(membre, "voter", [s, pv], {"choix": choix})
    for membre in (chair, m0, m1, conflicted):
        post(membre, "voter", [s, pm], {"choix": "pour"})
    post(chair, "clore_vote", [s, pv])
    post(chair, "clore_vote", [s, pm])
    return post


def test_opening_puts_the_agenda_under_examination(deroule, seance, vincennes):
    vincennes = type(vincennes).objects.get(pk=vincennes.pk)
    assert SessionExamen.objects.get(pk=seance.pk).etat == SessionExamen.Etat.OUVERTE
    assert vincennes.etat == "en_examen"


def test_the_aggregates_equal_the_hand_computed_values(client, deroule, seance, president_comite):
    reponse = connecter(client, president_comite).get(
        reverse("admin:comite_agregats", args=[seance.pk])
    )
    lignes = {ligne.point.candidature.territoire.nom: ligne for ligne in reponse.context["lignes"]}
    vincennes, montreuil = lignes["Vincennes"], lignes["Montreuil"]
    # Vincennes, contexte: 4, 3, 2, 1 -> mean 2.5, median 2.5, 1–4; other criteria mean 3.
    contexte = vincennes.stats["contexte"]
    assert (contexte.moyenne, contexte.mediane, contexte.minimum, contexte.maximum) == (
        2.5,
        2.5,
        1,
        4,
    )
    assert contexte.nb_notateurs == 4
    # Weights 1, 2, 1, 2, 1, 2 (sum 9): (2.5×1 + 3×8) / 9
    assert vincennes.total == pytest.approx(26.5 / 9)
    assert montreuil.total == pytest.approx(4.0)  # 5, 4, 4, 3 on every criterion
    assert (montreuil.rang, vincennes.rang) == (1, 2)
    assert vincennes.desaccord == ["contexte"]  # spread 3 >= half of the 0–5 scale


def test_the_aggregates_export_as_csv(client, deroule, seance, agent_metropole):
    reponse = connecter(client, agent_metropole).get(
        reverse("admin:comite_agregats_csv", args=[seance.pk])
    )
    contenu = reponse.content.decode("utf-8-sig")
    assert "Vincennes" in contenu and "2.94" in contenu


def test_closing_with_missing_scores_is_refused_without_a_reason(deroule, seance, president_comite):
    deroule(president_comite, "cloturer", [seance.pk])
    assert SessionExamen.objects.get(pk=seance.pk).etat == SessionExamen.Etat.OUVERTE


def test_closing_forced_with_a_reason_proposes_and_writes_the_minutes(
    deroule, seance, president_comite, vincennes, montreuil
):
    deroule(
        president_comite,
        "cloturer",
        [seance.pk],
        {"motif_forcage": "Marc Lefèvre a dû quitter la séance avant la fin."},
    )
    seance = SessionExamen.objects.get(pk=seance.pk)
    assert seance.etat == SessionExamen.Etat.CLOSE
    assert seance.motif_cloture_forcee.startswith("Marc Lefèvre")
    vincennes = type(vincennes).objects.get(pk=vincennes.pk)
    montreuil = type(montreuil).objects.get(pk=montreuil.pk)
    assert (vincennes.etat, montreuil.etat) == ("proposee", "proposee")
    texte = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(seance.proces_verbal.read())).pages
    )
    texte = " ".join(texte.split())
    assert "Proposée au Bureau métropolitain" in texte
    assert "voix prépondérante de la présidence" in texte
    assert "conflit d'intérêts) : Élue de Vincennes" in texte
    assert "a dû quitter la séance" in texte


def test_the_minutes_name_the_disputed_criterion_and_never_double_a_word(
    deroule, seance, president_comite
):
    deroule(president_comite, "cloturer", [seance.pk], {"motif_forcage": "Départ anticipé."})
    seance = SessionExamen.objects.get(pk=seance.pk)
    texte = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(seance.proces_verbal.read())).pages
    )
    texte = " ".join(texte.split())
    assert "Fort désaccord signalé sur : Contexte local et enjeux liés à la thématique." in texte
    assert "Ouverte le " in texte and "close le " in texte
    assert not mots_doubles(texte)
    assert not codes_affiches(texte)


@pytest.fixture
def president_hors_groupe(president_comite):
    """The member designated to chair this sitting, without the standing chair's group."""
    from django.contrib.auth.models import Group

    from accounts.roles import PRESIDENT_COMITE

    president_comite.groups.remove(Group.objects.get(name=PRESIDENT_COMITE))
    return president_comite


def test_the_chair_designated_for_the_sitting_runs_it_without_the_chairs_group(
    president_hors_groupe, deroule, seance, vincennes, montreuil
):
    """Opening and closing move the applications on the agenda for whoever chairs the sitting."""
    assert type(vincennes).objects.get(pk=vincennes.pk).etat == "en_examen"
    deroule(
        president_hors_groupe,
        "cloturer",
        [seance.pk],
        {"motif_forcage": "Marc Lefèvre a dû quitter la séance avant la fin."},
    )
    assert SessionExamen.objects.get(pk=seance.pk).etat == SessionExamen.Etat.CLOSE
    assert {
        c.etat for c in type(vincennes).objects.filter(pk__in=[vincennes.pk, montreuil.pk])
    } == {"proposee"}


def test_the_committees_proposal_writes_an_audit_entry_per_application(
    deroule, seance, president_comite, vincennes
):
    """Issue 23 (COMPLIANCE 32): actor, time and object of the proposal, in the journal."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from audit.models import Evenement

    avant = timezone.now()
    deroule(president_comite, "cloturer", [seance.pk], {"motif_forcage": "Départ anticipé."})
    entree = Evenement.objects.get(
        content_type=ContentType.objects.get_for_model(vincennes),
        object_id=str(vincennes.pk),
        transition="proposer",
    )
    assert entree.acteur == president_comite
    assert president_comite.email in entree.acteur_libelle
    assert avant <= entree.horodatage <= timezone.now()
    assert entree.etat_avant == "en_examen" and entree.etat_apres == "proposee"
    assert str(vincennes)[:50] in entree.objet_libelle
