#!/usr/bin/env bash
# One command from a fresh clone to the running app with the demo data:
# installs dependencies, builds, migrates and seeds (idempotent), serves on http://localhost:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing dependencies (npm ci; better-sqlite3 may build from source, ~2 min)"
  npm ci --no-audit --no-fund
fi

mkdir -p data
if [ -z "${SESSION_SECRET:-}" ]; then
  if [ ! -s data/session-secret ]; then
    node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))' > data/session-secret
    chmod 600 data/session-secret
  fi
  SESSION_SECRET="$(cat data/session-secret)"
  export SESSION_SECRET
fi

echo "==> Building"
npm run build --silent
echo "==> Migrating and seeding the demo data"
npm run db:seed --silent
export NODE_ENV=production
echo "==> Starting on http://localhost:${PORT:-3000}"
exec node server.js
