#!/usr/bin/env bash
# One command from a fresh clone to the whole test suite: installs what it needs
# (npm packages, Debian's chromium), then typecheck, lint, unit + integration tests (vitest),
# a production build and the browser tests (Playwright on /usr/bin/chromium).
# Ends with one line "N passed, N failed" summing every suite; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/.tmp
rm -f tests/.tmp/*.json

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing dependencies (npm ci)"
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing Debian's chromium for the browser tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || { echo "could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi

status=0
echo "==> Typecheck"
if npx tsc; then echo '{"passed":1,"failed":0}' > tests/.tmp/typecheck.json; else echo '{"passed":0,"failed":1}' > tests/.tmp/typecheck.json; status=1; fi

echo "==> Lint (ESLint with the layer rules, Prettier check)"
if npm run lint --silent; then echo '{"passed":1,"failed":0}' > tests/.tmp/lint.json; else echo '{"passed":0,"failed":1}' > tests/.tmp/lint.json; status=1; fi

echo "==> Unit and integration tests (vitest)"
npx vitest run --config tests/vitest.config.ts --reporter=default --reporter=json --outputFile.json=tests/.tmp/vitest.json || status=1

echo "==> Build"
if npm run build --silent; then
  echo "==> Browser tests (Playwright, Debian chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/tests/.tmp/playwright.json" npx playwright test --config tests/playwright.config.ts --reporter=list,json || status=1
else
  echo '{"passed":0,"failed":1}' > tests/.tmp/build.json
  status=1
fi

node scripts/test-summary.mjs || status=1
exit $status
