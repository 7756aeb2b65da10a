# SPDX-License-Identifier: EUPL-1.2
"""Forms of the applications: one per action."""

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from candidatures.models import Candidature, PieceJointe
from core import uploads
from tracks.criteres import QUESTIONS, Critere

TYPES_PIECES = {
    PieceJointe.Nature.ENGAGEMENT: frozenset({uploads.PDF}),
    PieceJointe.Nature.ANNEXE: frozenset({uploads.PDF, *uploads.IMAGES, *uploads.BUREAUTIQUE}),
}

CHAMPS_CONTACT = ["contact_nom", "contact_fonction", "contact_email", "contact_telephone"]
CHAMPS_ENGAGEMENT = ["representant_nom", "representant_qualite", "engagement_deux_phases"]


class CandidatureForm(forms.ModelForm):
    """The answers, in sections following the criteria; saved as a draft at any time."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Candidature
        fields = [*Candidature.CHAMPS_CRITERES, *CHAMPS_CONTACT, *CHAMPS_ENGAGEMENT]
        widgets = {
            **{c: forms.Textarea(attrs={"rows": 6}) for c in Candidature.CHAMPS_CRITERES},
            # The contact person's details (WCAG 1.3.5): the browser may fill them in.
            "contact_nom": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_fonction": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_telephone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        # The section's legend names the criterion; the field's label asks its question
        # (the criterion's name twice in a row told a screen-reader user nothing new).
        for critere in Critere:
            self.fields[critere.value].label = QUESTIONS[critere]
            self.fields[critere.value].help_text = ""
        # Not asked by the completeness check (Candidature.manques): the only optional field.
        self.fields["contact_fonction"].label = "Fonction (facultatif)"
        self.fields["engagement_deux_phases"].label = (
            "Le territoire s'engage à suivre l'ensemble du parcours : phase 1 (ateliers) et "
            "phase 2 (expérimentation)"
        )

    def sections(self) -> list[dict]:
        """Fields grouped as the page shows them (one fieldset each)."""
        return [
            *(
                {"titre": c.label, "champs": [self[c.value]], "id": f"section-{c.value}"}
                for c in Critere
            ),
            {
                "titre": "Personne à contacter",
                "champs": [self[c] for c in CHAMPS_CONTACT],
                "id": "section-contact",
            },
            {
                "titre": "Engagement du territoire",
                "champs": [self[c] for c in CHAMPS_ENGAGEMENT],
                "id": "section-engagement",
            },
        ]


class PieceJointeForm(forms.Form):
    nature = forms.ChoiceField(
        label="Nature du document", choices=PieceJointe.Nature.choices, widget=forms.RadioSelect
    )
    fichier = forms.FileField(
        label="Fichier",
        help_text="Formulaire d'engagement : PDF. Annexes : PDF, image (PNG, JPEG) ou document "
        "bureautique. 10 Mo au plus par fichier, 30 Mo pour l'ensemble du dossier.",
    )

    def __init__(self, *args, candidature: Candidature, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidature = candidature
        self.verifie: uploads.FichierVerifie | None = None

    def clean(self):
        donnees = super().clean()
        fichier, nature = donnees.get("fichier"), donnees.get("nature")
        if not fichier or not nature:
            return donnees
        try:
            self.verifie = uploads.verifier_fichier(fichier, types_acceptes=TYPES_PIECES[nature])
        except ValidationError as erreur:
            self.add_error("fichier", erreur)
            return donnees
        deja = sum(self.candidature.pieces.values_list("taille", flat=True))
        if deja + self.verifie.taille > settings.UPLOAD_MAX_DOSSIER:
            self.add_error(
                "fichier",
                "Ce fichier porterait le dossier au-delà de "
                f"{uploads.mo(settings.UPLOAD_MAX_DOSSIER)} au total : retirez une annexe "
                "ou réduisez la taille du fichier.",
            )
        return donnees


class TerritoireForm(forms.Form):
    """Which territoire applies, for an agent of several."""

    territoire = forms.ModelChoiceField(
        label="Territoire candidat", queryset=None, widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, territoires, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territoire"].queryset = territoires


class DecisionForm(forms.Form):
    """Staff decision on a transition: reason, and for 'à compléter' the items and date."""

    commentaire = forms.CharField(
        label="Motif ou observation", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    avant = forms.DateTimeField(
        label="À compléter avant le (heure de Paris)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, transition: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition["commentaire_requis"]:
            self.fields["commentaire"].required = True
        if transition["nom"] == "demander_complements":
            self.fields["commentaire"].label = "Éléments manquants"
            self.fields["avant"].required = True
            self.initial.setdefault("avant", timezone.localtime() + dt.timedelta(days=10))
        else:
            del self.fields["avant"]
