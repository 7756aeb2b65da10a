# SPDX-License-Identifier: EUPL-1.2
"""Keyboard-only completion of the application journey (COMPLIANCE 6, RGAA 12.13).

Only Tab, Shift+Tab, Enter and Space, and typing into the element that has the focus: no
click, no ``fill``. Each control must be reached in the order of the page and show a visible
focus indicator. The signed engagement form is attached by the factory: a file chooser is
the operating system's dialog, out of the page's reach.
"""

import pytest
from django.urls import reverse

from tests.candidatures.factories import REPONSES, CandidatureFactory, ParcoursPublieFactory
from tests.navigateur.outils import preparer_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTROLES = (
    "main form input:not([type=hidden]), main form textarea, main form select, main form button"
)
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const contour = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return {nom: el.name || el.textContent.trim(), tag: el.tagName, type: el.type || '',
          visible: contour || style.boxShadow !== 'none'};
}"""


def focus(page) -> dict:
    return page.evaluate(FOCUS)


def tabuler_jusqua(page, nom: str, limite: int = 80) -> dict:
    for _ in range(limite):
        page.keyboard.press("Tab")
        actif = focus(page)
        if actif["nom"] == nom:
            return actif
    pytest.fail(f"« {nom} » n'est pas atteint au clavier")


def test_an_agent_completes_and_submits_an_application_with_the_keyboard_only(
    live_server, page_navigateur, agent_vincennes
):
    from django.test import Client

    from candidatures.models import Candidature
    from tests.candidatures.factories import completer
    from tests.factories import connecter
    from tests.tracks.factories import completer as completer_parcours

    parcours = completer_parcours(ParcoursPublieFactory())
    candidature = completer(CandidatureFactory(parcours=parcours), par=agent_vincennes)
    Candidature.objects.filter(pk=candidature.pk).update(
        **{champ: "" for champ, valeur in REPONSES.items() if not isinstance(valeur, bool)},
        engagement_deux_phases=False,
    )
    page = page_navigateur
    preparer_page(page)
    client = connecter(Client(), agent_vincennes)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("candidatures:modifier", args=[candidature.pk]))
    ordre = page.eval_on_selector_all(
        CONTROLES, "els => els.map(e => e.name || e.textContent.trim())"
    )
    attendus = [nom for nom in ordre if nom in REPONSES]
    assert attendus, ordre

    # Every control, in the page's order, reached by Tab, focus visible; answers typed.
    actif = tabuler_jusqua(page, ordre[0])
    for position, nom in enumerate(ordre):
        if position:
            page.keyboard.press("Tab")
            actif = focus(page)
        assert actif["nom"] == nom, (position, actif, ordre)
        assert actif["visible"], f"focus invisible sur {nom}"
        valeur = REPONSES.get(nom)
        if isinstance(valeur, bool):
            page.keyboard.press("Space")
        elif valeur:
            page.keyboard.type(valeur)
    # Shift+Tab goes back to the previous control.
    page.keyboard.press("Shift+Tab")
    assert focus(page)["nom"] == ordre[-2]

    # Save and check the file, then submit, with Enter on the focused buttons.
    tabuler_jusqua(page, "recapitulatif")  # « Enregistrer et vérifier le dossier »
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "recapitulatif" in page.url, page.url
    bouton = tabuler_jusqua(page, "Déposer la candidature")
    assert bouton["visible"]
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the confirmation dialog is accepted (preparer_page)
    candidature = Candidature.objects.get(pk=candidature.pk)
    assert candidature.etat == Candidature.Etat.DEPOSEE, page.content()[:3000]
    assert candidature.contexte == REPONSES["contexte"]
    assert candidature.engagement_deux_phases is True
