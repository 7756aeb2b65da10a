# SPDX-License-Identifier: EUPL-1.2
"""The HTML a convention template may contain: an allow-list applied with nh3.

The template body is typed by staff and rendered to a PDF sent to communes: it must stay a
text document. Kept: headings, paragraphs, lists, tables, emphasis, line breaks, ``section``,
``div`` and ``span`` with ``id``/``class``, and links to ``http(s)``/``mailto`` addresses.
Dropped: scripts and stylesheets with their content, images, frames, objects, forms, ``<link>``,
``style`` and ``on…`` attributes, and any ``rel`` (so no ``rel="attachment"``, which would make
the PDF renderer embed the linked file).

Two passes, same allow-list: :func:`nettoyer_modele` on the template source when a version is
saved (Django template tags are kept as they are), :func:`nettoyer_html` on the rendered body
every time a convention is rendered, since a row may have been written without the first.
"""

import re
import secrets

import nh3
from django.template.base import tag_re

BALISES = {
    "section",
    "div",
    "span",
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "small",
    "abbr",
    "blockquote",
    "ol",
    "ul",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "colgroup",
    "col",
    "a",
}
ATTRIBUTS = {
    "*": {"id", "class", "lang", "title"},
    "a": {"href"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "type", "reversed"},
    "col": {"span"},
    "colgroup": {"span"},
}
SCHEMAS_LIENS = {"http", "https", "mailto"}
# Removed with everything inside them, not just unwrapped.
CONTENU_SUPPRIME = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math"}


def _nettoyeur(*, source: bool) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=BALISES,
        clean_content_tags=CONTENU_SUPPRIME,
        attributes=ATTRIBUTS,
        url_schemes=SCHEMAS_LIENS,
        link_rel=None,
        # In the source, a link may be a template variable ({{ … }}): a relative URL until
        # rendered. Once rendered, only absolute http(s)/mailto links remain.
        url_relative="pass_through" if source else "deny",
        # The source's template tags travel as comments (see nettoyer_modele).
        strip_comments=not source,
    )


NETTOYEUR_RENDU = _nettoyeur(source=False)
NETTOYEUR_SOURCE = _nettoyeur(source=True)


def nettoyer_html(html: str) -> str:
    """A rendered body reduced to the allow-list (run at every rendering)."""
    return NETTOYEUR_RENDU.clean(html)


def nettoyer_modele(source: str) -> str:
    """A template source reduced to the allow-list, its Django tags left untouched.

    Why the detour: an HTML parser would rewrite ``{% if a > b %}`` (``&gt;``) or move a
    ``{% for %}`` written between table rows out of the table. Each tag is swapped for an HTML
    comment, which the parser keeps in place anywhere, then swapped back.
    """
    jeton = secrets.token_hex(8)
    balises: list[str] = []

    def remplacer(correspondance) -> str:
        balises.append(correspondance.group(0))
        return f"<!--{jeton}:{len(balises) - 1}-->"

    propre = NETTOYEUR_SOURCE.clean(tag_re.sub(remplacer, source))
    # The staff's own comments go, as they do at rendering; the placeholders stay.
    propre = re.sub(
        r"<!--(.*?)-->",
        lambda m: m.group(0) if re.fullmatch(rf"{jeton}:\d+", m.group(1)) else "",
        propre,
        flags=re.DOTALL,
    )
    for numero, balise in enumerate(balises):
        propre = propre.replace(f"<!--{jeton}:{numero}-->", balise)
        # Inside an attribute value the comment is plain text, escaped by the serialiser.
        propre = propre.replace(f"&lt;!--{jeton}:{numero}--&gt;", balise)
    return propre
