# SPDX-License-Identifier: EUPL-1.2
from django import forms

from comite.models import DeclarationInteret
from territoires.models import Territoire


class DeclarationForm(forms.ModelForm):
    """A member declares a link with a territoire (a commune also covers its EPT)."""

    territoire = forms.ModelChoiceField(
        queryset=Territoire.objects.eligibles().order_by("nom_tri"), label="Territoire"
    )

    class Meta:
        model = DeclarationInteret
        fields = ["territoire", "nature", "precision"]
        widgets = {"nature": forms.RadioSelect, "precision": forms.Textarea(attrs={"rows": 2})}
        labels = {"precision": "Précision (facultatif)"}


class DecisionBureauForm(forms.Form):
    """The deliberation and, for each application awaiting it, the Bureau's outcome."""

    numero = forms.CharField(label="Numéro de la délibération", max_length=64)
    date = forms.DateField(
        label="Date de la délibération",
        help_text="Au format JJ/MM/AAAA, par exemple 12/03/2026.",
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    document = forms.FileField(label="Délibération signée (PDF)")
    # The confirmation of an irreversible act, in the form itself: a separate confirmation
    # page would have to carry the uploaded deliberation across two requests.
    confirmation = forms.BooleanField(
        label="Je confirme : cette décision est définitive, elle fixe l'issue de chaque "
        "candidature et les candidats en seront notifiés.",
        error_messages={
            "required": "Cochez la confirmation : la décision est définitive et les "
            "candidats en seront notifiés."
        },
    )

    def __init__(self, *args, candidatures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidatures = list(candidatures)
        for candidature in self.candidatures:
            proposee = candidature.etat == "proposee"
            self.fields[f"issue_{candidature.pk}"] = forms.TypedChoiceField(
                label=f"{candidature.territoire} — "
                + ("proposée par le comité" if proposee else "non proposée par le comité"),
                choices=[("1", "Sélectionnée"), ("0", "Non sélectionnée")],
                coerce=lambda v: v == "1",
                widget=forms.RadioSelect,
                initial="1" if proposee else "0",
            )
            self.fields[f"motif_{candidature.pk}"] = forms.CharField(
                label=f"{candidature.territoire} : motif si le Bureau s'écarte de la proposition",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["confirmation"] = self.fields.pop("confirmation")  # last, by the button

    def issues(self) -> dict:
        from comite.bureau import Issue

        return {
            c.pk: Issue(
                selectionnee=self.cleaned_data[f"issue_{c.pk}"],
                motif_ecart=self.cleaned_data.get(f"motif_{c.pk}", ""),
            )
            for c in self.candidatures
        }
