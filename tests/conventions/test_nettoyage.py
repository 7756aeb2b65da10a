# SPDX-License-Identifier: EUPL-1.2
"""The convention template keeps only the HTML a convention needs (issue 17, point 2).

Cleaned when a version is saved (model and admin) and again when a convention is rendered
(PDF and staff preview), so that a row written raw cannot reach the PDF renderer.
"""

import os

import pytest

import core.pdf
from conventions.documents import generer_pdf, rendre_corps, rendre_html
from conventions.modele_initial import FICHIER
from conventions.models import SECTIONS_OBLIGATOIRES, ModeleConvention
from conventions.nettoyage import nettoyer_html, nettoyer_modele
from tests.conventions.factories import convention
from tests.conventions.outils import lire, texte_pdf
from tests.core.test_pdf_ressources import MARQUEUR, SVG
from tests.core.test_pdf_ressources import lire as lire_pdf
from tests.factories import connecter

MALVEILLANT = (
    '<p>Annexe : <a rel="attachment" href="file:///etc/appropriation/appropriation.env">'
    "réglages</a></p>"
    '<link rel="attachment" href="file:///etc/passwd">'
    "<script>alert('xss')</script>"
    '<img src="file:///etc/passwd" onerror="alert(1)" alt="">'
    '<p style="background: url(file:///etc/passwd)" onclick="alert(2)">Texte conservé</p>'
    "<style>@import url(file:///etc/passwd);</style>"
    '<iframe src="file:///etc/passwd">cadre</iframe>'
    '<object data="file:///etc/passwd">objet</object>'
    '<svg><image href="file:///etc/passwd"/></svg>'
    '<a href="javascript:alert(3)">lien script</a>'
    '<a href="https://www.metropolegrandparis.fr/" rel="attachment">site</a>'
)
INTERDITS = (
    "attachment",
    "<script",
    "alert(",
    "<img",
    "onerror",
    "onclick",
    "style=",
    "<style",
    "<link",
    "<iframe",
    "<object",
    "<svg",
    "file:",
    "javascript:",
)


@pytest.fixture
def modele_v1(db):
    return ModeleConvention.objects.get(version=1)


def sans_interdit(html: str) -> None:
    for motif in INTERDITS:
        assert motif not in html, motif


def test_the_sanitiser_keeps_a_conventions_html_and_drops_the_rest():
    propre = nettoyer_html(MALVEILLANT)
    sans_interdit(propre)
    assert "<p>Texte conservé</p>" in propre
    assert '<a href="https://www.metropolegrandparis.fr/">site</a>' in propre
    assert "cadre" not in propre and "objet" not in propre


def test_the_initial_template_goes_through_unchanged():
    source = FICHIER.read_text(encoding="utf-8")
    assert nettoyer_modele(source) == source


def test_saving_a_version_cleans_its_body(modele_v1):
    modele_v1.corps += MALVEILLANT
    modele_v1.full_clean()
    modele_v1.save()
    modele_v1.refresh_from_db()
    sans_interdit(modele_v1.corps)
    assert "Texte conservé" in modele_v1.corps
    assert not any(
        code
        for code in SECTIONS_OBLIGATOIRES
        if f'<section id="{code}"' not in modele_v1.corps
        and f'<section id="{code}" class=' not in modele_v1.corps
    )


def test_a_new_version_copied_from_a_raw_row_is_clean(modele_v1, agent_metropole):
    ModeleConvention.objects.filter(pk=modele_v1.pk).update(corps=modele_v1.corps + MALVEILLANT)
    modele_v1.refresh_from_db()
    sans_interdit(modele_v1.nouvelle_version(par=agent_metropole).corps)


