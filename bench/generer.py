# SPDX-License-Identifier: EUPL-1.2
"""Generate several years of programme data into a DEDICATED benchmark database (issue 10).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/appropriation_bench \\
        .venv/bin/python bench/generer.py --wet-run [--graine 2026]

It refuses to run without ``--wet-run`` or when the database name does not contain "bench":
it writes with ``bulk_create`` and never on a database holding real data.

Deterministic from the seed. Sizes (see docs/performance.md): the 130 communes and 11 EPT
loaded by the migrations, 40 tracks spread over every state, 3,000 applications with their
attachments (metadata rows; every row points at ONE small placeholder PDF written once under
MEDIA_ROOT/bench/, so no 3,000 real files), 25 committee members over 12 sessions with every
score (6 criteria) and vote, 300 conventions, 100,000 notification messages and 200,000
audit entries whose hash chain is computed in Python in order, then the chain head is set.

The bench users (password ``bench-mot-de-passe``) are listed in bench/README section of
docs/performance.md: ``agent-<code INSEE>@bench.invalid`` (one approved agent per territoire),
``staff-<n>@bench.invalid`` (Métropole agents), ``membre-<n>@bench.invalid`` (committee).
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "appropriation.settings")

MOT_DE_PASSE = "bench-mot-de-passe"
PLACEHOLDER = b"%PDF-1.4\n% placeholder du banc de charge\n%%EOF\n"
TEXTE = (
    "Notre collectivité souhaite expérimenter l'intelligence artificielle pour mieux répondre "
    "aux demandes des habitants, en gardant la maîtrise des données et l'humain dans la boucle. "
)


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--wet-run", action="store_true", help="écrire vraiment dans la base")
    p.add_argument("--graine", type=int, default=2026)
    p.add_argument("--candidatures", type=int, default=3000)
    p.add_argument("--messages", type=int, default=100_000)
    p.add_argument("--evenements", type=int, default=200_000)
    p.add_argument(
        "--preparer-rush",
        type=int,
        metavar="SECONDES",
        help="seulement remettre les 130 dossiers du rush en brouillon, échéance dans SECONDES",
    )
    p.add_argument("--verifier-rush", action="store_true", help="compter les dépôts du rush")
    return p.parse_args()


def main() -> None:
    args = parse()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    nom = str(settings.DATABASES["default"]["NAME"])
    if not args.wet_run or "bench" not in nom:
        sys.exit(
            f"Refusé : base « {nom} ». Il faut --wet-run ET une base dédiée dont le nom contient "
            "« bench » (jamais une base qui contient des données réelles)."
        )
    if args.preparer_rush is not None:
        preparer_rush(args.preparer_rush)
        return
    if args.verifier_rush:
        sys.exit(verifier_rush())
    t0 = time.monotonic()
    generer(args, connection)
    print(f"Génération terminée en {time.monotonic() - t0:.1f} s")


def generer(args, connection) -> None:  # noqa: C901, PLR0915 - one linear script
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import transaction

    from accounts.models import Adhesion, User
    from accounts.roles import AGENT_METROPOLE, MEMBRE_COMITE, PRESIDENT_COMITE
    from audit.models import Evenement, TeteDeChaine
    from candidatures.models import Candidature, PieceJointe
    from comite.models import (
        Convocation,
        MandatMembre,
        Notation,
        NoteCritere,
        PointOrdreDuJour,
        SessionExamen,
        Siege,
        Vote,
    )
    from conventions.models import Convention, ModeleConvention
    from notifications.models import Message
    from territoires.models import Territoire
    from tracks.criteres import Critere
    from tracks.models import Parcours, PonderationCritere

    rnd = random.Random(args.graine)
    debut = dt.datetime(2023, 1, 9, 9, 0, tzinfo=dt.UTC)
    maintenant = dt.datetime.now(dt.UTC).replace(microsecond=0)
    mesures = {}

    def etape(nom, t):
        mesures[nom] = time.monotonic() - t
        print(f"  {nom:<28} {mesures[nom]:6.1f} s", flush=True)

    if Parcours.objects.filter(slug__startswith="bench-").exists():
        sys.exit("La base contient déjà des données du banc : recréez-la (bench/run.sh le fait).")

    with transaction.atomic():
        t = time.monotonic()
        if not default_storage.exists("bench/placeholder.pdf"):
            default_storage.save("bench/placeholder.pdf", ContentFile(PLACEHOLDER))
        sha_placeholder = hashlib.sha256(PLACEHOLDER).hexdigest()
        hash_mdp = make_password(MOT_DE_PASSE)  # hashed once: 300 PBKDF2 would take minutes
        territoires = list(Territoire.objects.eligibles().order_by("code"))
        agents = User.objects.bulk_create(
            User(
                email=f"agent-{t_.code}@bench.invalid",
                nom_complet=f"Agent {t_.nom}",
                fonction="Chargé de mission numérique",
                password=hash_mdp,
            )
            for t_ in territoires
        )
        Adhesion.objects.bulk_create(
            Adhesion(
                utilisateur=a,
                territoire=t_,
                role=Adhesion.Role.REPRESENTANT_LEGAL,
                statut=Adhesion.Statut.APPROUVEE,
            )
            for a, t_ in zip(agents, territoires, strict=True)
        )
        agent_de = {t_.pk: a for a, t_ in zip(agents, territoires, strict=True)}
        staff = User.objects.bulk_create(
            User(
                email=f"staff-{i}@bench.invalid",
                nom_complet=f"Agent Métropole {i}",
                password=hash_mdp,
                is_staff=True,
            )
            for i in range(1, 11)
        )
        membres = User.objects.bulk_create(
            User(
                email=f"membre-{i}@bench.invalid",
                nom_complet=f"Membre du comité {i}",
                password=hash_mdp,
                is_staff=True,
            )
            for i in range(1, 26)
        )
        Group.objects.get(name=AGENT_METROPOLE).user_set.add(*staff)
        Group.objects.get(name=MEMBRE_COMITE).user_set.add(*membres)
        Group.objects.get(name=PRESIDENT_COMITE).user_set.add(membres[0])
        sieges = list(Siege.values)
        mandats = MandatMembre.objects.bulk_create(
            MandatMembre(membre=m, siege=sieges[i % len(sieges)], debut=dt.date(2023, 1, 1))
            for i, m in enumerate(membres)
        )
        etape("comptes", t)

        # Tracks: every state, oldest first; 4 still open (deadline in the future).
        t = time.monotonic()
        etats = list(Parcours.Etat.values)
        parcours = []
        for i in range(40):
            etat = etats[i % len(etats)]
            limite = debut + dt.timedelta(days=30 * i)
            if etat == Parcours.Etat.PUBLIE:
                limite = maintenant + dt.timedelta(days=10 + i)
            parcours.append(
                Parcours(
                    titre=f"Parcours {i + 1:02d} — IA et {rnd.choice(THEMES)}",
                    slug=f"bench-parcours-{i + 1:02d}",
                    theme=TEXTE * 3,
                    problematiques=TEXTE * 2,
                    date_limite=limite,
                    etat=etat,
                    cree_le=limite - dt.timedelta(days=60),
                )
            )
        parcours = Parcours.objects.bulk_create(parcours)
        PonderationCritere.objects.bulk_create(
            PonderationCritere(parcours=p, critere=c, poids=1) for p in parcours for c in Critere
        )
        etape("parcours", t)

        # Applications: 3,000 over the 39 published-or-later tracks; state follows the track.
        t = time.monotonic()
        C = Candidature.Etat
        publies = [p for p in parcours if p.etat != Parcours.Etat.BROUILLON]
        candidatures = []
        numero = 0
        for k in range(args.candidatures):
            p = publies[k % len(publies)]
            territoire = territoires[(k // len(publies)) % len(territoires)]
            if p.etat == Parcours.Etat.PUBLIE:
                etat = rnd.choice([C.BROUILLON, C.BROUILLON, C.DEPOSEE])
            elif p.etat == Parcours.Etat.INSTRUCTION:
                etat = rnd.choice([C.DEPOSEE, C.A_COMPLETER, C.ADMISSIBLE, C.NON_ADMISSIBLE])
            elif p.etat == Parcours.Etat.SANS_SUITE:
                etat = rnd.choice([C.NON_SELECTIONNEE, C.RETIREE, C.NON_ADMISSIBLE])
            else:
                etat = rnd.choice(
                    [C.SELECTIONNEE, C.NON_SELECTIONNEE, C.NON_PROPOSEE, C.PROPOSEE, C.EN_EXAMEN]
                )
            agent = agent_de[territoire.pk]
            depot = None
            if etat != C.BROUILLON:
                numero += 1
                depot = p.date_limite - dt.timedelta(hours=rnd.randint(1, 400))
            candidatures.append(
                Candidature(
                    parcours=p,
                    territoire=territoire,
                    etat=etat,
                    **dict.fromkeys(Candidature.CHAMPS_CRITERES, TEXTE),
                    contact_nom=agent.nom_complet,
                    contact_fonction="Chargé de mission",
                    contact_email=agent.email,
                    contact_telephone="01 23 45 67 89",
                    representant_nom=f"Maire de {territoire.nom}",
                    representant_qualite="Maire",
                    engagement_deux_phases=True,
                    numero=f"AM-{depot.year}-{numero:05d}" if depot else None,
                    deposee_le=depot,
                    deposee_par=agent if depot else None,
                    accuse_pdf="bench/placeholder.pdf" if depot else "",
                    accuse_sha256=sha_placeholder if depot else "",
                    creee_le=p.cree_le,
                    creee_par=agent,
                    modifiee_par=agent,
                    modifiee_le=depot or p.cree_le,
                )
            )
        candidatures = Candidature.objects.bulk_create(candidatures, batch_size=1000)
        pieces = []
        for c in candidatures:
            agent = agent_de[c.territoire_id]
            for j, nature in enumerate(
                [PieceJointe.Nature.ENGAGEMENT] + [PieceJointe.Nature.ANNEXE] * rnd.randint(0, 2)
            ):
                pieces.append(
                    PieceJointe(
                        candidature=c,
                        nature=nature,
                        fichier="bench/placeholder.pdf",
                        nom=f"piece-{j + 1}.pdf",
                        taille=len(PLACEHOLDER) * 1000,
                        sha256=sha_placeholder,
                        type_contenu="application/pdf",
                        ajoutee_par=agent,
                        ajoutee_le=c.creee_le,
                    )
                )
        PieceJointe.objects.bulk_create(pieces, batch_size=2000)
        etape(f"candidatures ({len(candidatures)}, {len(pieces)} pièces)", t)

        # Committee: 12 sessions, each examining the applications of 3 or 4 tracks.
        t = time.monotonic()
        examinees = [
            p
            for p in parcours
            if p.etat
            not in (Parcours.Etat.BROUILLON, Parcours.Etat.PUBLIE, Parcours.Etat.INSTRUCTION)
        ]
        sessions = SessionExamen.objects.bulk_create(
            SessionExamen(
                date=debut + dt.timedelta(days=75 * s),
                lieu="Hôtel de la Métropole",
                president=membres[0],
                etat=SessionExamen.Etat.CLOSE,
            )
            for s in range(12)
        )
        par_parcours = {}
        for c in candidatures:
            par_parcours.setdefault(c.parcours_id, []).append(c)
        points, notations, votes_a_faire = [], [], []
        Through = SessionExamen.parcours.through
        liens = []
        for i, p in enumerate(examinees):
            s = sessions[i % 12]
            liens.append(Through(sessionexamen_id=s.pk, parcours_id=p.pk))
            for rang, c in enumerate(par_parcours.get(p.pk, [])):
                points.append(
                    PointOrdreDuJour(
                        session=s,
                        candidature=c,
                        rang=rang,
                        vote_clos_le=s.date,
                        resultat=rnd.choice(PointOrdreDuJour.Resultat.values),
                    )
                )
        Through.objects.bulk_create(liens)
        Convocation.objects.bulk_create(
            Convocation(
                session=s, membre=m, mandat=md, present=True, declarations_confirmees_le=s.date
            )
            for s in sessions
            for m, md in zip(membres, mandats, strict=True)
        )
        points = PointOrdreDuJour.objects.bulk_create(points, batch_size=2000)
        for pt in points:
            for m in membres:
                notations.append(
                    Notation(
                        session_id=pt.session_id,
                        candidature_id=pt.candidature_id,
                        membre=m,
                        soumise_le=pt.vote_clos_le,
                        revisee_le=pt.vote_clos_le,
                    )
                )
                votes_a_faire.append(
                    Vote(
                        point=pt,
                        membre=m,
                        choix=rnd.choice(Vote.Choix.values),
                        modifie_le=pt.vote_clos_le,
                    )
                )
        notations = Notation.objects.bulk_create(notations, batch_size=5000)
        NoteCritere.objects.bulk_create(
            (
                NoteCritere(
                    notation=n,
                    critere=cr,
                    note=rnd.randint(0, 5),
                    note_revisee=rnd.randint(0, 5),
                    commentaire="Argumenté en séance.",
                )
                for n in notations
                for cr in Critere
            ),
            batch_size=5000,
        )
        Vote.objects.bulk_create(votes_a_faire, batch_size=5000)
        etape(f"comité ({len(points)} points, {len(notations)} notations)", t)

        # 300 conventions on the selected applications (then others if too few).
        t = time.monotonic()
        modele, _ = ModeleConvention.objects.get_or_create(
            version=1, defaults={"titre": "Convention type", "corps": TEXTE}
        )
        retenues = sorted(candidatures, key=lambda c: (c.etat != C.SELECTIONNEE, c.pk))[:300]
        E = Convention.Etat
        Convention.objects.bulk_create(
            Convention(
                candidature=c,
                modele=modele,
                etat=rnd.choice(E.values),
                representant_mgp_nom="Le Président de la Métropole",
                representant_mgp_qualite="Président",
                deliberation_mgp="BM2024/01/01-01",
                representant_beneficiaire_nom=c.representant_nom,
                representant_beneficiaire_qualite="Maire",
                deliberation_beneficiaire="DCM-2024-12",
                perimetre_donnees=TEXTE,
                donnees_personnelles="Aucune",
                base_legale_donnees_personnelles="Mission d'intérêt public",
                date_debut=dt.date(2024, 9, 1),
                date_fin=dt.date(2025, 6, 30),
            )
            for c in retenues
        )
        etape("conventions (300)", t)

        # 100,000 messages, spread over every user.
        t = time.monotonic()
        ct_cand = ContentType.objects.get_for_model(Candidature)
        destinataires = agents + staff + membres
        gabarits = ["candidature_deposee", "parcours_publie", "rappel_echeance", "decision"]
        Message.objects.bulk_create(
            (
                Message(
                    destinataire=(u := destinataires[i % len(destinataires)]),
                    adresse=u.email,
                    gabarit=gabarits[i % 4],
                    content_type=ct_cand,
                    object_id=str(candidatures[i % len(candidatures)].pk),
                    cle=f"bench-{i}",
                    sujet=f"Message {i} du programme",
                    corps_texte=TEXTE,
                    etat=Message.Etat.ENVOYE,
                    cree_le=debut + dt.timedelta(minutes=17 * i),
                    prevu_le=debut + dt.timedelta(minutes=17 * i),
                    envoye_le=debut + dt.timedelta(minutes=17 * i, seconds=3),
                    lu_le=None if i % 3 else debut + dt.timedelta(minutes=17 * i, hours=5),
                )
                for i in range(args.messages)
            ),
            batch_size=5000,
        )
        etape(f"messages ({args.messages})", t)

        # 200,000 audit entries, chained in Python in order (as audit.journal would).
        t = time.monotonic()
        tete, _ = TeteDeChaine.objects.get_or_create(pk=1)
        precedente = tete.derniere_empreinte
        if Evenement.objects.exists():
            sys.exit("Le journal n'est pas vide : la chaîne du banc doit commencer à la tête.")
        lot = []
        actions = [
            Evenement.Action.TRANSITION,
            Evenement.Action.CONNEXION,
            Evenement.Action.NOTATION,
            Evenement.Action.TELECHARGEMENT,
        ]
        pas = max(1, int((maintenant - debut).total_seconds() // args.evenements))
        for i in range(args.evenements):
            c = candidatures[i % len(candidatures)]
            acteur = destinataires[i % len(destinataires)]
            ev = Evenement(
                horodatage=debut + dt.timedelta(seconds=pas * i),
                action=actions[i % 4],
                acteur=acteur,
                acteur_libelle=acteur.email,
                content_type=ct_cand,
                object_id=str(c.pk),
                objet_libelle=f"Candidature {c.pk}",
                transition="deposer" if i % 4 == 0 else "",
                etat_avant="",
                etat_apres="",
                commentaire="",
                donnees={"request_id": f"bench-{i}"},
                empreinte_precedente=precedente,
            )
            ev.empreinte = precedente = ev.calculer_empreinte()
            lot.append(ev)
            if len(lot) == 10000:
                Evenement.objects.bulk_create(lot)
                lot = []
        Evenement.objects.bulk_create(lot)
        TeteDeChaine.objects.filter(pk=1).update(derniere_empreinte=precedente)
        etape(f"journal ({args.evenements})", t)

    t = time.monotonic()
    rush = creer_rush(agent_de, sha_placeholder, maintenant)
    comptes = creer_seconds_facteurs(staff + membres)
    ouverts = [p for p in parcours if p.etat == Parcours.Etat.PUBLIE]
    brouillons = {
        c.territoire_id: c.pk
        for c in candidatures
        if c.etat == C.BROUILLON and c.parcours_id in {p.pk for p in ouverts}
    }
    communes = [t_ for t_ in territoires if t_.nature == "commune"]
    (RACINE / "var").mkdir(exist_ok=True)
    (RACINE / "var" / "bench-comptes.json").write_text(
        json.dumps(
            {
                "mot_de_passe": MOT_DE_PASSE,
                "agents": [
                    {
                        "email": agent_de[t_.pk].email,
                        "brouillon": brouillons.get(t_.pk),
                        "rush": rush[t_.pk],
                    }
                    for t_ in communes
                ],
                "staff": [comptes[u.email] | {"email": u.email} for u in staff],
                "membres": [comptes[u.email] | {"email": u.email} for u in membres],
                "session": sessions[0].pk,
                "points": [pt.pk for pt in points if pt.session_id == sessions[0].pk][:20],
                "parcours": [p.slug for p in parcours if p.etat != Parcours.Etat.BROUILLON],
            },
            indent=1,
        )
    )
    etape("rush, 2FA, comptes", t)

    t = time.monotonic()
    # VACUUM too: the state autovacuum keeps a live database in (visibility map set, so that
    # counts such as the header's unread messages are answered from the index alone).
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    etape("VACUUM ANALYZE", t)
    (RACINE / "var").mkdir(exist_ok=True)
    (RACINE / "var" / "bench-generation.json").write_text(json.dumps(mesures, indent=2))


RUSH = "bench-rush-echeance"


def creer_rush(agent_de, sha, maintenant) -> dict[int, int]:
    """The deadline-rush track: each of the 130 communes has a complete draft ready to submit."""
    from candidatures.models import Candidature, PieceJointe
    from territoires.models import Territoire
    from tracks.criteres import Critere
    from tracks.models import Parcours, PonderationCritere

    p = Parcours.objects.create(
        titre="Parcours du rush de l'échéance",
        slug=RUSH,
        theme=TEXTE,
        problematiques=TEXTE,
        date_limite=maintenant + dt.timedelta(days=365),
        etat=Parcours.Etat.PUBLIE,
    )
    PonderationCritere.objects.bulk_create(
        PonderationCritere(parcours=p, critere=c, poids=1) for c in Critere
    )
    communes = Territoire.objects.filter(nature="commune").order_by("code")
    cands = Candidature.objects.bulk_create(
        Candidature(
            parcours=p,
            territoire=t_,
            **dict.fromkeys(Candidature.CHAMPS_CRITERES, TEXTE),
            contact_nom=agent_de[t_.pk].nom_complet,
            contact_email=agent_de[t_.pk].email,
            contact_telephone="01 23 45 67 89",
            representant_nom=f"Maire de {t_.nom}",
            representant_qualite="Maire",
            engagement_deux_phases=True,
            creee_par=agent_de[t_.pk],
            modifiee_par=agent_de[t_.pk],
        )
        for t_ in communes
    )
    PieceJointe.objects.bulk_create(
        PieceJointe(
            candidature=c,
            nature=PieceJointe.Nature.ENGAGEMENT,
            fichier="bench/placeholder.pdf",
            nom="engagement.pdf",
            taille=len(PLACEHOLDER),
            sha256=sha,
            type_contenu="application/pdf",
            ajoutee_par=agent_de[c.territoire_id],
        )
        for c in cands
    )
    return {c.territoire_id: c.pk for c in cands}


def creer_seconds_facteurs(users) -> dict:
    """A TOTP device per back-office bench user; the key goes to var/bench-comptes.json."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    cles = {}
    for u in users:
        cle = hashlib.sha1(f"bench-totp-{u.email}".encode()).hexdigest()  # noqa: S324 - a key
        cles[u.email] = {"totp": cle}
        TOTPDevice.objects.create(user=u, name="Banc de charge", key=cle, confirmed=True)
    return cles


