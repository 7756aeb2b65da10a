# SPDX-License-Identifier: EUPL-1.2
"""The committee's pages inside the Django admin: scoring, votes, aggregates, closing.

Each view: scoped fetch (sessions visible to the user) → permission (``comite/rules.py``,
403 otherwise) → domain call in ``comite.seances`` → French message → redirect.
"""

import csv
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.journal import enregistrer
from audit.models import Evenement
from comite import seances
from comite.matrice import matrice_notes
from comite.models import (
    DeclarationInteret,
    Notation,
    NoteCritere,
    PointOrdreDuJour,
    SessionExamen,
    Vote,
)
from comite.rules import est_gestionnaire
from core.formats import neutraliser_csv
from territoires.models import Territoire
from tracks.criteres import QUESTIONS, Critere


def _session(request, session_id: int, permission: str = "comite.voir_session") -> SessionExamen:
    session = get_object_or_404(
        SessionExamen.objects.visibles_par(request.user).select_related("president"),
        pk=session_id,
    )
    if not request.user.has_perm(permission, session):
        raise PermissionDenied
    return session


def _point(request, session_id: int, point_id: int, permission: str) -> PointOrdreDuJour:
    point = get_object_or_404(
        PointOrdreDuJour.objects.filter(
            session__in=SessionExamen.objects.visibles_par(request.user)
        ).select_related(
            "session__president",
            "president_suppleant",
            "candidature__territoire",
            "candidature__parcours",
        ),
        session_id=session_id,
        pk=point_id,
    )
    if not request.user.has_perm(permission, point):
        raise PermissionDenied
    return point


def _contexte(request, titre: str, **kwargs) -> dict:
    from django.contrib import admin

    return {**admin.site.each_context(request), "title": titre, **kwargs}


def _url_grille(point: PointOrdreDuJour) -> str:
    return reverse("admin:comite_grille_notation", args=[point.session_id, point.pk])


def _confirmation(request, *, libelle: str, objet, consequence: str, url_retour: str, **kwargs):
    """The confirmation page of an irreversible action (GET); the same URL's POST runs it.

    Why a page: the admin does not load the portal's script, so a ``data-confirm`` button
    ran at once. Same pattern as the tracks' transitions (``admin/tracks/parcours/transition.html``).
    """
    return TemplateResponse(
        request,
        "comite/admin/confirmation.html",
        _contexte(
            request,
            f"{libelle} — {objet}",
            libelle=libelle,
            objet=objet,
            consequence=consequence,
            url_retour=url_retour,
            **kwargs,
        ),
    )


# Scoring list --------------------------------------------------------------------------------


CHAMPS_LISTE = (
    "pk",
    "candidature_id",
    "resultat",
    "voix_preponderante",
    "candidature__territoire__nom",
    "candidature__territoire__nature",
    "candidature__territoire__code",
    "candidature__parcours__titre",
)


def _nom_territoire(ligne: dict) -> str:
    """The territoire's usual name (``Territoire.__str__``) from the row's columns."""
    return str(
        Territoire(
            nom=ligne["candidature__territoire__nom"],
            nature=ligne["candidature__territoire__nature"],
            code=ligne["candidature__territoire__code"],
        )
    )


