#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Load benchmark of issue 10 (and the scale-out check of issue 11), end to end, on loopback:
#   1. recreate the DEDICATED database appropriation_bench, migrate, generate the data (timed);
#   2. start gunicorn (gunicorn.conf.py) on 127.0.0.1:8011 and a Celery worker (Redis db 11);
#   3. run each Locust scenario headless (30 users, 75 s, think time 0.5-1.5 s; stats reset
#      once all are logged in), then again without think time (45 s) for the throughput
#      ratio to the baseline; CSV in var/bench/, RSS sampled;
#   4. the deadline rush (130 communes), then the counts in the database;
#   5. scale-out: a second gunicorn (8012) and a second worker, Locust on both ports,
#      the reminder scheduler fired concurrently on both workers, a second rush;
#   6. bench/rapport.py writes var/bench/rapport.md; everything started here is stopped.
# Usage: bench/run.sh [--sans-generation] [--seulement-rush] [--sans-echelle] [--duree 60s]
#                     [--utilisateurs 30]
set -euo pipefail
cd "$(dirname "$0")/.."
RACINE=$PWD
PY=$RACINE/.venv/bin/python
GENERER=1
ECHELLE=1
SCENARIOS="Baseline BaselineConnecte Visiteur Agent Membre Staff"
SATURES="Visiteur Agent Membre"
DUREE=75s
DUREE_SATUREE=45s
UTILISATEURS=30
while [ $# -gt 0 ]; do
    case "$1" in
        --sans-generation) GENERER=0 ;;
        --seulement-rush) GENERER=0; SCENARIOS=""; SATURES="" ;;
        --sans-echelle) ECHELLE=0 ;;
        --duree) DUREE=$2; shift ;;
        --utilisateurs) UTILISATEURS=$2; shift ;;
        *) echo "option inconnue : $1" >&2; exit 2 ;;
    esac
    shift
done
# shellcheck source=bench/env.sh
source bench/env.sh
SORTIE=$RACINE/var/bench
mkdir -p "$SORTIE"
# Figures of an earlier run must not mix with this one's (the RSS samples are appended).
rm -f "$SORTIE"/*.csv "$SORTIE"/*.log "$SORTIE"/rss-*.txt "$SORTIE"/connexions-*.json \
    "$SORTIE"/rush*.json "$SORTIE"/rappels.json "$SORTIE"/rapport.md
PIDS=()

arreter() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap arreter EXIT
trap 'exit 130' INT TERM

BASE=$(echo "$DATABASE_URL" | sed 's#.*/##')
case "$BASE" in *bench*) ;; *) echo "Refusé : la base « $BASE » n'est pas une base de banc." >&2; exit 1 ;; esac

if [ "$GENERER" = 1 ]; then
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $BASE" -c "CREATE DATABASE $BASE"
    rm -rf "$MEDIA_ROOT"
    "$PY" manage.py migrate -v0
    /usr/bin/time -f "%e" -o "$SORTIE/generation.temps" "$PY" bench/generer.py --wet-run | tee "$SORTIE/generation.txt"
fi
"$PY" manage.py collectstatic --noinput -v0
redis-cli -u "$REDIS_URL" FLUSHDB >/dev/null

demarrer_web() {  # port
    GUNICORN_BIND=127.0.0.1:$1 "$RACINE/.venv/bin/gunicorn" -c gunicorn.conf.py \
        --pid "$SORTIE/gunicorn-$1.pid" >"$SORTIE/gunicorn-$1.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 60); do curl -fs "http://127.0.0.1:$1/bench/baseline/" >/dev/null && return 0; sleep 1; done
    echo "gunicorn $1 ne répond pas" >&2; exit 1
}
demarrer_worker() {  # name
    # nice 10, as in deploy/systemd/appropriation-worker.service: pages before PDF rendering.
    nice -n 10 "$RACINE/.venv/bin/celery" -A appropriation worker -n "$1@%h" --concurrency 2 --loglevel WARNING \
        >"$SORTIE/worker-$1.log" 2>&1 &
    PIDS+=($!)
}
# Peak RSS of each gunicorn worker (children of the master) sampled every second, in MB.
echantillonner_rss() {  # port output
    local maitre
    maitre=$(cat "$SORTIE/gunicorn-$1.pid")
    while kill -0 "$maitre" 2>/dev/null; do
        for enfant in $(pgrep -P "$maitre"); do
            awk -v p="$enfant" '/VmRSS/ {print p, $2/1024}' /proc/"$enfant"/status 2>/dev/null || true
        done >>"$2"
        sleep 1
    done
}
locust_() {  # name host class [extra...]
    local nom=$1 hote=$2 classe=$3; shift 3
    "$RACINE/.venv/bin/locust" -f bench/locustfile.py --headless --only-summary \
        -u "$UTILISATEURS" -r 10 -t "${DUREE_LOCUST:-$DUREE}" --host "$hote" --csv "$SORTIE/$nom" "$@" "$classe" \
        >"$SORTIE/$nom.log" 2>&1
}

