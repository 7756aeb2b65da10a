# SPDX-License-Identifier: EUPL-1.2
"""The demo personas, one per role, all with the same printed password."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from accounts.models import Adhesion, User
from accounts.roles import AGENT_METROPOLE, EXPERT, MEMBRE_COMITE, PRESIDENT_COMITE
from territoires.models import Territoire

MOT_DE_PASSE_DEMO = "Demo-ApproprIAtion-2026"
# DEMO ONLY: a public, fixed second factor so that anyone can try the back office. The TOTP
# secret is the RFC 6238 test key ("12345678901234567890"), shown as base32 below.
TOTP_DEMO_CLE_HEX = "3132333435363738393031323334353637383930"
TOTP_DEMO_SECRET = "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"
CODES_SECOURS_DEMO = [f"demo{n:02d}" for n in range(1, 11)]


@dataclass(frozen=True)
class Persona:
    cle: str
    email: str
    nom: str
    role: str
    groupes: tuple[str, ...] = ()
    territoire: str = ""
    role_territoire: str = Adhesion.Role.AGENT
    fonction: str = ""


PERSONAS = [
    Persona(
        "agent_vincennes",
        "agent.vincennes@exemple.fr",
        "Claire Martin",
        "Agent de commune (Vincennes)",
        territoire="94080",
        fonction="Cheffe de projet innovation",
    ),
    Persona(
        "representant_vincennes",
        "maire.vincennes@exemple.fr",
        "Pierre Lemoine",
        "Représentant légal (Vincennes)",
        territoire="94080",
        role_territoire=Adhesion.Role.REPRESENTANT_LEGAL,
        fonction="Maire adjoint délégué",
    ),
    Persona(
        "agent_montreuil",
        "agent.montreuil@exemple.fr",
        "Karim Benali",
        "Agent de commune (Montreuil)",
        territoire="93048",
        fonction="Directeur des systèmes d'information",
    ),
    Persona(
        "agent_ept",
        "agent.est-ensemble@exemple.fr",
        "Inès Moreau",
        "Agent d'EPT (Est Ensemble)",
        territoire="T8",
        fonction="Chargée de mission transition numérique",
    ),
    Persona(
        "agent_metropole",
        "staff@exemple.fr",
        "Julie Roux",
        "Agent de la Métropole",
        groupes=(AGENT_METROPOLE,),
        fonction="Cheffe du programme ApproprIAtion",
    ),
    Persona(
        "president_comite",
        "president.comite@exemple.fr",
        "Anne Fabre",
        "Présidente du comité d'examen",
        groupes=(MEMBRE_COMITE, PRESIDENT_COMITE),
        fonction="Représentante du Président de la Métropole",
    ),
    Persona(
        "membre_comite",
        "membre.comite@exemple.fr",
        "Louis Garnier",
        "Membre du comité d'examen",
        groupes=(MEMBRE_COMITE,),
        fonction="Vice-président Communication et Innovation numérique",
    ),
    Persona(
        "membre_comite_2",
        "membre2.comite@exemple.fr",
        "Sarah Petit",
        "Membre du comité d'examen",
        groupes=(MEMBRE_COMITE,),
        fonction="Présidente de la commission Numérique",
    ),
    Persona(
        "membre_comite_3",
        "membre3.comite@exemple.fr",
        "Marc Dubois",
        "Membre du comité d'examen",
        groupes=(MEMBRE_COMITE,),
        fonction="Représentant d'un groupe politique",
    ),
    Persona(
        "expert",
        "expert@exemple.fr",
        "Nadia Haddad",
        "Experte (comité d'experts)",
        groupes=(EXPERT,),
        fonction="Experte en intelligence artificielle",
    ),
]


def creer_personas() -> dict[str, User]:
    """Create or refresh the demo accounts; idempotent."""
    comptes = {}
    for persona in PERSONAS:
        user, _ = User.objects.update_or_create(
            email=persona.email,
            defaults={
                "nom_complet": persona.nom,
                "fonction": persona.fonction,
                "is_staff": bool(persona.groupes),
            },
        )
        user.set_password(MOT_DE_PASSE_DEMO)
        user.save()
        user.groups.set([Group.objects.get(name=nom) for nom in persona.groupes])
        if persona.groupes:
            _second_facteur_demo(user)
        if persona.territoire:
            Adhesion.objects.update_or_create(
                utilisateur=user,
                territoire=Territoire.objects.get(code=persona.territoire),
                defaults={"role": persona.role_territoire, "statut": Adhesion.Statut.APPROUVEE},
            )
        comptes[persona.cle] = user
    return comptes


def _second_facteur_demo(user: User) -> None:
    """Give a back-office persona the fixed demo TOTP secret and the ten demo backup codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.deux_facteurs import NOM_TOTP, regenerer_codes_secours

    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name=NOM_TOTP, key=TOTP_DEMO_CLE_HEX, confirmed=True)
    regenerer_codes_secours(user, codes=list(CODES_SECOURS_DEMO))
