# SPDX-License-Identifier: EUPL-1.2
"""Demo tracks at different stages, on the themes of the programme's first calls.

Transitions are run through :func:`core.workflow.appliquer` wherever their guards can hold
with the data of this app. Three steps need other apps' data (the Bureau decision of the
``comite`` app, the selected candidatures of ``candidatures``, the conventions of
``conventions``): for those only, the demo moves the state by a direct update, marked
``# DÉMO`` below, so the later steps can be shown; the demo modules of those apps, which run
after this one, make the data coherent. Deterministic: everything derives from ``maintenant``.
"""

import datetime as dt
from decimal import Decimal
from functools import cache

from django.core.files.base import ContentFile

from audit.journal import horloge_demo
from core.workflow import appliquer
from territoires.models import Territoire
from tracks.criteres import Critere
from tracks.models import (
    Atelier,
    AvisExpert,
    CasUsage,
    DocumentParcours,
    JalonPrevu,
    MarchePublic,
    Parcours,
    PonderationCritere,
    PresenceAtelier,
    PresenceLancement,
    Prestataire,
    ReunionLancement,
    SuggestionTheme,
)

E = Parcours.Etat

# Weights of the six criteria; the motivation and the local context weigh most.
POIDS = {
    Critere.CONTEXTE: Decimal("2"),
    Critere.RESSOURCES_HUMAINES: Decimal("1.5"),
    Critere.DISPONIBILITE: Decimal("1"),
    Critere.PERIMETRE: Decimal("1"),
    Critere.MOYENS_MATERIELS: Decimal("1"),
    Critere.MOTIVATION: Decimal("2"),
}

PARCOURS = [
    {
        "slug": "aires-de-livraison",
        "titre": "Aires de livraison : mieux partager la voirie",
        "theme": (
            "Les livraisons de marchandises occupent la voirie aux heures de pointe et les aires "
            "de livraison sont souvent mal utilisées. Ce parcours propose d'expérimenter une "
            "solution d'intelligence artificielle qui mesure l'occupation réelle des aires et "
            "aide à en ajuster l'emplacement, les horaires et le contrôle."
        ),
        "problematiques": (
            "Stationnement en double file, conflits d'usage avec les cyclistes, manque de "
            "données fiables sur l'occupation des aires."
        ),
        "etape": E.PUBLIE,
    },
    {
        "slug": "simplification-des-demarches",
        "titre": "Simplification des démarches administratives",
        "theme": (
            "Accueillir mieux les usagers en simplifiant les démarches les plus fréquentes : "
            "pré-instruction des demandes, réponses aux questions courantes, orientation vers "
            "le bon service, dans le respect du RGPD et avec un agent toujours en responsabilité."
        ),
        "problematiques": "Délais de traitement, standards saturés, dossiers incomplets.",
        "etape": E.INSTRUCTION,
    },
    {
        "slug": "reemploi-des-materiaux",
        "titre": "Réemploi des matériaux de construction",
        "theme": (
            "Identifier, avant une démolition ou une rénovation, les matériaux réemployables "
            "des bâtiments publics, et les proposer à d'autres chantiers du territoire."
        ),
        "problematiques": "Diagnostics ressources coûteux, filières de réemploi mal connues.",
        "etape": E.EXPERIMENTATION,
        "cas_usage": [
            (
                "Inventaire assisté des matériaux réemployables",
                "Reconnaissance des matériaux à partir de photos et des plans existants.",
            ),
            (
                "Mise en relation des chantiers donneurs et receveurs",
                "Recommander des chantiers receveurs à partir des inventaires publiés.",
            ),
        ],
        "avis": (
            "Le premier cas d'usage est mesurable et frugal : un modèle de vision existant "
            "suffit, sans entraînement sur des données personnelles. Le second dépend de "
            "données encore rares ; il pourra suivre."
        ),
        "prestataire": ("Matériaux Circulaires SAS", "89012345600021"),
        "marche": "MGP-AO-2026-0142",
    },
    {
        "slug": "renovation-energetique-batiments-publics",
        "titre": "Rénovation énergétique des bâtiments publics",
        "theme": (
            "Réduire la consommation d'énergie des écoles, gymnases et médiathèques en "
            "pilotant finement le chauffage à partir des données d'occupation et de météo."
        ),
        "problematiques": "Factures énergétiques en hausse, décret tertiaire, patrimoine ancien.",
        "etape": E.CLOS,
        "cas_usage": [
            (
                "Pilotage du chauffage selon l'occupation",
                "Prévoir l'occupation des salles pour moduler les consignes de chauffage.",
            ),
            (
                "Détection des dérives de consommation",
                "Alerter les services techniques quand un bâtiment consomme anormalement.",
            ),
        ],
        "avis": (
            "Le pilotage selon l'occupation est le plus utile et le plus sobre : les données "
            "de réservation existent déjà et aucune donnée personnelle n'est nécessaire."
        ),
        "prestataire": ("Thermia Conseil SARL", "81234567800035"),
        "marche": "MGP-AO-2025-0087",
    },
    {
        "slug": "signalements-espace-public",
        "titre": "Traitement des signalements sur l'espace public",
        "theme": (
            "Trier et orienter automatiquement les signalements des habitants (dépôts "
            "sauvages, nids-de-poule, éclairage en panne) vers le bon service, et en suivre "
            "le traitement, avec un agent qui valide chaque orientation."
        ),
        "problematiques": "Signalements en doublon, mal orientés, délais de réponse inégaux.",
        "etape": E.PRESTATAIRE,
        "cas_usage": [
            (
                "Tri et orientation des signalements",
                "Classer chaque signalement par nature et proposer le service compétent.",
            ),
            (
                "Détection des doublons",
                "Regrouper les signalements d'un même problème au même endroit.",
            ),
        ],
        "avis": (
            "Le tri des signalements est le cas d'usage le plus utile : les historiques "
            "existent, les photos peuvent être floutées et l'agent garde la décision."
        ),
        "prestataire": ("Civic Data Lab SAS", "85234567100018"),
        "marche": "MGP-AO-2026-0203",
    },
    {
        "slug": "bruit-urbain",
        "titre": "Mesurer et réduire le bruit urbain",
        "theme": (
            "Cartographier le bruit des rues et des chantiers à partir de capteurs et de "
            "signalements, pour mieux cibler les actions de réduction des nuisances."
        ),
        "problematiques": "Plaintes des riverains, cartes de bruit anciennes.",
        "etape": E.BROUILLON,
    },
]