demarrer_web 8011
demarrer_worker w1
echantillonner_rss 8011 "$SORTIE/rss-8011.txt" &
PIDS+=($!)

# The open-data files are built by their first visitor after each change of the data (a few
# times a day): build them once here, as the steady state the visitors meet.
for jeu in parcours candidatures agregats registre-ia; do
    for format in csv json; do curl -fs -o /dev/null "http://127.0.0.1:8011/suivi/donnees/$jeu.$format"; done
done
for scenario in $SCENARIOS; do
    echo "== $scenario ($UTILISATEURS utilisateurs, $DUREE)"
    locust_ "$scenario" http://127.0.0.1:8011 "$scenario"
done
# The same users without think time, like the baseline: the throughput ratio is judged here.
for scenario in $SATURES; do
    echo "== $scenario saturé (sans temps de réflexion, $UTILISATEURS utilisateurs, $DUREE_SATUREE)"
    ATTENTE=0 DUREE_LOCUST=$DUREE_SATUREE locust_ "$scenario-sature" http://127.0.0.1:8011 "$scenario"
done

echo "== Rush de l'échéance (130 communes)"
# The 130 agents log in first (PBKDF2: about half a second of CPU each), then all submit
# between 12 and 10 seconds before the deadline.
"$PY" bench/generer.py --wet-run --preparer-rush 150
UTILISATEURS=130 locust_ Rush http://127.0.0.1:8011 Deposant -r 5 -t 170s
sleep 20  # the worker writes the last receipts
"$PY" bench/generer.py --wet-run --verifier-rush | tee "$SORTIE/rush.json" || true

if [ "$ECHELLE" = 1 ]; then
echo "== Passage à l'échelle : 2 gunicorn, 2 workers"
demarrer_web 8012
demarrer_worker w2
echantillonner_rss 8012 "$SORTIE/rss-8012.txt" &
PIDS+=($!)
"$PY" bench/generer.py --wet-run --preparer-rush 150
UTILISATEURS=65 RUSH_PART=0 locust_ Rush2-8011 http://127.0.0.1:8011 Deposant -r 3 -t 170s &
L1=$!
UTILISATEURS=65 RUSH_PART=1 locust_ Rush2-8012 http://127.0.0.1:8012 Deposant -r 3 -t 170s &
L2=$!
# Meanwhile: visitors and agents on both ports, and the reminder scheduler fired 20 times
# across the two workers at once.
UTILISATEURS=15 locust_ Echelle-Visiteur-8011 http://127.0.0.1:8011 Visiteur -t 150s &
L3=$!
UTILISATEURS=15 locust_ Echelle-Agent-8012 http://127.0.0.1:8012 Agent -t 150s &
L4=$!
"$PY" - <<'EOF'
import django
django.setup()
from notifications.tasks import planifier_rappels
for _ in range(20):
    planifier_rappels.delay()
EOF
wait $L1 $L2 $L3 $L4  # not a bare `wait`: the RSS samplers run until gunicorn stops
sleep 20
"$PY" bench/generer.py --wet-run --verifier-rush | tee "$SORTIE/rush-echelle.json" || true
"$PY" - <<'EOF' | tee "$SORTIE/rappels.json"
import json
import django
django.setup()
from django.db.models import Count
from notifications.models import Message
from notifications.tasks import planifier_rappels
avant = Message.objects.exclude(cle=None).exclude(cle__startswith="bench-").count()
doublons = Message.objects.exclude(cle=None).values("cle").annotate(n=Count("pk")).filter(n__gt=1).count()
planifier_rappels()  # once more, serially: must add nothing
apres = Message.objects.exclude(cle=None).exclude(cle__startswith="bench-").count()
print(json.dumps({"messages_avec_cle": avant, "cles_en_double": doublons, "ajoutes_par_un_nouveau_passage": apres - avant}))
EOF
fi
grep -c "Error\|Traceback" "$SORTIE"/worker-*.log || true

arreter
trap - EXIT
"$PY" bench/rapport.py "$SORTIE" | tee "$SORTIE/rapport.md"
