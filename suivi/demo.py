# SPDX-License-Identifier: EUPL-1.2
"""Demo data of the follow-up: evaluation indicators, deliverables and AI register entries
for the track in experimentation ("réemploi des matériaux") and the closed one
("rénovation énergétique"). Deterministic and idempotent."""

import contextlib
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core.workflow import TransitionRefusee, appliquer
from suivi.livrables import preparer_livrables
from suivi.models import FicheRegistreIA, IndicateurEvaluation, Livrable
from tracks.demo import BAISSE_CONSOMMATION
from tracks.models import Parcours

INDICATEURS = {
    "reemploi-des-materiaux": [
        ("Matériaux réemployés", "tonnes", "Pesées des lots sortis des chantiers de démolition."),
        ("Part des lots identifiés automatiquement", "%", "Lots reconnus par l'outil sans saisie."),
        ("Temps de diagnostic par bâtiment", "heures", "Avant et après l'outil."),
    ],
    "renovation-energetique-batiments-publics": [
        (
            "Baisse de la consommation d'énergie",
            "%",
            "Par rapport à la moyenne 2022-2024, à climat égal.",
        ),
        ("Bâtiments suivis", "bâtiments", "Écoles et gymnases équipés de capteurs."),
    ],
}

FICHES = {
    "reemploi-des-materiaux": {
        "finalite": "Repérer sur les plans et photographies des bâtiments à démolir les matériaux "
        "réemployables (portes, radiateurs, faux planchers) et estimer leur quantité.",
        "service_public": "Patrimoine bâti et commande publique de travaux",
        "donnees_utilisees": "Plans des bâtiments communaux, photographies des diagnostics "
        "ressources, inventaires des plateformes de réemploi. Aucune donnée personnelle.",
        "controle_humain": "Le diagnostiqueur valide chaque matériau proposé avant l'inventaire "
        "réglementaire ; l'outil ne décide de rien seul.",
        "classe_risque": FicheRegistreIA.ClasseRisque.MINIMAL,
        "justification_ia": "La reconnaissance d'objets sur des milliers de photographies "
        "prend plusieurs jours à la main par bâtiment.",
        "alternatives_etudiees": "Grille de saisie manuelle sur tablette ; recours à un bureau "
        "d'études pour chaque chantier.",
        "estimation_energie": "Environ 40 kWh pour l'expérimentation (inférence sur un serveur "
        "hébergé en France, sans entraînement d'un nouveau modèle).",
        "indicateurs_frugalite": "Modèle de vision pré-entraîné de petite taille ; images réduites "
        "à 1 024 pixels ; traitement par lots la nuit.",
        "resultats": "",
    },
    "renovation-energetique-batiments-publics": {
        "finalite": "Prévoir la consommation de chauffage des écoles et gymnases et proposer des "
        "réglages de chaudière et des horaires de chauffe.",
        "service_public": "Gestion énergétique des bâtiments communaux",
        "donnees_utilisees": "Relevés des compteurs et capteurs de température, calendrier "
        "d'occupation des salles, données météorologiques publiques.",
        "controle_humain": "Le technicien énergie applique ou écarte chaque réglage proposé ; "
        "les consignes de confort restent fixées par la commune.",
        "classe_risque": FicheRegistreIA.ClasseRisque.MINIMAL,
        "justification_ia": "La prévision croise météo, occupation et inertie des bâtiments : "
        "des règles fixes laissent chauffer des salles vides.",
        "alternatives_etudiees": "Programmation horaire fixe ; audit énergétique ponctuel.",
        "estimation_energie": "Environ 120 kWh par an de calcul, pour une économie mesurée de "
        "l'ordre de 180 MWh de chauffage.",
        "indicateurs_frugalite": "Modèle statistique léger (gradient boosting), réentraîné une "
        "fois par mois sur un seul serveur.",
        "resultats": f"Baisse moyenne de {BAISSE_CONSOMMATION} % de la consommation de chauffage "
        "sur les bâtiments suivis ; les agents recommandent de généraliser l'outil aux crèches.",
    },
}

# Measured values that other pages state in words: their mean is the closed track's result.
VALEURS = {
    "Baisse de la consommation d'énergie": {
        "94080": Decimal(BAISSE_CONSOMMATION - 1),
        "93048": Decimal(BAISSE_CONSOMMATION + 1),
    },
}

CONTACT = "approprIAtion@metropolegrandparis.fr"


