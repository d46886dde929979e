#!/usr/bin/env bash
# Serves the production build (run `npm run build` first) on a fresh embedded database seeded with the
# demo data, for the Playwright tests. Usage: bin/e2e-server.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-3100}"
data_dir=".data/e2e-pglite"
rm -rf "$data_dir"
unset DATABASE_URL
export PGLITE_DATA_DIR="$data_dir"
export NEXTAUTH_URL="http://localhost:${port}"
export NEXTAUTH_SECRET="${E2E_NEXTAUTH_SECRET:-e2e-only-secret-0123456789abcdef0123456789}"
export NEXT_TELEMETRY_DISABLED=1
# Mails stay in the in-process catcher; the tests read them at /dev/mail.
export MAIL_CATCHER=1
unset SMTP_URL
if [ ! -f .next/BUILD_ID ]; then
  echo "No production build in .next: run 'npm run build' first." >&2
  exit 1
fi
exec npx next start -p "$port"
