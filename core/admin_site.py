# SPDX-License-Identifier: EUPL-1.2
"""The admin site of the portal: Django's, with each user's menu kept for a minute.

Every admin page (the committee's scoring pages included) builds the menu of the applications
the user may open: every registered model asked for its permissions, two queries for the
user's and groups' permissions, 3 to 4 ms a page (docs/performance.md). The menu only depends
on the user's roles, which this portal gives through groups: it is kept one minute per user
and per set of roles, so a role granted or withdrawn changes the menu on the next page. The
menu is navigation only: every page still checks its own permission, so a link kept a minute
too long leads to a refusal, never to data.
"""

import time

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.decorators import method_decorator

from core.acces import sans_second_facteur

DUREE_MENU = 60  # seconds
_menus: dict[tuple, tuple[float, list]] = {}


class SitePortail(AdminSite):
    # Logging in and out of the admin needs no second factor (every other admin page does).
    @method_decorator(sans_second_facteur)
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)

    @method_decorator(sans_second_facteur)
    def logout(self, request, extra_context=None):
        return super().logout(request, extra_context)

    def get_app_list(self, request, app_label=None):
        user = request.user
        if app_label is not None or not user.is_authenticated:
            return super().get_app_list(request, app_label)
        cle = (user.pk, user.is_superuser, user.is_staff, user.is_active, user.roles())
        maintenant = time.monotonic()
        garde = _menus.get(cle)
        if garde is not None and garde[0] > maintenant:
            return garde[1]
        menu = super().get_app_list(request)
        if len(_menus) > 1000:  # a bounded memo: old entries go all at once
            _menus.clear()
        _menus[cle] = (maintenant + DUREE_MENU, menu)
        return menu


def oublier_les_menus() -> None:
    """Forget every kept menu (tests; or after changing a group's permissions)."""
    _menus.clear()


class AdminPortailConfig(AdminConfig):
    """Django's admin with the portal's site (in INSTALLED_APPS instead of django.contrib.admin)."""

    default_site = "core.admin_site.SitePortail"
