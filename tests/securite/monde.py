# SPDX-License-Identifier: EUPL-1.2
"""One small world with an object of every kind, and the ten roles that look at it.

Why: the role × URL matrix and the bad-input tests need the same fixtures — a track
published and one in instruction, applications of Vincennes (territoire A) and Montreuil (B),
a committee session with a conflicted member, a convention, a deliverable, a notification…
built with the apps' own factories so that they stay valid as the models change.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Adhesion
from tests.factories import AdhesionFactory, UserFactory, territoire

ROLES = (
    "anonyme",
    "agent_en_attente",
    "agent_a",
    "agent_b",
    "representant_a",
    "membre",
    "membre_en_conflit",
    "president",
    "expert",
    "staff",
)


@dataclass
class Monde:
    utilisateurs: dict = field(default_factory=dict)
    objets: dict = field(default_factory=dict)

    def __getattr__(self, nom):
        try:
            return self.__dict__["objets"][nom]
        except KeyError as erreur:
            raise AttributeError(nom) from erreur


def construire_monde() -> Monde:
    """Build every object the matrix's URLs point to (one call per test: ~1 s)."""
    from comite.models import DecisionBureau, IssueDecision
    from comite.seances import constituer_ordre_du_jour
    from conventions.models import LotGeneration
    from notifications.models import Message
    from suivi.livrables import preparer_livrables
    from suivi.models import FicheRegistreIA, Livrable
    from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer
    from tests.comite.factories import (
        SessionFactory,
        candidature_admissible,
        convoquer,
        declarer,
        octets_pdf,
        parcours_en_instruction,
    )
    from tests.conventions.factories import beneficiaire, convention, parcours_laureats
    from tests.suivi.factories import parcours_en_experimentation
    from tests.tracks.factories import fichier_pdf
    from tracks.models import DocumentParcours

    u = {
        "agent_en_attente": AdhesionFactory(
            en_attente=True, territoire=territoire("94080")
        ).utilisateur,
        "agent_a": AdhesionFactory(territoire=territoire("94080")).utilisateur,
        "agent_b": AdhesionFactory(territoire=territoire("93048")).utilisateur,
        "representant_a": AdhesionFactory(
            representant_legal=True, territoire=territoire("94080")
        ).utilisateur,
        "membre": UserFactory(membre_comite=True),
        "membre_en_conflit": UserFactory(membre_comite=True),
        "president": UserFactory(president_comite=True),
        "expert": UserFactory(expert=True),
        "staff": UserFactory(agent_metropole=True),
    }
    o = {}
    # Tracks: one published (open), one in instruction with A and B admissible.
    o["parcours_publie"] = ParcoursPublieFactory()
    o["document_parcours"] = DocumentParcours.objects.create(
        parcours=o["parcours_publie"],
        nature=DocumentParcours.Nature.REGLEMENT,
        fichier=fichier_pdf("reglement.pdf"),
    )
    o["brouillon_a"] = CandidatureFactory(parcours=o["parcours_publie"])
    o["brouillon_b"] = CandidatureFactory(
        parcours=o["parcours_publie"], territoire=territoire("93048")
    )
    o["parcours_instruction"] = parcours_en_instruction()
    o["candidature_a"] = completer(
        candidature_admissible(o["parcours_instruction"], "94080"), par=u["agent_a"]
    )
    type(o["candidature_a"]).objects.filter(pk=o["candidature_a"].pk).update(
        numero="2026-AIRES-0001", deposee_le=timezone.now()
    )
    o["piece_a"] = o["candidature_a"].pieces.first()
    o["candidature_b"] = completer(
        candidature_admissible(o["parcours_instruction"], "93048"), par=u["agent_b"]
    )
    o["piece_b"] = o["candidature_b"].pieces.first()
    # Committee: a session on the track in instruction; one member conflicted on Vincennes.
    declarer(u["membre_en_conflit"], "94080")
    session = SessionFactory(president=u["president"])
    session.parcours.add(o["parcours_instruction"])
    convoquer(session, u["president"], u["membre"], u["membre_en_conflit"])
    constituer_ordre_du_jour(session)
    o["session"] = session
    o["point_a"] = session.points.get(candidature=o["candidature_a"])
    o["point_b"] = session.points.get(candidature=o["candidature_b"])
    # Winners: a convention with its PDF for Vincennes, the Bureau's decision for both.
    o["parcours_laureats"] = parcours_laureats()
    laureat_a = beneficiaire(o["parcours_laureats"], "94080")
    laureat_b = beneficiaire(o["parcours_laureats"], "93048")
    o["convention_a"] = convention(laureat_a, etat="envoyee", pdf=True)
    o["document_convention_a"] = o["convention_a"].documents.first()
    o["convention_b"] = convention(laureat_b, etat="envoyee", pdf=True)
    o["lot"] = LotGeneration.objects.create(parcours=o["parcours_laureats"], demande_par=u["staff"])
    decision = DecisionBureau(
        parcours=o["parcours_laureats"],
        numero="CB-2026-042",
        date=dt.date(2026, 6, 1),
        enregistree_par=u["staff"],
    )
    decision.document.save("deliberation.pdf", ContentFile(octets_pdf()), save=False)
    decision.save()
    o["decision"] = decision
    o["issue_a"] = IssueDecision.objects.create(
        decision=decision, candidature=laureat_a, selectionnee=True
    )
    o["issue_b"] = IssueDecision.objects.create(
        decision=decision, candidature=laureat_b, selectionnee=True
    )
    # Phase 2: deliverables of Vincennes, the communication kit, a published register entry.
    o["parcours_experimentation"] = parcours_en_experimentation(fin=dt.date(2027, 6, 30))
    preparer_livrables(o["parcours_experimentation"])
    o["livrable_a"] = Livrable.objects.filter(territoire__code="94080").first()
    DocumentParcours.objects.create(
        parcours=o["parcours_experimentation"],
        nature=DocumentParcours.Nature.KIT_COMMUNICATION,
        fichier=fichier_pdf("kit.pdf"),
    )
    o["fiche_registre"] = FicheRegistreIA.objects.create(
        parcours=o["parcours_experimentation"],
        finalite="Trier les demandes des usagers.",
        service_public="Relation usagers",
        donnees_utilisees="Demandes anonymisées",
        fournisseur="Prestataire SAS",
        deployeurs="Vincennes",
        controle_humain="Chaque réponse est relue par un agent.",
        publiee=True,
    )
    # Accounts: a pending membership to approve, a notification for agent A.
    o["adhesion_en_attente"] = Adhesion.objects.get(utilisateur=u["agent_en_attente"])
    o["message_a"] = Message.objects.create(
        destinataire=u["agent_a"],
        adresse=u["agent_a"].email,
        gabarit="essai",
        sujet="Votre candidature",
        corps_texte="Bonjour.",
    )
    from django_otp.plugins.otp_totp.models import TOTPDevice

    o["totp_staff"] = TOTPDevice.objects.create(user=u["staff"], name="Téléphone")
    from django.contrib.contenttypes.models import ContentType

    o["ct_candidature"] = ContentType.objects.get_for_model(o["candidature_a"]).pk
    return Monde(utilisateurs=u, objets=o)
