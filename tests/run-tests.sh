#!/usr/bin/env bash
# Runs every test of RemissFlow on a fresh Debian/Ubuntu machine with the .NET 10 SDK.
# Installs what is missing (PostgreSQL, Chromium, PDF tools, fonts), starts a throwaway
# PostgreSQL on 127.0.0.1 on a free port, runs the whole NUnit suite against SQLite and
# PostgreSQL, and always stops the server. Its last lines give the totals and the wall time, per phase.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)

need=()
command -v qpdf >/dev/null || need+=(qpdf)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v tesseract >/dev/null || need+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/swe.traineddata ] || need+=(tesseract-ocr-swe)
command -v chromium >/dev/null || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v xmllint >/dev/null || need+=(libxml2-utils)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v python3 >/dev/null || need+=(python3)
command -v node >/dev/null && command -v npm >/dev/null || need+=(nodejs npm)
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

built_from=$(date +%s)
dotnet build RemissFlow.sln -c Release -nologo -clp:ErrorsOnly

# Format check. The analyzers and the code-style rules (braces, namespaces, usings) already ran in the build above,
# as errors; what is left is layout, which `dotnet format whitespace` checks without compiling again. It runs beside
# the tests (it needs little CPU, and half a minute of wall time when the machine is busy) and is judged after them;
# --folder reads the .cs files and .editorconfig directly instead of loading every project, which takes as long again.
format_log="$root/test-artifacts/format-check.txt"
format_start=$(date +%s)
( rc=0; dotnet format whitespace --folder . --verify-no-changes --exclude '**/bin/**' '**/obj/**' >"$format_log" 2>&1 || rc=$?
  echo "$rc" >"$format_log.status"; echo "$(( $(date +%s) - format_start ))" >"$format_log.seconds" ) &
format_pid=$!
tested_from=$(date +%s)
status=0
# One TRX file per test project: each test's own duration, for finding where the time goes.
rm -rf "$root/test-artifacts/results"
dotnet test RemissFlow.sln -c Release --no-build -nologo --logger "console;verbosity=normal" --logger trx --results-directory "$root/test-artifacts/results" 2>&1 | tee "$root/test-artifacts/test-output.txt" || status=$?
finished=$(date +%s)
wait "$format_pid" || true
format_status=$(cat "$format_log.status" 2>/dev/null || echo 1)
if [ "$format_status" = 0 ]; then
  echo "== format check: passed ($(cat "$format_log.seconds") s, beside the tests)"
else
  cat "$format_log"
  echo "== format check failed: run 'dotnet format RemissFlow.sln' and commit the result"
fi

# Closing lines for any reader: the totals over every test project, then where the wall time went.
summary=0
python3 - "$root/test-artifacts/test-output.txt" "$root/test-artifacts/results" <<'PY' || summary=$?
import glob, re, sys
import xml.etree.ElementTree as ET
totals = {"Passed": 0, "Failed": 0, "Skipped": 0}
runs = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if re.match(r"^\s*Total tests:", line):
        runs += 1
    m = re.match(r"^\s+(Passed|Failed|Skipped):\s+(\d+)\s*$", line)
    if m:
        totals[m.group(1)] += int(m.group(2))
seconds = 0.0
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
for trx in glob.glob(sys.argv[2] + "/*.trx"):
    for result in ET.parse(trx).getroot().iter(ns + "UnitTestResult"):
        h, m, s = result.get("duration", "0:0:0").split(":")
        seconds += int(h) * 3600 + int(m) * 60 + float(s)
# The failures by name, last, so that a reader who sees only the end of the log knows which test to open.
failures = []
for trx in glob.glob(sys.argv[2] + "/*.trx"):
    root = ET.parse(trx).getroot()
    for result in root.iter(ns + "UnitTestResult"):
        if result.get("outcome") == "Failed":
            message = result.find(f"{ns}Output/{ns}ErrorInfo/{ns}Message")
            first = (message.text or "").strip().splitlines()[:3] if message is not None else []
            failures.append((result.get("testName"), first))
for name, lines in failures:
    print(f"FAILED {name}")
    for line in lines:
        print(f"    {line[:300]}")
print(f"{totals['Passed']} passed, {totals['Failed']} failed, {totals['Skipped']} skipped (sum of the tests' own durations: {seconds:.0f} s)")
if runs == 0:
    sys.exit("no test run reported its totals")
PY
took() { printf '%dm %02ds' $(($1 / 60)) $(($1 % 60)); }
echo "wall time $(took $((finished - started))): setup $(took $((built_from - started))), build $(took $((tested_from - built_from))), test $(took $((finished - tested_from)))"
[ "$summary" = 0 ] || exit "$summary"
[ "$format_status" = 0 ] || exit 1
exit $status