def preparer_rush(secondes: int) -> None:
    """Put the 130 rush drafts back to draft, deadline in ``secondes`` (re-runnable)."""
    from django.utils import timezone

    from candidatures.models import Candidature
    from notifications.models import Message
    from tracks.models import Parcours

    echeance = timezone.now() + dt.timedelta(seconds=secondes)
    Parcours.objects.filter(slug=RUSH).update(date_limite=echeance, etat=Parcours.Etat.PUBLIE)
    qs = Candidature.objects.filter(parcours__slug=RUSH)
    Message.objects.filter(
        object_id__in=[str(pk) for pk in qs.values_list("pk", flat=True)],
        cle__isnull=False,
        gabarit="accuse_reception_candidature",
    ).delete()
    qs.update(
        etat=Candidature.Etat.BROUILLON,
        numero=None,
        deposee_le=None,
        deposee_par=None,
        accuse_pdf="",
        accuse_sha256="",
    )
    (RACINE / "var" / "bench-rush.json").write_text(
        json.dumps({"echeance": echeance.timestamp(), "parcours": RUSH})
    )
    print(f"Rush : 130 brouillons prêts, échéance {echeance.isoformat()}")


def verifier_rush() -> int:
    """Counts in the database after the rush; non-zero exit when a target is missed."""
    from candidatures.models import Candidature
    from notifications.models import Message
    from tracks.models import Parcours

    p = Parcours.objects.get(slug=RUSH)
    qs = Candidature.objects.filter(parcours=p)
    deposees = qs.exclude(numero=None)
    resultat = {
        "dossiers": qs.count(),
        "deposees": deposees.count(),
        "avec_accuse_pdf": deposees.exclude(accuse_sha256="").count(),
        "numeros_distincts": deposees.values("numero").distinct().count(),
        "messages_accuse": Message.objects.filter(
            gabarit="accuse_reception_candidature",
            object_id__in=[str(pk) for pk in deposees.values_list("pk", flat=True)],
        ).count(),
        "apres_echeance": deposees.filter(deposee_le__gt=p.date_limite).count(),
        "premier_depot": str(
            deposees.order_by("deposee_le").values_list("deposee_le", flat=True).first()
        ),
        "dernier_depot": str(
            deposees.order_by("-deposee_le").values_list("deposee_le", flat=True).first()
        ),
        "echeance": str(p.date_limite),
    }
    print(json.dumps(resultat, indent=1))
    (RACINE / "var" / "bench-rush-resultat.json").write_text(json.dumps(resultat, indent=1))
    ok = (
        resultat["deposees"] == 130
        and resultat["avec_accuse_pdf"] == 130
        and resultat["numeros_distincts"] == 130
        and resultat["messages_accuse"] == 130
        and resultat["apres_echeance"] == 0
    )
    return 0 if ok else 1


THEMES = [
    "accueil des usagers",
    "urbanisme",
    "voirie",
    "état civil",
    "petite enfance",
    "gestion des déchets",
    "marchés publics",
    "ressources humaines",
    "bibliothèques",
    "action sociale",
    "eau et assainissement",
    "archives",
]

if __name__ == "__main__":
    main()
