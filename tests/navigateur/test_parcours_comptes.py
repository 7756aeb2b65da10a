# SPDX-License-Identifier: EUPL-1.2
"""Issue 18: an account's whole life, in a real browser.

Staff invite a committee member from the admin; the member opens the e-mail's link, chooses a
password, enrols an authenticator and reaches their sitting's scoring list; staff withdraw the
role and the member's next page is refused. « DOMAINE »: the sitting and its convocation are
composed through the domain functions (not under test here), and the e-mail is read from the
outbox row instead of a mailbox.
"""

import re

import pytest
from django.urls import reverse

from tests.navigateur.outils import (
    appareil_totp,
    cliquer_et_attendre,
    code_totp,
    preparer_page,
    se_connecter,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOUVEAU = "Un-mot-de-passe-tres-solide-2026"


def test_staff_invite_a_member_who_scores_until_the_role_is_withdrawn(
    live_server, navigateur, page_navigateur
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from accounts.roles import MEMBRE_COMITE
    from notifications.models import Message
    from tests.comite.factories import SessionFactory, convoquer
    from tests.factories import UserFactory

    base = live_server.url
    gestion = page_navigateur
    preparer_page(gestion)
    admin = UserFactory(is_staff=True, is_superuser=True, email="admin@metropolegrandparis.fr")
    totp_admin = appareil_totp(admin)

    # 1. Staff invite the member from the admin.
    se_connecter(gestion, base, admin, second_facteur=code_totp(totp_admin))
    gestion.goto(base + reverse("admin:accounts_user_add"))
    gestion.get_by_label("Adresse électronique").fill("claire.membre@exemple.fr")
    gestion.get_by_label("Prénom et nom").fill("Claire Membre")
    gestion.get_by_label(MEMBRE_COMITE).check()
    cliquer_et_attendre(gestion, gestion.get_by_role("button", name="Envoyer l'invitation"))
    assert "Invitation envoyée" in gestion.content()
    membre = User.objects.get(email="claire.membre@exemple.fr")
    assert not membre.is_active

    # DOMAINE: the member is convened to a sitting (mandate and convocation).
    session = SessionFactory()
    convoquer(session, membre)
    liste = base + reverse("admin:comite_liste_notation", args=[session.pk])

    # 2. The member follows the e-mail's link, in their own browser.
    courriel = Message.objects.get(gabarit="invitation", destinataire=membre).corps_texte
    lien = re.search(r"https?://\S+/compte/invitation/\S+/", courriel).group(0)
    chemin = re.sub(r"^https?://[^/]+", "", lien)
    contexte = navigateur.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    page = contexte.new_page()
    preparer_page(page)
    try:
        page.goto(base + chemin)
        page.locator("#id_new_password1").fill(NOUVEAU)
        page.locator("#id_new_password2").fill(NOUVEAU)
        cliquer_et_attendre(page, page.get_by_role("button", name="Activer mon compte"))

        # 3. …then enrols the second factor (the code of the key shown on the page).
        assert "/second-facteur/activer/" in page.url, page.url
        appareil = TOTPDevice.objects.get(user=membre, confirmed=False)
        page.locator("#id_code").fill(code_totp(appareil))
        cliquer_et_attendre(page, page.get_by_role("button", name="Activer"))
        cliquer_et_attendre(page, page.get_by_role("link", name="J'ai noté mes codes, continuer"))
        assert "/admin/" in page.url and "/login/" not in page.url, page.url

        # 4. …and sees their sitting's scoring list.
        reponse = page.goto(liste)
        assert reponse.status == 200
        assert "/login/" not in page.url

        # 5. Staff withdraw the role; the member's next page is refused.
        gestion.goto(base + reverse("admin:accounts_user_change", args=[membre.pk]))
        cliquer_et_attendre(gestion, gestion.get_by_role("button", name="Retirer ce rôle"))
        assert "retiré" in gestion.content()
        assert not User.objects.get(pk=membre.pk).a_role(MEMBRE_COMITE)

        page.goto(liste)
        assert "/admin/login/" in page.url, page.url
        assert page.locator("#id_password").count() == 1  # the admin's login form, no list
    finally:
        contexte.close()
