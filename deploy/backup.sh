#!/usr/bin/env bash
# Nightly backup of 未保通: a consistent database dump and the upload folder (photos, already
# encrypted with DATA_KEYS), into one dated archive; the oldest beyond KEEP_DAYS are removed.
#
# The keys (JWT_SECRET, DATA_KEYS, INDEX_KEY in /etc/weibaotong/weibaotong.env) are NOT in the
# archive, on purpose: a stolen backup must stay unreadable. Keep one copy of the env file offline
# (password manager, sealed envelope in the station's safe), and a new copy after every key rotation.
# Without the keys a backup cannot be read: encrypted fields and photos are lost.
#
# Usage (root, cron or a systemd timer):  deploy/backup.sh [/var/backups/weibaotong]
# Needs: mysqldump (mariadb-client), tar, gzip; optional: age (BACKUP_AGE_RECIPIENT=age1…) to
# encrypt the archive for an off-site copy.
# Restore: mysql weibaotong < db.sql (as admin, into an empty database), then tar -xzf uploads.tar.gz
# -C /var/lib/weibaotong, put the env file back, start; then npm run audit:verify.
set -euo pipefail

DEST="${1:-/var/backups/weibaotong}"
KEEP_DAYS="${KEEP_DAYS:-14}"
ENV_FILE="${ENV_FILE:-/etc/weibaotong/weibaotong.env}"
ADMIN_ENV="${ADMIN_ENV:-/etc/weibaotong/admin.env}"

# DATABASE_URL (database name, DATA_DIR) from the app's env; the dump runs as the admin account
# (the app user may not LOCK/SHOW TRIGGERS everywhere).
set -a
# shellcheck disable=SC1090
. "$ENV_FILE"
# shellcheck disable=SC1090
[ -f "$ADMIN_ENV" ] && . "$ADMIN_ENV"
set +a
DATA_DIR="${DATA_DIR:-/var/lib/weibaotong}"
URL="${DATABASE_ADMIN_URL:-$DATABASE_URL}"
DB_NAME="$(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1))' "$DATABASE_URL")"
DB_USER="$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).username))' "$URL")"
DB_PASS="$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).password))' "$URL")"
DB_HOST="$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$URL")"
DB_PORT="$(node -e 'console.log(new URL(process.argv[1]).port || 3306)' "$URL")"

umask 077
mkdir -p "$DEST"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The password goes through a file only this user can read, not the command line.
printf '[client]\nuser=%s\npassword=%s\nhost=%s\nport=%s\n' "$DB_USER" "$DB_PASS" "$DB_HOST" "$DB_PORT" > "$WORK/my.cnf"
mysqldump --defaults-extra-file="$WORK/my.cnf" --single-transaction --routines --triggers --events \
  --hex-blob --default-character-set=utf8mb4 "$DB_NAME" > "$WORK/db.sql"
tar -C "$DATA_DIR" -czf "$WORK/uploads.tar.gz" uploads 2>/dev/null || tar -czf "$WORK/uploads.tar.gz" -T /dev/null
rm -f "$WORK/my.cnf"

ARCHIVE="$DEST/weibaotong-$STAMP.tar"
tar -C "$WORK" -cf "$ARCHIVE" db.sql uploads.tar.gz
if [ -n "${BACKUP_AGE_RECIPIENT:-}" ]; then
  age -r "$BACKUP_AGE_RECIPIENT" -o "$ARCHIVE.age" "$ARCHIVE" && rm -f "$ARCHIVE"
  ARCHIVE="$ARCHIVE.age"
fi
find "$DEST" -name 'weibaotong-*.tar*' -mtime +"$KEEP_DAYS" -delete
echo "backup written: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
