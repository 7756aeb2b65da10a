# SPDX-License-Identifier: EUPL-1.2
"""An agent of territoire B who puts the id of territoire A's object in a URL gets nothing.

Why: agents of the 130 communes and 11 EPT share one portal; Montreuil (B) must never read
or change what Vincennes (A) prepares. The role × URL matrix already asks agent_b for every
URL pointing to A's objects; the first test checks that it does so for every URL with an
argument, and the others cover what the matrix cannot: a legal representative of B (the
matrix's agent_b is none), a deliverable that has a file, A's file reached through B's own
application or convention, and A's territoire sent in the body of B's forms.
"""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from accounts.models import Adhesion
from audit.models import Evenement
from tests.factories import AdhesionFactory, connecter, territoire
from tests.securite.monde import construire_monde
from tests.securite.test_matrice import FRONT, MATRICE, _cle
from tests.securite.urls_projet import tous_les_motifs

REFUS = ("403", "404", "R")

# Front-office URLs with an argument that names nothing of a territoire.
NON_TERRITORIAUX = {
    "accounts:password_reset_confirm": "un jeton de réinitialisation",
    "accounts:accepter_invitation": "un jeton d'invitation (tests/accounts/test_invitations.py)",
    "tracks:detail": "un parcours publié, public",
    "tracks:document": "un document public d'un parcours publié",
    "candidatures:demarrer": "un parcours publié ; le territoire est choisi dans le formulaire",
    "candidatures:questionnaire": "le questionnaire public d'un parcours",
    "suivi:schema": "un jeu de données ouvertes",
    "suivi:telecharger": "un jeu de données ouvertes",
    "suivi:fiche_registre": "une fiche publique du registre de l'IA",
    "suivi:pilotage_parcours": "réservé à l'équipe de la Métropole",
    "suivi:preparer": "réservé à l'équipe de la Métropole",
    "suivi:decider": "réservé à l'équipe de la Métropole",
}
# URLs the matrix cannot check across territoires; each has its test below.
COMPLETEES_ICI = {
    "accounts:approuver_adhesion": "test_a_legal_representative_of_b_cannot_decide_on_a_of_a",
    "accounts:refuser_adhesion": "test_a_legal_representative_of_b_cannot_decide_on_a_of_a",
    "suivi:fichier": "test_b_cannot_download_the_file_of_a_deliverable_of_a",
}


def _motifs_avec_argument() -> dict[str, str]:
    return {
        cle: motif
        for nom, motif in tous_les_motifs()
        if (cle := _cle(nom, motif)) and "<" in motif and cle in MATRICE
    }


def test_every_url_with_an_id_refuses_territoire_b_what_it_gives_territoire_a():
    ecarts = []
    for cle in _motifs_avec_argument():
        attendus = MATRICE[cle].attendus()
        if cle.startswith("admin"):
            # no agent of a territoire reaches the back office at all
            if {attendus[role] for role in FRONT} != {"302"}:
                ecarts.append(f"{cle} : un rôle du front office atteint l'admin")
            continue
        if cle in NON_TERRITORIAUX:
            continue
        a_obtient = {attendus["agent_a"], attendus["representant_a"]} & {"200", "ok"}
        if cle in COMPLETEES_ICI:
            continue
        if not a_obtient:
            ecarts.append(f"{cle} : ni A ne l'obtient dans la matrice, ni un test ici")
        elif attendus["agent_b"] not in REFUS:
            ecarts.append(f"{cle} : agent_b obtient « {attendus['agent_b']} » sur l'objet de A")
    assert not ecarts, "\n".join(ecarts)


@pytest.fixture
def monde(db):
    return construire_monde()


def _client(user) -> Client:
    return connecter(Client(), user)


def test_a_legal_representative_of_b_cannot_decide_on_a_of_a(monde):
    representant_b = AdhesionFactory(
        representant_legal=True, territoire=territoire("93048")
    ).utilisateur
    client = _client(representant_b)
    adhesion = monde.adhesion_en_attente
    evenements = Evenement.objects.count()
    assert (
        adhesion.utilisateur.email
        not in client.get(reverse("accounts:adhesions_a_valider")).content.decode()
    )
    for nom in ("accounts:approuver_adhesion", "accounts:refuser_adhesion"):
        reponse = client.post(reverse(nom, args=[adhesion.pk]), {"motif_refus": "Inconnu."})
        assert reponse.status_code == 404, nom
    adhesion.refresh_from_db()
    assert adhesion.statut == Adhesion.Statut.EN_ATTENTE
    assert Evenement.objects.count() == evenements


def test_b_cannot_download_the_file_of_a_deliverable_of_a(monde):
    livrable = monde.livrable_a
    livrable.fichier.save("donnees.csv", ContentFile(b"commune;demandes\nVincennes;12\n"))
    url = reverse("suivi:fichier", args=[livrable.pk])
    assert _client(monde.utilisateurs["agent_a"]).get(url).status_code == 200
    assert _client(monde.utilisateurs["staff"]).get(url).status_code == 200
    assert _client(monde.utilisateurs["agent_b"]).get(url).status_code == 404


def test_b_cannot_reach_a_file_of_a_through_its_own_application(monde):
    client = _client(monde.utilisateurs["agent_b"])
    piece_a = monde.piece_a
    for candidature_b in (monde.candidature_b, monde.brouillon_b):
        url = reverse("candidatures:telecharger_piece", args=[candidature_b.pk, piece_a.pk])
        assert client.get(url).status_code == 404
    url = reverse("candidatures:supprimer_piece", args=[monde.brouillon_b.pk, piece_a.pk])
    assert client.post(url).status_code == 404
    assert type(piece_a).objects.filter(pk=piece_a.pk).exists()


def test_b_cannot_reach_a_document_of_a_through_its_own_convention(monde):
    client = _client(monde.utilisateurs["agent_b"])
    url = reverse(
        "conventions:telecharger", args=[monde.convention_b.pk, monde.document_convention_a.pk]
    )
    assert client.get(url).status_code == 404


def test_b_cannot_start_an_application_in_the_name_of_a(monde):
    from candidatures.models import Candidature
    from tests.candidatures.factories import ParcoursPublieFactory

    parcours = ParcoursPublieFactory()
    client = _client(monde.utilisateurs["agent_b"])
    reponse = client.post(
        reverse("candidatures:demarrer", args=[parcours.slug]),
        {"territoire": territoire("94080").pk},
    )
    assert reponse.status_code == 200  # the form again: Vincennes is not a valid choice for B
    assert not Candidature.objects.filter(parcours=parcours).exists()


def test_b_cannot_suggest_a_theme_in_the_name_of_a(monde):
    from tracks.models import SuggestionTheme

    client = _client(monde.utilisateurs["agent_b"])
    reponse = client.post(
        reverse("tracks:suggerer_theme"),
        {
            "territoire": territoire("94080").pk,
            "titre": "Tri des courriers",
            "probleme": "Des milliers de courriers.",
            "benefices_attendus": "Des réponses plus rapides.",
        },
    )
    assert reponse.status_code == 200
    assert not SuggestionTheme.objects.exists()
