#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Sauvegarde du portail : la base PostgreSQL (pg_dump, format custom) et les fichiers déposés
# (archive tar de MEDIA_ROOT), dans un dossier horodaté, puis purge des sauvegardes anciennes.
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/var/lib/appropriation/media scripts/sauvegarder.sh
#
# Variables : DATABASE_URL (obligatoire, PostgreSQL), MEDIA_ROOT (défaut : var/media),
# SAUVEGARDE_DIR (défaut : var/sauvegardes), SAUVEGARDE_RETENTION_JOURS (défaut : 14).
# Sortie : SAUVEGARDE_DIR/appropriation-AAAAMMJJTHHMMSSZ/{base.dump,fichiers.tar.gz,SHA256SUMS}
# et le chemin du dossier créé sur la sortie standard. Restauration : scripts/restaurer.sh.
set -euo pipefail
umask 077

racine="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -f "$racine/.env" && -z "${DATABASE_URL:-}" ]]; then
    # Same source of configuration as the application itself.
    set -a; source "$racine/.env"; set +a
fi

: "${DATABASE_URL:?DATABASE_URL doit désigner la base PostgreSQL à sauvegarder}"
case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "Erreur : DATABASE_URL n'est pas une URL PostgreSQL ; rien n'est sauvegardé." >&2; exit 2 ;;
esac
media="${MEDIA_ROOT:-$racine/var/media}"
destination="${SAUVEGARDE_DIR:-$racine/var/sauvegardes}"
retention="${SAUVEGARDE_RETENTION_JOURS:-14}"
[[ "$retention" =~ ^[0-9]+$ ]] || { echo "Erreur : SAUVEGARDE_RETENTION_JOURS doit être un nombre de jours." >&2; exit 2; }

horodatage="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$destination"
# Written under a temporary name, renamed at the end: a half-made backup never looks complete.
en_cours="$(mktemp -d "$destination/.en-cours-$horodatage-XXXXXX")"
trap 'rm -rf "$en_cours"' EXIT

pg_dump --format=custom --compress=6 --no-owner --no-privileges \
    --file="$en_cours/base.dump" "$DATABASE_URL"

if [[ -n "${S3_BUCKET:-}" ]]; then
    # Files on object storage are protected by the provider (versioning, replication).
    echo "Fichiers sur stockage objet (S3_BUCKET=$S3_BUCKET) : non inclus, voir docs/exploitation.md." >&2
    tar -czf "$en_cours/fichiers.tar.gz" --files-from /dev/null
elif [[ -d "$media" ]]; then
    tar -czf "$en_cours/fichiers.tar.gz" -C "$media" .
else
    echo "MEDIA_ROOT=$media n'existe pas : archive de fichiers vide." >&2
    tar -czf "$en_cours/fichiers.tar.gz" --files-from /dev/null
fi

(cd "$en_cours" && sha256sum base.dump fichiers.tar.gz > SHA256SUMS)
final="$destination/appropriation-$horodatage"
[[ -e "$final" ]] && final="$final-$$"
mv "$en_cours" "$final"
trap - EXIT
chmod 700 "$final"

# Retention: remove complete backups older than N days, but always keep the newest one.
plus_recente="$(basename "$final")"
find "$destination" -maxdepth 1 -type d -name 'appropriation-*' -mtime "+$retention" -print0 |
    while IFS= read -r -d '' ancienne; do
        [[ "$(basename "$ancienne")" == "$plus_recente" ]] && continue
        rm -rf -- "$ancienne"
        echo "Sauvegarde expirée supprimée : $ancienne" >&2
    done
# Leftovers of an interrupted run.
find "$destination" -maxdepth 1 -type d -name '.en-cours-*' -mmin +720 -exec rm -rf -- {} + 2>/dev/null || true

echo "$final"
