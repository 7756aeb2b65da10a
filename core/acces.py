# SPDX-License-Identifier: EUPL-1.2
"""The mark of the views that need no second factor (deny by default, COMPLIANCE 17).

In ``core``, the lowest layer, so that every app (and the admin site, while the apps are still
loading) marks its own public views without importing ``accounts``.
"""

from collections.abc import Callable


def sans_second_facteur(view: Callable) -> Callable:
    """Mark a view a back-office user may open before giving their second factor.

    ``accounts.middleware.SecondFactorRequiredMiddleware`` sends any such user who has not
    given it in this session to the second factor, for every view without this mark. Only for
    pages that show such a user nothing more than they show an anonymous visitor, or that
    concern their own account without exposing back-office data: the public pages, log-in and
    log-out, the password pages, the second-factor pages. The mark survives the decorators
    that use ``functools.wraps``, wherever it is placed among them.
    ``tests/securite/test_matrice_second_facteur.py`` lists every marked view: marking a new
    one fails that test until it is classified there.
    """
    view.sans_second_facteur = True
    return view