def creer(*, comptes: dict, maintenant: dt.datetime) -> str:
    """Create the demo tracks (idempotent: an existing slug is left as it is)."""
    crees = []
    for donnees in PARCOURS:
        if Parcours.objects.filter(slug=donnees["slug"]).exists():
            continue
        parcours = _brouillon(donnees, maintenant)
        _avancer(parcours, donnees, comptes=comptes, maintenant=maintenant)
        crees.append(f"{donnees['titre']} ({Parcours.objects.get(pk=parcours.pk).etat})")
    _suggestions(comptes, maintenant)
    return f"{len(crees)} parcours : " + ", ".join(crees) if crees else "déjà présents"


def _brouillon(donnees: dict, maintenant: dt.datetime) -> Parcours:
    parcours = Parcours.objects.create(
        slug=donnees["slug"],
        titre=donnees["titre"],
        theme=donnees["theme"],
        problematiques=donnees["problematiques"],
        # Every demo call opens for three weeks from today noon (Paris time).
        date_limite=maintenant + dt.timedelta(days=21),
        echelle_min=0,
        echelle_max=5,
    )
    for critere, poids in POIDS.items():
        PonderationCritere.objects.create(parcours=parcours, critere=critere, poids=poids)
    for nature, titre in [
        ("formulaire_candidature", "Dossier de candidature"),
        ("formulaire_engagement", "Formulaire d'engagement"),
        ("reglement", "Règlement du programme ApproprIAtion Métropolitaine"),
    ]:
        DocumentParcours.objects.create(
            parcours=parcours,
            nature=nature,
            fichier=ContentFile(_pdf(titre), name=f"{nature}.pdf"),
        )
    return parcours


# Days from today back to the close of applications of each advanced track: each step then
# happens after the one before it, in the order and at the pace the programme plans
# (``DELAIS_PREVUS``), and the experimentation starts well after the deadline and the Bureau.
ORIGINE = {E.INSTRUCTION: 10, E.PRESTATAIRE: 190, E.EXPERIMENTATION: 270, E.CLOS: 540}


