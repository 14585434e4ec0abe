#!/usr/bin/env bash
# Slow-client benchmark: the requests per second an ordinary client gets from the server while an
# attacker holds 1,000 idle connections and 50 slow-loris connections (a header byte a second),
# reopening every connection the server closes; before (the server of BASE, default the commit
# before issue 21) and after (this tree). Loopback only, bounded (node slow-clients.mjs).
#
#   server/bench/slow-clients.sh                 # RUNS=3 DURATION=10 CONNS=16
#   BASE=614bfa6 IDLE=1000 LORIS=50 server/bench/slow-clients.sh
#
# Each server runs on SQLite with the 20-comment GET of compare.sh, under the soft open-file
# limit most services get (systemd's default soft LimitNOFILE=1024; the hard limit stays), and
# its default flags. Per server: one measurement without the attacker, then RUNS measurements
# with it (after WARMUP seconds of attack), median and spread.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SERVER_DIR=$(dirname "$HERE")
ROOT=$(dirname "$SERVER_DIR")
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
IDLE=${IDLE:-1000}
LORIS=${LORIS:-50}
WARMUP=${WARMUP:-5}
SOFT_NOFILE=${SOFT_NOFILE:-1024}
BASE=${BASE:-614bfa6}
PORT=${PORT:-18090}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BASE_TARGET=${BASE_TARGET:-/tmp/target-server-base}
BASE_SRC=${BASE_SRC:-/tmp/av-server-base-src}
WORK=$(mktemp -d /tmp/av-slow.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '== %s\n' "$*" >&2; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

log "building this server (release)"
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release --locked -q -p article-viewer-server)
AFTER=$TARGET/release/article-viewer-server
log "building the server of $BASE (release, in $BASE_TARGET)"
# A detached worktree of BASE, kept between runs (a fixed path keeps cargo's cache valid).
if [ "$(git -C "$BASE_SRC" rev-parse HEAD 2>/dev/null)" != "$(git -C "$ROOT" rev-parse "$BASE")" ]; then
  git -C "$ROOT" worktree remove --force "$BASE_SRC" 2>/dev/null || rm -rf "$BASE_SRC"
  git -C "$ROOT" worktree prune
  git -C "$ROOT" worktree add --detach -q "$BASE_SRC" "$BASE"
fi
(cd "$BASE_SRC" && CARGO_TARGET_DIR=$BASE_TARGET cargo build --release --locked -q -p article-viewer-server)
BEFORE=$BASE_TARGET/release/article-viewer-server

mkdir -p "$WORK/content" "$WORK/static"
echo '{"id":"bench","title":"Bench","comments":{"enabled":true,"url":"/api/articles/bench/comments"}}' >"$WORK/content/bench.json"
echo '<!doctype html><title>bench</title>' >"$WORK/static/index.html"

wait_http() {
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

measure() { # label binary
  local label=$1 bin=$2 url="http://127.0.0.1:$PORT/api/articles/bench/comments?per_page=20"
  rm -f "$WORK/db.sqlite3"*
  # The soft limit only, as systemd sets it; a server may raise it to the hard limit itself.
  ( ulimit -Sn "$SOFT_NOFILE"; exec env RUST_LOG=warn "$bin" serve --addr "127.0.0.1:$PORT" \
      --db "$WORK/db.sqlite3" --content-dir "$WORK/content" --static-dir "$WORK/static" \
      --moderation post --rate-limit off --min-elapsed-ms 0 ) >"$WORK/$label.log" 2>&1 &
  local server=$!
  PIDS+=("$server")
  wait_http "http://127.0.0.1:$PORT/api/health" || { cat "$WORK/$label.log"; exit 1; }
  for i in $(seq 1 20); do
    curl -fsS -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"author_name\":\"Seed $i\",\"author_email\":\"seed@example.com\",\"text\":\"Seed comment number $i about the town news.\",\"idempotency_key\":\"seed-key-$i\",\"website\":\"\",\"elapsed_ms\":5000}" \
      "http://127.0.0.1:$PORT/api/articles/bench/comments"
  done
  log "$label: no attacker"
  echo "$label quiet $(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 5s -s "$HERE/get.lua" "$url" | grep '^RESULT')" >>"$WORK/results"
  node "$HERE/slow-clients.mjs" "$PORT" "$IDLE" "$LORIS" >"$WORK/attack-$label" &
  local attacker=$!
  PIDS+=("$attacker")
  sleep "$WARMUP"
  for r in $(seq 1 "$RUNS"); do
    log "$label: attacked, run $r/$RUNS"
    echo "$label attacked $(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 5s -s "$HERE/get.lua" "$url" | grep '^RESULT' || echo 'RESULT requests=0 duration_us=1 p50_us=0 p99_us=0 errors=0 non2xx=0')" >>"$WORK/results"
  done
  kill -TERM "$attacker"; wait "$attacker" 2>/dev/null || true
  echo "$label attacker $(grep '^RESULT' "$WORK/attack-$label")" >>"$WORK/results"
  kill -TERM "$server"; wait "$server" 2>/dev/null || true
  grep -ciE 'too many open files' "$WORK/$label.log" | sed "s/^/$label emfile_lines=/" >>"$WORK/results" || true
}

: >"$WORK/results"
measure before "$BEFORE"
measure after "$AFTER"

echo
echo "Slow-client benchmark: wrk -t$THREADS -c$CONNS -d${DURATION}s GET (20 comments) while $IDLE idle + $LORIS slow-loris connections are held; soft open-file limit $SOFT_NOFILE; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%M:%SZ)"
awk -v runs="$RUNS" '
  function val(k,   i, kv) { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } return 0 }
  $2 == "quiet" { quiet[$1] = val("requests") / (val("duration_us") / 1e6); qp99[$1] = val("p99_us") / 1000 }
  $2 == "attacked" {
    n[$1]++; rps[$1, n[$1]] = val("requests") / (val("duration_us") / 1e6)
    p99[$1, n[$1]] = val("p99_us") / 1000; err[$1] += val("errors") + val("non2xx")
  }
  $2 == "attacker" { att[$1] = sprintf("closed by the server: %d idle, %d loris; held at the end: %d idle, %d loris", val("closed_idle"), val("closed_loris"), val("held_idle"), val("held_loris")) }
  function median(a, l, m,   i, j, t, v) {
    for (i = 1; i <= m; i++) v[i] = a[l, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    lo = v[1]; hi = v[m]; return v[int((m + 1) / 2)]
  }
  END {
    printf "| server | req/s, no attacker | req/s under attack (median of %d) | spread | p99 under attack | wrk errors | attacker |\n", runs
    print "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    split("before after", order, " ")
    for (k = 1; k <= 2; k++) {
      s = order[k]; if (!(s in n)) continue
      med = median(rps, s, n[s]); l = lo; h = hi
      mp = median(p99, s, n[s])
      printf "| %s | %.0f | %.0f | %.0f–%.0f | %.2f ms | %d | %s |\n", s, quiet[s], med, l, h, mp, err[s], att[s]
    }
  }' "$WORK/results"
grep emfile "$WORK/results" || true
