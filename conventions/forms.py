# SPDX-License-Identifier: EUPL-1.2
from django import forms

from conventions.lots import selectionnees
from tracks.models import Parcours


class ConfirmationForm(forms.Form):
    """Confirm a transition: the state the user saw, and an optional or required comment."""

    etat_attendu = forms.CharField(widget=forms.HiddenInput)
    commentaire = forms.CharField(
        label="Commentaire",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Consigné au journal et, pour une résiliation, communiqué au bénéficiaire.",
    )

    def __init__(self, *args, commentaire_requis: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commentaire"].required = commentaire_requis
        if commentaire_requis:
            self.fields["commentaire"].label = "Motif (obligatoire)"


class CopieSigneeForm(forms.Form):
    """The scan of the convention signed by the beneficiary's legal representative."""

    etat_attendu = forms.CharField(widget=forms.HiddenInput)
    fichier = forms.FileField(
        label="Convention signée (PDF)",
        help_text="Le PDF numérisé de la convention signée par le représentant légal, 10 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class CopieContresigneeForm(forms.Form):
    """Countersigning: the copy signed by the Métropole, kept beside the beneficiary's."""

    etat_attendu = forms.CharField(widget=forms.HiddenInput)
    fichier = forms.FileField(
        label="Exemplaire contresigné (PDF)",
        required=False,
        help_text=(
            "Le PDF de la convention signée par les deux Parties, 10 Mo au plus : il est "
            "conservé avec son empreinte et le bénéficiaire peut le télécharger."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class LancerLotForm(forms.Form):
    parcours = forms.ModelChoiceField(
        label="Parcours",
        queryset=Parcours.objects.none(),
        help_text="Les conventions de tous les bénéficiaires sélectionnés seront générées.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parcours"].queryset = Parcours.objects.filter(
            candidatures__etat="selectionnee"
        ).distinct()

    def clean_parcours(self):
        parcours = self.cleaned_data["parcours"]
        if not selectionnees(parcours).exists():
            raise forms.ValidationError("Ce parcours n'a aucune candidature sélectionnée.")
        return parcours
