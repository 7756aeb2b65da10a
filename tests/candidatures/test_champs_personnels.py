# SPDX-License-Identifier: EUPL-1.2
"""Personal fields of the application form carry their autocomplete token (WCAG 1.3.5,
COMPLIANCE 4; issue 23)."""

import re

import pytest
from django.urls import reverse

from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "champ, jeton",
    [
        ("contact_nom", "name"),
        ("contact_fonction", "organization-title"),
        ("contact_email", "email"),
        ("contact_telephone", "tel"),
    ],
)
def test_the_contact_fields_carry_their_autocomplete_token(
    client, brouillon, agent_vincennes, champ, jeton
):
    connecter(client, agent_vincennes)
    html = client.get(reverse("candidatures:modifier", args=[brouillon.pk])).content.decode()
    balise = re.search(rf'<input[^>]*name="{champ}"[^>]*>', html)
    assert balise, champ
    assert f'autocomplete="{jeton}"' in balise.group(0)
