#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Interleaved A/B of two versions of the code on the same machine, the same bench database and
# the same moment: REF (a git commit) then the working tree, ROUNDS times, each serving the
# saturated scenarios (30 users, no think time). A shared host's speed drifts from one hour to
# the next; interleaving is what lets two versions be compared (docs/performance.md).
# Prerequisite: the bench database of bench/run.sh (run it once, or --sans-generation).
# Usage: bench/ab.sh REF [ROUNDS] [DURATION]       e.g. bench/ab.sh 4330a34 2 40s
# The database keeps the working tree's schema: REF runs against it as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
RACINE=$PWD
REF=${1:?"usage : bench/ab.sh REF [TOURS] [DUREE]"}
TOURS=${2:-1}
DUREE=${3:-40s}
SCENARIOS="Baseline BaselineConnecte Agent Membre"
# shellcheck source=bench/env.sh
source bench/env.sh
SORTIE=$RACINE/var/bench/ab
mkdir -p "$SORTIE"
ANCIEN=$(mktemp -d)
git worktree add -q --detach "$ANCIEN" "$REF"
GUNICORN_PID=""
finir() {
    [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null || true
    git worktree remove --force "$ANCIEN" || true
}
trap finir EXIT

servir() {  # version tree
    redis-cli -u "$REDIS_URL" FLUSHDB >/dev/null
    # PYTHONPATH first: the tree's own packages, not the editable install of the working tree.
    (cd "$2" && PYTHONPATH=$2 GUNICORN_BIND=127.0.0.1:8015 "$RACINE/.venv/bin/gunicorn" \
        -c gunicorn.conf.py --pid "$SORTIE/gunicorn.pid" >"$SORTIE/gunicorn-$1.log" 2>&1 &)
    for _ in $(seq 60); do curl -fs http://127.0.0.1:8015/bench/baseline/ >/dev/null && break; sleep 1; done
    GUNICORN_PID=$(cat "$SORTIE/gunicorn.pid")
    for scenario in $SCENARIOS; do
        ATTENTE=0 "$RACINE/.venv/bin/locust" -f bench/locustfile.py --headless --only-summary \
            -u 30 -r 10 -t "$DUREE" --host http://127.0.0.1:8015 \
            --csv "$SORTIE/$1-$tour-$scenario" "$scenario" >"$SORTIE/$1-$tour-$scenario.log" 2>&1
        debit=$(awk -F, '$2 == "Aggregated" {printf "%.1f", $10}' "$SORTIE/$1-$tour-${scenario}_stats.csv" 2>/dev/null ||
            true)
        echo "| $scenario | $1 | $tour | ${debit:-?} |"
    done
    kill "$GUNICORN_PID"
    GUNICORN_PID=""
    sleep 3
}

echo "| Scénario | Version | Tour | req/s |"
echo "| --- | --- | ---: | ---: |"
for tour in $(seq "$TOURS"); do
    servir "$REF" "$ANCIEN"
    servir actuel "$RACINE"
done
