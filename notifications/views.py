# SPDX-License-Identifier: EUPL-1.2
"""The notification centre: one's notices, marking them read, optional-message preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from notifications.forms import PreferencesForm
from notifications.models import Message, PreferencesNotification


@login_required
def centre(request):
    page = Paginator(Message.objects.pour(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notifications/centre.html", {"page": page})


@login_required
@require_POST
def marquer_lu(request, pk: int):
    message = get_object_or_404(Message.objects.pour(request.user), pk=pk)
    if message.lu_le is None:
        message.lu_le = timezone.now()
        message.save(update_fields=["lu_le"])
    messages.success(request, f"« {message.sujet} » est marquée comme lue.")
    return redirect("notifications:centre")


@login_required
@require_POST
def tout_marquer_lu(request):
    Message.objects.non_lus_de(request.user).update(lu_le=timezone.now())
    messages.success(request, "Toutes vos notifications sont marquées comme lues.")
    return redirect("notifications:centre")


@login_required
def preferences(request):
    instance = PreferencesNotification.objects.filter(
        utilisateur=request.user
    ).first() or PreferencesNotification(utilisateur=request.user)
    form = PreferencesForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Vos préférences de notification sont enregistrées.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
