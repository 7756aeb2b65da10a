# SPDX-License-Identifier: EUPL-1.2
"""Front office of the applications: start, edit in sections, attach, check, submit, withdraw.

Every page fetches the application through ``Candidature.objects`` scoped to the user:
reading through ``visibles_par`` (staff see all), changing through ``du_territoire_de``
(only the territoire's own agents). Another territoire's application is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.roles import est_agent_metropole
from audit.journal import adresse_ip, enregistrer
from audit.models import Evenement
from candidatures import accuses, brouillons, documents
from candidatures.forms import CandidatureForm, PieceJointeForm, TerritoireForm
from candidatures.models import Candidature, PieceJointe
from core.acces import sans_second_facteur
from core.workflow import TransitionRefusee, appliquer
from tracks.models import Parcours


def _lisible(request: HttpRequest, pk: int) -> Candidature:
    return get_object_or_404(
        Candidature.objects.visibles_par(request.user).prefetch_related("pieces"), pk=pk
    )


def _modifiable(request: HttpRequest, pk: int) -> Candidature:
    return get_object_or_404(
        Candidature.objects.du_territoire_de(request.user).prefetch_related("pieces"), pk=pk
    )


def _pdf(contenu: bytes, nom: str) -> HttpResponse:
    reponse = HttpResponse(contenu, content_type="application/pdf")
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    reponse["X-Content-Type-Options"] = "nosniff"
    return reponse


@login_required
def mes_candidatures(request: HttpRequest) -> HttpResponse:
    """The applications of the user's territoires, with their state and what happens next."""
    candidatures = (
        Candidature.objects.du_territoire_de(request.user)
        .avec_completude()
        .order_by("-modifiee_le")
    )
    return render(request, "candidatures/mes_candidatures.html", {"candidatures": candidatures})