def liste_notation(request, session_id: int):
    """The member's agenda: each application with the state of their scores and vote.

    A constant number of queries whatever the number of applications and members.
    """
    session = _session(request, session_id)
    user = request.user
    if est_gestionnaire(user) and not session.convocations.filter(membre=user).exists():
        points = session.points.select_related("candidature__territoire", "candidature__parcours")
        en_conflit = PointOrdreDuJour.objects.none()
    else:
        points = PointOrdreDuJour.objects.agenda_de(user).filter(session=session)
        en_conflit = PointOrdreDuJour.objects.en_conflit_pour(user).filter(session=session)
    # Only what the page shows: a session can hold hundreds of applications, and loading
    # each application's full text to print its territoire's name cost most of the page.
    # Read into dicts: no ORDER BY, whose default (Meta.ordering) joined five tables to sort.
    mes_notations = dict(
        Notation.objects.filter(session=session, membre=user)
        .order_by()
        .values_list("candidature_id", "soumise_le")
    )
    mes_votes = dict(
        Vote.objects.filter(point__session=session, membre=user)
        .order_by()
        .values_list("point_id", "choix")
    )
    url_grille = reverse("admin:comite_grille_notation", args=[session.pk, 0])[: -len("0/")]
    resultats = dict(PointOrdreDuJour.Resultat.choices)
    lignes = [
        {
            "url": f"{url_grille}{p['pk']}/",
            "territoire": _nom_territoire(p),
            "parcours": p["candidature__parcours__titre"],
            "notation": (
                "À faire"
                if p["candidature_id"] not in mes_notations
                else "Soumise"
                if mes_notations[p["candidature_id"]]
                else "Brouillon"
            ),
            "vote": Vote.Choix(mes_votes[p["pk"]]).label if p["pk"] in mes_votes else "",
            "resultat": resultats.get(p["resultat"], ""),
            "voix_preponderante": p["voix_preponderante"],
        }
        for p in points.select_related(None).order_by("rang", "pk").values(*CHAMPS_LISTE)
    ]
    return TemplateResponse(
        request,
        "comite/admin/liste_notation.html",
        _contexte(
            request,
            f"Notation — {session}",
            session=session,
            lignes=lignes,
            en_conflit=en_conflit.select_related("candidature__territoire"),
            peut_presider=user.has_perm("comite.presider", session),
            peut_voir_agregats=user.has_perm("comite.voir_agregats", session),
            peut_declarer=user.has_perm("comite.confirmer_declarations", session),
            peut_voir_proces_verbal=bool(session.proces_verbal)
            and user.has_perm("comite.voir_proces_verbal", session),
            parcours_a_decider=session.parcours.all()
            if session.etat == SessionExamen.Etat.CLOSE and user.has_perm("comite.gerer_sessions")
            else [],
        ),
    )


# Scoring grid --------------------------------------------------------------------------------


def _saisies(post, prefixe: str = "") -> dict[str, seances.Saisie]:
    saisies = {}
    for critere in Critere:
        brut = post.get(f"{prefixe}note_{critere.value}", "").strip()
        try:
            note = int(brut) if brut else None
        except ValueError:
            note = -1  # refused by the scale check, with its French message
        saisies[critere.value] = seances.Saisie(
            note=note, commentaire=post.get(f"{prefixe}commentaire_{critere.value}", "")
        )
    return saisies


def grille_notation(request, session_id: int, point_id: int):
    """One application: its answers on one side, the six criteria to score on the other."""
    point = _point(request, session_id, point_id, "comite.voir_notes")
    candidature, parcours, user = point.candidature, point.candidature.parcours, request.user
    erreurs: list[str] = []
    if request.method == "POST":
        if not user.has_perm("comite.noter", point):
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "reviser":
                seances.reviser_notation(
                    point=point, membre=user, saisies=_saisies(request.POST, "revision_")
                )
                messages.success(
                    request, "Votre révision est enregistrée ; la note indépendante est conservée."
                )
            elif action == "relire":
                # The grid's "Soumettre" button: the draft is kept, then confirmed on its page.
                saisies = _saisies(request.POST)
                raisons = seances.verifier_saisies(point, saisies, complete=True)
                if raisons:
                    raise seances.Refus(raisons)
                seances.enregistrer_notation(
                    point=point, membre=user, saisies=saisies, soumettre=False
                )
                return redirect("admin:comite_soumettre_notation", point.session_id, point.pk)
            else:
                seances.enregistrer_notation(
                    point=point,
                    membre=user,
                    saisies=_saisies(request.POST),
                    soumettre=action == "soumettre",
                )
                messages.success(
                    request,
                    "Votre notation est soumise."
                    if action == "soumettre"
                    else "Brouillon enregistré.",
                )
            return redirect(_url_grille(point))
        except seances.Refus as refus:
            erreurs = refus.raisons
    # Explicit cheap orderings: the models' default ones sort through joined tables.
    notes_par_critere = Prefetch("notes", queryset=NoteCritere.objects.order_by("critere"))
    notation = (
        Notation.objects.filter(session=point.session, candidature=candidature, membre=user)
        .prefetch_related(notes_par_critere)
        .order_by("pk")
        .first()
    )
    mes_notes = {n.critere: n for n in notation.notes.all()} if notation else {}
    poids = parcours.ponderations_dict()
    criteres = []
    for critere in Critere:
        note = mes_notes.get(critere.value)
        criteres.append(
            {
                "code": critere.value,
                "libelle": critere.label,
                "question": QUESTIONS[critere],
                "reponse": getattr(candidature, critere.value, ""),
                "poids": poids.get(critere.value),
                "note": request.POST.get(f"note_{critere.value}")
                if erreurs
                else (note.note if note else None),
                "commentaire": request.POST.get(f"commentaire_{critere.value}")
                if erreurs
                else (note.commentaire if note else ""),
                "note_revisee": note.note_revisee if note else None,
                "commentaire_revision": note.commentaire_revision if note else "",
            }
        )
    # The others' scores: only once the member submitted their own (or staff), side by side
    # with the member's own column first (visibility: ``visibles_par``).
    colonnes, matrice = [], []
    if (notation and notation.soumise) or est_gestionnaire(user):
        autres = list(
            Notation.objects.visibles_par(user)
            .filter(session=point.session, candidature=candidature, soumise_le__isnull=False)
            .exclude(membre=user)
            .select_related("membre")
            .prefetch_related("notes")
            .order_by("membre__nom_complet", "pk")
        )
        if autres:
            propres = [notation] if notation and notation.soumise else []
            colonnes, matrice = matrice_notes(
                propres + autres,
                moi=user,
                echelle_min=parcours.echelle_min,
                echelle_max=parcours.echelle_max,
            )
    mon_vote = (
        Vote.objects.filter(point=point, membre=user)
        .order_by()
        .values_list("choix", flat=True)
        .first()
    )
    pieces = getattr(candidature, "pieces", None)
    return TemplateResponse(
        request,
        "comite/admin/grille_notation.html",
        _contexte(
            request,
            f"Notation — {candidature.territoire}",
            point=point,
            candidature=candidature,
            parcours=parcours,
            echelle=range(parcours.echelle_min, parcours.echelle_max + 1),
            criteres=criteres,
            notation=notation,
            colonnes=colonnes,
            matrice=matrice,
            erreurs=erreurs,
            pieces=pieces.all() if pieces is not None else [],
            peut_noter=user.has_perm("comite.noter", point),
            peut_reviser=bool(
                notation and notation.soumise and point.session.etat == SessionExamen.Etat.OUVERTE
            ),
            peut_voter=user.has_perm("comite.voter", point),
            peut_clore_vote=user.has_perm("comite.clore_vote", point),
            mon_vote=mon_vote,
            choix_vote=Vote.Choix.choices,
        ),
        status=400 if erreurs else 200,
    )


