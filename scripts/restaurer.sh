#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Restauration d'une sauvegarde faite par scripts/sauvegarder.sh dans une base NEUVE et un
# dossier de fichiers vide. Ne touche jamais une base qui contient déjà des tables.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/appropriation_restauree \
#   MEDIA_ROOT=/var/lib/appropriation/media-restauree \
#   scripts/restaurer.sh [--creer-base] var/sauvegardes/appropriation-20261129T023000Z
#
# --creer-base : crée la base de DATABASE_URL (l'utilisateur doit en avoir le droit).
# Après restauration : `python manage.py migrate` (sans effet si le code est de la même version)
# puis `python manage.py verifier_journal` pour contrôler la chaîne du journal d'audit.
set -euo pipefail
umask 027

creer_base=0
if [[ "${1:-}" == "--creer-base" ]]; then creer_base=1; shift; fi
sauvegarde="${1:?Usage : scripts/restaurer.sh [--creer-base] DOSSIER_DE_SAUVEGARDE}"
: "${DATABASE_URL:?DATABASE_URL doit désigner la base PostgreSQL neuve où restaurer}"
: "${MEDIA_ROOT:?MEDIA_ROOT doit désigner le dossier (vide) où restaurer les fichiers}"
case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "Erreur : DATABASE_URL n'est pas une URL PostgreSQL." >&2; exit 2 ;;
esac

for fichier in base.dump fichiers.tar.gz SHA256SUMS; do
    [[ -f "$sauvegarde/$fichier" ]] || { echo "Erreur : $sauvegarde/$fichier manque ; sauvegarde incomplète." >&2; exit 2; }
done
(cd "$sauvegarde" && sha256sum --check --quiet SHA256SUMS) ||
    { echo "Erreur : empreintes SHA-256 différentes ; sauvegarde altérée, rien n'est restauré." >&2; exit 3; }

if [[ "$creer_base" == 1 ]]; then
    # Connect to the "postgres" maintenance database of the same server to create the new one.
    read -r url_maintenance nom_base < <(python3 - "$DATABASE_URL" <<'PY'
import sys
from urllib.parse import urlsplit, urlunsplit
u = urlsplit(sys.argv[1])
print(urlunsplit(u._replace(path="/postgres")), u.path.lstrip("/"))
PY
)
    psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 "$url_maintenance" \
        -c "CREATE DATABASE \"${nom_base//\"/}\""
fi

tables="$(psql --no-psqlrc -Atq "$DATABASE_URL" \
    -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [[ "$tables" != "0" ]]; then
    echo "Erreur : la base cible contient déjà $tables table(s) ; restaurer dans une base neuve." >&2
    exit 4
fi
mkdir -p "$MEDIA_ROOT"
if [[ -n "$(ls -A "$MEDIA_ROOT")" ]]; then
    echo "Erreur : $MEDIA_ROOT n'est pas vide ; restaurer dans un dossier vide." >&2
    exit 4
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$sauvegarde/base.dump"
tar -xzf "$sauvegarde/fichiers.tar.gz" -C "$MEDIA_ROOT" --no-same-owner

echo "Restauré : base $(python3 -c 'import sys; from urllib.parse import urlsplit; print(urlsplit(sys.argv[1]).path.lstrip("/"))' "$DATABASE_URL"), fichiers dans $MEDIA_ROOT"
