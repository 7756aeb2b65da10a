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


class FichierPriveInput(forms.ClearableFileInput):
    """A file kept outside the web root: its name and a link to the view that checks access.

    Django's widget and crispy's both link to ``fichier.url``, which private storage refuses
    (``MEDIA_URL = None``): once a file was saved, the page answered 500. The form sets
    ``url_telechargement`` (the protected download view) and ``nom_affiche`` (the name given
    by the user, the stored one being random).
    """

    template_name = "core/widgets/fichier_prive.html"

    def __init__(self, attrs=None, *, url_telechargement: str = "", nom_affiche: str = ""):
        super().__init__(attrs)
        self.url_telechargement = url_telechargement
        self.nom_affiche = nom_affiche

    def is_initial(self, value) -> bool:
        # Django's test reads value.url, which raises for a private file.
        return bool(value and getattr(value, "name", False))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["url_telechargement"] = self.url_telechargement
        context["widget"]["nom_affiche"] = self.nom_affiche or "fichier transmis"
        return context