def _avancer(parcours: Parcours, donnees: dict, *, comptes: dict, maintenant: dt.datetime):
    """Take the track to its stage; each step is journaled on the day the story says."""
    staff = comptes["agent_metropole"]
    cible = donnees["etape"]
    if cible == E.BROUILLON:
        return
    if cible == E.PUBLIE:
        _jalons(parcours, parcours.date_limite.date(), a_partir_de=Parcours.RANG_ETAPE[cible] + 1)
        with horloge_demo(maintenant - dt.timedelta(days=12)):
            appliquer(parcours, "publier", par=staff, commentaire="Appel validé par la direction.")
        return
    cloture = maintenant - dt.timedelta(days=ORIGINE[cible])

    def le(jours: int) -> dt.datetime:
        """The moment ``jours`` days after the close of applications."""
        return cloture + dt.timedelta(days=jours)

    _jalons(parcours, cloture.date(), a_partir_de=2)
    with horloge_demo(le(-42)):  # the call was open six weeks
        appliquer(parcours, "publier", par=staff, commentaire="Appel validé par la direction.")
    # The call is over: its deadline is moved back in time (demo only), then closed.
    Parcours.objects.filter(pk=parcours.pk).update(date_limite=cloture)  # DÉMO
    with horloge_demo(le(0)):
        appliquer(parcours, "clore_candidatures", par=None, commentaire="Clôture à la date limite.")
    if cible == E.INSTRUCTION:
        return
    # DÉMO: step 3 needs the Bureau decision (comite) and selected candidatures (candidatures).
    Parcours.objects.filter(pk=parcours.pk).update(etat=E.LAUREATS)
    vincennes, montreuil = _territoire("94080"), _territoire("93048")
    reunion = ReunionLancement.objects.create(
        parcours=parcours,
        date=le(DELAIS_PREVUS[4]),
        lieu="Métropole du Grand Paris, 15-19 avenue Pierre Mendès-France, Paris 13e",
        compte_rendu="Présentation du parcours, du calendrier et des engagements réciproques.",
    )
    PresenceLancement.objects.create(
        reunion=reunion, territoire=vincennes, participants="Claire Martin, Pierre Lemoine"
    )
    PresenceLancement.objects.create(
        reunion=reunion, territoire=montreuil, participants="Karim Benali"
    )
    with horloge_demo(le(DELAIS_PREVUS[4])):
        appliquer(parcours, "tenir_lancement", par=staff)
    for rang_atelier, (titre, heures) in enumerate(
        [("Acculturation à l'IA et à ses limites", "7"), ("Co-construction du cas d'usage", "3.5")]
    ):
        atelier = Atelier.objects.create(
            parcours=parcours,
            titre=titre,
            debut=le(DELAIS_PREVUS[5] + 7 * rang_atelier),
            duree_heures=Decimal(heures),
            lieu="Salle du conseil, Métropole du Grand Paris",
        )
        for cle, territoire in [("agent_vincennes", vincennes), ("agent_montreuil", montreuil)]:
            PresenceAtelier.objects.create(
                atelier=atelier, agent=comptes[cle], territoire=territoire
            )
    with horloge_demo(le(DELAIS_PREVUS[5])):
        appliquer(parcours, "demarrer_phase1", par=staff)
    (retenu, retenu_desc), (autre, autre_desc) = donnees["cas_usage"]
    CasUsage.objects.create(
        parcours=parcours,
        titre=retenu,
        description=retenu_desc,
        propose_par=vincennes,
        retenu=True,
    )
    CasUsage.objects.create(
        parcours=parcours, titre=autre, description=autre_desc, propose_par=montreuil
    )
    AvisExpert.objects.create(
        parcours=parcours,
        expert=comptes["expert"],
        avis=donnees["avis"],
        rendu_le=le(DELAIS_PREVUS[6] - 7),
    )
    with horloge_demo(le(DELAIS_PREVUS[6])):
        appliquer(parcours, "choisir_cas_usage", par=staff)
    marche = MarchePublic.objects.create(
        parcours=parcours,
        reference=donnees["marche"],
        objet="Expérimentation d'une solution d'IA pour le parcours " + parcours.titre,
    )
    raison_sociale, siret = donnees["prestataire"]
    Prestataire.objects.create(marche=marche, raison_sociale=raison_sociale, siret=siret)
    with horloge_demo(le(DELAIS_PREVUS[7])):
        appliquer(parcours, "choisir_prestataire", par=staff)
    if cible == E.PRESTATAIRE:  # waits for the conventions (signed by the beneficiaries)
        return
    debut = le(DELAIS_PREVUS[8]).date()
    # Ten months of experimentation for the closed track, six for the one under way.
    fin = debut + dt.timedelta(days=300 if cible == E.CLOS else 180)
    # DÉMO: step 8 needs every beneficiary's convention in force (conventions app).
    Parcours.objects.filter(pk=parcours.pk).update(
        etat=E.EXPERIMENTATION, experimentation_debut=debut, experimentation_fin=fin
    )
    if cible == E.EXPERIMENTATION:
        return
    with horloge_demo(_midi(fin, maintenant) + dt.timedelta(days=5)):
        appliquer(parcours, "passer_au_bilan", par=staff)
    DocumentParcours.objects.create(
        parcours=parcours,
        nature="rapport_bilan",
        fichier=ContentFile(_pdf("Rapport de bilan"), name="bilan.pdf"),
    )
    Parcours.objects.filter(pk=parcours.pk).update(synthese_bilan=SYNTHESE_BILAN)
    with horloge_demo(_midi(fin, maintenant) + dt.timedelta(days=20)):
        appliquer(parcours, "clore", par=staff, commentaire="Bilan présenté au comité.")