def creer(*, comptes: dict, maintenant: dt.datetime) -> str:
    """Create the follow-up demo data (idempotent: nothing is created twice)."""
    if FicheRegistreIA.objects.exists():
        return "déjà présentes"
    resume = []
    for slug, indicateurs in INDICATEURS.items():
        parcours = Parcours.objects.filter(slug=slug).first()
        if parcours is None:
            continue
        for ordre, (libelle, unite, description) in enumerate(indicateurs, start=1):
            IndicateurEvaluation.objects.get_or_create(
                parcours=parcours,
                libelle=libelle,
                defaults={"unite": unite, "description": description, "ordre": ordre},
            )
        preparer_livrables(parcours)
        _fiche(parcours)
        if parcours.etat == Parcours.Etat.CLOS:
            _tout_recu(parcours)
        else:
            _en_cours(parcours, comptes)
        resume.append(f"{parcours.titre} : {parcours.livrables.count()} livrable(s)")
    return "; ".join(resume) + f"; {FicheRegistreIA.objects.count()} fiche(s) au registre IA"


def _fiche(parcours: Parcours) -> None:
    marche = parcours.marches.filter(infructueux=False).prefetch_related("prestataires").last()
    fournisseur = ", ".join(p.raison_sociale for p in marche.prestataires.all()) if marche else ""
    deployeurs = "\n".join(
        sorted({livrable.territoire.nom for livrable in parcours.livrables.all()})
    )
    FicheRegistreIA.objects.create(
        parcours=parcours,
        fournisseur=fournisseur or "Prestataire en cours de désignation",
        deployeurs=deployeurs or "Métropole du Grand Paris",
        contact=CONTACT,
        publiee=True,
        **FICHES[parcours.slug],
    )


def _remplir(livrable: Livrable) -> None:
    nom = livrable.territoire.nom
    if livrable.nature == Livrable.Nature.DONNEES:
        livrable.description = (
            f"Inventaire des matériaux repérés et mesures de {nom}, au format CSV."
        )
        livrable.perimetre = (
            livrable.perimetre or "Données techniques des bâtiments, sans donnée personnelle."
        )
        livrable.lien = f"https://data.metropolegrandparis.fr/jeux/{livrable.parcours.slug}-{livrable.territoire.code}"
        livrable.donnees_personnelles = False
    elif livrable.nature == Livrable.Nature.RETOUR:
        livrable.ce_qui_a_marche = (
            "Prise en main rapide par les techniciens ; gains visibles dès le deuxième mois."
        )
        livrable.ce_qui_n_a_pas_marche = (
            "Les bâtiments anciens sans plans numérisés ont demandé une saisie manuelle."
        )
        livrable.chiffres_usage = "14 bâtiments, 9 agents utilisateurs, 310 propositions examinées."
        livrable.recommandations = (
            "Numériser les plans avant le lancement ; prévoir une demi-journée de formation."
        )
    livrable.save()
    for rang, valeur in enumerate(livrable.valeurs.select_related("indicateur"), start=1):
        valeur.valeur = VALEURS.get(valeur.indicateur.libelle, {}).get(
            livrable.territoire.code, Decimal(10 * rang + len(nom) % 7)
        )
        valeur.commentaire = "Mesure réalisée par le service technique."
        valeur.save()


def _tout_recu(parcours: Parcours) -> None:
    """The closed track: every deliverable received and validated (historical set-up)."""
    for livrable in parcours.livrables.select_related("territoire"):
        _remplir(livrable)
    parcours.livrables.update(
        etat=Livrable.Etat.VALIDE,
        remis_le=timezone.now() - dt.timedelta(days=60),
        valide_le=timezone.now() - dt.timedelta(days=50),
    )


def _en_cours(parcours: Parcours, comptes: dict) -> None:
    """The track in experimentation: Vincennes submitted its data, Montreuil has a draft."""
    agent = comptes.get("agent_vincennes")
    for livrable in parcours.livrables.select_related("territoire", "parcours"):
        if livrable.territoire.code == "94080" and livrable.nature == Livrable.Nature.DONNEES:
            _remplir(livrable)
            # If the demo agent is not a member of Vincennes, the deliverable stays a draft.
            with contextlib.suppress(TransitionRefusee):
                appliquer(livrable, "remettre", par=agent, commentaire="")
        elif livrable.territoire.code == "93048" and livrable.nature == Livrable.Nature.RETOUR:
            livrable.ce_qui_a_marche = "Les diagnostics sont deux fois plus rapides."
            livrable.save()
