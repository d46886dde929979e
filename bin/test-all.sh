#!/usr/bin/env bash
# `npm test`: typecheck, lint, unit tests, integration tests (real Postgres when TEST_DATABASE_URL or
# DATABASE_URL is set, otherwise in-memory PGlite), production build, Playwright end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s\n' "$*"; }
started=$SECONDS

if [ -z "${TEST_DATABASE_URL:-}" ] && [ -n "${DATABASE_URL:-}" ]; then
  export TEST_DATABASE_URL="$DATABASE_URL"
fi

step "typecheck"
npx tsc --noEmit
step "lint"
npx eslint . --max-warnings 0
step "unit tests"
npx vitest run --project unit
if [ -n "${TEST_DATABASE_URL:-}" ]; then database="Postgres at ${TEST_DATABASE_URL%%\?*}"; else database="in-memory PGlite"; fi
# Shuffled, so a test that leans on what another left behind fails here rather than on a reordering.
# The seed is printed; VITEST_SEED=<seed> npm test (or vitest --sequence.seed=<seed>) replays the order.
seed="${VITEST_SEED:-$RANDOM}"
step "integration tests (${database}, shuffled with seed ${seed}; replay with VITEST_SEED=${seed})"
npx vitest run --project integration --sequence.shuffle --sequence.seed="$seed"
step "production build"
# The import worker's bundle (dist/import-worker.cjs, which `npm start` runs on Postgres), then Next's build.
node bin/build-worker.mjs
npx next build
step "end-to-end tests (Playwright, Chromium)"
# The e2e server runs on its own fresh embedded database (bin/e2e-server.sh), never on DATABASE_URL.
env -u DATABASE_URL npx playwright test

printf '\nAll tests passed in %ss.\n' "$((SECONDS - started))"