def soumettre_notation(request, session_id: int, point_id: int):
    """GET: the member's saved draft and what submitting means. POST: submit it."""
    point = _point(request, session_id, point_id, "comite.noter")
    notation = (
        Notation.objects.filter(
            session=point.session, candidature=point.candidature, membre=request.user
        )
        .prefetch_related(Prefetch("notes", queryset=NoteCritere.objects.order_by("critere")))
        .first()
    )
    if notation is None or notation.soumise:
        messages.error(
            request,
            "Votre notation est déjà soumise."
            if notation
            else "Enregistrez d'abord vos notes dans la grille.",
        )
        return redirect(_url_grille(point))
    notes = {n.critere: n for n in notation.notes.all()}
    saisies = {
        c.value: seances.Saisie(
            note=notes[c.value].note if c.value in notes else None,
            commentaire=notes[c.value].commentaire if c.value in notes else "",
        )
        for c in Critere
    }
    if request.method == "POST":
        try:
            seances.enregistrer_notation(
                point=point, membre=request.user, saisies=saisies, soumettre=True
            )
            messages.success(request, "Votre notation est soumise.")
        except seances.Refus as refus:
            for raison in refus.raisons:
                messages.error(request, raison)
        return redirect(_url_grille(point))
    return _confirmation(
        request,
        libelle="Soumettre ma notation",
        objet=point.candidature.territoire,
        consequence="Une fois soumise, votre notation indépendante est définitive : elle ne "
        "pourra plus être modifiée, seulement révisée en séance après la discussion, la note "
        "indépendante restant conservée.",
        url_retour=_url_grille(point),
        raisons=seances.verifier_saisies(point, saisies, complete=True),
        recapitulatif={
            "titre": "Notes enregistrées",
            "entetes": ["Critère", "Note", "Commentaire"],
            "lignes": [
                (c.label, saisies[c.value].note, saisies[c.value].commentaire) for c in Critere
            ],
        },
    )


# Votes ---------------------------------------------------------------------------------------


@require_POST
def voter(request, session_id: int, point_id: int):
    point = _point(request, session_id, point_id, "comite.voir_notes")
    if point.vote_clos:
        messages.error(
            request, "Le vote sur cette candidature est clos : il ne peut plus être modifié."
        )
        return redirect(_url_grille(point))
    if not request.user.has_perm("comite.voter", point):
        raise PermissionDenied
    try:
        seances.voter(point=point, membre=request.user, choix=request.POST.get("choix", ""))
        messages.success(
            request,
            "Votre vote est enregistré ; vous pouvez le changer jusqu'à la clôture du vote.",
        )
    except seances.Refus as refus:
        for raison in refus.raisons:
            messages.error(request, raison)
    return redirect(_url_grille(point))


