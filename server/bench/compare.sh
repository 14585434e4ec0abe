#!/usr/bin/env bash
# Benchmark this server on SQLite, on PostgreSQL with one instance and with two instances,
# against Isso 0.14, on loopback, in one run, with wrk.
#
#   server/bench/compare.sh            # 3 runs of 10 s per measurement, 2 wrk threads, 16 connections
#   RUNS=5 DURATION=30 CONNS=32 server/bench/compare.sh
#
# Installs what it needs if missing (idempotent): wrk (apt), a Python venv with
# isso==0.14.0 and gunicorn in server/bench/.venv. Builds this server in release
# mode (CARGO_TARGET_DIR, default /tmp/target-server). Runs itself under
# scripts/with-postgres.sh (a throw-away PostgreSQL) unless AV_TEST_POSTGRES is set.
# Prints a table.
#
# Fairness: every server publishes at once (no moderation queue), rate limiting and
# spam guards are off, every store fsyncs on commit (SQLite FULL, PostgreSQL defaults),
# all hold the same 20 top-level comments when GET is measured, and all get the same
# wrk settings in total. "Two instances" are two server processes on one database, each
# loaded by its own wrk process with half the threads and half the connections; their
# requests are added up and the worse p50/p99 of the two is reported. Every configuration is
# measured RUNS times (in rounds: all configurations once, then again); the table gives the
# median of the runs and the spread (lowest–highest req/s). POSTs go to another article than the
# GETs, so the GET answers stay the same 20 comments in every round.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SERVER_DIR=$(dirname "$HERE")
ROOT=$(dirname "$SERVER_DIR")
if [ -z "${AV_TEST_POSTGRES:-}" ] && [ -z "${AV_BENCH_NO_POSTGRES:-}" ]; then
  # fsync on, as in production: every commit reaches the disk before the answer.
  AV_PG_FSYNC=on exec bash "$ROOT/scripts/with-postgres.sh" bash "$0" "$@"
fi
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
OUR_PORT=${OUR_PORT:-18080}
ISSO_PORT=${ISSO_PORT:-18081}
PG1_PORT=${PG1_PORT:-18082}
PG2_PORT=${PG2_PORT:-18083}
PG_OK=0
[ -n "${AV_TEST_POSTGRES:-}" ] && PG_OK=1
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
cat >"$WORK/content/bench-post.json" <<JSON
{"id":"bench-post","title":"Bench posts","comments":{"enabled":true,"url":"/api/articles/bench-post/comments"}}
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

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ "$PG_OK" = 1 ]; then
  PG_URL="${AV_TEST_POSTGRES%/*}/av_bench_$$"
  "$PGBIN/psql" -q "$AV_TEST_POSTGRES" -c "CREATE DATABASE av_bench_$$"
  for port in "$PG1_PORT" "$PG2_PORT"; do
    RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$port" --db "$PG_URL" \
      --content-dir "$WORK/content" --static-dir "$WORK/static" \
      --moderation post --rate-limit off --min-elapsed-ms 0 >"$WORK/pg-$port.log" 2>&1 &
    PIDS+=($!)
    wait_http "http://127.0.0.1:$port/api/health" || { cat "$WORK/pg-$port.log"; exit 1; }
  done
fi

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
  if [ "$PG_OK" = 1 ]; then
    curl -fsS -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"author_name\":\"Seed $i\",\"author_email\":\"seed@example.com\",\"text\":\"Seed comment number $i about the town news.\",\"idempotency_key\":\"seed-key-$i\",\"website\":\"\",\"elapsed_ms\":5000}" \
      "http://127.0.0.1:$PG1_PORT/api/articles/bench/comments"
  fi
  if [ "$ISSO_OK" = 1 ]; then
    curl -fsS -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"author\":\"Seed $i\",\"email\":\"seed@example.com\",\"text\":\"Seed comment number $i about the town news.\",\"title\":\"Bench\"}" \
      "http://127.0.0.1:$ISSO_PORT/new?uri=/bench"
  fi
done

# --- 5. Measure ----------------------------------------------------------------
NO_RESULT="RESULT requests=0 duration_us=1 p50_us=0 p99_us=0 errors=0 non2xx=0"

run_wrk() { # name script url
  log "wrk $1 (${DURATION}s, $THREADS threads, $CONNS connections)"
  local line
  line=$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s -s "$HERE/$2" "$3" -- "$1" | grep '^RESULT' || true)
  [ -n "$line" ] || { log "wrk produced no result for $1"; line=$NO_RESULT; }
  echo "$1 $line" >>"$WORK/results"
}

run_wrk_two() { # name script url1 url2: two wrk processes at once, half the load each
  local t=$(( THREADS / 2 > 0 ? THREADS / 2 : 1 )) c=$(( CONNS / 2 > 0 ? CONNS / 2 : 1 ))
  log "wrk $1 (${DURATION}s, 2 x ($t threads, $c connections))"
  wrk -t"$t" -c"$c" -d"${DURATION}s" --timeout 10s -s "$HERE/$2" "$3" -- "$1a" >"$WORK/two-a" &
  local a=$!
  wrk -t"$t" -c"$c" -d"${DURATION}s" --timeout 10s -s "$HERE/$2" "$4" -- "$1b" >"$WORK/two-b" &
  wait "$a" $!
  local la lb
  la=$(grep '^RESULT' "$WORK/two-a" || echo "$NO_RESULT")
  lb=$(grep '^RESULT' "$WORK/two-b" || echo "$NO_RESULT")
  # Requests and errors add up; duration, p50 and p99 are the larger of the two.
  awk -v name="$1" -v a="$la" -v b="$lb" 'BEGIN {
    n = split(a, fa, " "); split(b, fb, " ")
    line = name " RESULT"
    for (i = 2; i <= n; i++) {
      split(fa[i], x, "="); split(fb[i], y, "=")
      if (x[1] == "requests" || x[1] == "errors" || x[1] == "non2xx") v = x[2] + y[2]
      else v = (x[2] > y[2] ? x[2] : y[2])
      line = line " " x[1] "=" v
    }
    print line
  }' >>"$WORK/results"
}

