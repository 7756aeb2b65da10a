# SPDX-License-Identifier: EUPL-1.2
"""The project's URLs plus a view that fails, to see the 500 page a user would get."""

from django.urls import path

from appropriation.urls import handler400, handler500, urlpatterns  # noqa: F401


def panne(request):
    raise RuntimeError("panne simulée")


urlpatterns = [*urlpatterns, path("panne/", panne)]
