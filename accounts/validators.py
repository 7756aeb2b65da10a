# SPDX-License-Identifier: EUPL-1.2
import re

from django.core.exceptions import ValidationError

CLASSES = [
    (re.compile(r"[a-z]"), "minuscules"),
    (re.compile(r"[A-Z]"), "majuscules"),
    (re.compile(r"[0-9]"), "chiffres"),
    (re.compile(r"[^a-zA-Z0-9]"), "caractères spéciaux"),
]


# A word of a passphrase: letters only (accents, inner apostrophe or hyphen allowed).
MOT = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
MOTS_PHRASE = 7
LETTRES_PAR_MOT = 3


def mots_de_la_phrase(password: str) -> set[str]:
    """The distinct real words of a passphrase: ``a a a a a a a`` or ``1 2 3 4 5 6 7`` has none.

    Short words ("le", "du") may be written but do not count: a passphrase's strength comes
    from the number of different words an attacker must guess, not from the spaces.
    """
    return {
        mot.casefold() for mot in password.split() if MOT.match(mot) and len(mot) >= LETTRES_PAR_MOT
    }


class ComplexiteAnssiValidator:
    """ANSSI/CNIL rule: 12 characters with 4 classes, or 14 with 3, or a passphrase of 7
    different words of at least 3 letters."""

    def validate(self, password: str, user=None) -> None:
        if len(mots_de_la_phrase(password)) >= MOTS_PHRASE:
            return
        classes = sum(1 for motif, _ in CLASSES if motif.search(password))
        if (len(password) >= 12 and classes == 4) or (len(password) >= 14 and classes >= 3):
            return
        raise ValidationError(
            "Le mot de passe doit comporter au moins 12 caractères mêlant minuscules, majuscules, "
            "chiffres et caractères spéciaux, ou au moins 14 caractères de trois de ces types, "
            "ou être une phrase de passe d'au moins 7 mots différents de 3 lettres ou plus.",
            code="password_too_simple",
        )

    def get_help_text(self) -> str:
        return (
            "Au moins 12 caractères avec minuscules, majuscules, chiffres et caractères spéciaux ; "
            "ou 14 caractères de trois de ces types ; ou une phrase de passe de 7 mots différents "
            "d'au moins 3 lettres."
        )