: >"$WORK/results"
GET_PATH="/api/articles/bench/comments?per_page=20"
POST_PATH="/api/articles/bench-post/comments"
for round in $(seq 1 "$RUNS"); do
  log "round $round of $RUNS"
  run_wrk sqlite-get get.lua "http://127.0.0.1:$OUR_PORT$GET_PATH"
  if [ "$PG_OK" = 1 ]; then
    run_wrk pg1-get get.lua "http://127.0.0.1:$PG1_PORT$GET_PATH"
    run_wrk_two pg2-get get.lua "http://127.0.0.1:$PG1_PORT$GET_PATH" "http://127.0.0.1:$PG2_PORT$GET_PATH"
  fi
  if [ "$ISSO_OK" = 1 ]; then run_wrk isso-get get.lua "http://127.0.0.1:$ISSO_PORT/?uri=/bench"; fi
  run_wrk sqlite-post post_ours.lua "http://127.0.0.1:$OUR_PORT$POST_PATH"
  if [ "$PG_OK" = 1 ]; then
    run_wrk pg1-post post_ours.lua "http://127.0.0.1:$PG1_PORT$POST_PATH"
    run_wrk_two pg2-post post_ours.lua "http://127.0.0.1:$PG1_PORT$POST_PATH" "http://127.0.0.1:$PG2_PORT$POST_PATH"
  fi
  if [ "$ISSO_OK" = 1 ]; then run_wrk isso-post post_isso.lua "http://127.0.0.1:$ISSO_PORT/new?uri=/bench-post"; fi
done

# Sanity: what a GET returns.
OUR_ITEMS=$(curl -fsS "http://127.0.0.1:$OUR_PORT/api/articles/bench/comments?per_page=20" | grep -o '"id":' | wc -l)
ISSO_ITEMS=n/a
if [ "$ISSO_OK" = 1 ]; then
  ISSO_ITEMS=$(curl -fsS "http://127.0.0.1:$ISSO_PORT/?uri=/bench&limit=20" | grep -oE '"id": ?[0-9]+' | wc -l)
fi
log "one GET returned $OUR_ITEMS comments (ours) and $ISSO_ITEMS (Isso)"

# --- 6. Table -------------------------------------------------------------------
echo
echo "Loopback benchmark: wrk -t$THREADS -c$CONNS -d${DURATION}s, median of $RUNS runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
awk '
  function val(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } return 0 }
  function median(arr, key, m,   i, j, t, v) {
    for (i = 1; i <= m; i++) v[i] = arr[key, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    LO = v[1]; HI = v[m]
    return v[int((m + 1) / 2)]
  }
  {
    k = ++n[$1]
    rps[$1, k] = val("requests") / (val("duration_us") / 1e6)
    p99[$1, k] = val("p99_us") / 1000
    p50[$1, k] = val("p50_us") / 1000
    bad[$1] += val("errors") + val("non2xx")
  }
  END {
    for (r in n) {
      mr[r] = median(rps, r, n[r]); lo[r] = LO; hi[r] = HI
      m50[r] = median(p50, r, n[r]); m99[r] = median(p99, r, n[r])
    }
    printf "| op | server | req/s (median) | spread | p50 | p99 | × Isso | errors |\n"
    printf "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    split("get post", ops, " ")
    split("sqlite pg1 pg2 isso", cfgs, " ")
    names["sqlite"] = "ours, SQLite"
    names["pg1"] = "ours, PostgreSQL, 1 instance"
    names["pg2"] = "ours, PostgreSQL, 2 instances"
    names["isso"] = "Isso 0.14 (SQLite, gunicorn)"
    for (j = 1; j <= 2; j++) {
      o = ops[j]; isso = "isso-" o
      for (k = 1; k <= 4; k++) {
        r = cfgs[k] "-" o
        if (!(r in n)) continue
        ratio = (isso in n && mr[isso] > 0) ? sprintf("%.1f×", mr[r] / mr[isso]) : "n/a"
        printf "| %s | %s | %.0f | %.0f–%.0f | %.2f ms | %.2f ms | %s | %d |\n", toupper(o), names[cfgs[k]], mr[r], lo[r], hi[r], m50[r], m99[r], ratio, bad[r]
      }
    }
    print "× Isso = median req/s divided by Isso'"'"'s median req/s for the same operation; spread = lowest–highest req/s of the runs; p50/p99 = medians of the runs."
  }' "$WORK/results"
[ "$ISSO_OK" = 1 ] || echo "Isso not measured: $ISSO_WHY"
[ "$PG_OK" = 1 ] || echo "PostgreSQL not measured (AV_BENCH_NO_POSTGRES set)"
