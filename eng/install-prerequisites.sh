#!/usr/bin/env bash
# Installs the system packages the tests use, when they are missing and we may install them (root with apt).
# The .NET SDK and npm are prerequisites; ONNX Runtime comes from NuGet with the build (eng/OnnxRuntime.props).
#   npm      installs the /ui chart page's and the schema checks' locked packages, and the benchmark's Node peer
#   nginx    the gateway of the end-to-end tests runs deploy/gateway/ on Debian's nginx
#   chromium the browser test drives Debian's headless Chromium (Playwright never downloads a browser here)
set -euo pipefail

need=()
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need+=(nginx)
[[ -x /usr/bin/chromium ]] || need+=(chromium)

if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${need[*]}"
    # Package scripts must not start services (nginx would bind port 80): the tests start their own processes.
    added_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && added_policy=1
    fi
    trap '[[ $added_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d' EXIT
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} (install them, then run the tests again)" >&2
    exit 1
  fi
fi