@login_required
def demarrer(request: HttpRequest, slug: str) -> HttpResponse:
    """From the track page: choose the territoire (GET), then create or reopen its draft (POST)."""
    parcours = get_object_or_404(Parcours.objects.visibles(), slug=slug)
    territoires = request.user.territoires_approuves().order_by("nom_tri")
    if not territoires.exists():
        raise PermissionDenied("Votre rattachement à un territoire doit d'abord être validé.")
    form = TerritoireForm(
        request.POST or None,
        territoires=territoires,
        initial={"territoire": territoires.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            candidature, creee = brouillons.demarrer(
                parcours=parcours, territoire=form.cleaned_data["territoire"], par=request.user
            )
        except TransitionRefusee as refus:
            messages.error(request, " ".join(refus.raisons))
            return redirect("tracks:detail", slug=parcours.slug)
        if creee:
            messages.success(request, "Votre brouillon de candidature est créé.")
        else:
            messages.info(request, "Votre territoire a déjà une candidature pour ce parcours.")
        return redirect("candidatures:detail", pk=candidature.pk)
    existantes = {
        c.territoire_id: c
        for c in Candidature.objects.filter(parcours=parcours, territoire__in=territoires)
    }
    return render(
        request,
        "candidatures/demarrer.html",
        {"parcours": parcours, "form": form, "existantes": existantes},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the application stands, what is missing, its files, and the possible actions."""
    candidature = _lisible(request, pk)
    return render(
        request,
        "candidatures/detail.html",
        {
            "candidature": candidature,
            "manques": candidature.manques(),
            "peut_agir": request.user.peut_agir_pour(candidature.territoire),
            "historique": _historique(candidature),
            # The Bureau's decision and its score card (comite), once recorded.
            "issue_decision": getattr(candidature, "decision_bureau", None),
        },
    )


def _historique(candidature: Candidature) -> list[dict]:
    """The state changes, with French labels, for the applicant's page."""
    return [
        {
            "horodatage": e.horodatage,
            "etat_avant": e.libelle_etat_avant,
            "etat_apres": e.libelle_etat_apres,
            "acteur": e.acteur_libelle.split(" <")[0],
            "commentaire": e.commentaire,
        }
        for e in Evenement.objects.pour(candidature).filter(action=Evenement.Action.TRANSITION)
    ]


@login_required
def modifier(request: HttpRequest, pk: int) -> HttpResponse:
    """The form in sections; saving keeps a draft on the server, with a version check."""
    candidature = _modifiable(request, pk)
    if not candidature.est_modifiable:
        messages.error(request, "Cette candidature ne peut plus être modifiée.")
        return redirect("candidatures:detail", pk=pk)
    form = CandidatureForm(request.POST or None, instance=candidature)
    conflit = None
    if request.method == "POST" and form.is_valid():
        donnees = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            brouillons.enregistrer_reponses(
                candidature=candidature,
                donnees=donnees,
                version_vue=form.cleaned_data["version"],
                par=request.user,
            )
        except brouillons.ConflitVersion as erreur:
            conflit = documents.differences(erreur.actuelle, donnees)
            form = CandidatureForm(
                {**request.POST.dict(), "version": erreur.actuelle.version},
                instance=erreur.actuelle,
            )
            messages.warning(
                request,
                f"{erreur.actuelle.modifiee_par or 'Un autre agent'} a enregistré ce dossier "
                "pendant que vous le modifiiez. Vos saisies ne sont pas perdues : elles sont "
                "dans le formulaire ci-dessous ; comparez avec sa version, puis enregistrez.",
            )
        except TransitionRefusee as refus:
            messages.error(request, " ".join(refus.raisons))
            return redirect("candidatures:detail", pk=pk)
        else:
            messages.success(request, "Brouillon enregistré.")
            if "recapitulatif" in request.POST:
                return redirect("candidatures:recapitulatif", pk=pk)
            return redirect("candidatures:modifier", pk=pk)
    return render(
        request,
        "candidatures/modifier.html",
        {"candidature": candidature, "form": form, "conflit": conflit},
    )


@login_required
def pieces(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach files (GET shows the list and the form, POST uploads)."""
    candidature = _modifiable(request, pk)
    form = PieceJointeForm(request.POST or None, request.FILES or None, candidature=candidature)
    if request.method == "POST":
        if not candidature.est_modifiable:
            messages.error(request, "Cette candidature ne peut plus être modifiée.")
            return redirect("candidatures:detail", pk=pk)
        if form.is_valid():
            try:
                piece = brouillons.ajouter_piece(
                    candidature=candidature,
                    fichier=form.cleaned_data["fichier"],
                    verifie=form.verifie,
                    nature=form.cleaned_data["nature"],
                    par=request.user,
                )
            except TransitionRefusee as refus:
                messages.error(request, " ".join(refus.raisons))
            else:
                messages.success(request, f"« {piece.nom} » est joint au dossier.")
                return redirect("candidatures:pieces", pk=pk)
    return render(request, "candidatures/pieces.html", {"candidature": candidature, "form": form})


@login_required
@require_POST
def supprimer_piece(request: HttpRequest, pk: int, piece_pk: int) -> HttpResponse:
    candidature = _modifiable(request, pk)
    piece = get_object_or_404(candidature.pieces, pk=piece_pk)
    try:
        brouillons.supprimer_piece(piece=piece, par=request.user)
    except TransitionRefusee as refus:
        messages.error(request, " ".join(refus.raisons))
    else:
        messages.success(request, f"« {piece.nom} » est retiré du dossier.")
    return redirect("candidatures:pieces", pk=pk)


@login_required
def telecharger_piece(request: HttpRequest, pk: int, piece_pk: int) -> FileResponse:
    """A file of the application, to its territoire's agents and staff (staff reads are logged)."""
    candidature = _lisible(request, pk)
    piece = get_object_or_404(PieceJointe.objects.filter(candidature=candidature), pk=piece_pk)
    if not request.user.peut_agir_pour(candidature.territoire):
        enregistrer(
            action=Evenement.Action.TELECHARGEMENT,
            acteur=request.user,
            objet=candidature,
            commentaire=f"Pièce téléchargée : {piece.nom}",
            donnees={"piece": piece.pk, "sha256": piece.sha256},
            adresse_ip=adresse_ip(request),
        )
    reponse = FileResponse(
        piece.fichier.open("rb"),
        as_attachment=True,
        filename=piece.nom,
        content_type=piece.type_contenu,
    )
    reponse["X-Content-Type-Options"] = "nosniff"
    return reponse


@login_required
def recapitulatif(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything that will be sent, what is missing, and the submit button."""
    candidature = _modifiable(request, pk)
    return render(
        request,
        "candidatures/recapitulatif.html",
        {
            "candidature": candidature,
            "sections": documents.sections(candidature),
            "manques": candidature.manques(),
            "action": "redeposer"
            if candidature.etat == Candidature.Etat.A_COMPLETER
            else "deposer",
        },
    )


@login_required
@require_POST
def deposer(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit (or resubmit when asked to complete); a double click submits once."""
    candidature = _modifiable(request, pk)
    etat_vu = request.POST.get("etat", candidature.etat)
    nom = "redeposer" if etat_vu == Candidature.Etat.A_COMPLETER else "deposer"
    try:
        candidature = appliquer(
            candidature, nom, par=request.user, etat_attendu=etat_vu, adresse_ip=adresse_ip(request)
        )
    except TransitionRefusee as refus:
        candidature.refresh_from_db(fields=["numero"])
        if candidature.numero and etat_vu == Candidature.Etat.BROUILLON:
            messages.info(
                request, "Cette candidature est déjà déposée : voici son accusé de réception."
            )
            return redirect("candidatures:accuse", pk=pk)
        messages.error(request, " ".join(refus.raisons))
        return redirect("candidatures:recapitulatif", pk=pk)
    messages.success(
        request, f"Candidature déposée. Numéro d'accusé de réception : {candidature.numero}."
    )
    return redirect("candidatures:accuse", pk=pk)


@login_required
def retirer(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw, after a confirmation page."""
    candidature = _modifiable(request, pk)
    if request.method == "POST":
        try:
            appliquer(
                candidature,
                "retirer",
                par=request.user,
                etat_attendu=request.POST.get("etat"),
                commentaire=request.POST.get("commentaire", "").strip(),
                adresse_ip=adresse_ip(request),
            )
        except TransitionRefusee as refus:
            messages.error(request, " ".join(refus.raisons))
        else:
            messages.success(request, "La candidature est retirée.")
        return redirect("candidatures:detail", pk=pk)
    return render(request, "candidatures/retirer.html", {"candidature": candidature})


@login_required
def accuse(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt web page, served at once from the database."""
    candidature = _lisible(request, pk)
    if not candidature.numero:
        messages.info(request, "Cette candidature n'est pas encore déposée.")
        return redirect("candidatures:detail", pk=pk)
    return render(request, "candidatures/accuse.html", accuses.contexte_accuse(candidature))


@login_required
def accuse_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    candidature = _lisible(request, pk)
    if not candidature.numero:
        messages.info(request, "Cette candidature n'est pas encore déposée.")
        return redirect("candidatures:detail", pk=pk)
    return _pdf(accuses.pdf_accuse(candidature), f"accuse-reception-{candidature.numero}.pdf")


@login_required
def dossier_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole application as a PDF, at any time (draft included)."""
    candidature = _lisible(request, pk)
    if est_agent_metropole(request.user) and not request.user.peut_agir_pour(
        candidature.territoire
    ):
        enregistrer(
            action=Evenement.Action.TELECHARGEMENT,
            acteur=request.user,
            objet=candidature,
            commentaire="Dossier complet téléchargé (PDF)",
            adresse_ip=adresse_ip(request),
        )
    nom = f"candidature-{candidature.territoire.code}-{candidature.parcours.slug}.pdf"
    return _pdf(documents.pdf_dossier(candidature, maintenant=timezone.now()), nom)


@sans_second_facteur
def questionnaire(request: HttpRequest, slug: str) -> HttpResponse:
    """The questions of the form, to prepare the answers offline (public, like the call)."""
    parcours = get_object_or_404(Parcours.objects.visibles(), slug=slug)
    return _pdf(documents.pdf_questionnaire(parcours), f"questionnaire-{parcours.slug}.pdf")
