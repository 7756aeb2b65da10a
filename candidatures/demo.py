# SPDX-License-Identifier: EUPL-1.2
"""Demo applications from real communes of the referential, on the demo tracks.

- "Aires de livraison" (open): Vincennes has a draft in progress (the demo agent's commune),
  Montreuil and Saint-Maur-des-Fossés have submitted through the real workflow.
- "Simplification des démarches" (closed, under instruction): Vincennes submitted before the
  deadline and is admissible, as are Montreuil and Boulogne-Billancourt; Saint-Denis was asked
  for complements; Créteil is not admissible. The comite demo puts the admissible ones on the
  agenda of its past sitting, then declares Bobigny and Pantin admissible for today's open one.
- Tracks past the Bureau decision (including "Signalements", waiting for its conventions):
  Vincennes and Montreuil are selected (the conventions demo
  prepares their conventions).

Submissions after a deadline cannot go through the workflow; for those only the state and
the submission time are set by a direct update, marked ``# DÉMO``, with a receipt number from
the real counter. Deterministic: everything derives from ``maintenant``; idempotent.
"""

import datetime as dt
import io
from functools import cache

from django.core.files.base import ContentFile

from audit.journal import horloge_demo
from candidatures import accuses
from candidatures.models import Candidature, PieceJointe
from core.pdf import sha256
from core.workflow import appliquer
from territoires.models import Territoire
from tracks.models import Parcours

E = Candidature.Etat

REPONSES = {
    "94080": {
        "contexte": (
            "Vincennes (50 000 habitants) a un centre-ville dense et commerçant où les "
            "livraisons se concentrent entre 7 h et 11 h, rue de Fontenay et avenue de Paris."
        ),
        "ressources_humaines": (
            "La cheffe de projet innovation, deux agents de la police municipale et le service "
            "de la voirie ; pas de sous-traitant à ce stade."
        ),
        "disponibilite": "Une demi-journée par semaine pour l'équipe projet pendant l'expérimentation.",
        "perimetre": "",
        "moyens_materiels": "",
        "motivation": "",
    },
    "93048": {
        "contexte": (
            "Montreuil (112 000 habitants) connaît une forte croissance des livraisons liées au "
            "commerce en ligne et des conflits d'usage sur la voirie du Bas-Montreuil."
        ),
        "ressources_humaines": "La DSI, la direction de l'espace public et un chargé de mission données.",
        "disponibilite": "Deux jours par mois pour les ateliers, une personne référente à mi-temps ensuite.",
        "perimetre": "Douze aires de livraison du Bas-Montreuil et de la Croix-de-Chavaux.",
        "moyens_materiels": "Données de verbalisation, plan des aires, accès aux mâts d'éclairage.",
        "motivation": "Mieux partager la voirie et objectiver les décisions d'aménagement.",
    },
    "T8": {
        "contexte": (
            "Est Ensemble regroupe neuf communes et 430 000 habitants ; les zones d'activités "
            "de Bobigny et de Pantin génèrent un fort trafic de livraisons."
        ),
        "ressources_humaines": "La mission transition numérique et les services voirie des communes.",
        "disponibilite": "Une réunion mensuelle de suivi et un référent par commune participante.",
        "perimetre": "Les aires de livraison de trois centres-villes : Pantin, Bagnolet, Bondy.",
        "moyens_materiels": "Comptages existants, données de stationnement, accès aux mâts.",
        "motivation": "Mutualiser à l'échelle du territoire une démarche que chaque commune ne "
        "pourrait porter seule.",
    },
    "92012": {
        "contexte": "Boulogne-Billancourt reçoit 40 000 demandes d'état civil et d'urbanisme par an.",
        "ressources_humaines": "La direction de la relation usagers et la DSI.",
        "disponibilite": "Une équipe de trois agents pendant toute l'expérimentation.",
        "perimetre": "Les demandes d'actes d'état civil et les questions d'urbanisme courantes.",
        "moyens_materiels": "Historique anonymisé des demandes, accès au logiciel de gestion.",
        "motivation": "Réduire les délais de réponse et recentrer les agents sur l'accompagnement.",
    },
    "93066": {
        "contexte": "Saint-Denis, 149 000 habitants, forte demande d'accompagnement aux démarches.",
        "ressources_humaines": "Les maisons de quartier et le service numérique.",
        "disponibilite": "Des agents d'accueil formés, une demi-journée par semaine.",
        "perimetre": "L'accueil de la mairie principale et deux maisons de quartier.",
        "moyens_materiels": "Bornes d'accueil et outil de prise de rendez-vous.",
        "motivation": "Améliorer l'accès aux droits des habitants.",
    },
    "93008": {
        "contexte": "Bobigny, 57 000 habitants, préfecture : l'accueil reçoit 300 usagers par jour.",
        "ressources_humaines": "La direction de la relation citoyenne et deux agents d'accueil.",
        "disponibilite": "Une demi-journée par semaine pour l'équipe projet.",
        "perimetre": "Les demandes d'actes et les questions sur les inscriptions scolaires.",
        "moyens_materiels": "Historique anonymisé des demandes du guichet unique.",
        "motivation": "Répondre plus vite sans allonger l'attente au guichet.",
    },
    "93055": {
        "contexte": "Pantin, 62 000 habitants, voit ses demandes en ligne doubler depuis 2022.",
        "ressources_humaines": "Le service population et la DSI mutualisée.",
        "disponibilite": "Deux agents référents pendant toute l'expérimentation.",
        "perimetre": "Les démarches d'état civil et de stationnement résidentiel.",
        "moyens_materiels": "Le portail citoyen et ses statistiques d'usage.",
        "motivation": "Réduire les dossiers incomplets et les appels au standard.",
    },
    "94028": {
        "contexte": "Créteil souhaite simplifier les inscriptions périscolaires.",
        "ressources_humaines": "Le service de l'éducation.",
        "disponibilite": "À préciser.",
        "perimetre": "Les inscriptions périscolaires.",
        "moyens_materiels": "Le portail famille.",
        "motivation": "Réduire les dossiers incomplets.",
    },
}

