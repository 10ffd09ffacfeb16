#!/usr/bin/env bash
# The one test command (README.md, .ci/run): installs what the tests need, checks formatting, runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

bash eng/install-prerequisites.sh

dotnet build ForecastService.sln -c Release -warnaserror
dotnet format ForecastService.sln --verify-no-changes --no-restore

results="$(pwd)/artifacts/test-results"
reliability="$(pwd)/artifacts/reliability"
rm -rf "$results" "$reliability"
status=0
dotnet test ForecastService.sln -c Release --no-build --logger "trx" --results-directory "$results" || status=$?

# One plain closing line over all projects, read from the TRX files.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)); s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
# The reliability suite's figures (requests, failures, memory, p99, corpus), written by the tests it ran.
if compgen -G "$reliability/*.txt" > /dev/null; then
    echo "Reliability and security figures (artifacts/reliability):"
    cat "$reliability"/*.txt
fi
exit $status
