# SPDX-License-Identifier: EUPL-1.2
"""Guards of the deliverable workflow: each returns the French reason it fails, or None."""

from suivi.formats import date_fr

ETATS_PARCOURS_CLOS = ("clos", "sans_suite")


def parcours_pas_clos(livrable) -> str | None:
    """Once the track is closed its follow-up is over: nothing more can be submitted."""
    if livrable.parcours.etat in ETATS_PARCOURS_CLOS:
        return (
            f"Le parcours « {livrable.parcours} » est clos : il n'est plus possible de remettre "
            f"ce livrable (attendu le {date_fr(livrable.echeance)}). Écrivez à l'équipe du "
            "programme si vous souhaitez transmettre un document complémentaire."
        )
    return None


def contenu_complet(livrable) -> str | None:
    """What each kind of deliverable must contain before it is submitted."""
    nature = livrable.Nature
    manquants = []
    if livrable.nature == nature.DONNEES:
        if not livrable.description.strip():
            manquants.append("la description des données")
        if not livrable.perimetre.strip():
            manquants.append("le périmètre convenu")
        if not (livrable.fichier or livrable.lien):
            manquants.append("un fichier ou un lien")
        if livrable.donnees_personnelles is None:
            manquants.append("la présence ou non de données personnelles")
    elif livrable.nature == nature.RETOUR:
        for champ, libelle in (
            ("ce_qui_a_marche", "ce qui a fonctionné"),
            ("ce_qui_n_a_pas_marche", "ce qui n'a pas fonctionné"),
            ("chiffres_usage", "les chiffres d'usage"),
            ("recommandations", "les recommandations"),
        ):
            if not getattr(livrable, champ).strip():
                manquants.append(libelle)
    elif livrable.nature == nature.EVALUATION:
        valeurs = list(livrable.valeurs.all())
        if not valeurs:
            manquants.append("les indicateurs (aucun n'est encore défini pour ce parcours)")
        manquants.extend(
            f"la valeur de « {v.indicateur.libelle} »" for v in valeurs if v.valeur is None
        )
    if manquants:
        return "À renseigner avant de remettre : " + ", ".join(manquants) + "."
    return None
