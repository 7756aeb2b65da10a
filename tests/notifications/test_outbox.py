# SPDX-License-Identifier: EUPL-1.2
"""The outbox against a real SMTP server on loopback (aiosmtpd)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Adhesion
from audit.models import Evenement
from notifications import outbox
from notifications.models import Message
from tests.factories import AdhesionFactory, UserFactory, connecter, territoire
from tests.notifications.conftest import ADRESSE_REFUSEE, html, texte

pytestmark = pytest.mark.django_db


@pytest.fixture
def demande():
    return AdhesionFactory(
        en_attente=True,
        territoire=territoire("94080"),
        utilisateur__nom_complet="Zoé <b>L'Hôte</b>",
        utilisateur__email="zoe@vincennes.fr",
    )


def notifier_demande(destinataire, demande, **kwargs):
    return outbox.notifier(
        destinataire=destinataire,
        gabarit="adhesion_a_valider",
        objet=demande,
        contexte={"adhesion": demande},
        **kwargs,
    )


def test_it_sends_subject_text_and_html_with_the_programme_footer(
    serveur_smtp, representant_vincennes, demande, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = notifier_demande(representant_vincennes, demande)
    message.refresh_from_db()
    assert message.etat == Message.Etat.ENVOYE
    assert message.essais == 1
    [courriel] = serveur_smtp.pour("maire@vincennes.fr")
    assert (
        courriel["Subject"].strip()
        == "Demande d'adhésion à valider : Zoé <b>L'Hôte</b> (Vincennes)"
    )
    assert "Bonjour Maire de Vincennes," in texte(courriel)
    assert "/compte/adhesions/" in texte(courriel)
    assert "un programme de la Métropole du Grand Paris" in texte(courriel)
    assert "15-19 avenue Pierre Mendès-France" in html(courriel)


def test_it_escapes_user_content_in_html_but_not_in_plain_text(
    serveur_smtp, representant_vincennes, demande, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notifier_demande(representant_vincennes, demande)
    [courriel] = serveur_smtp.recus
    assert "Zoé <b>L'Hôte</b> (zoe@vincennes.fr)" in texte(courriel)
    assert "<b>L'Hôte</b>" not in html(courriel)
    assert "Zoé &lt;b&gt;L&#x27;Hôte&lt;/b&gt;" in html(courriel)


def test_a_gabarit_with_its_own_html_template_uses_it(serveur_smtp, agent_vincennes, settings):
    from tracks.models import Parcours

    parcours = Parcours(titre="Aires de livraison <i>intelligentes</i>", slug="livraison")
    parcours.date_limite = timezone.now() + timedelta(days=7)
    message = outbox.notifier(
        destinataire=agent_vincennes,
        gabarit="rappel_echeance_brouillon",
        contexte={"parcours": parcours, "jours": 7},
    )
    assert "<strong>Aires de livraison &lt;i&gt;intelligentes&lt;/i&gt;</strong>" in (
        message.corps_html
    )
    assert "(heure de Paris)" in message.corps_texte


def test_with_the_smtp_server_down_the_message_stays_pending_then_leaves_when_it_is_back(
    serveur_smtp, representant_vincennes, demande, django_capture_on_commit_callbacks
):
    serveur_smtp.arreter()
    with django_capture_on_commit_callbacks(execute=True):
        message = notifier_demande(representant_vincennes, demande)
    message.refresh_from_db()
    assert message.etat == Message.Etat.EN_ATTENTE
    assert message.essais == 1
    assert "Connection refused" in message.erreur or "ConnectionRefused" in message.erreur
    assert message.prochain_essai_le > timezone.now()

    serveur_smtp.demarrer()
    assert outbox.balayer() == 0  # the back-off is respected
    assert outbox.balayer(maintenant=timezone.now() + timedelta(minutes=2)) == 1
    message.refresh_from_db()
    assert message.etat == Message.Etat.ENVOYE
    assert message.essais == 2
    assert len(serveur_smtp.pour("maire@vincennes.fr")) == 1


def test_it_fails_for_good_after_the_last_try_with_growing_delays(
    serveur_smtp, representant_vincennes, demande
):
    serveur_smtp.arreter()
    message = notifier_demande(representant_vincennes, demande)
    moment = timezone.now()
    delais = []
    for _ in range(outbox.ESSAIS_MAX):
        outbox.envoyer(message.pk, maintenant=moment)
        message.refresh_from_db()
        delais.append(message.prochain_essai_le - moment)
        moment = message.prochain_essai_le
    assert message.etat == Message.Etat.ECHEC
    assert message.essais == outbox.ESSAIS_MAX
    assert message.erreur
    assert delais[:-1] == sorted(delais[:-1]) and delais[0] < delais[-2]
    assert outbox.balayer(maintenant=moment + timedelta(days=1)) == 0


def test_the_sweep_only_picks_messages_whose_next_try_is_due(
    serveur_smtp, representant_vincennes, demande
):
    plus_tard = timezone.now() + timedelta(hours=3)
    message = notifier_demande(representant_vincennes, demande, prevu_le=plus_tard)
    assert outbox.balayer() == 0
    assert outbox.balayer(maintenant=plus_tard) == 1
    message.refresh_from_db()
    assert message.etat == Message.Etat.ENVOYE


def test_sending_twice_sends_once(serveur_smtp, representant_vincennes, demande):
    message = notifier_demande(representant_vincennes, demande)
    assert outbox.envoyer(message.pk) is True
    assert outbox.envoyer(message.pk) is False
    assert len(serveur_smtp.recus) == 1


def test_the_same_key_writes_one_message(representant_vincennes, demande):
    cle = outbox.cle_rappel("adhesion_a_valider", demande, representant_vincennes, None)
    assert notifier_demande(representant_vincennes, demande, cle=cle) is not None
    assert notifier_demande(representant_vincennes, demande, cle=cle) is None
    assert Message.objects.filter(cle=cle).count() == 1


# Bad input: recorded as failed, never raised -------------------------------------------


def test_a_user_without_email_gets_a_failed_message_and_an_in_app_notice(
    serveur_smtp, demande, django_capture_on_commit_callbacks
):
    sans_adresse = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        message = notifier_demande(sans_adresse, demande)
    message.refresh_from_db()
    assert message.etat == Message.Etat.ECHEC
    assert message.erreur == "Destinataire sans adresse électronique."
    assert Message.objects.non_lus_de(sans_adresse).get() == message
    assert serveur_smtp.recus == []


def test_an_unknown_template_is_recorded_as_failed(agent_vincennes):
    message = outbox.notifier(destinataire=agent_vincennes, gabarit="gabarit_qui_n_existe_pas")
    assert message.etat == Message.Etat.ECHEC
    assert message.erreur.startswith("Gabarit introuvable")
    assert "gabarit_qui_n_existe_pas" in message.sujet


def test_an_address_refused_by_the_server_is_failed_at_once_with_its_reason(
    serveur_smtp, demande, django_capture_on_commit_callbacks
):
    refusee = UserFactory(email=ADRESSE_REFUSEE)
    with django_capture_on_commit_callbacks(execute=True):
        message = notifier_demande(refusee, demande)
    message.refresh_from_db()
    assert message.etat == Message.Etat.ECHEC
    assert message.essais == 1
    assert "SMTPRecipientsRefused" in message.erreur
    assert "boîte aux lettres inexistante" in message.erreur or "550" in message.erreur


def test_a_refused_address_never_breaks_the_users_request(
    client, serveur_smtp, representant_vincennes, django_capture_on_commit_callbacks
):
    demande = AdhesionFactory(
        en_attente=True, territoire=territoire("94080"), utilisateur__email=ADRESSE_REFUSEE
    )
    connecter(client, representant_vincennes)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(reverse("accounts:approuver_adhesion", args=[demande.pk]))
    assert reponse.status_code == 302
    demande.refresh_from_db()
    assert demande.statut == Adhesion.Statut.APPROUVEE
    message = Message.objects.get(gabarit="adhesion_decidee")
    assert message.etat == Message.Etat.ECHEC


# Staff: resending a failed message -----------------------------------------------------


def test_staff_resend_a_failed_message_with_an_audit_entry(
    client, serveur_smtp, agent_metropole, demande, django_capture_on_commit_callbacks
):
    destinataire = UserFactory(email=ADRESSE_REFUSEE)
    with django_capture_on_commit_callbacks(execute=True):
        message = notifier_demande(destinataire, demande)
    destinataire.email = "corrigee@vincennes.fr"
    destinataire.save()
    connecter(client, agent_metropole)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            reverse("admin:notifications_message_changelist"),
            {"action": "renvoyer", "_selected_action": [message.pk]},
        )
    assert reponse.status_code == 302
    message.refresh_from_db()
    assert message.etat == Message.Etat.ENVOYE
    assert message.adresse == "corrigee@vincennes.fr"
    assert len(serveur_smtp.pour("corrigee@vincennes.fr")) == 1
    entree = Evenement.objects.pour(message).get()
    assert entree.acteur == agent_metropole
    assert (entree.etat_avant, entree.etat_apres) == ("echec", "en_attente")


def test_staff_filter_the_outbox_by_state_and_gabarit(client, agent_metropole, demande):
    outbox.notifier(destinataire=agent_metropole, gabarit="inconnu")
    notifier_demande(agent_metropole, demande)
    connecter(client, agent_metropole)
    reponse = client.get(
        reverse("admin:notifications_message_changelist"), {"etat": "echec", "gabarit": "inconnu"}
    )
    assert reponse.status_code == 200
    assert reponse.context["cl"].result_count == 1


def test_the_outbox_admin_is_closed_to_agents_of_territoires(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.get(reverse("admin:notifications_message_changelist"))
    assert reponse.status_code == 302


def test_the_sweep_stops_early_when_the_smtp_server_is_down(
    serveur_smtp, representant_vincennes, demande
):
    serveur_smtp.arreter()
    for _ in range(outbox.PANNES_AVANT_ARRET + 2):
        notifier_demande(representant_vincennes, demande)
    assert outbox.balayer() == 0
    essayes = Message.objects.filter(essais=1).count()
    assert essayes == outbox.PANNES_AVANT_ARRET
    assert Message.objects.filter(etat=Message.Etat.EN_ATTENTE).count() == (
        outbox.PANNES_AVANT_ARRET + 2
    )


def test_an_optional_message_is_not_sent_after_its_recipient_unsubscribed(
    serveur_smtp, agent_vincennes, agent_montreuil
):
    """Written while subscribed, retried after the SMTP outage: consent is read again."""
    from notifications.models import PreferencesNotification

    for agent in (agent_vincennes, agent_montreuil):
        PreferencesNotification.objects.create(utilisateur=agent, parcours_publies=True)
    serveur_smtp.arreter()
    messages = {
        agent.email: outbox.notifier(
            destinataire=agent, gabarit="parcours_publie", obligatoire=False
        )
        for agent in (agent_vincennes, agent_montreuil)
    }
    for message in messages.values():
        outbox.envoyer(message.pk)  # the server is down: both wait for a retry

    PreferencesNotification.objects.filter(utilisateur=agent_vincennes).update(
        parcours_publies=False
    )
    serveur_smtp.demarrer()
    assert outbox.balayer(maintenant=timezone.now() + timedelta(minutes=2)) == 1

    desabonne = Message.objects.get(pk=messages[agent_vincennes.email].pk)
    assert desabonne.etat == Message.Etat.ECHEC
    assert "désabonné" in desabonne.erreur
    assert serveur_smtp.pour(agent_vincennes.email) == []
    assert Message.objects.get(pk=messages[agent_montreuil.email].pk).etat == Message.Etat.ENVOYE
    assert len(serveur_smtp.pour(agent_montreuil.email)) == 1
