#!/usr/bin/env bash
# Container health check (Dockerfile HEALTHCHECK): GET /health/ready on the service's own port, healthy on a 200.
# The ASP.NET runtime image has no curl or wget, and adding one for a probe grows the image and its attack surface;
# bash's /dev/tcp needs nothing extra. The end-to-end tests run this very script against the published service.
#   HEALTHCHECK_PORT  the port to probe (default: the first port of ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS, else 8080)
#   HEALTHCHECK_PATH  the path to probe (default /health/ready)
set -euo pipefail

port="${HEALTHCHECK_PORT:-}"
if [[ -z "$port" && "${ASPNETCORE_URLS:-}" =~ :([0-9]+) ]]; then port="${BASH_REMATCH[1]}"; fi
if [[ -z "$port" && -n "${ASPNETCORE_HTTP_PORTS:-}" ]]; then port="${ASPNETCORE_HTTP_PORTS%%[,;]*}"; fi
port="${port:-8080}"
path="${HEALTHCHECK_PATH:-/health/ready}"

exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || { echo "unhealthy: no answer from 127.0.0.1:$port$path" >&2; exit 1; }
status="${status%$'\r'}"
if [[ "$status" =~ ^HTTP/1\.[01]\ 200 ]]; then exit 0; fi
echo "unhealthy: $status from 127.0.0.1:$port$path" >&2
exit 1
