# SPDX-License-Identifier: EUPL-1.2
"""The demo personas, one per role, all with the same printed password.

Created only where the settings say demo (:func:`demo_autorisee`), and never over an existing
account (:func:`creer_personas`).
"""

from dataclasses import dataclass

from django.conf import settings
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


def demo_autorisee() -> bool:
    """Demo data only where the settings say demo: DEBUG on, or an explicit ``DEMO=1`` (which
    the settings refuse when DEBUG is off outside the tests)."""
    return bool(settings.DEBUG or getattr(settings, "DEMO", False))


def comptes_existants() -> list[str]:
    """The demo addresses that already have an account: those accounts are left untouched."""
    adresses = [persona.email for persona in PERSONAS]
    return sorted(User.objects.filter(email__in=adresses).values_list("email", flat=True))


def creer_personas() -> dict[str, User]:
    """Create the demo accounts that do not exist yet; idempotent.

    An account that already has a demo address is never touched: no password reset, no TOTP
    device, no backup codes, no group or membership change. Whoever owns it (an earlier demo
    run, or a real person) keeps it as it is; it is still returned, for the demo data to use.
    """
    existants = {u.email: u for u in User.objects.filter(email__in=[p.email for p in PERSONAS])}
    comptes = {}
    for persona in PERSONAS:
        if persona.email in existants:
            comptes[persona.cle] = existants[persona.email]
            continue
        user = User.objects.create_user(
            email=persona.email,
            password=MOT_DE_PASSE_DEMO,
            nom_complet=persona.nom,
            fonction=persona.fonction,
            is_staff=bool(persona.groupes),
        )
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
