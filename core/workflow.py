# SPDX-License-Identifier: EUPL-1.2
"""What every django-fsm-2 workflow of the portal shares.

A guard is a small named function ``guard(instance) -> str | None`` that returns the French
reason it fails (``None`` when it holds). :func:`condition` adapts it to django-fsm's boolean
``conditions=``, and :func:`raisons_blocage` gives the reasons back, so that the admin and
the front office show the same explanation.

:func:`appliquer` is the one way a transition is run: it locks the row, checks that the
state is still the one the user saw, checks guards and permission, calls the transition
method, saves, and writes the history row, all in one transaction.
"""

from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django_fsm import FSMFieldMixin, Transition, TransitionNotAllowed

from audit.journal import enregistrer
from audit.models import Evenement

Guard = Callable[[Any], str | None]


class TransitionRefusee(Exception):
    """A transition that cannot run now; ``raisons`` are the French explanations."""

    def __init__(self, raisons: list[str]):
        self.raisons = raisons
        super().__init__(" ".join(raisons))


def condition(guard: Guard) -> Callable[[Any], bool]:
    """Wrap a guard for django-fsm's ``conditions=``; the guard stays reachable for messages."""

    def verifie(instance) -> bool:
        return guard(instance) is None

    verifie.guard = guard  # type: ignore[attr-defined]
    verifie.__name__ = guard.__name__
    verifie.__doc__ = guard.__doc__
    return verifie


def _champ_etat(instance: models.Model, nom_transition: str) -> FSMFieldMixin:
    methode = getattr(instance, nom_transition)
    if not hasattr(methode, "_django_fsm"):
        raise TypeError(f"{nom_transition} n'est pas une transition")
    return methode._django_fsm.field


def transition_de(instance: models.Model, nom_transition: str) -> Transition | None:
    """The django-fsm transition ``nom_transition`` from the instance's current state."""
    methode = getattr(instance, nom_transition)
    meta = methode._django_fsm
    return (
        meta.get_transition(meta.field.get_state(instance))
        if meta.has_transition(meta.field.get_state(instance))
        else None
    )


def raisons_blocage(instance: models.Model, nom_transition: str, user=None) -> list[str]:
    """Why ``nom_transition`` cannot run now, in French; empty when it can."""
    transition = transition_de(instance, nom_transition)
    if transition is None:
        etat = getattr(instance, f"get_{_champ_etat(instance, nom_transition).name}_display")()
        return [f"Cette action n'est pas possible à l'étape « {etat} »."]
    raisons = []
    for verifie in transition.conditions:
        guard = getattr(verifie, "guard", None)
        if guard is not None:
            raison = guard(instance)
            if raison:
                raisons.append(raison)
        elif not verifie(instance):
            raisons.append("Une condition préalable n'est pas remplie.")
    if user is not None and not transition.has_perm(instance, user):
        raisons.append("Vous n'avez pas le droit d'effectuer cette action.")
    return raisons


def transitions_possibles(instance: models.Model, champ: str, user) -> list[dict]:
    """Every transition declared from the current state, with its label and what blocks it.

    Used to draw the buttons: possible ones enabled, the others disabled with their reason;
    those the user has no right to run are left out.
    """
    field = instance._meta.get_field(champ)
    etat = field.get_state(instance)
    resultat = []
    for transition in field.get_all_transitions(instance.__class__):
        if transition.source not in (etat, "*", "+"):
            continue
        if user is not None and not transition.has_perm(instance, user):
            continue  # a button the user can never press is noise, not information
        resultat.append(
            {
                "nom": transition.name,
                "libelle": transition.custom.get("libelle", transition.name),
                "confirmation": transition.custom.get("confirmation", ""),
                "commentaire_requis": transition.custom.get("commentaire_requis", False),
                "staff": transition.custom.get("staff", True),
                "raisons": raisons_blocage(instance, transition.name, user),
            }
        )
    return resultat


def appliquer(
    instance: models.Model,
    nom_transition: str,
    *,
    par,
    etat_attendu: str | None = None,
    commentaire: str = "",
    adresse_ip: str | None = None,
    **kwargs: Any,
) -> models.Model:
    """Run one transition atomically and log it; raise :class:`TransitionRefusee` otherwise.

    ``etat_attendu`` is the state the user saw when clicking: if another user moved the object
    meanwhile, the action is refused rather than applied to a state they never saw.
    """
    champ = _champ_etat(instance, nom_transition)
    with transaction.atomic():
        verrouille = type(instance).objects.select_for_update().get(pk=instance.pk)
        etat_avant = champ.get_state(verrouille)
        if etat_attendu is not None and etat_attendu != etat_avant:
            libelle = getattr(verrouille, f"get_{champ.name}_display")()
            raise TransitionRefusee(
                [
                    "Cette action a déjà été faite ou l'étape a changé entre-temps : "
                    f"l'étape actuelle est « {libelle} ». Rien n'a été modifié."
                ]
            )
        raisons = raisons_blocage(verrouille, nom_transition, par)
        if raisons:
            raise TransitionRefusee(raisons)
        try:
            getattr(verrouille, nom_transition)(par=par, commentaire=commentaire, **kwargs)
        except TransitionNotAllowed:
            # django-fsm checks the guards again a moment later: a clock-dependent guard (a
            # deadline) may have turned false in between. A refusal, not a server error.
            raise TransitionRefusee(
                raisons_blocage(verrouille, nom_transition, par)
                or ["Cette action n'est plus possible. Rien n'a été modifié."]
            ) from None
        verrouille.save()
        enregistrer(
            action=Evenement.Action.TRANSITION,
            acteur=par,
            objet=verrouille,
            transition=nom_transition,
            etat_avant=str(etat_avant),
            etat_apres=str(champ.get_state(verrouille)),
            commentaire=commentaire,
            adresse_ip=adresse_ip,
        )
    return verrouille


def graphe_mermaid(modele: type[models.Model], champ: str) -> str:
    """The workflow as a Mermaid state diagram, generated from the declared transitions."""
    field = modele._meta.get_field(champ)
    libelles = dict(field.choices)
    lignes = ["stateDiagram-v2"]
    for valeur, libelle in libelles.items():
        lignes.append(f"    {valeur} : {libelle}")
    vues = set()
    for transition in sorted(field.get_all_transitions(modele), key=lambda t: str(t.source)):
        sources = libelles if transition.source in ("*", "+") else [transition.source]
        for source in sources:
            if transition.source == "+" and source == transition.target:
                continue
            cle = (source, transition.target, transition.name)
            if cle in vues:
                continue
            vues.add(cle)
            libelle = transition.custom.get("libelle", transition.name)
            lignes.append(f"    {source} --> {transition.target} : {libelle}")
    return "\n".join(lignes) + "\n"
