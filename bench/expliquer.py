# SPDX-License-Identifier: EUPL-1.2
"""EXPLAIN ANALYZE of the heaviest queries on the generated bench data (issue 10).

    source bench/env.sh && .venv/bin/python bench/expliquer.py > var/bench/plans.txt

Read-only; prints each plan's first lines (the ones quoted in docs/performance.md).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "appropriation.settings")


def main() -> None:
    import django

    django.setup()
    from django.conf import settings

    if "bench" not in str(settings.DATABASES["default"]["NAME"]):
        sys.exit("Seulement sur la base du banc.")
    from django.db.models import Count

    from accounts.models import User
    from audit.models import Evenement
    from candidatures.models import Candidature
    from comite.models import Notation, SessionExamen, Vote
    from notifications.models import Message

    agent = User.objects.get(email="agent-94080@bench.invalid")
    membre = User.objects.get(email="membre-2@bench.invalid")
    session = SessionExamen.objects.order_by("pk").first()
    candidature = Candidature.objects.filter(territoire__code="94080").order_by("pk").first()
    requetes = {
        "centre de notifications (20 derniers)": Message.objects.pour(agent)[:20],
        "centre de notifications (compte)": Message.objects.pour(agent).annotate(n=Count("pk")),
        "admin messages (page 1)": Message.objects.order_by("-cree_le", "-pk")[:100],
        "boîte d'envoi à balayer": Message.objects.a_envoyer()[:500],
        "admin journal (page 1)": Evenement.objects.order_by("-pk")[:100],
        "historique d'une candidature": Evenement.objects.pour(candidature),
        "admin candidatures (page 1)": Candidature.objects.avec_relations().avec_completude()[:100],
        "mes candidatures": Candidature.objects.du_territoire_de(agent),
        "notations d'un membre (séance)": Notation.objects.filter(session=session, membre=membre),
        "votes d'un membre (séance)": Vote.objects.filter(point__session=session, membre=membre),
    }
    for nom, qs in requetes.items():
        plan = qs.explain(analyze=True).split("\n")
        print(f"## {nom}")
        for ligne in plan[:6] + [ligne for ligne in plan if "Execution Time" in ligne]:
            print(f"    {ligne}")
        print()


if __name__ == "__main__":
    main()