def test_django_template_tags_survive_the_cleaning(modele_v1):
    ajout = (
        "<p>{% if territoire.population > 1000 %}Grande commune{% endif %} "
        '{{ convention.date_debut|date:"d/m/Y" }}</p>'
        '<table><caption>Calendrier</caption><tr><th scope="row">Début</th>'
        "<td>{{ convention.date_debut|date_longue }}</td></tr></table>"
    )
    modele_v1.corps += ajout
    modele_v1.save()
    modele_v1.refresh_from_db()
    assert "{% if territoire.population > 1000 %}" in modele_v1.corps
    assert '{{ convention.date_debut|date:"d/m/Y" }}' in modele_v1.corps
    corps = rendre_corps(convention())
    assert "Grande commune" in corps
    assert "<caption>Calendrier</caption>" in corps


def test_the_admin_saves_the_cleaned_body_and_says_so(client, modele_v1, agent_metropole):
    connecter(client, agent_metropole)
    reponse = client.post(
        "/admin/conventions/modeleconvention/add/",
        {
            "titre": "Convention v2",
            "corps": modele_v1.corps.replace("\n", "\r\n") + MALVEILLANT,
            "note_de_version": "Ajout d'une annexe.",
        },
        follow=True,
    )
    assert reponse.status_code == 200
    nouvelle = ModeleConvention.objects.get(version=2)
    sans_interdit(nouvelle.corps)
    assert "Texte conservé" in nouvelle.corps
    assert "HTML non autorisé" in reponse.content.decode()


def test_the_admin_says_nothing_when_the_body_was_already_clean(client, modele_v1, agent_metropole):
    connecter(client, agent_metropole)
    reponse = client.post(
        "/admin/conventions/modeleconvention/add/",
        {"titre": "Convention v2", "corps": modele_v1.corps.replace("\n", "\r\n")},
        follow=True,
    )
    assert ModeleConvention.objects.get(version=2).corps == modele_v1.corps.strip()
    assert "HTML non autorisé" not in reponse.content.decode()


def test_a_raw_row_is_cleaned_again_in_the_preview(client, modele_v1, agent_metropole):
    """Defence in depth: a body written without the model's save (here .update())."""
    ModeleConvention.objects.filter(pk=modele_v1.pk).update(corps=modele_v1.corps + MALVEILLANT)
    objet = convention()
    sans_interdit(rendre_corps(objet))
    connecter(client, agent_metropole)
    apercu = client.get(f"/admin/conventions/convention/{objet.pk}/apercu/")
    assert apercu.status_code == 200
    page = apercu.content.decode()
    assert "Texte conservé" in page
    for motif in ("attachment", "<script", "onerror", "onclick", "<img", "<iframe", "file:"):
        assert motif not in page, motif
    assert "Texte conservé" in rendre_html(objet)


def test_a_raw_row_cannot_attach_a_file_even_from_an_allowed_folder(
    modele_v1, tmp_path, monkeypatch
):
    """Even if the fetcher allowed the file, the cleaned body no longer names it."""
    secret = tmp_path / "appropriation.env"
    secret.write_text(f"SECRET_KEY={MARQUEUR}\n")
    image = tmp_path / "secret.svg"
    image.write_text(SVG)
    monkeypatch.setattr(core.pdf, "RACINES_AUTORISEES", (os.path.realpath(tmp_path),))
    brut = (
        f'<p><a rel="attachment" href="{secret.as_uri()}">pièce</a></p>'
        f'<p><img src="{image.as_uri()}" alt="image"></p>'
    )
    ModeleConvention.objects.filter(pk=modele_v1.pk).update(corps=modele_v1.corps + brut)
    contenu = lire(generer_pdf(convention()))
    texte, pieces = lire_pdf(contenu)
    assert "Article 13" in texte_pdf(contenu)
    assert MARQUEUR not in texte
    assert pieces == {}


def test_the_initial_template_still_renders_every_section(modele_v1):
    modele_v1.save()  # through the cleaning
    corps = rendre_corps(convention())
    for code in SECTIONS_OBLIGATOIRES:
        assert f'id="{code}"' in corps, code
    assert 'class="bloc-signature"' in corps
