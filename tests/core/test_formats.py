# SPDX-License-Identifier: EUPL-1.2
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from core import formats

UTC = dt.UTC


def test_a_deadline_is_worded_the_french_administrative_way():
    moment = dt.datetime(2026, 1, 15, 11, 0, tzinfo=UTC)  # 12 h 00 in Paris (winter)
    assert formats.echeance(moment) == "le jeudi 15 janvier 2026 à 12 h 00 (heure de Paris)"


def test_summer_time_is_applied():
    moment = dt.datetime(2026, 7, 1, 21, 59, tzinfo=UTC)
    assert formats.echeance(moment) == "le mercredi 1er juillet 2026 à 23 h 59 (heure de Paris)"


def test_the_receipt_time_has_seconds():
    moment = dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC)  # the night of the DST change
    assert (
        formats.horodatage(moment) == "le dimanche 29 mars 2026 à 1 h 59 min 59 s (heure de Paris)"
    )
    apres = dt.datetime(2026, 3, 29, 1, 0, 0, tzinfo=UTC)
    assert (
        formats.horodatage(apres) == "le dimanche 29 mars 2026 à 3 h 00 min 00 s (heure de Paris)"
    )


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        formats.echeance(dt.datetime(2026, 1, 15, 12, 0))


def test_time_left():
    maintenant = dt.datetime(2026, 1, 1, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert (
        formats.duree_restante(maintenant + dt.timedelta(days=3, hours=2), maintenant)
        == "encore 3 jours"
    )
    assert (
        formats.duree_restante(maintenant + dt.timedelta(hours=5), maintenant) == "encore 5 heures"
    )
    assert formats.duree_restante(maintenant - dt.timedelta(seconds=1), maintenant) == "clôturé"


def test_links_typed_by_a_visitor_are_made_unclickable_for_an_email():
    from core.formats import desarmer_liens

    texte = "Voir https://faux-site.example/x?y=1, www.piege.fr ou piege.com. Note 3.5 sur 5."
    assert desarmer_liens(texte) == (
        "Voir hxxps[:]//faux-site[.]example/x?y=1, www[.]piege[.]fr ou piege[.]com. Note 3.5 sur 5."
    )
