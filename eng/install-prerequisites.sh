#!/usr/bin/env bash
# Installs the system packages the tests use, when they are missing and we may install them (root with apt).
# The .NET SDK and npm are prerequisites; ONNX Runtime itself is fetched by the build (eng/fetch-onnxruntime.sh).
set -euo pipefail

need=()
command -v npm >/dev/null 2>&1 || need+=(npm)

if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} (install them, then run the tests again)" >&2
    exit 1
  fi
fi
