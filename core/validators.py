# SPDX-License-Identifier: EUPL-1.2
"""Checks of the French company identifiers typed in the portal (SIREN, SIRET).

One home for the rule so that every model field and form refuses the same numbers with the
same French message.
"""

from django.core.exceptions import ValidationError

# La Poste's establishments share one SIREN and are numbered beyond what the Luhn key allows:
# INSEE checks their SIRET by the sum of its digits instead (a multiple of 5).
SIREN_LA_POSTE = "356000000"


def cle_luhn_valide(numero: str) -> bool:
    """Whether a string of digits passes the Luhn check (every second digit from the right doubled)."""
    total = 0
    for rang, caractere in enumerate(reversed(numero)):
        chiffre = int(caractere)
        if rang % 2:
            chiffre *= 2
            if chiffre > 9:
                chiffre -= 9
        total += chiffre
    return total % 10 == 0


def siret_valide(siret: str) -> bool:
    """Whether ``siret`` is 14 digits with a valid key (La Poste's rule for its establishments)."""
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(SIREN_LA_POSTE) and siret != SIREN_LA_POSTE + "00048":
        # The head office (…00048) follows Luhn; the other establishments the sum rule.
        return sum(int(c) for c in siret) % 5 == 0
    return cle_luhn_valide(siret)


def siren_valide(siren: str) -> bool:
    """Whether ``siren`` is 9 digits with a valid Luhn key."""
    return len(siren) == 9 and siren.isdigit() and cle_luhn_valide(siren)


def valider_siret(valeur: str) -> None:
    if not siret_valide(valeur):
        raise ValidationError(
            "Ce SIRET n'est pas valide : il doit comporter 14 chiffres, sans espace, et sa clé "
            "de contrôle doit être juste (vérifiez-le sur l'avis de situation INSEE).",
            code="siret_invalide",
        )


def valider_siren(valeur: str) -> None:
    if not siren_valide(valeur):
        raise ValidationError(
            "Ce SIREN n'est pas valide : il doit comporter 9 chiffres, sans espace, et sa clé "
            "de contrôle doit être juste.",
            code="siren_invalide",
        )
