# SPDX-License-Identifier: EUPL-1.2
"""The Métropole-side roles, as groups with their model permissions.

Groups are created and kept in sync after each ``migrate`` (idempotent), from this table.
Object-level rules (which session, which territoire) are in each app's ``rules.py``.
"""

AGENT_METROPOLE = "Agents de la Métropole"
MEMBRE_COMITE = "Membres du comité"
PRESIDENT_COMITE = "Présidence du comité"
EXPERT = "Experts"

ROLES_BACK_OFFICE = [AGENT_METROPOLE, MEMBRE_COMITE, PRESIDENT_COMITE, EXPERT]

# group -> list of "app_label.codename"; a missing permission (app not migrated yet) is skipped.
PERMISSIONS: dict[str, list[str]] = {
    AGENT_METROPOLE: [
        "accounts.view_user",
        # Invite, deactivate, reset a second factor; grant only the roles they hold themselves
        # (accounts.comptes): an agent invites agents, a superuser every role.
        "accounts.gerer_comptes",
        "accounts.view_adhesion",
        "accounts.change_adhesion",
        "territoires.view_territoire",
        # Accessibility complaints (RGAA statement): read them and mark them handled.
        "core.view_signalementaccessibilite",
        "core.change_signalementaccessibilite",
        "notifications.view_message",
        "notifications.change_message",  # the "resend a failed message" action only
        "django_celery_beat.view_periodictask",
        "django_celery_beat.change_periodictask",
        "tracks.piloter_parcours",
        "tracks.view_parcours",
        "tracks.add_parcours",
        "tracks.change_parcours",
        "tracks.view_ponderationcritere",
        "tracks.add_ponderationcritere",
        "tracks.change_ponderationcritere",
        "tracks.delete_ponderationcritere",
        *[
            f"tracks.{action}_{modele}"
            for modele in (
                "jalonprevu",
                "documentparcours",
                "reunionlancement",
                "presencelancement",
                "atelier",
                "presenceatelier",
                "casusage",
                "avisexpert",
                "marchepublic",
                "prestataire",
            )
            for action in ("view", "add", "change", "delete")
        ],
        "tracks.view_suggestiontheme",
        "tracks.change_suggestiontheme",
        "conventions.piloter_convention",
        "conventions.view_convention",
        "conventions.change_convention",
        "conventions.view_modeleconvention",
        "conventions.add_modeleconvention",
        "conventions.change_modeleconvention",
        "conventions.view_documentconvention",
        "conventions.view_lotgeneration",
        "conventions.add_lotgeneration",
        "comite.gerer_sessions",
        *[
            f"comite.{action}_{modele}"
            for modele in (
                "groupepolitique",
                "mandatmembre",
                "declarationinteret",
                "programme",
                "sessionexamen",
                "convocation",
                "pointordredujour",
                "audition",
            )
            for action in ("view", "add", "change", "delete")
        ],
        "comite.view_decisionbureau",
        "comite.view_issuedecision",
        "candidatures.view_candidature",
        "candidatures.view_piecejointe",
        "candidatures.instruire_candidature",
        "candidatures.exporter_candidatures",
        "suivi.valider_livrable",
        "suivi.view_livrable",
        *[
            f"suivi.{action}_{modele}"
            for modele in ("indicateurevaluation", "ficheregistreia")
            for action in ("view", "add", "change", "delete")
        ],
    ],
    MEMBRE_COMITE: ["comite.view_sessionexamen"],  # own sessions only (comite.rules)
    PRESIDENT_COMITE: ["comite.view_sessionexamen"],
    EXPERT: [
        "tracks.view_parcours",
        "tracks.view_casusage",
        "tracks.view_avisexpert",
        "tracks.add_avisexpert",
        "tracks.change_avisexpert",
    ],
}


def est_agent_metropole(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.a_role(AGENT_METROPOLE)))


def synchroniser_groupes(**kwargs) -> None:
    """Create the groups and give them exactly the permissions of :data:`PERMISSIONS`."""
    from django.contrib.auth.models import Group, Permission

    for nom, codes in PERMISSIONS.items():
        groupe, _ = Group.objects.get_or_create(name=nom)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                permissions.append(permission)
        groupe.permissions.set(permissions)
