# SPDX-License-Identifier: EUPL-1.2
"""The generated convention's text (issue 19, point 10): no name doubled by its title, the
Bureau's deliberation prefilled, the track's dates as the one source, cross-references that
point at the right article."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from comite.models import DecisionBureau, IssueDecision
from conventions.documents import creer_convention, generer_pdf
from conventions.modele_initial import FICHIER
from conventions.models import Convention, ModeleConvention
from tests.conventions.factories import beneficiaire, parcours_laureats
from tests.conventions.outils import lire, texte_pdf
from tests.factories import UserFactory
from tracks.models import Parcours

pytestmark = pytest.mark.django_db

ARTICLE = re.compile(r"<h2>Article (\d+) – ([^<]+)</h2>")
# "l'article 8" of the convention itself, not "l'article 8 du règlement du programme".
RENVOI = re.compile(r"l'article (\d+)(?! du règlement)")
MOTS_VIDES = {"de", "la", "le", "les", "et", "du", "des", "d'", "sans", "à"}


def mots(texte: str) -> set[str]:
    return {m for m in re.findall(r"[^\W\d_]+", texte.lower()) if m not in MOTS_VIDES}


def renvois_faux(corps: str) -> list[str]:
    """Each reference to an article whose title shares no word with the referring clause."""
    titres = {int(n): titre for n, titre in ARTICLE.findall(corps)}
    faux = []
    for clause in re.split(r"</?(?:p|li)>", corps):
        for numero in RENVOI.findall(clause):
            titre = titres.get(int(numero))
            if titre is None or not mots(titre) & mots(clause):
                faux.append(f"article {numero} ({titre}) cité dans : {clause.strip()[:120]}")
    return faux


def test_every_cross_reference_of_the_shipped_template_points_at_its_subject():
    corps = FICHIER.read_text(encoding="utf-8")
    assert RENVOI.search(corps)  # the check has something to check
    assert not renvois_faux(corps)


def test_the_stored_current_template_has_the_right_cross_references_too():
    assert not renvois_faux(ModeleConvention.objects.courant().corps)


def test_the_check_catches_a_follow_up_sent_to_the_communication_article():
    corps = FICHIER.read_text(encoding="utf-8").replace(
        "prévus à l'article 9.", "prévus à l'article 8."
    )
    assert renvois_faux(corps)


def test_the_metropole_is_represented_by_a_name_and_a_title_that_do_not_repeat(
    candidature_vincennes,
):
    convention = creer_convention(candidature=candidature_vincennes)
    texte = texte_pdf(lire(generer_pdf(convention)))
    assert "représentée par le Président de la Métropole du Grand Paris, ou son" in texte
    assert "Grand Paris, Président de la Métropole" not in texte
    assert texte.count("Président de la Métropole du Grand Paris") == 2  # parties, signature


def test_the_bureau_deliberation_prefills_the_metropole_authorisation(candidature_vincennes):
    decision = DecisionBureau.objects.create(
        parcours=candidature_vincennes.parcours,
        numero="BM2026/11/12/07",
        date=dt.date(2026, 11, 12),
        document=SimpleUploadedFile("d.pdf", b"%PDF-1.4"),
        enregistree_par=UserFactory(),
    )
    IssueDecision.objects.create(
        decision=decision, candidature=candidature_vincennes, selectionnee=True
    )
    convention = creer_convention(candidature=candidature_vincennes)
    attendu = "la délibération du Bureau métropolitain n° BM2026/11/12/07 du 12 novembre 2026"
    assert convention.deliberation_mgp == attendu
    texte = texte_pdf(lire(generer_pdf(convention)))
    assert "n° BM2026/11/12/07 du 12 novembre 2026" in texte


def test_without_track_dates_no_convention_is_made_with_invented_ones(db):
    parcours = parcours_laureats(experimentation_debut=None, experimentation_fin=None)
    candidature = beneficiaire(parcours)
    with pytest.raises(ValidationError, match="dates de l'expérimentation du parcours"):
        creer_convention(candidature=candidature)
    assert not Convention.objects.exists()


def test_a_draft_follows_the_track_dates_when_they_change(candidature_vincennes):
    convention = creer_convention(candidature=candidature_vincennes)
    Parcours.objects.filter(pk=candidature_vincennes.parcours_id).update(
        experimentation_debut=dt.date(2027, 4, 1), experimentation_fin=dt.date(2027, 10, 31)
    )
    convention = Convention.objects.get(pk=convention.pk)
    texte = texte_pdf(lire(generer_pdf(convention)))
    convention = Convention.objects.get(pk=convention.pk)
    assert (convention.date_debut, convention.date_fin) == (
        dt.date(2027, 4, 1),
        dt.date(2027, 10, 31),
    )
    assert "1er avril 2027" in texte and "31 octobre 2027" in texte


def test_staff_cannot_type_other_dates_than_the_track_s(client, candidature_vincennes):
    from django.urls import reverse

    from tests.factories import connecter

    convention = creer_convention(candidature=candidature_vincennes)
    staff = get_user_model().objects.filter(is_staff=True).first() or UserFactory(
        agent_metropole=True
    )
    connecter(client, staff)
    page = client.get(reverse("admin:conventions_convention_change", args=[convention.pk]))
    assert page.status_code == 200
    assert 'name="date_debut"' not in page.content.decode()