# The closed track's result, said the same way on every page that gives it (the track's
# public results, the AI register's entry, the evaluation indicator).
BAISSE_CONSOMMATION = 14
SYNTHESE_BILAN = (
    "Sur dix mois, le pilotage du chauffage a réduit la consommation des écoles "
    f"participantes de {BAISSE_CONSOMMATION} % en moyenne, sans baisse du confort mesuré. "
    "Les agents techniques gardent la main sur les consignes ; la solution sera étendue à "
    "deux gymnases."
)


def _midi(jour: dt.date, maintenant: dt.datetime) -> dt.datetime:
    return maintenant.replace(year=jour.year, month=jour.month, day=jour.day)


# Days from the close of applications to each later step, as the programme team plans them.
DELAIS_PREVUS = {2: 0, 3: 42, 4: 56, 5: 70, 6: 112, 7: 168, 8: 210, 9: 420}


def _jalons(parcours: Parcours, fin_candidatures: dt.date, *, a_partir_de: int) -> None:
    """The planned dates of the steps still to come."""
    for numero, etat, _ in Parcours.ETAPES:
        if numero >= a_partir_de and numero in DELAIS_PREVUS:
            JalonPrevu.objects.create(
                parcours=parcours,
                etape=etat,
                date_prevue=fin_candidatures + dt.timedelta(days=DELAIS_PREVUS[numero]),
            )


def _suggestions(comptes: dict, maintenant: dt.datetime) -> None:
    if SuggestionTheme.objects.exists():
        return
    SuggestionTheme.objects.create(
        auteur=comptes["agent_vincennes"],
        territoire=_territoire("94080"),
        titre="Attractivité des centres-villes",
        probleme="Vacance commerciale en hausse dans le centre ancien.",
        benefices_attendus="Comprendre les flux piétons pour mieux accompagner les commerces.",
        statut=SuggestionTheme.Statut.RETENU,
        reponse="Thème retenu pour un parcours de l'an prochain : merci pour votre proposition.",
        repondu_par=comptes["agent_metropole"],
        repondu_le=maintenant - dt.timedelta(days=3),
        cree_le=maintenant - dt.timedelta(days=20),
    )
    SuggestionTheme.objects.create(
        auteur=comptes["agent_montreuil"],
        territoire=_territoire("93048"),
        titre="Urbanisme : instruction des autorisations d'urbanisme",
        probleme="Délais d'instruction des permis de construire et dossiers incomplets.",
        benefices_attendus="Pré-contrôle de complétude des dossiers déposés en ligne.",
        cree_le=maintenant - dt.timedelta(days=2),
    )


def _territoire(code: str) -> Territoire:
    return Territoire.objects.get(code=code)


@cache
def _pdf(titre: str) -> bytes:
    """A small, real PDF document (WeasyPrint), so that downloads open in a reader.

    One per kind of document, shared by the demo tracks (rendering is slow).
    """
    from weasyprint import HTML

    html = f"""<html lang="fr"><head><meta charset="utf-8"><title>{titre}</title></head>
    <body style="font-family: sans-serif">
    <h1>{titre}</h1>
    <p>Programme ApproprIAtion Métropolitaine — Métropole du Grand Paris.</p>
    <p>Document de démonstration.</p></body></html>"""
    return HTML(string=html).write_pdf()


def a_essayer() -> dict[str, str]:
    """One thing to try for the expert and the public, read from the demo data."""
    essais = {}
    if Parcours.objects.filter(slug="renovation-energetique-batiments-publics").exists():
        essais["expert"] = (
            "Espace Métropole et comité → Parcours → « Réemploi des matériaux » : relisez "
            "votre avis d'expert sur les cas d'usage ; les résultats publics du parcours clos "
            "sont sur /parcours/renovation-energetique-batiments-publics/."
        )
    return essais
