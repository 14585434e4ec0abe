#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server, then stops and deletes it.
#
#   scripts/with-postgres.sh cargo test -p article-viewer-server
#
# Uses Debian's binaries (/usr/lib/postgresql/<version>/bin; `scripts/setup.sh --test` installs
# them). PostgreSQL refuses to run as root, so as root the cluster belongs to `nobody`
# (override with AV_PG_USER). initdb goes into a temporary folder; the server listens on a free
# loopback port with trust authentication (loopback only, nothing else can reach it), with
# fsync=off unless AV_PG_FSYNC=on (see below).
# The command sees:
#   AV_TEST_POSTGRES          postgres://av@127.0.0.1:PORT/postgres (superuser `av`; tests create
#                             their own databases in it)
#   AV_TEST_POSTGRES_RESTART  a script that restarts the server in `immediate` mode (a crash and
#                             recovery, for the fault test)
# The exit status is the command's.
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgres: no initdb in /usr/lib/postgresql/*/bin; run scripts/setup.sh --test (installs Debian's postgresql)" >&2
  exit 1
fi

DIR=$(mktemp -d /tmp/av-pg.XXXXXX)
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  PGUSER_OS=${AV_PG_USER:-nobody}
  chown "$PGUSER_OS" "$DIR"
  RUNAS=(runuser -u "$PGUSER_OS" --)
fi
chmod 700 "$DIR"

stop() {
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

# A free loopback port: a random one nobody answers on (pg_ctl fails loudly if it is taken after all).
for _ in $(seq 1 50); do
  PORT=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || break
done

"${RUNAS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U av --auth=trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
# fsync is off by default: tests kill processes, not the machine, and with fsync on every crash
# restart first fsyncs the whole data directory, which took over a minute here while another
# build was writing to the same disk. Benchmarks set AV_PG_FSYNC=on (PostgreSQL's default).
OPTS="-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c max_connections=300 -c fsync=${AV_PG_FSYNC:-off}"
if ! "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -o "$OPTS" -w -t 60 start >/dev/null; then
  cat "$DIR/server.log" >&2
  exit 1
fi

cat >"$DIR/restart.sh" <<SH
#!/usr/bin/env bash
# Restarts the test PostgreSQL server in immediate mode (no checkpoint: crash recovery at start).
if ! ${RUNAS[*]} "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -m immediate -w -t 120 restart >"$DIR/restart.log" 2>&1; then
  echo "restarting PostgreSQL failed:" >&2
  tail -n 20 "$DIR/restart.log" "$DIR/server.log" >&2
  exit 1
fi
SH
chmod 755 "$DIR/restart.sh"

export AV_TEST_POSTGRES="postgres://av@127.0.0.1:$PORT/postgres"
export AV_TEST_POSTGRES_RESTART="$DIR/restart.sh"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (data in $DIR)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
