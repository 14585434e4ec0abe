#!/usr/bin/env bash
# Benchmark this server against Isso 0.14 on loopback, in one run, with wrk.
#
#   server/bench/compare.sh            # 10 s per measurement, 2 wrk threads, 16 connections
#   DURATION=30 CONNS=32 server/bench/compare.sh
#
# Installs what it needs if missing (idempotent): wrk (apt), a Python venv with
# isso==0.14.0 and gunicorn in server/bench/.venv. Builds this server in release
# mode (CARGO_TARGET_DIR, default /tmp/target-server). Prints a table.
#
# Fairness: both servers publish at once (no moderation queue), rate limiting and
# spam guards are off, both use SQLite with fsync on commit, both hold the same
# 20 top-level comments when GET is measured, and both get the same wrk settings.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SERVER_DIR=$(dirname "$HERE")
DURATION=${DURATION:-10}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
OUR_PORT=${OUR_PORT:-18080}
ISSO_PORT=${ISSO_PORT:-18081}
TARGET=${CARGO_TARGET_DIR:-/tmp/target-server}
VENV=$HERE/.venv
WORK=$(mktemp -d /tmp/av-bench.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { printf '== %s\n' "$*" >&2; }

# --- 1. Tools -----------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi

ISSO_OK=1
ISSO_WHY=""
if ! "$VENV/bin/python" -c 'import isso, gunicorn' 2>/dev/null; then
  log "installing isso==0.14.0 and gunicorn into $VENV"
  if ! { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "isso==0.14.0" "gunicorn==27.0.1"; } >"$WORK/pip.log" 2>&1; then
    ISSO_OK=0
    ISSO_WHY="pip install isso==0.14.0 failed: $(tail -n 3 "$WORK/pip.log" | tr '\n' ' ')"
  fi
fi

log "building article-viewer-server (release)"
(cd "$SERVER_DIR" && CARGO_TARGET_DIR=$TARGET cargo build --release --locked -q)
BIN=$TARGET/release/article-viewer-server

# --- 2. Fixtures --------------------------------------------------------------
mkdir -p "$WORK/content" "$WORK/static" "$WORK/isso"
cat >"$WORK/content/bench.json" <<JSON
{"id":"bench","title":"Bench","comments":{"enabled":true,"url":"/api/articles/bench/comments"}}
JSON
echo '<!doctype html><title>bench</title>' >"$WORK/static/index.html"
cat >"$WORK/isso/isso.cfg" <<CFG
[general]
dbpath = $WORK/isso/comments.db
host = http://127.0.0.1:$ISSO_PORT/
notify = stdout
log-file = $WORK/isso/isso.log
[moderation]
enabled = false
[guard]
enabled = false
[server]
listen = http://127.0.0.1:$ISSO_PORT/
CFG

wait_http() { # url
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# --- 3. Start both servers -----------------------------------------------------
RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$OUR_PORT" --db "$WORK/ours.sqlite3" --fresh-db \
  --content-dir "$WORK/content" --static-dir "$WORK/static" \
  --moderation post --rate-limit off --min-elapsed-ms 0 >"$WORK/ours.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$OUR_PORT/api/health" || { cat "$WORK/ours.log"; exit 1; }

WORKERS=$(nproc)
if [ "$ISSO_OK" = 1 ]; then
  ISSO_SETTINGS="$WORK/isso/isso.cfg" "$VENV/bin/gunicorn" --chdir "$WORK/isso" \
    -b "127.0.0.1:$ISSO_PORT" --workers "$WORKERS" --worker-class gthread --threads 4 \
    --preload --log-level warning isso.run >"$WORK/isso/gunicorn.log" 2>&1 &
  PIDS+=($!)
  if ! wait_http "http://127.0.0.1:$ISSO_PORT/info"; then
    ISSO_OK=0
    ISSO_WHY="Isso did not start: $(tail -n 5 "$WORK/isso/gunicorn.log" | tr '\n' ' ')"
  fi
fi
[ "$ISSO_OK" = 1 ] || log "benchmarking this server alone: $ISSO_WHY"

# --- 4. Seed 20 top-level comments in each ------------------------------------
for i in $(seq 1 20); do
  curl -fsS -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"author_name\":\"Seed $i\",\"author_email\":\"seed@example.com\",\"text\":\"Seed comment number $i about the town news.\",\"idempotency_key\":\"seed-key-$i\",\"website\":\"\",\"elapsed_ms\":5000}" \
    "http://127.0.0.1:$OUR_PORT/api/articles/bench/comments"
  if [ "$ISSO_OK" = 1 ]; then
    curl -fsS -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"author\":\"Seed $i\",\"email\":\"seed@example.com\",\"text\":\"Seed comment number $i about the town news.\",\"title\":\"Bench\"}" \
      "http://127.0.0.1:$ISSO_PORT/new?uri=/bench"
  fi
done

# --- 5. Measure ----------------------------------------------------------------
run_wrk() { # name script url
  log "wrk $1 (${DURATION}s, $THREADS threads, $CONNS connections)"
  local line
  line=$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s -s "$HERE/$2" "$3" | grep '^RESULT' || true)
  [ -n "$line" ] || { log "wrk produced no result for $1"; line="RESULT requests=0 duration_us=1 p50_us=0 p99_us=0 errors=0 non2xx=0"; }
  echo "$1 $line" >>"$WORK/results"
}

: >"$WORK/results"
run_wrk ours-get get.lua "http://127.0.0.1:$OUR_PORT/api/articles/bench/comments?per_page=20"
[ "$ISSO_OK" = 1 ] && run_wrk isso-get get.lua "http://127.0.0.1:$ISSO_PORT/?uri=/bench"
run_wrk ours-post post_ours.lua "http://127.0.0.1:$OUR_PORT/api/articles/bench/comments"
[ "$ISSO_OK" = 1 ] && run_wrk isso-post post_isso.lua "http://127.0.0.1:$ISSO_PORT/new?uri=/bench"

# Sanity: what a GET returns.
OUR_ITEMS=$(curl -fsS "http://127.0.0.1:$OUR_PORT/api/articles/bench/comments?per_page=20" | grep -o '"id":' | wc -l)
ISSO_ITEMS=n/a
if [ "$ISSO_OK" = 1 ]; then
  ISSO_ITEMS=$(curl -fsS "http://127.0.0.1:$ISSO_PORT/?uri=/bench&limit=20" | grep -oE '"id": ?[0-9]+' | wc -l)
fi
log "one GET returned $OUR_ITEMS comments (ours) and $ISSO_ITEMS (Isso)"

# --- 6. Table -------------------------------------------------------------------
echo
echo "Loopback benchmark: wrk -t$THREADS -c$CONNS -d${DURATION}s, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
awk -v isso_ok="$ISSO_OK" '
  function val(s, k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } return 0 }
  {
    rps[$1] = val("", "requests") / (val("", "duration_us") / 1e6)
    p99[$1] = val("", "p99_us") / 1000
    p50[$1] = val("", "p50_us") / 1000
    bad[$1] = val("", "errors") + val("", "non2xx")
  }
  END {
    printf "%-6s | %12s | %12s | %9s | %9s | %9s | %9s | %8s | %s\n", "op", "ours req/s", "Isso req/s", "ratio", "ours p50", "Isso p50", "ours p99", "Isso p99", "errors ours/Isso"
    printf "%-6s-+-%12s-+-%12s-+-%9s-+-%9s-+-%9s-+-%9s-+-%8s-+-%s\n", "------", "------------", "------------", "---------", "---------", "---------", "---------", "--------", "----------------"
    split("get post", ops, " ")
    for (j = 1; j <= 2; j++) {
      o = ops[j]; a = "ours-" o; b = "isso-" o
      if (isso_ok == 1 && rps[b] > 0) {
        printf "%-6s | %12.0f | %12.0f | %8.1fx | %7.2fms | %7.2fms | %7.2fms | %6.2fms | %d/%d\n", toupper(o), rps[a], rps[b], rps[a] / rps[b], p50[a], p50[b], p99[a], p99[b], bad[a], bad[b]
      } else {
        printf "%-6s | %12.0f | %12s | %9s | %7.2fms | %9s | %7.2fms | %8s | %d/-\n", toupper(o), rps[a], "n/a", "n/a", p50[a], "n/a", p99[a], "n/a", bad[a]
      }
    }
    print "ratio = ours req/s divided by Isso req/s (higher is better for us); latencies in milliseconds."
  }' "$WORK/results"
[ "$ISSO_OK" = 1 ] || echo "Isso not measured: $ISSO_WHY"
