# SPDX-License-Identifier: EUPL-1.2
"""The client's address read once for axes, the rate limits and the journal (issue 17.4)."""

import pytest
from django.test import RequestFactory

from core.adresse_client import adresse_client


def requete(remote_addr: str, forwarded_for: str | None = None):
    entetes = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **entetes)


def test_without_trusted_proxies_it_is_the_connection_address(settings):
    settings.TRUSTED_PROXIES = []
    assert adresse_client(requete("127.0.0.1", "198.51.100.66")) == "127.0.0.1"


def test_through_a_trusted_proxy_it_is_the_address_the_proxy_appended(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    assert adresse_client(requete("127.0.0.1", "198.51.100.66")) == "198.51.100.66"
    assert adresse_client(requete("::1", "2001:db8::5")) == "2001:db8::5"


def test_what_the_client_wrote_before_the_proxy_is_not_believed(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    forge = requete("127.0.0.1", "203.0.113.7, not-an-ip, 198.51.100.66")
    assert adresse_client(forge) == "198.51.100.66"


def test_a_client_that_is_not_a_trusted_proxy_cannot_choose_its_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert adresse_client(requete("198.51.100.66", "203.0.113.7")) == "198.51.100.66"


def test_a_chain_of_our_own_proxies_is_skipped(settings):
    """A load balancer (10.0.0.2) before nginx (127.0.0.1): the client is before both."""
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]
    chaine = requete("127.0.0.1", "203.0.113.7, 198.51.100.66, 10.0.0.2")
    assert adresse_client(chaine) == "198.51.100.66"


def test_a_trusted_proxy_without_the_header_is_the_address(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert adresse_client(requete("127.0.0.1")) == "127.0.0.1"


def test_an_invalid_trusted_proxy_setting_fails_loudly(settings):
    settings.TRUSTED_PROXIES = ["pas-une-adresse"]
    with pytest.raises(ValueError):
        adresse_client(requete("127.0.0.1", "198.51.100.66"))
