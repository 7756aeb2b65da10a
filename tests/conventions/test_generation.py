# SPDX-License-Identifier: EUPL-1.2
import hashlib

import pytest
from django.core.exceptions import ValidationError

from candidatures.models import Candidature
from conventions.documents import creer_convention, generer_pdf, rendre_html, typographie
from conventions.models import MENTION_COMMUNICATION, Convention, DocumentConvention
from tests.candidatures.factories import CandidatureFactory
from tests.conventions.factories import beneficiaire, convention
from tests.conventions.outils import lire, texte_pdf, xmp
from tests.factories import connecter


@pytest.fixture
def document(candidature_vincennes):
    return generer_pdf(convention(candidature_vincennes))


def test_it_fills_the_convention_with_defaults_from_application_and_track(candidature_vincennes):
    resultat = creer_convention(candidature=candidature_vincennes)
    assert resultat.representant_beneficiaire_nom == "Mme Charlotte Libert-Albanel"
    assert resultat.representant_beneficiaire_qualite == "Maire"
    assert str(resultat.date_debut) == "2027-03-01"
    assert str(resultat.date_fin) == "2027-09-30"
    assert resultat.perimetre_donnees
    assert resultat.etat == Convention.Etat.BROUILLON


@pytest.mark.parametrize("etat", ["deposee", "proposee", "non_selectionnee", "retiree"])
def test_it_refuses_a_convention_for_a_non_selected_application(parcours, etat):
    candidature = CandidatureFactory(parcours=parcours, etat=etat)
    with pytest.raises(ValidationError, match="n'a pas été sélectionnée"):
        creer_convention(candidature=candidature)
    assert not Convention.objects.exists()


def test_the_pdf_text_contains_parties_clauses_and_dates(document):
    texte = texte_pdf(lire(document))
    for attendu in [
        "Métropole du Grand Paris",
        "Vincennes",
        "Mme Charlotte Libert-Albanel",
        "Aires de livraison intelligentes",
        "Article 6 – Données",
        "article 7 du règlement",
        "Aucune donnée à caractère personnel",
        "Article 8 – Communication",
        MENTION_COMMUNICATION,
        "@Metropole_GrandParis",
        "1er mars 2027",
        "30 septembre 2027",
        "Tribunal administratif de Paris",
        "Pour le Bénéficiaire",
        "Pour la Métropole du Grand Paris",
        "Page 1 sur",
    ]:
        assert attendu in texte, attendu


def test_the_pdf_declares_pdf_a_3a_and_french(document):
    import io

    import pypdf

    assert pypdf.PdfReader(io.BytesIO(lire(document))).trailer["/Root"]["/Lang"] == "fr"
    metadonnees = xmp(lire(document))
    assert b'pdfaid:part="3"' in metadonnees
    assert b'pdfaid:conformance="A"' in metadonnees


def test_the_pdf_embeds_its_fonts(document):
    import io

    import pypdf

    lecteur = pypdf.PdfReader(io.BytesIO(lire(document)))
    polices = lecteur.pages[0]["/Resources"]["/Font"]
    for police in polices.values():
        descripteur = police.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descripteur.get_object()


def test_the_stored_file_matches_its_sha256(document):
    assert document.sha256 == hashlib.sha256(lire(document)).hexdigest()
    assert document.taille == len(lire(document))
    assert document.modele.version == 1
    assert document.fichier.name.startswith(f"conventions/{document.convention_id}/")


def test_personal_data_are_stated_with_their_legal_basis(candidature_vincennes):
    resultat = convention(candidature_vincennes)
    resultat.donnees_personnelles = "Les adresses des aires de livraison signalées par les usagers."
    resultat.base_legale_donnees_personnelles = "mission d'intérêt public (art. 6.1.e du RGPD)"
    resultat.save()
    texte = texte_pdf(lire(generer_pdf(resultat)))
    assert "mission d'intérêt public" in texte
    assert "Aucune donnée à caractère personnel" not in texte


def test_personal_data_without_legal_basis_are_refused(candidature_vincennes):
    resultat = convention(candidature_vincennes)
    resultat.donnees_personnelles = "Des noms d'usagers."
    with pytest.raises(ValidationError, match="base légale"):
        resultat.full_clean(exclude=["etat"])


def test_a_sent_convention_is_not_regenerated(candidature_vincennes):
    resultat = convention(candidature_vincennes, pdf=True, etat="envoyee")
    with pytest.raises(ValidationError, match="déjà été envoyée"):
        generer_pdf(resultat)
    assert DocumentConvention.objects.count() == 1


def test_it_refuses_to_generate_once_the_application_is_no_longer_selected(candidature_vincennes):
    from tests.candidatures.factories import a_l_etat

    resultat = convention(candidature_vincennes)
    a_l_etat(resultat.candidature, Candidature.Etat.RETIREE)
    with pytest.raises(ValidationError, match="n'a pas été sélectionnée"):
        generer_pdf(resultat)


def test_french_typography_puts_no_break_spaces_and_guillemets():
    assert typographie("<p>Objet : test ; oui ! non ?</p>") == (
        "<p>Objet\u00a0: test\u202f; oui\u202f! non\u202f?</p>"
    )
    assert typographie('<p>le parcours "Voirie"</p>') == "<p>le parcours «\u00a0Voirie\u00a0»</p>"
    assert typographie("<p>« mot »</p>") == "<p>«\u00a0mot\u00a0»</p>"
    assert typographie("<p>salle &quot;Jean Moulin&quot; : oui</p>") == (
        "<p>salle «\u00a0Jean Moulin\u00a0»\u00a0: oui</p>"
    )
    assert typographie("<p>A &amp; B ; C &lt; D</p>") == "<p>A &amp; B\u202f; C &lt; D</p>"
    assert typographie('<a href="https://x.fr/a:b">lien</a>') == (
        '<a href="https://x.fr/a:b">lien</a>'
    )


def test_special_clauses_appear_only_when_given(candidature_vincennes):
    resultat = convention(candidature_vincennes)
    assert "Clauses particulières" not in rendre_html(resultat)
    resultat.clauses_particulieres = "Le Bénéficiaire met une salle à disposition."
    resultat.save()
    assert "met une salle à disposition" in rendre_html(resultat)


def test_staff_preview_the_html_and_generate_from_the_admin(
    client, candidature_vincennes, agent_metropole
):
    resultat = convention(candidature_vincennes)
    connecter(client, agent_metropole)
    apercu = client.get(f"/admin/conventions/convention/{resultat.pk}/apercu/")
    assert apercu.status_code == 200
    assert "Article 8 – Communication" in apercu.content.decode()
    # Styled as the PDF (its stylesheet is inline), scripts still forbidden.
    politique = apercu["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in politique
    assert "script-src 'self';" in politique + ";"
    reponse = client.post(f"/admin/conventions/convention/{resultat.pk}/generer/")
    assert reponse.status_code == 302
    assert resultat.documents.count() == 1
    page = client.get(f"/admin/conventions/convention/{resultat.pk}/change/")
    assert "Envoyer pour signature" in page.content.decode()


def test_an_agent_of_a_territoire_cannot_open_the_admin_preview(
    client, candidature_vincennes, agent_vincennes
):
    resultat = convention(candidature_vincennes)
    connecter(client, agent_vincennes)
    assert client.get(f"/admin/conventions/convention/{resultat.pk}/apercu/").status_code == 302


def test_another_beneficiary_gets_its_own_name(parcours):
    resultat = convention(beneficiaire(parcours, "93048", representant_nom="M. Patrice Bessac"))
    assert "Montreuil" in texte_pdf(lire(generer_pdf(resultat)))