def clore_vote(request, session_id: int, point_id: int):
    """GET: confirmation page. POST: close the vote on this application."""
    point = _point(request, session_id, point_id, "comite.clore_vote")
    if request.method != "POST":
        return _confirmation(
            request,
            libelle="Clore le vote",
            objet=point.candidature.territoire,
            consequence="Le résultat du vote sera définitif : plus aucun membre ne pourra "
            "voter ni changer son vote sur cette candidature.",
            url_retour=_url_grille(point),
        )
    try:
        point = seances.clore_vote(point=point, par=request.user)
        messages.success(request, f"Vote clos : {point.get_resultat_display()}.")
    except seances.Refus as refus:
        for raison in refus.raisons:
            messages.error(request, raison)
    return redirect(_url_grille(point))


# Session: declarations, opening, aggregates, closing, minutes ---------------------------------


def declarations(request, session_id: int):
    """A member confirms or completes their declarations of interest when the session opens."""
    session = _session(request, session_id, "comite.confirmer_declarations")
    from comite.forms import DeclarationForm

    form = DeclarationForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "confirmer":
            seances.confirmer_declarations(session=session, membre=request.user)
            messages.success(
                request, "Vos déclarations d'intérêts sont confirmées pour cette séance."
            )
            return redirect("admin:comite_liste_notation", session.pk)
        if form.is_valid():
            declaration = form.save(commit=False)
            declaration.membre = request.user
            declaration.save()
            enregistrer(
                action=Evenement.Action.MODIFICATION,
                acteur=request.user,
                objet=declaration,
                commentaire="Déclaration d'intérêts ajoutée",
            )
            messages.success(
                request, "Déclaration ajoutée. Confirmez la liste quand elle est complète."
            )
            return redirect("admin:comite_declarations", session.pk)
    return TemplateResponse(
        request,
        "comite/admin/declarations.html",
        _contexte(
            request,
            "Mes déclarations d'intérêts",
            session=session,
            form=form,
            declarations=DeclarationInteret.objects.filter(
                membre=request.user, retiree_le__isnull=True
            ).select_related("territoire"),
        ),
    )


def ouvrir(request, session_id: int):
    """GET: confirmation page. POST: open the sitting."""
    session = _session(request, session_id, "comite.presider")
    if request.method != "POST":
        return _confirmation(
            request,
            libelle="Ouvrir la séance",
            objet=session,
            etat=session.get_etat_display(),
            consequence="Les candidatures de l'ordre du jour passent en examen ; les présences "
            "et les déclarations d'intérêts enregistrées feront foi pour toute la séance.",
            url_retour=reverse("admin:comite_liste_notation", args=[session.pk]),
        )
    try:
        seances.ouvrir_session(session=session, par=request.user)
        messages.success(request, "La séance est ouverte.")
    except seances.Refus as refus:
        for raison in refus.raisons:
            messages.error(request, raison)
    return redirect("admin:comite_liste_notation", session.pk)


def agregats(request, session_id: int):
    """Aggregates that explain themselves, for the chair and staff."""
    session = _session(request, session_id, "comite.voir_agregats")
    lignes, sensibilite = seances.agregats_de_session(session)
    return TemplateResponse(
        request,
        "comite/admin/agregats.html",
        _contexte(
            request,
            f"Agrégats — {session}",
            session=session,
            lignes=lignes,
            sensibilite=sensibilite,
            criteres=Critere,
        ),
    )


def _deux_decimales(valeur: float | None) -> Decimal | None:
    """A number for the spreadsheet (a text "+0.25" would be taken for a formula and quoted)."""
    return None if valeur is None else Decimal(f"{valeur:.2f}")


