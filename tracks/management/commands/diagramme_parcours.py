# SPDX-License-Identifier: EUPL-1.2
"""Write ``docs/workflows/parcours.md``: the track workflow drawn from the declared transitions.

Run it after changing a transition; a test fails while the committed file is stale.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.workflow import graphe_mermaid
from tracks.models import Parcours

CHEMIN = Path("docs") / "workflows" / "parcours.md"


def contenu() -> str:
    """The Markdown page, with the Mermaid diagram and the table of transitions."""
    champ = Parcours._meta.get_field("etat")
    libelles = dict(champ.choices)
    lignes = [
        "# Étapes d'un parcours thématique",
        "",
        "<!-- Fichier généré par `manage.py diagramme_parcours` : ne pas modifier à la main. -->",
        "",
        "Les neuf étapes de l'article 2 du règlement, et les sorties « arrêt anticipé » et "
        "« sans suite », telles que déclarées dans `tracks/models.py`.",
        "",
        "```mermaid",
        graphe_mermaid(Parcours, "etat").rstrip("\n"),
        "```",
        "",
        "| action | de | vers | conditions |",
        "|---|---|---|---|",
    ]
    transitions = sorted(
        champ.get_all_transitions(Parcours), key=lambda t: (Parcours.RANG_ETAPE[t.source], t.name)
    )
    for t in transitions:
        conditions = ", ".join(f"`{c.__name__}`" for c in t.conditions) or "—"
        lignes.append(
            f"| {t.custom.get('libelle', t.name)} (`{t.name}`) | {libelles[t.source]} "
            f"| {libelles[t.target]} | {conditions} |"
        )
    return "\n".join(lignes) + "\n"


class Command(BaseCommand):
    help = "Écrit docs/workflows/parcours.md à partir des transitions déclarées dans le code."

    def handle(self, *args, **options):
        chemin = Path(settings.BASE_DIR) / CHEMIN
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(contenu(), encoding="utf-8")
        self.stdout.write(f"Écrit : {CHEMIN}")
