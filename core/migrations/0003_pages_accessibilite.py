# SPDX-License-Identifier: EUPL-1.2
"""The first text of the two accessibility pages; the Métropole edits it in the admin."""

from django.db import migrations

SCHEMA = """La Métropole du Grand Paris s'engage à rendre le portail ApproprIAtion Métropolitaine accessible à tous, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.

Organisation : la direction de l'innovation numérique est responsable de l'accessibilité du portail. Elle désigne un référent accessibilité, chargé du suivi des signalements et du plan d'actions annuel.

Audit : le portail n'a pas encore été audité. Un audit de conformité au RGAA 4.1 par un prestataire indépendant sera conduit avant la fin de l'année 2027 ; ses résultats seront publiés dans la déclaration d'accessibilité.

Méthode : chaque nouvelle page est contrôlée avec un outil automatique (axe-core) et au clavier seul avant sa mise en ligne ; les non-conformités constatées sont corrigées dans l'année.

Formation : les agents qui rédigent les contenus du portail sont sensibilisés aux règles de rédaction accessible."""

PLAN = """Actions prévues pour l'année 2026 :

Contrôle automatique (axe-core) de toutes les pages publiques et du formulaire de candidature à chaque version.

Parcours de candidature complet testé au clavier seul.

Carte des territoires accompagnée d'un tableau équivalent.

Préparation du cahier des charges de l'audit de conformité RGAA 4.1."""


def creer(apps, schema_editor):
    PageEditoriale = apps.get_model("core", "PageEditoriale")
    for slug, titre, corps in [
        ("schema-pluriannuel", "Schéma pluriannuel de mise en accessibilité 2026-2028", SCHEMA),
        ("plan-actions", "Plan d'actions d'accessibilité 2026", PLAN),
    ]:
        PageEditoriale.objects.get_or_create(slug=slug, defaults={"titre": titre, "corps": corps})


class Migration(migrations.Migration):
    dependencies = [("core", "0002_page_editoriale")]

    operations = [migrations.RunPython(creer, migrations.RunPython.noop)]