# (track slug, INSEE code, state wanted, comment)
PLAN = [
    ("aires-de-livraison", "94080", E.BROUILLON, ""),
    ("aires-de-livraison", "93048", E.DEPOSEE, ""),
    ("aires-de-livraison", "T8", E.DEPOSEE, ""),
    ("simplification-des-demarches", "94080", E.ADMISSIBLE, ""),
    ("simplification-des-demarches", "93048", E.ADMISSIBLE, ""),
    ("simplification-des-demarches", "92012", E.ADMISSIBLE, ""),
    # Complete but checked after the first sitting: examined in today's open sitting.
    ("simplification-des-demarches", "93008", E.DEPOSEE, ""),
    ("simplification-des-demarches", "93055", E.DEPOSEE, ""),
    (
        "simplification-des-demarches",
        "93066",
        E.A_COMPLETER,
        "La délibération autorisant le maire à candidater n'est pas jointe.",
    ),
    (
        "simplification-des-demarches",
        "94028",
        E.NON_ADMISSIBLE,
        "Le formulaire d'engagement n'est pas signé par le représentant légal.",
    ),
    ("reemploi-des-materiaux", "94080", E.SELECTIONNEE, ""),
    ("reemploi-des-materiaux", "93048", E.SELECTIONNEE, ""),
    ("renovation-energetique-batiments-publics", "94080", E.SELECTIONNEE, ""),
    ("renovation-energetique-batiments-publics", "93048", E.SELECTIONNEE, ""),
    ("signalements-espace-public", "94080", E.SELECTIONNEE, ""),
    ("signalements-espace-public", "93048", E.SELECTIONNEE, ""),
]

AGENTS = {"94080": "agent_vincennes", "93048": "agent_montreuil", "T8": "agent_ept"}


