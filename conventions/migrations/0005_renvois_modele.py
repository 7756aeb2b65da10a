# SPDX-License-Identifier: EUPL-1.2
"""Article 5 of the shipped template sent the follow-up to article 8 (communication) instead
of article 9 (suivi et évaluation), and the signature blocks printed a lower-case name.

The latest stored version is corrected in place while no convention uses it; once used it is
frozen, so a corrected copy becomes the next version.
"""

from django.db import migrations

CORRECTIONS = [
    (
        "participer au suivi et à l'évaluation prévus à l'article 8.",
        "participer au suivi et à l'évaluation prévus à l'article 9.",
    ),
    (
        "<br>{{ convention.representant_beneficiaire_nom }}<br>",
        "<br>{{ convention.representant_beneficiaire_nom|capfirst }}<br>",
    ),
    (
        "<br>{{ convention.representant_mgp_nom }}<br>",
        "<br>{{ convention.representant_mgp_nom|capfirst }}<br>",
    ),
]


def corriger(apps, schema_editor):
    ModeleConvention = apps.get_model("conventions", "ModeleConvention")
    courant = ModeleConvention.objects.order_by("-version").first()
    if courant is None or CORRECTIONS[0][0] not in courant.corps:
        return
    corps = courant.corps
    for avant, apres in CORRECTIONS:
        corps = corps.replace(avant, apres)
    if courant.utilise:
        ModeleConvention.objects.create(
            version=courant.version + 1,
            titre=courant.titre,
            corps=corps,
            note_de_version="Article 5 : le suivi et l'évaluation renvoient à l'article 9.",
        )
    else:
        ModeleConvention.objects.filter(pk=courant.pk).update(corps=corps)


class Migration(migrations.Migration):
    dependencies = [("conventions", "0004_libelle_pdfa_3a")]

    operations = [migrations.RunPython(corriger, migrations.RunPython.noop)]
