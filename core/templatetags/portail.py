# SPDX-License-Identifier: EUPL-1.2
from django import template

from core import formats, liens

register = template.Library()


@register.filter
def echeance(moment):
    """Deadline wording: ``le jeudi 15 janvier 2026 à 12 h 00 (heure de Paris)``."""
    return formats.echeance(moment) if moment else ""


@register.filter
def horodatage(moment):
    return formats.horodatage(moment) if moment else ""


@register.filter
def date_longue(jour):
    return formats.date_longue(jour) if jour else ""


@register.filter
def duree_restante(moment):
    return formats.duree_restante(moment) if moment else ""


@register.filter
def taille_fichier(octets):
    """``2,4 Mo``, in French."""
    if octets is None:
        return ""
    if octets < 1024:
        return f"{octets} o"
    if octets < 1024 * 1024:
        return f"{octets / 1024:.0f} Ko"
    return f"{octets / 1024 / 1024:.1f} Mo".replace(".", ",")


@register.filter
def sans_liens(texte):
    """Visitor's text quoted in an e-mail: URLs and domain names made non-clickable."""
    return formats.desarmer_liens(str(texte or ""))


@register.simple_tag
def url_absolue(nom, *args, **kwargs):
    """``{% url_absolue 'app:vue' arg %}``: the link on its own line of an e-mail or notice.

    Built from ``SITE_URL`` (``core.liens``), never from the request's ``Host``.
    """
    return liens.url_absolue_de(nom, *args, **kwargs)
