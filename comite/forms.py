# SPDX-License-Identifier: EUPL-1.2
from django import forms

from comite.models import DeclarationInteret
from territoires.models import Territoire


class DeclarationForm(forms.ModelForm):
    """A member declares a link with a territoire (a commune also covers its EPT)."""

    territoire = forms.ModelChoiceField(
        queryset=Territoire.objects.eligibles().order_by("nom"), label="Territoire"
    )

    class Meta:
        model = DeclarationInteret
        fields = ["territoire", "nature", "precision"]
        widgets = {"nature": forms.RadioSelect, "precision": forms.Textarea(attrs={"rows": 2})}
        labels = {"precision": "Précision (facultatif)"}
