#!/usr/bin/env bash
# The main command: installs what is missing, builds the viewer and the reference server, and
# serves the viewer with the sample articles and a fresh comments database at
# http://127.0.0.1:8080/ (override with AV_ADDR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/build.sh
cargo build --release -p article-viewer-server

export AV_ADDR="${AV_ADDR:-127.0.0.1:8080}"
export AV_DB="${AV_DB:-data/comments.sqlite3}"
export AV_CONTENT_DIR="${AV_CONTENT_DIR:-samples}"
export AV_STATIC_DIR="${AV_STATIC_DIR:-dist}"
if [ -z "${AV_MODERATION_TOKEN:-}" ]; then
  AV_MODERATION_TOKEN="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  export AV_MODERATION_TOKEN
fi
echo "[serve] viewer:           http://${AV_ADDR}/"
echo "[serve] English sample:   http://${AV_ADDR}/?src=samples/harbour-library-2024-03-02.json"
echo "[serve] moderation page:  http://${AV_ADDR}/moderation/"
echo "[serve] moderation token: ${AV_MODERATION_TOKEN}"
echo "[serve]   e.g. curl -H \"Authorization: Bearer \$TOKEN\" http://${AV_ADDR}/api/moderation/comments?status=pending"
echo "[serve]   or   target/release/article-viewer-server --db ${AV_DB} list --pending"
exec target/release/article-viewer-server serve --fresh-db
