# SPDX-License-Identifier: EUPL-1.2
from django import forms

from tracks.models import SuggestionTheme


class SuggestionThemeForm(forms.ModelForm):
    class Meta:
        model = SuggestionTheme
        fields = ["territoire", "titre", "probleme", "benefices_attendus"]
        labels = {"territoire": "Au nom de"}
        help_texts = {
            "titre": "Par exemple : « Réduire le bruit des chantiers ».",
            "probleme": "Quel problème votre territoire rencontre-t-il aujourd'hui ?",
            "benefices_attendus": "Qu'attendez-vous d'une solution d'intelligence artificielle ?",
        }
        widgets = {
            "probleme": forms.Textarea(attrs={"rows": 5}),
            "benefices_attendus": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, territoires, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the territoires the author may act for: another one is refused as invalid.
        self.fields["territoire"].queryset = territoires
        self.fields["territoire"].empty_label = None
