# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from accounts.models import Adhesion, User
from territoires.models import Territoire


class ConnexionForm(AuthenticationForm):
    username = forms.EmailField(
        label="Adresse électronique",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": (
            "Adresse électronique ou mot de passe incorrect. Après plusieurs échecs, "
            "le compte est temporairement bloqué."
        ),
        "inactive": "Ce compte est désactivé.",
    }


class InscriptionForm(forms.Form):
    """An agent of a commune or EPT creates an account and asks to join their territoire."""

    nom_complet = forms.CharField(
        label="Prénom et nom",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Adresse électronique professionnelle",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    fonction = forms.CharField(
        label="Fonction",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    territoire = forms.ModelChoiceField(
        label="Commune ou EPT",
        queryset=Territoire.objects.eligibles().select_related("ept").order_by("nom_tri"),
        empty_label="Choisissez votre commune ou votre EPT",
        error_messages={
            "invalid_choice": (
                "Ce territoire ne fait pas partie de la Métropole du Grand Paris : seules ses 130 "
                "communes et ses 11 établissements publics territoriaux peuvent participer."
            )
        },
    )
    role = forms.ChoiceField(
        label="Vous êtes",
        choices=Adhesion.Role.choices,
        widget=forms.RadioSelect,
        initial=Adhesion.Role.AGENT,
    )
    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Confirmation du mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        # An address already used is not refused here: saying so would tell anyone who has an
        # account (accounts.adhesions.demander_inscription mails its owner instead).
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif password1:
            candidat = User(
                email=cleaned.get("email", ""), nom_complet=cleaned.get("nom_complet", "")
            )
            try:
                password_validation.validate_password(password1, candidat)
            except forms.ValidationError as erreur:
                self.add_error("password1", erreur)
        return cleaned


class DecisionAdhesionForm(forms.Form):
    motif_refus = forms.CharField(
        label="Motif du refus (facultatif)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InvitationForm(forms.Form):
    """Staff invite a person: the account is created inactive with the roles ticked."""

    email = forms.EmailField(label="Adresse électronique")
    nom_complet = forms.CharField(label="Prénom et nom", max_length=150)
    fonction = forms.CharField(label="Fonction", max_length=150, required=False)
    roles = forms.MultipleChoiceField(
        label="Rôles",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Vous ne pouvez attribuer que les rôles que vous avez vous-même.",
    )
    superutilisateur = forms.BooleanField(
        label="Superutilisateur (tous les droits, dont la gestion des comptes)", required=False
    )

    def __init__(self, *args, roles_possibles: list[str], superutilisateur_possible: bool, **kw):
        super().__init__(*args, **kw)
        self.fields["roles"].choices = [(role, role) for role in roles_possibles]
        if not superutilisateur_possible:
            del self.fields["superutilisateur"]

    def clean(self):
        donnees = super().clean()
        if not donnees.get("roles") and not donnees.get("superutilisateur"):
            raise forms.ValidationError("Cochez au moins un rôle.")
        return donnees


class MotifForm(forms.Form):
    """The reason of a sensitive account operation, kept in the audit journal."""

    motif = forms.CharField(label="Raison", widget=forms.Textarea(attrs={"rows": 3}))


class MotifFacultatifForm(forms.Form):
    motif = forms.CharField(
        label="Raison (facultative)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