def _agent(code: str, territoire: Territoire, comptes: dict):
    """The persona of the territoire, or a demo agent with an approved membership."""
    from accounts.models import Adhesion, User

    if code in AGENTS and AGENTS[code] in comptes:
        return comptes[AGENTS[code]]
    agent, _ = User.objects.get_or_create(
        email=f"agent.{code}@exemple.fr",
        defaults={"nom_complet": f"Agent de {territoire.nom}", "fonction": "Chargé de mission"},
    )
    Adhesion.objects.get_or_create(
        utilisateur=agent, territoire=territoire, defaults={"statut": Adhesion.Statut.APPROUVEE}
    )
    return agent


def creer(*, comptes: dict, maintenant: dt.datetime) -> str:
    """Create the demo applications (nothing twice); skip tracks that do not exist."""
    if not Parcours.objects.filter(slug="aires-de-livraison").exists():
        return "aucun parcours de démonstration : rien à créer"
    crees = []
    parcours_par_slug = {
        p.slug: p for p in Parcours.objects.filter(slug__in={ligne[0] for ligne in PLAN})
    }
    # Oldest deadline first: receipt numbers then follow the order of the deposits.
    plan = sorted(
        (ligne for ligne in PLAN if ligne[0] in parcours_par_slug),
        key=lambda ligne: parcours_par_slug[ligne[0]].date_limite or maintenant,
    )
    for slug, code, etat, commentaire in plan:
        parcours = parcours_par_slug[slug]
        territoire = Territoire.objects.get(code=code)
        if Candidature.objects.filter(parcours=parcours, territoire=territoire).exists():
            continue
        agent = _agent(code, territoire, comptes)
        candidature = _candidature(
            parcours, territoire, agent, comptes, complete=etat != E.BROUILLON
        )
        _amener(
            candidature,
            etat,
            agent=agent,
            comptes=comptes,
            maintenant=maintenant,
            motif=commentaire,
        )
        crees.append(f"{territoire.nom} ({Candidature.Etat(etat).label.lower()})")
    return f"{len(crees)} candidatures : " + ", ".join(crees) if crees else "déjà présentes"


def _candidature(parcours, territoire, agent, comptes, *, complete: bool) -> Candidature:
    reponses = REPONSES.get(territoire.code, REPONSES["93048"])
    if complete:
        reponses = {k: v or REPONSES["93048"][k] for k, v in reponses.items()}
    representant = comptes["representant_vincennes"] if territoire.code == "94080" else None
    candidature = Candidature.objects.create(
        parcours=parcours,
        territoire=territoire,
        **reponses,
        contact_nom=agent.nom_complet,
        contact_fonction=agent.fonction,
        contact_email=agent.email,
        contact_telephone="01 43 98 65 00" if territoire.code == "94080" else "01 48 70 60 00",
        representant_nom=representant.nom_complet if representant else "",
        representant_qualite=representant.fonction if representant else "",
        engagement_deux_phases=complete,
        creee_par=agent,
        modifiee_par=agent,
    )
    if complete:
        if not candidature.representant_nom:
            Candidature.objects.filter(pk=candidature.pk).update(
                representant_nom=f"Maire de {territoire.nom}", representant_qualite="Maire"
            )
        _joindre(candidature, agent)
    return Candidature.objects.avec_relations().get(pk=candidature.pk)


@cache
def _pdf_engagement() -> bytes:
    from pypdf import PdfWriter

    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    ecrivain.add_metadata({"/Title": "Formulaire d'engagement signé (démonstration)"})
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def _joindre(candidature: Candidature, agent) -> None:
    contenu = _pdf_engagement()
    piece = PieceJointe(
        candidature=candidature,
        nature=PieceJointe.Nature.ENGAGEMENT,
        nom=f"engagement-{candidature.territoire.code}-signe.pdf",
        taille=len(contenu),
        sha256=sha256(contenu),
        type_contenu="application/pdf",
        ajoutee_par=agent,
    )
    piece.fichier.save(piece.nom, ContentFile(contenu), save=False)
    piece.save()


