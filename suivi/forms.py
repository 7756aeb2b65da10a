# SPDX-License-Identifier: EUPL-1.2
"""One small form per deliverable kind, and the staff's comment form."""

from django import forms
from django.urls import reverse
from django.utils.html import escape

from core.forms import FichierPriveInput
from suivi.models import FicheRegistreIA, Livrable


class DonneesForm(forms.ModelForm):
    lien = forms.URLField(
        label="Lien vers les données", required=False, max_length=500, assume_scheme="https"
    )
    donnees_personnelles = forms.TypedChoiceField(
        label="Les données contiennent-elles des données à caractère personnel ?",
        choices=[("True", "Oui"), ("False", "Non")],
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        help_text="À déclarer dans tous les cas : la Métropole traite ces données selon le RGPD.",
    )

    class Meta:
        model = Livrable
        fields = ["description", "perimetre", "lien", "fichier", "donnees_personnelles"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The uploaded name is never stored (suivi.fichiers names the file), so its length
        # must not refuse a file.
        self.fields["fichier"].max_length = None
        # The file is private: the widget links to the view that checks who asks.
        self.fields["fichier"].widget = FichierPriveInput(
            url_telechargement=reverse("suivi:fichier", args=[self.instance.pk])
            if self.instance.pk
            else "",
            nom_affiche=self.instance.nom_fichier,
        )


class RetourForm(forms.ModelForm):
    class Meta:
        model = Livrable
        fields = ["ce_qui_a_marche", "ce_qui_n_a_pas_marche", "chiffres_usage", "recommandations"]


class EvaluationForm(forms.Form):
    """One value and one comment per indicator chosen for the track."""

    def __init__(self, *args, livrable: Livrable, **kwargs):
        super().__init__(*args, **kwargs)
        self.valeurs = list(livrable.valeurs.select_related("indicateur"))
        for v in self.valeurs:
            libelle = str(v.indicateur)
            self.fields[f"valeur_{v.pk}"] = forms.DecimalField(
                label=f"{libelle} : valeur",
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=v.valeur,
                # Form templates render help text as HTML: the staff's text is escaped here.
                help_text=escape(v.indicateur.description),
            )
            self.fields[f"commentaire_{v.pk}"] = forms.CharField(
                label=f"{libelle} : commentaire",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=v.commentaire,
            )

    def save(self) -> None:
        for v in self.valeurs:
            v.valeur = self.cleaned_data[f"valeur_{v.pk}"]
            v.commentaire = self.cleaned_data[f"commentaire_{v.pk}"]
            v.save(update_fields=["valeur", "commentaire"])


FORMULAIRES = {
    Livrable.Nature.DONNEES: DonneesForm,
    Livrable.Nature.RETOUR: RetourForm,
}


def formulaire_pour(livrable: Livrable, data=None, files=None):
    if livrable.nature == Livrable.Nature.EVALUATION:
        return EvaluationForm(data, livrable=livrable)
    return FORMULAIRES[livrable.nature](data, files, instance=livrable)


class CommentaireForm(forms.Form):
    commentaire = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RechercheRegistreForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    risque = forms.ChoiceField(
        label="Classe de risque",
        required=False,
        choices=[("", "Toutes")] + FicheRegistreIA.ClasseRisque.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
