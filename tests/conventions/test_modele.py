# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.exceptions import ValidationError

from conventions.documents import rendre_corps
from conventions.models import (
    MENTION_COMMUNICATION,
    SECTIONS_OBLIGATOIRES,
    ModeleConvention,
    sections_manquantes,
)
from tests.conventions.factories import convention
from tests.factories import connecter


@pytest.fixture
def modele_v1(db):
    return ModeleConvention.objects.get(version=1)


def test_it_loads_version_1_of_the_template_by_migration(modele_v1):
    assert ModeleConvention.objects.courant() == modele_v1
    assert not modele_v1.utilise


@pytest.mark.parametrize("code", list(SECTIONS_OBLIGATOIRES))
def test_the_initial_template_contains_every_mandatory_section(modele_v1, code):
    assert f'id="{code}"' in modele_v1.corps, SECTIONS_OBLIGATOIRES[code]


@pytest.mark.parametrize(
    "passage",
    [
        MENTION_COMMUNICATION,
        "@Metropole_GrandParis",
        "logo",
        "kit de communication",
        "Tribunal administratif de Paris",
        "aucune indemnité",
        "article 7 du règlement",
        "article 8 du règlement",
        "article 4 du règlement",
        "article 2 du règlement",
        "accompagnement méthodologique",
        "acquérir",
        "suivre les deux phases",
        "Aucune donnée à caractère personnel",
        "base légale",
        "deliberation_mgp",
        "deliberation_beneficiaire",
        "n'emporte pour aucune des Parties l'obligation de poursuivre",
    ],
)
def test_the_initial_template_states_each_required_clause(modele_v1, passage):
    assert passage in modele_v1.corps


def test_it_refuses_a_template_missing_a_section(modele_v1):
    corps = modele_v1.corps.replace('id="litiges"', 'id="autre"')
    assert sections_manquantes(corps) == ["Litiges"]
    brouillon = ModeleConvention(version=9, titre="Essai", corps=corps)
    with pytest.raises(ValidationError, match="Litiges"):
        brouillon.full_clean()


def test_a_used_version_can_no_longer_change(modele_v1):
    convention()
    modele_v1.refresh_from_db()
    assert modele_v1.utilise
    modele_v1.corps += "<p>Ajout</p>"
    with pytest.raises(ValidationError, match="ne peut plus être modifiée"):
        modele_v1.save()
    with pytest.raises(ValidationError):
        modele_v1.full_clean()
    modele_v1.refresh_from_db()
    assert "Ajout" not in modele_v1.corps


def test_an_unused_version_can_still_be_edited(modele_v1):
    modele_v1.titre = "Convention modifiée"
    modele_v1.full_clean()
    modele_v1.save()
    assert ModeleConvention.objects.get(version=1).titre == "Convention modifiée"


def test_new_version_copies_the_body_under_the_next_number(modele_v1, agent_metropole):
    nouvelle = modele_v1.nouvelle_version(par=agent_metropole)
    assert nouvelle.version == 2
    assert nouvelle.corps == modele_v1.corps
    assert not nouvelle.utilise
    assert ModeleConvention.objects.courant() == nouvelle


def test_the_admin_shows_a_used_version_read_only(client, modele_v1, agent_metropole):
    convention()
    connecter(client, agent_metropole)
    page = client.get(f"/admin/conventions/modeleconvention/{modele_v1.pk}/change/")
    assert page.status_code == 200
    assert 'name="corps"' not in page.content.decode()


def test_the_admin_action_makes_a_new_version(client, modele_v1, agent_metropole):
    connecter(client, agent_metropole)
    reponse = client.post(
        "/admin/conventions/modeleconvention/",
        {"action": "creer_nouvelle_version", "_selected_action": [modele_v1.pk]},
    )
    assert reponse.status_code == 302
    assert ModeleConvention.objects.filter(version=2).exists()


def test_a_template_version_prints_values_but_cannot_reach_an_account(modele_v1, agent_metropole):
    """Staff write the template; through a model instance it could print a password hash."""
    redacteur = agent_metropole
    modele_v1.corps += (
        "<p>Bénéficiaire : {{ territoire.nom }} ({{ territoire.siren }}), "
        "dossier {{ candidature.numero }}, convention {{ convention.reference }}.</p>"
        "<p>Fuite : [{{ convention.modele.cree_par.password }}]"
        "[{{ candidature.deposee_par.password }}][{{ parcours.cree_par.email }}]</p>"
    )
    modele_v1.cree_par = redacteur
    modele_v1.save()
    objet = convention()

    corps = rendre_corps(objet)

    assert f"{objet.territoire.nom} ({objet.territoire.siren})" in corps
    assert f"convention {objet.reference}" in corps
    assert "[][][]" in corps
    assert redacteur.password not in corps


def test_the_editors_help_lists_every_variable_of_the_template():
    from conventions import documents

    aide = ModeleConvention._meta.get_field("corps").help_text
    for champs in (
        documents.CHAMPS_CONVENTION,
        documents.CHAMPS_PARCOURS,
        documents.CHAMPS_CANDIDATURE,
        documents.CHAMPS_TERRITOIRE,
    ):
        for champ in champs:
            assert champ in aide
