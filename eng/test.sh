#!/usr/bin/env bash
# The one test command (README.md, .ci/run): installs what the tests need, checks formatting, runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

bash eng/install-prerequisites.sh

# ---- Containers (issue 16): a Docker engine, the base-image stand-ins, the Kubernetes schema check ----------------
# tests/ForecastService.ContainerTests builds the Dockerfiles and runs the images on this engine; where none can be
# started they are skipped with the reason. The engine started here is stopped when this script exits.
stage_start=$SECONDS
bash eng/docker/engine.sh start
trap 'bash eng/docker/engine.sh stop' EXIT
echo "stage docker engine: $((SECONDS - stage_start)) s"
if docker_api="$(timeout 20 docker version --format '{{.Server.APIVersion}}' 2>/dev/null)"; then
    stage_start=$SECONDS
    bash eng/docker/standins.sh
    echo "stage base-image stand-ins: $((SECONDS - stage_start)) s"
    # Testcontainers with Debian's docker.io 20.10 (the tests set the same defaults themselves).
    export DOCKER_API_VERSION="${DOCKER_API_VERSION:-$docker_api}" TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
else
    echo "container tests will be skipped: $(cat /tmp/forecastservice-docker/unavailable 2>/dev/null || echo 'no Docker engine')"
fi
stage_start=$SECONDS
(cd eng/k8s-schema && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
if command -v kubectl >/dev/null 2>&1; then
    for overlay in deploy/k8s/cpu deploy/k8s/gpu; do
        kubectl kustomize "$overlay" | node eng/k8s-schema/check.mjs "$overlay"
    done
else
    echo "kubernetes schema check skipped: no kubectl (its kustomize renders the overlays)"
fi
echo "stage kubernetes schema check: $((SECONDS - stage_start)) s"
rm -rf artifacts/containers
# ---- end of the containers block -----------------------------------------------------------------------------------

dotnet build ForecastService.sln -c Release -warnaserror
dotnet format ForecastService.sln --verify-no-changes --no-restore

results="$(pwd)/artifacts/test-results"
reliability="$(pwd)/artifacts/reliability"
rm -rf "$results" "$reliability"
status=0
# The container tests build images and start containers; they run after the rest, so that their load does not
# overlap the timing-sensitive process-level tests.
dotnet test ForecastService.sln -c Release --no-build --logger "trx" --results-directory "$results" \
    --filter "FullyQualifiedName!~ForecastService.ContainerTests" || status=$?
stage_start=$SECONDS
dotnet test tests/ForecastService.ContainerTests -c Release --no-build --logger "trx" --results-directory "$results" || status=$?
echo "stage container tests: $((SECONDS - stage_start)) s"

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
# The container tests' figures (build times, image sizes, gateway streams and failover), written by the tests.
if [[ -f artifacts/containers/figures.txt ]]; then
    echo "Container figures (artifacts/containers):"
    cat artifacts/containers/figures.txt
fi
# The reliability suite's figures (requests, failures, memory, p99, corpus), written by the tests it ran.
if compgen -G "$reliability/*.txt" > /dev/null; then
    echo "Reliability and security figures (artifacts/reliability):"
    cat "$reliability"/*.txt
fi
exit $status
