# SPDX-License-Identifier: EUPL-1.2
import re

from django.core.exceptions import ValidationError

CLASSES = [
    (re.compile(r"[a-z]"), "minuscules"),
    (re.compile(r"[A-Z]"), "majuscules"),
    (re.compile(r"[0-9]"), "chiffres"),
    (re.compile(r"[^a-zA-Z0-9]"), "caractères spéciaux"),
]


class ComplexiteAnssiValidator:
    """ANSSI/CNIL rule: 12 characters with 4 classes, or 14 with 3, or a passphrase of 7 words."""

    def validate(self, password: str, user=None) -> None:
        if len(password.split()) >= 7:
            return
        classes = sum(1 for motif, _ in CLASSES if motif.search(password))
        if (len(password) >= 12 and classes == 4) or (len(password) >= 14 and classes >= 3):
            return
        raise ValidationError(
            "Le mot de passe doit comporter au moins 12 caractères mêlant minuscules, majuscules, "
            "chiffres et caractères spéciaux, ou au moins 14 caractères de trois de ces types, "
            "ou être une phrase de passe d'au moins 7 mots.",
            code="password_too_simple",
        )

    def get_help_text(self) -> str:
        return (
            "Au moins 12 caractères avec minuscules, majuscules, chiffres et caractères spéciaux ; "
            "ou 14 caractères de trois de ces types ; ou une phrase de passe de 7 mots."
        )