def _amener(candidature, etat, *, agent, comptes, maintenant, motif: str) -> None:
    staff = comptes["agent_metropole"]
    if etat == E.BROUILLON:
        return
    if candidature.parcours.candidatures_ouvertes(maintenant):
        candidature = appliquer(candidature, "deposer", par=agent, etat_attendu=E.BROUILLON)
    else:
        limite = candidature.parcours.date_limite or maintenant
        # Each later application of the track two hours after the one before, before the deadline.
        deja = Candidature.objects.filter(
            parcours=candidature.parcours, deposee_le__isnull=False
        ).count()
        depot = (
            limite
            - dt.timedelta(days=2, hours=3, minutes=17, seconds=42)
            + dt.timedelta(hours=2 * deja)
        )
        Candidature.objects.filter(pk=candidature.pk).update(  # DÉMO: deadline already past
            etat=E.DEPOSEE,
            deposee_le=depot,
            deposee_par=agent,
            numero=accuses.allouer_numero(depot),
        )
        candidature = Candidature.objects.avec_relations().get(pk=candidature.pk)
    if etat == E.DEPOSEE:
        return
    limite = candidature.parcours.date_limite or maintenant
    with horloge_demo(min(limite + dt.timedelta(days=3), maintenant)):
        _instruire(candidature, etat, staff=staff, maintenant=maintenant, motif=motif)


def _instruire(candidature, etat, *, staff, maintenant, motif: str) -> None:
    """The admissibility check, journaled three days after the deadline."""
    if etat == E.A_COMPLETER:
        appliquer(
            candidature,
            "demander_complements",
            par=staff,
            commentaire=motif,
            elements=motif,
            avant=maintenant + dt.timedelta(days=8),
        )
        return
    if etat == E.NON_ADMISSIBLE:
        appliquer(candidature, "declarer_non_admissible", par=staff, commentaire=motif)
        return
    if etat == E.ADMISSIBLE:
        appliquer(candidature, "declarer_admissible", par=staff, commentaire="Dossier complet.")
        return
    # DÉMO: outcomes decided before this demo's history (the comite demo covers its own sitting).
    Candidature.objects.filter(pk=candidature.pk).update(etat=etat)


def a_essayer() -> dict[str, str]:
    """One thing to try per applicant persona and for the programme team, from the demo data."""
    essais = {}
    brouillon = Candidature.objects.filter(
        etat=E.BROUILLON, territoire__code="94080", parcours__slug="aires-de-livraison"
    ).first()
    if brouillon is not None:
        essais["agent_vincennes"] = (
            f"Mes candidatures (/candidatures/{brouillon.pk}/) : complétez le brouillon "
            "« Aires de livraison » (périmètre, moyens, motivation) et déposez-le ; "
            "l'accusé de réception numéroté suit."
        )
    deposee = Candidature.objects.filter(
        etat=E.DEPOSEE, territoire__code="93048", parcours__slug="aires-de-livraison"
    ).first()
    if deposee is not None:
        essais["agent_montreuil"] = (
            f"Mes candidatures (/candidatures/{deposee.pk}/accuse/) : retrouvez l'accusé de "
            f"réception n° {deposee.numero} de votre candidature « Aires de livraison »."
        )
    a_completer = Candidature.objects.filter(etat=E.A_COMPLETER).select_related("territoire")
    if a_completer.exists():
        essais["agent_metropole"] = (
            "Espace Métropole et comité → Candidatures : filtrez l'état « À compléter » et "
            f"relisez la demande de compléments faite à {a_completer.first().territoire.nom}."
        )
    essais["agent_ept"] = (
        "Parcours → « Aires de livraison » : la candidature d'Est Ensemble est déposée ; "
        "consultez-la depuis Mes candidatures."
    )
    return essais
