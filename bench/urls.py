# SPDX-License-Identifier: EUPL-1.2
"""The portal's URLs plus a minimal view: the baseline every page's throughput is compared to."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from appropriation.urls import urlpatterns as portail


def baseline(request: HttpRequest) -> HttpResponse:
    """Through the same middleware stack and gunicorn workers, with no query and no template."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
def baseline_connecte(request: HttpRequest) -> HttpResponse:
    """The floor of a signed-in page: session, user, second-factor check, session saved."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/baseline/", baseline),
    path("bench/baseline-connecte/", baseline_connecte),
    *portail,
]
