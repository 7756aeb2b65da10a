# SPDX-License-Identifier: EUPL-1.2
"""Demo notices: what the demo users find in their notification centre (some already read).

They are recorded as already sent (the demo sends nothing), from the same templates as
real messages, and keyed so that running the demo twice adds nothing.
"""

from datetime import timedelta

from django.db import transaction

from notifications import outbox
from notifications.models import Message, PreferencesNotification


def _avis(*, destinataire, gabarit, objet, contexte, il_y_a: timedelta, lu: bool, maintenant):
    cle = f"demo|{outbox.cle_rappel(gabarit, objet, destinataire)}"
    if Message.objects.filter(cle=cle).exists():
        return 0
    message = outbox.preparer(
        destinataire=destinataire, gabarit=gabarit, objet=objet, contexte=contexte, cle=cle
    )
    moment = maintenant - il_y_a
    message.cree_le = message.prevu_le = message.prochain_essai_le = moment
    if message.etat == Message.Etat.EN_ATTENTE:
        message.etat = Message.Etat.ENVOYE
        message.essais = 1
        message.envoye_le = moment + timedelta(seconds=4)
    message.lu_le = moment + timedelta(hours=2) if lu else None
    with transaction.atomic():
        message.save()
    return 1


def creer(*, comptes, maintenant) -> str:
    from tracks.models import Parcours

    agent_vincennes = comptes["agent_vincennes"]
    agent_montreuil = comptes["agent_montreuil"]
    PreferencesNotification.objects.update_or_create(
        utilisateur=agent_vincennes, defaults={"parcours_publies": True}
    )
    PreferencesNotification.objects.update_or_create(
        utilisateur=agent_montreuil,
        defaults={"parcours_publies": True, "rappels_sans_candidature": True},
    )
    ecrits = 0
    for cle in ("agent_vincennes", "agent_montreuil", "agent_ept"):
        adhesion = comptes[cle].adhesions.select_related("territoire").first()
        if adhesion is None:
            continue
        ecrits += _avis(
            destinataire=comptes[cle],
            gabarit="adhesion_decidee",
            objet=adhesion,
            contexte={"adhesion": adhesion},
            il_y_a=timedelta(days=30),
            lu=True,
            maintenant=maintenant,
        )
        ecrits += _avis(
            destinataire=comptes["agent_metropole"],
            gabarit="adhesion_a_valider",
            objet=adhesion,
            contexte={"adhesion": adhesion},
            il_y_a=timedelta(days=31),
            lu=cle != "agent_ept",
            maintenant=maintenant,
        )
    ouverts = list(Parcours.objects.ouverts(maintenant).order_by("date_limite")[:2])
    for rang, parcours in enumerate(ouverts):
        for agent in (agent_vincennes, agent_montreuil):
            ecrits += _avis(
                destinataire=agent,
                gabarit="parcours_publie",
                objet=parcours,
                contexte={"parcours": parcours},
                il_y_a=timedelta(days=12 + rang),
                lu=agent == agent_vincennes and rang == 0,
                maintenant=maintenant,
            )
    if ouverts:
        ecrits += _avis(
            destinataire=agent_montreuil,
            gabarit="rappel_echeance_sans_candidature",
            objet=ouverts[0],
            contexte={"parcours": ouverts[0], "jours": 14},
            il_y_a=timedelta(days=1),
            lu=False,
            maintenant=maintenant,
        )
    return f"{ecrits} notifications dans les centres des comptes de démonstration"
