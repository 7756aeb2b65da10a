# SPDX-License-Identifier: EUPL-1.2
"""Password rules of COMPLIANCE 15 (ANSSI/CNIL), through Django's validators as configured."""

import pytest
from django.conf import global_settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError
from django.test import override_settings

from accounts.models import User

pytestmark = pytest.mark.django_db


def refuse(mot_de_passe: str) -> bool:
    try:
        password_validation.validate_password(mot_de_passe, User(email="claire@vincennes.fr"))
    except ValidationError:
        return True
    return False


def test_it_accepts_twelve_characters_of_four_classes():
    assert not refuse("Vq7!mZ2#kL9p")


def test_it_refuses_eleven_characters_of_four_classes():
    assert refuse("Vq7!mZ2#kL9")


def test_it_refuses_twelve_characters_of_three_classes():
    assert refuse("Vq7mZ2hkL9pw")


def test_it_accepts_fourteen_characters_of_three_classes():
    assert not refuse("Vq7mZ2hkL9pwXr")


def test_it_refuses_fourteen_characters_of_two_classes():
    assert refuse("vq7mz2hkl9pwxr")


def test_it_accepts_a_passphrase_of_seven_words():
    assert not refuse("le chat gris boit son lait frais sur le balcon")


@pytest.mark.parametrize(
    "phrase",
    [
        "a a a a a a a",  # one letter, the same word
        "1 2 3 4 5 6 7",  # no word at all
        "chat chat chat chat chat chat chat",  # one word seven times
        "le du un la de et ou il",  # eight words, none of three letters
    ],
)
def test_it_refuses_a_passphrase_without_seven_different_real_words(phrase):
    assert refuse(phrase)


def test_the_passphrase_counts_accented_and_hyphenated_words():
    assert not refuse("l’été dernier grand-père réparait Vélo Église bâtiment")


def test_it_refuses_a_passphrase_of_six_words():
    assert refuse("le chat boit du lait frais")


def test_it_refuses_a_common_password_even_if_long_enough():
    assert refuse("password1234")  # in Django's list of common passwords


def test_it_refuses_a_password_close_to_the_email():
    assert refuse("Claire@Vincennes.fr")


def test_the_refusal_is_explained_in_french():
    with pytest.raises(ValidationError) as erreur:
        password_validation.validate_password("Vq7mZ2hkL9pw")
    assert "au moins 12 caractères" in " ".join(erreur.value.messages)


def test_passwords_are_stored_with_a_salted_slow_hasher():
    """Production keeps Django's default hashers (PBKDF2 first); tests only swap in MD5."""
    from appropriation import settings as production

    hachages = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    with override_settings(PASSWORD_HASHERS=hachages):
        user = User(email="x@exemple.fr")
        user.set_password("Vq7!mZ2#kL9p")
        algorithme = identify_hasher(user.password)
    assert algorithme.algorithm in {"pbkdf2_sha256", "argon2", "scrypt"}
    assert len(user.password.split("$")[2]) >= 16  # a random salt per password
