#!/usr/bin/env bash
# The main command: installs what is missing, builds the viewer and the reference server (only
# when their sources changed since the last build), and serves the viewer with the sample articles
# and a fresh comments database at http://127.0.0.1:8080/ (override with AV_ADDR). It ends its
# output with the address and the moderation token, each on its own line.
#   AV_REBUILD=1 scripts/serve.sh   builds even when nothing changed
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

# What a build's output depends on: the tracked files of these paths as git stages them (content
# hashes), the changes not yet committed, and new files not yet added, with their contents. A
# stamp of that is written next to the output after a build; the same stamp means nothing changed.
stamp() {
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { date +%s%N; return; } # no git: always build
  {
    git ls-files -s -- "$@"
    git diff HEAD -- "$@"
    git ls-files --others --exclude-standard -z -- "$@" | xargs -0r sha1sum
  } | sha1sum | cut -d' ' -f1
}
# Builds with `command…` unless `output` exists and `stamp_file` holds `want`.
build_if_changed() {
  local what=$1 output=$2 stamp_file=$3 want=$4
  shift 4
  if [ -z "${AV_REBUILD:-}" ] && [ -e "$output" ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$want" ]; then
    echo "[serve] $what: up to date (no source changed since its last build)"
    return
  fi
  echo "[serve] $what: building"
  rm -f "$stamp_file"
  "$@"
  mkdir -p "$(dirname "$stamp_file")"
  echo "$want" >"$stamp_file"
}
viewer_paths=(src style index.html samples examples scripts formats rules urls wire moderation Cargo.toml Cargo.lock
  Trunk.toml package.json package-lock.json .cargo rust-toolchain.toml)
# The server renders the article pages with the viewer's own components: the viewer's crates too.
server_paths=(server src formats rules urls wire Cargo.toml Cargo.lock rust-toolchain.toml)
build_if_changed "viewer (dist/)" dist/index.html target/serve-stamps/viewer "$(stamp "${viewer_paths[@]}")" \
  bash scripts/build.sh
build_if_changed "reference server" target/release/article-viewer-server target/serve-stamps/server \
  "$(stamp "${server_paths[@]}")" cargo build --release -p article-viewer-server

export AV_ADDR="${AV_ADDR:-127.0.0.1:8080}"
export AV_DB="${AV_DB:-data/comments.sqlite3}"
export AV_CONTENT_DIR="${AV_CONTENT_DIR:-samples}"
export AV_STATIC_DIR="${AV_STATIC_DIR:-dist}"
if [ -z "${AV_MODERATION_TOKEN:-}" ]; then
  AV_MODERATION_TOKEN="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  export AV_MODERATION_TOKEN
fi

target/release/article-viewer-server serve --fresh-db &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' INT TERM
# The lines below come last, once the server answers (at most 10 s).
host=${AV_ADDR%:*}
port=${AV_ADDR##*:}
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { wait "$server"; exit $?; }
  sleep 0.1
done
cat <<INFO

[serve] Other samples: http://${AV_ADDR}/?src=samples/harbour-library-2024-03-02.json (English),
[serve]   ?src=samples/wordpress-post.json, ?src=samples/article-jsonld.html; an example portal
[serve]   embedding two viewers: http://${AV_ADDR}/examples/portal/index.html
[serve] Moderation page: http://${AV_ADDR}/moderation/ (sign in with the token below). Pending comments:
  curl -H "Authorization: Bearer ${AV_MODERATION_TOKEN}" "http://${AV_ADDR}/api/moderation/comments?status=pending"
[serve] Stop with Ctrl+C. The viewer:
http://${AV_ADDR}/
[serve] Moderation token:
${AV_MODERATION_TOKEN}
INFO
wait "$server"
