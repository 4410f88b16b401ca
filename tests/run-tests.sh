#!/usr/bin/env bash
# Runs every test of RemissFlow on a fresh Debian/Ubuntu machine with the .NET 10 SDK.
# Installs what is missing (PostgreSQL, Chromium, PDF tools, fonts), starts a throwaway
# PostgreSQL on 127.0.0.1 on a free port, runs the whole NUnit suite against SQLite and
# PostgreSQL, and always stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need=()
command -v qpdf >/dev/null || need+=(qpdf)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v chromium >/dev/null || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v python3 >/dev/null || need+=(python3)
# Chromium needs a font to lay out the pages the browser tests check (documents ship their own).
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  for attempt in 1 2 3 4 5 6; do
    if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
       $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then
      break
    fi
    echo "apt-get failed (attempt $attempt); another process may hold the dpkg lock, retrying"
    sleep 10
    [ "$attempt" = 6 ] && { echo "could not install ${need[*]}"; exit 1; }
  done
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA=$(mktemp -d /tmp/remissflow-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
AS=""
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA"; AS="runuser -u postgres --"; fi
stop_pg() {
  $AS "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap stop_pg EXIT
$AS "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
$AS "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c max_connections=200 -c fsync=off" start >/dev/null
echo "== PostgreSQL on 127.0.0.1:$PGPORT"

export REMISSFLOW_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Pooling=true;Maximum Pool Size=50"
export REMISSFLOW_REQUIRE_ALL=1
export REMISSFLOW_ARTIFACTS="$root/test-artifacts"
mkdir -p "$REMISSFLOW_ARTIFACTS"

dotnet build RemissFlow.sln -c Release -nologo -clp:ErrorsOnly
status=0
dotnet test RemissFlow.sln -c Release --no-build -nologo --logger "console;verbosity=normal" --results-directory "$root/test-artifacts/results" 2>&1 | tee "$root/test-artifacts/test-output.txt" || status=$?

# One closing line for any reader: the totals over every test project.
python3 - "$root/test-artifacts/test-output.txt" <<'PY'
import re, sys
totals = {"Passed": 0, "Failed": 0, "Skipped": 0}
runs = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if re.match(r"^\s*Total tests:", line):
        runs += 1
    m = re.match(r"^\s+(Passed|Failed|Skipped):\s+(\d+)\s*$", line)
    if m:
        totals[m.group(1)] += int(m.group(2))
print(f"{totals['Passed']} passed, {totals['Failed']} failed, {totals['Skipped']} skipped")
if runs == 0:
    sys.exit("no test run reported its totals")
PY
exit $status
