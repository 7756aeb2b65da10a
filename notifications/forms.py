# SPDX-License-Identifier: EUPL-1.2
from django import forms

from notifications.models import PreferencesNotification


class PreferencesForm(forms.ModelForm):
    """The optional messages only: mandatory ones have no box to untick."""

    class Meta:
        model = PreferencesNotification
        fields = ["parcours_publies", "rappels_sans_candidature"]
        help_texts = {
            "parcours_publies": "Un courriel quand la Métropole ouvre un nouveau parcours thématique.",
            "rappels_sans_candidature": (
                "Un rappel 14, 7 et 1 jour(s) avant la date limite d'un parcours auquel votre "
                "territoire n'a pas encore candidaté."
            ),
        }
