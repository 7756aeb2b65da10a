# SPDX-License-Identifier: EUPL-1.2
"""Factories, with traits named after situations."""

import factory
from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.deux_facteurs import exige_second_facteur
from accounts.models import Adhesion, User
from accounts.roles import AGENT_METROPOLE, EXPERT, MEMBRE_COMITE, PRESIDENT_COMITE
from territoires.models import Territoire

MOT_DE_PASSE = "Mot-de-passe-solide-2026"


def territoire(code: str) -> Territoire:
    """A territoire of the reference data (loaded by migration), by INSEE or EPT code."""
    return Territoire.objects.get(code=code)


def _ajouter(user, noms) -> None:
    for nom in noms or ():
        user.groups.add(Group.objects.get(name=nom))
    user.save()


def _avec(noms):
    return factory.PostGeneration(
        lambda obj, create, extracted, **kw: _ajouter(obj, extracted or noms)
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@exemple.fr")
    nom_complet = factory.Sequence(lambda n: f"Agent Numéro {n}")
    fonction = "Chargé de mission numérique"
    password = factory.PostGenerationMethodCall("set_password", MOT_DE_PASSE)

    groupes = factory.PostGeneration(lambda obj, create, extracted, **kw: _ajouter(obj, extracted))

    class Params:
        agent_metropole = factory.Trait(is_staff=True, groupes=_avec([AGENT_METROPOLE]))
        membre_comite = factory.Trait(is_staff=True, groupes=_avec([MEMBRE_COMITE]))
        president_comite = factory.Trait(
            is_staff=True, groupes=_avec([MEMBRE_COMITE, PRESIDENT_COMITE])
        )
        expert = factory.Trait(is_staff=True, groupes=_avec([EXPERT]))


class AdhesionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adhesion

    utilisateur = factory.SubFactory(UserFactory)
    territoire = factory.LazyFunction(lambda: territoire("94080"))  # Vincennes
    role = Adhesion.Role.AGENT
    statut = Adhesion.Statut.APPROUVEE

    class Params:
        en_attente = factory.Trait(statut=Adhesion.Statut.EN_ATTENTE)
        representant_legal = factory.Trait(role=Adhesion.Role.REPRESENTANT_LEGAL)


def agent_de(code: str, **kwargs) -> User:
    """An agent with an approved membership of the territoire ``code``."""
    return AdhesionFactory(territoire=territoire(code), **kwargs).utilisateur


def connecter(client, user):
    """Log ``user`` in on the test client, with a verified second factor when the role needs one.

    Every test that opens a page as a user goes through here, so that the back office's
    two-factor gate is satisfied the way a real login would satisfy it.
    """
    client.force_login(user)
    if exige_second_facteur(user):
        appareil, _ = StaticDevice.objects.get_or_create(
            user=user, name="Tests", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = appareil.persistent_id
        session.save()
    return client
