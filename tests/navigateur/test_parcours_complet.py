# SPDX-License-Identifier: EUPL-1.2
"""THE end-to-end journey of a track, in a real browser (COMPLIANCE 7, issue 4).

Each role's main act goes through the real pages (login page and second factor included):
staff publish, an agent applies and downloads the acknowledgement, staff declare it
admissible, two members score and vote, the chair closes the sitting, staff record the
Bureau's decision, the convention is generated, signed and countersigned, phase 2 starts, the
beneficiary delivers its feedback and evaluation and shares its data with a file, the track
is closed. The committee's irreversible acts (opening, submitting scores, closing a vote and
the sitting, the Bureau's decision) each pass through their confirmation (issue 19.2).

What has no page of its own, or would only slow the browser down, is done through the domain
functions and marked « DOMAINE » below: preparing the draft track (its grid and documents),
time passing (deadline, end of the experimentation), composing the sitting (mandates,
convocations, declarations), the Celery batch that creates the conventions, the kickoff
meeting / workshops / use case / procurement steps (recorded through plain admin forms, not
under test here) and the assessment report.
"""

import datetime as dt
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.navigateur.outils import (
    appareil_totp,
    cliquer_et_attendre,
    code_de_secours,
    code_totp,
    pdf_signe,
    preparer_page,
    se_connecter,
    transition_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fichier(nom: str) -> dict:
    return {"name": nom, "mimeType": "application/pdf", "buffer": pdf_signe(nom)}


def test_a_track_goes_from_publication_to_closing_in_a_real_browser(
    live_server,
    page_navigateur,
    agent_metropole,
    agent_vincennes,
    representant_vincennes,
    membre_comite,
    president_comite,
    expert,
):
    from candidatures.models import Candidature
    from comite.models import Notation, PointOrdreDuJour, SessionExamen
    from comite.seances import constituer_ordre_du_jour
    from conventions.documents import creer_convention
    from conventions.models import Convention
    from core.workflow import appliquer
    from suivi.models import IndicateurEvaluation, Livrable
    from tests.comite.factories import SessionFactory, convoquer
    from tests.factories import UserFactory
    from tests.tracks.factories import (
        ParcoursFactory,
        avec_ateliers,
        avec_cas_usage_retenu,
        avec_lancement,
        avec_marche,
    )
    from tracks.models import DocumentParcours, Parcours

    page = page_navigateur
    preparer_page(page)
    base = live_server.url
    totp_staff = appareil_totp(agent_metropole)

    # 1. Staff publish the track, through the login page, their TOTP and the admin button
    # (later logins use single-use backup codes: a TOTP code is refused twice in 30 s).
    # DOMAINE: the draft (six weights, three documents) is prepared by the factory.
    parcours = ParcoursFactory(
        pret_a_publier=True,
        titre="Aires de livraison intelligentes",
        slug="aires-de-livraison-intelligentes",
        experimentation_debut=dt.date(2027, 3, 1),
        experimentation_fin=dt.date(2027, 9, 30),
    )
    IndicateurEvaluation.objects.create(
        parcours=parcours, libelle="Livraisons en double file évitées", unite="%", ordre=1
    )
    se_connecter(page, base, agent_metropole, second_facteur=code_totp(totp_staff))
    fiche_parcours = base + reverse("admin:tracks_parcours_change", args=[parcours.pk])
    transition_admin(page, fiche_parcours, "Publier l'appel à candidatures")
    assert Parcours.objects.get(pk=parcours.pk).etat == Parcours.Etat.PUBLIE

    # 2. An agent of Vincennes signs in, drafts, attaches the signed form, submits.
    se_connecter(page, base, agent_vincennes)
    page.goto(base + reverse("tracks:catalogue"))
    cliquer_et_attendre(page, page.get_by_role("link", name=parcours.titre).first)
    cliquer_et_attendre(page, page.get_by_role("button", name=re.compile("Candidater")))
    if page.get_by_role("button", name=re.compile("Commencer")).count():
        cliquer_et_attendre(page, page.get_by_role("button", name=re.compile("Commencer")))
    candidature = Candidature.objects.get(parcours=parcours)
    page.goto(base + reverse("candidatures:modifier", args=[candidature.pk]))
    from tests.candidatures.factories import REPONSES

    for champ, valeur in REPONSES.items():
        if isinstance(valeur, bool):
            page.locator(f"[name={champ}]").check()
        else:
            page.locator(f"[name={champ}]").fill(valeur)
    cliquer_et_attendre(page, page.get_by_role("button", name="Enregistrer le brouillon"))
    page.goto(base + reverse("candidatures:pieces", args=[candidature.pk]))
    page.get_by_label("Formulaire d'engagement signé par le représentant légal").check()
    page.locator("input[type=file]").set_input_files(_fichier("engagement-signe.pdf"))
    cliquer_et_attendre(page, page.get_by_role("button", name="Joindre le document"))
    assert "engagement-signe.pdf" in page.content()
    page.goto(base + reverse("candidatures:recapitulatif", args=[candidature.pk]))
    cliquer_et_attendre(page, page.get_by_role("button", name="Déposer la candidature"))
    candidature = Candidature.objects.get(pk=candidature.pk)
    assert candidature.etat == Candidature.Etat.DEPOSEE and candidature.numero
    assert candidature.numero in page.content()

    # ... and downloads the acknowledgement: number, track and time in the PDF's text.
    with page.expect_download() as attente:
        page.get_by_role("link", name=re.compile("PDF|accusé", re.I)).first.click()
    from pypdf import PdfReader

    texte = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(attente.value.path().read_bytes())).pages
    )
    texte = re.sub(r"\s+", " ", texte)
    from core.formats import horodatage

    assert candidature.numero in texte
    assert parcours.titre in texte
    assert horodatage(candidature.deposee_le) in texte, texte

    # DOMAINE: the deadline passes (the periodic task would close the applications).
    Parcours.objects.filter(pk=parcours.pk).update(
        date_limite=timezone.now() - dt.timedelta(minutes=1)
    )

    # 3. Staff close the applications and declare the application admissible, in the admin.
    se_connecter(page, base, agent_metropole, second_facteur=code_de_secours(agent_metropole))
    transition_admin(page, fiche_parcours, "Clore les candidatures")
    fiche_candidature = base + reverse(
        "admin:candidatures_candidature_change", args=[candidature.pk]
    )
    transition_admin(page, fiche_candidature, "Déclarer admissible")
    assert Candidature.objects.get(pk=candidature.pk).etat == Candidature.Etat.ADMISSIBLE

    # 4. DOMAINE: the sitting is composed (the chair and two members convened and present).
    autre_membre = UserFactory(membre_comite=True, nom_complet="Second membre du comité")
    session = SessionFactory(president=president_comite, date=timezone.now())
    session.parcours.add(parcours)
    convoquer(session, president_comite, membre_comite, autre_membre)
    constituer_ordre_du_jour(session)
    liste = base + reverse("admin:comite_liste_notation", args=[session.pk])

    # The chair opens the sitting.
    se_connecter(page, base, president_comite, second_facteur=code_de_secours(president_comite))
    page.goto(liste)
    # Every irreversible step of the committee asks first, on a page of its own (issue 19.2).
    cliquer_et_attendre(page, page.get_by_role("link", name="Ouvrir la séance…"))
    assert SessionExamen.objects.get(pk=session.pk).etat == SessionExamen.Etat.PLANIFIEE
    cliquer_et_attendre(page, page.get_by_role("button", name="Confirmer : Ouvrir la séance"))
    assert SessionExamen.objects.get(pk=session.pk).etat == SessionExamen.Etat.OUVERTE
    point = session.points.get()
    grille = base + reverse("admin:comite_grille_notation", args=[session.pk, point.pk])

    # The chair (also a member) then two members score every criterion and vote for, each
    # in their own browser session.
    for membre, note in ((president_comite, "3"), (membre_comite, "4"), (autre_membre, "3")):
        if membre != president_comite:
            se_connecter(page, base, membre, second_facteur=code_de_secours(membre))
        page.goto(grille)
        for champ in page.locator("input[name^=note_]").all():
            champ.fill(note)
        for champ in page.locator("textarea[name^=commentaire_]").all():
            champ.fill("Dossier solide, équipe disponible.")
        cliquer_et_attendre(page, page.get_by_role("button", name="Soumettre…"))
        assert not Notation.objects.get(membre=membre, session=session).soumise
        cliquer_et_attendre(
            page, page.get_by_role("button", name="Confirmer : Soumettre ma notation")
        )
        assert Notation.objects.get(membre=membre, session=session).soumise
        page.locator("#vote_pour").check()
        cliquer_et_attendre(page, page.get_by_role("button", name="Voter"))

    # 5. The chair closes the vote, then the sitting (minutes produced).
    se_connecter(page, base, president_comite, second_facteur=code_de_secours(president_comite))
    page.goto(grille)
    cliquer_et_attendre(page, page.get_by_role("link", name="Clore le vote…"))
    assert not PointOrdreDuJour.objects.get(pk=point.pk).vote_clos
    cliquer_et_attendre(page, page.get_by_role("button", name="Confirmer : Clore le vote"))
    page.goto(liste)
    cliquer_et_attendre(
        page, page.get_by_role("link", name="Clore la séance et produire le procès-verbal…")
    )
    assert SessionExamen.objects.get(pk=session.pk).etat == SessionExamen.Etat.OUVERTE
    cliquer_et_attendre(page, page.get_by_role("button", name="Confirmer : Clore la séance"))
    assert SessionExamen.objects.get(pk=session.pk).etat == SessionExamen.Etat.CLOSE
    assert Candidature.objects.get(pk=candidature.pk).etat == Candidature.Etat.PROPOSEE

    # 6. Staff record the Bureau's decision (which selects the winners).
    se_connecter(page, base, agent_metropole, second_facteur=code_de_secours(agent_metropole))
    page.goto(base + reverse("admin:comite_enregistrer_decision_bureau", args=[parcours.pk]))
    page.get_by_label("Numéro de la délibération").fill("BM-2027-012")
    page.get_by_label("Date de la délibération").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Délibération signée (PDF)").set_input_files(_fichier("deliberation.pdf"))
    page.locator(f'input[name=issue_{candidature.pk}][value="1"]').check()
    page.get_by_label("Je confirme : cette décision est définitive", exact=False).check()
    cliquer_et_attendre(page, page.get_by_role("button", name="Enregistrer la décision"))
    assert Parcours.objects.get(pk=parcours.pk).etat == Parcours.Etat.LAUREATS  # same act
    assert Candidature.objects.get(pk=candidature.pk).etat == Candidature.Etat.SELECTIONNEE

    # DOMAINE: kickoff, workshops, use case (with the expert's opinion) and procurement are
    # recorded; the steps themselves are taken with the admin's buttons.
    avec_lancement(parcours, candidature.territoire)
    transition_admin(page, fiche_parcours, "Déclarer la réunion de lancement tenue")
    avec_ateliers(parcours, "7", "7")
    transition_admin(page, fiche_parcours, "Démarrer la phase 1")
    avec_cas_usage_retenu(parcours, expert)
    transition_admin(page, fiche_parcours, "Valider le cas d'usage retenu")
    avec_marche(parcours)
    transition_admin(page, fiche_parcours, "Valider le choix du prestataire")

    # 7. DOMAINE: the Celery batch creates the convention; staff generate and send it.
    convention = creer_convention(candidature=Candidature.objects.get(pk=candidature.pk))
    fiche_convention = base + reverse("admin:conventions_convention_change", args=[convention.pk])
    page.goto(fiche_convention)
    cliquer_et_attendre(page, page.get_by_role("button", name="Générer le PDF"))
    assert Convention.objects.get(pk=convention.pk).document is not None
    transition_admin(page, fiche_convention, "Envoyer pour signature")

    # The legal representative uploads the signed convention in the front office.
    se_connecter(page, base, representant_vincennes)
    page.goto(base + reverse("conventions:detail", args=[convention.pk]))
    page.locator("input[type=file]").set_input_files(_fichier("convention-signee.pdf"))
    cliquer_et_attendre(page, page.get_by_role("button", name="Déposer la convention signée"))
    assert Convention.objects.get(pk=convention.pk).etat == Convention.Etat.SIGNEE_BENEFICIAIRE

    # Staff countersign, then start phase 2.
    se_connecter(page, base, agent_metropole, second_facteur=code_de_secours(agent_metropole))
    transition_admin(page, fiche_convention, "Contresigner (entrée en vigueur)")
    assert Convention.objects.get(pk=convention.pk).etat == Convention.Etat.EN_VIGUEUR
    transition_admin(page, fiche_parcours, "Démarrer l'expérimentation")
    assert Parcours.objects.get(pk=parcours.pk).etat == Parcours.Etat.EXPERIMENTATION

    # DOMAINE: the experimentation's end date is reached.
    fin = timezone.localdate() - dt.timedelta(days=1)
    Parcours.objects.filter(pk=parcours.pk).update(
        experimentation_debut=fin - dt.timedelta(days=120), experimentation_fin=fin
    )
    transition_admin(page, fiche_parcours, "Passer au bilan")
    page.goto(base + reverse("suivi:pilotage_parcours", args=[parcours.slug]))
    cliquer_et_attendre(page, page.get_by_role("button", name=re.compile("Préparer|livrables")))
    assert Livrable.objects.filter(parcours=parcours).count() == 3

    # 8. The beneficiary's agent delivers the feedback and the evaluation.
    se_connecter(page, base, agent_vincennes)
    for nature in (Livrable.Nature.RETOUR, Livrable.Nature.EVALUATION):
        livrable = Livrable.objects.get(parcours=parcours, nature=nature)
        page.goto(base + reverse("suivi:livrable", args=[livrable.pk]))
        formulaire = page.locator("main form").first
        for champ in formulaire.locator("textarea").all():
            champ.fill("Les agents ont gagné du temps ; à généraliser avec une formation.")
        for champ in formulaire.locator("input[type=number]").all():
            champ.fill("42")
        cliquer_et_attendre(page, page.get_by_role("button", name="Enregistrer le brouillon"))
        cliquer_et_attendre(page, page.get_by_role("button", name="Remettre à la Métropole"))
        assert Livrable.objects.get(pk=livrable.pk).etat == Livrable.Etat.REMIS, page.content()
    # ... and shares its data with a file (art. 7): the page reopens, the file downloads.
    livrable = Livrable.objects.get(parcours=parcours, nature=Livrable.Nature.DONNEES)
    url_livrable = base + reverse("suivi:livrable", args=[livrable.pk])
    page.goto(url_livrable)
    page.locator("textarea[name=description]").fill("Livraisons par aire et par heure.")
    page.locator("textarea[name=perimetre]").fill("Mars à septembre 2027.")
    page.get_by_label("Non").check()
    page.locator("input[type=file][name=fichier]").set_input_files(
        {"name": "livraisons.csv", "mimeType": "text/csv", "buffer": b"aire;livraisons\nA;12\n"}
    )
    cliquer_et_attendre(page, page.get_by_role("button", name="Enregistrer le brouillon"))
    assert page.goto(url_livrable).status == 200  # issue 19.1: it answered 500
    with page.expect_download() as attente:
        page.get_by_role("link", name="livraisons.csv").click()
    assert attente.value.path().read_bytes() == b"aire;livraisons\nA;12\n"

    # 9. Staff validate them and close the track.
    se_connecter(page, base, agent_metropole, second_facteur=code_de_secours(agent_metropole))
    for livrable in Livrable.objects.filter(parcours=parcours, etat=Livrable.Etat.REMIS):
        appliquer(livrable, "valider", par=agent_metropole)  # DOMAINE: see the report
    # DOMAINE: the assessment report and its summary (a plain admin form).
    DocumentParcours.objects.create(
        parcours=parcours,
        nature="rapport_bilan",
        fichier=ContentFile(pdf_signe("Rapport de bilan"), name="rapport-bilan.pdf"),
    )
    Parcours.objects.filter(pk=parcours.pk).update(
        synthese_bilan="Les livraisons en double file ont baissé d'un tiers."
    )
    transition_admin(page, fiche_parcours, "Clore le parcours")
    assert Parcours.objects.get(pk=parcours.pk).etat == Parcours.Etat.CLOS
