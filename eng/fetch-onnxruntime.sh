#!/usr/bin/env bash
# Fetches the official ONNX Runtime native library from npm into a cache outside the repository,
# verifies its pinned SHA-256 and prints the directory holding it. Idempotent: a verified cache is reused.
#
#   eng/fetch-onnxruntime.sh [cpu|cuda] [cache-dir]
#
# cpu  : libonnxruntime.so.1 (ORT 1.30.0) from onnxruntime-node.
# cuda : ORT 1.29.0 core from onnxruntime-node@1.29.0 plus the matching (1.29.0, CUDA 13) provider libraries from
#        com.github.asus4.onnxruntime.linux-x64-gpu (provider libraries must match the core's version).
set -euo pipefail

flavor="${1:-cpu}"
cache="${2:-${FORECASTSERVICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/forecastservice}}"

fail() { echo "error ORT0001: $*" >&2; exit 1; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) fail "ForecastService fetches ONNX Runtime for linux-x64 only; set Onnx__LibraryPath (or FORECASTSERVICE_ONNXRUNTIME_PATH) to your own libonnxruntime and build with -p:OnnxRuntimeFetch=false." ;;
esac

# package@version | path inside the tarball | sha256 of that file | its name in the cache
case "$flavor" in
  cpu)
    files=(
      "onnxruntime-node@1.30.0|package/bin/napi-v6/linux/x64/libonnxruntime.so.1|ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23|libonnxruntime.so.1"
    ) ;;
  cuda)
    # shellcheck source=/dev/null
    source "$(dirname "$0")/onnxruntime-cuda.lock" ;;
  *) fail "unknown ONNX Runtime flavor '$flavor' (expected cpu or cuda)" ;;
esac

dest="$cache/onnxruntime-$flavor"
stamp="$dest/.verified"
want=$(printf '%s\n' "${files[@]}" | sha256sum | cut -c1-64)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "$dest"; exit 0
fi

command -v npm >/dev/null 2>&1 || fail "npm is required to fetch ONNX Runtime (install Node.js/npm), or point Onnx__LibraryPath at an existing libonnxruntime and build with -p:OnnxRuntimeFetch=false."

mkdir -p "$cache"
work=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/out"

for entry in "${files[@]}"; do
  IFS='|' read -r pkg inner sha name <<<"$entry"
  tgz_name="$(echo "$pkg" | sed 's/@/-/').tgz"
  if [[ ! -f "$work/$tgz_name" ]]; then
    (cd "$work" && npm pack --silent "$pkg" >/dev/null) || fail "npm pack $pkg failed (is the npm registry reachable?)"
  fi
  tar -xzf "$work/$tgz_name" -C "$work" "$inner" || fail "$inner not found in $pkg"
  got=$(sha256sum "$work/$inner" | cut -c1-64)
  [[ "$got" == "$sha" ]] || fail "checksum mismatch for $inner from $pkg: expected $sha, got $got"
  mv -f "$work/$inner" "$work/out/$name"
done

# Swap the verified set in atomically so concurrent builds never see half a cache.
rm -rf "$dest.old"; [[ -d "$dest" ]] && mv "$dest" "$dest.old"
mv "$work/out" "$dest"
rm -rf "$dest.old"
echo "$want" > "$stamp"
echo "$dest"