def agregats_csv(request, session_id: int):
    session = _session(request, session_id, "comite.voir_agregats")
    lignes, _ = seances.agregats_de_session(session)
    reponse = HttpResponse(content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="agregats-seance-{session.pk}.csv"'
    reponse.write("\ufeff")  # Excel opens UTF-8 correctly with a BOM
    ecrivain = csv.writer(reponse, delimiter=";")
    ecrivain.writerow(
        [
            "rang",
            "territoire",
            "parcours",
            "critère",
            "moyenne",
            "médiane",
            "min",
            "max",
            "notateurs",
            "note globale pondérée",
            "fort désaccord",
            "effet de la discussion",
        ]
    )
    for ligne in lignes:
        for libelle, stat in ligne.stats_libelles:
            cellules = [
                ligne.rang,
                ligne.point.candidature.territoire,
                ligne.point.candidature.parcours,
                libelle,
                _deux_decimales(stat.moyenne),
                _deux_decimales(stat.mediane),
                stat.minimum,
                stat.maximum,
                stat.nb_notateurs,
                _deux_decimales(ligne.total),
                "oui" if ligne.desaccord else "non",
                _deux_decimales(ligne.deplacement),
            ]
            ecrivain.writerow([neutraliser_csv(cellule) for cellule in cellules])
    enregistrer(
        action=Evenement.Action.EXPORT,
        acteur=request.user,
        objet=session,
        commentaire="Export des agrégats",
    )
    return reponse


def cloturer(request, session_id: int):
    """GET: confirmation page with the missing scores. POST: close the sitting for good."""
    session = _session(request, session_id, "comite.voir_session")
    if session.president_id != request.user.pk:
        raise PermissionDenied
    if request.method != "POST":
        return _confirmation(
            request,
            libelle="Clore la séance",
            objet=session,
            etat=session.get_etat_display(),
            consequence="La clôture est définitive : les propositions du comité sont appliquées "
            "aux candidatures et le procès-verbal est produit.",
            url_retour=reverse("admin:comite_liste_notation", args=[session.pk]),
            raisons=seances.notes_manquantes(session),
            titre_raisons="Notes manquantes (pour clore malgré tout, indiquez le motif) :",
            motif={
                "nom": "motif_forcage",
                "libelle": "Motif, si vous closez malgré des notes manquantes",
                "aide": "Inscrit au procès-verbal et au journal.",
            },
        )
    try:
        seances.clore_session(
            session=session, par=request.user, motif_forcage=request.POST.get("motif_forcage", "")
        )
        messages.success(request, "La séance est close ; le procès-verbal est produit.")
    except seances.Refus as refus:
        for raison in refus.raisons:
            messages.error(request, raison)
    return redirect("admin:comite_liste_notation", session.pk)


def proces_verbal(request, session_id: int):
    session = _session(request, session_id)
    if not session.proces_verbal:
        raise Http404("Le procès-verbal n'est pas encore produit.")
    if not request.user.has_perm("comite.voir_proces_verbal", session):
        raise PermissionDenied(
            "Vous avez déclaré un conflit d'intérêts sur une candidature de cette séance : "
            "le procès-verbal vous sera accessible une fois la décision du Bureau enregistrée."
        )
    return FileResponse(
        session.proces_verbal.open("rb"),
        content_type="application/pdf",
        filename=f"proces-verbal-seance-{session.pk}.pdf",
    )


# Bureau Métropolitain ------------------------------------------------------------------------


def decision_bureau(request, parcours_id: int):
    """Staff record the Bureau's deliberation and each application's outcome (art. 5.3)."""
    from comite import bureau
    from comite.forms import DecisionBureauForm
    from tracks.models import Parcours

    if not request.user.has_perm("comite.gerer_sessions"):
        raise PermissionDenied
    parcours = get_object_or_404(Parcours, pk=parcours_id)
    candidatures = bureau.candidatures_a_decider(parcours)
    en_attente = bureau.DeliberationEnAttente(request.session, parcours.pk)
    form = DecisionBureauForm(
        request.POST or None,
        request.FILES or None,
        candidatures=candidatures,
        document_joint=en_attente.nom() if request.method == "POST" else None,
    )
    erreurs: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            decision = bureau.enregistrer_decision(
                parcours=parcours,
                numero=form.cleaned_data["numero"],
                date=form.cleaned_data["date"],
                document=form.cleaned_data["document"] or en_attente.fichier(),
                issues=form.issues(),
                par=request.user,
            )
            en_attente.oublier()
            messages.success(
                request, f"{decision} enregistrée ; les candidats sont notifiés de la décision."
            )
            return redirect("admin:comite_decisionbureau_change", decision.pk)
        except seances.Refus as refus:
            erreurs = refus.raisons
    if request.method == "POST" and request.FILES.get("document"):
        # Refused for another field: the file is kept so that it need not be chosen again.
        en_attente.garder(request.FILES["document"])
        form.signaler_document_joint(en_attente.nom())
    elif request.method == "GET":
        en_attente.oublier()
    return TemplateResponse(
        request,
        "comite/admin/decision_bureau.html",
        _contexte(
            request,
            f"Décision du Bureau métropolitain — {parcours}",
            parcours=parcours,
            form=form,
            erreurs=erreurs,
        ),
        status=400 if erreurs or (request.method == "POST" and form.errors) else 200,
    )
