# SPDX-License-Identifier: EUPL-1.2
from django import forms

from core.models import SignalementAccessibilite


class SignalementAccessibiliteForm(forms.ModelForm):
    class Meta:
        model = SignalementAccessibilite
        fields = ["nom", "email", "page", "description"]
        labels = {
            "nom": "Prénom et nom (facultatif)",
            "page": "Page ou document concerné (facultatif)",
            "description": "Difficulté rencontrée",
        }
        help_texts = {
            "email": "L'accusé de réception et la réponse vous seront envoyés à cette adresse.",
            "page": "Par exemple l'adresse de la page, ou « formulaire de candidature ».",
            "description": "Décrivez ce que vous avez essayé de faire, ce qui vous en a "
            "empêché et, si vous le souhaitez, votre équipement (lecteur d'écran, navigateur…).",
        }
        widgets = {
            "nom": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
