#!/usr/bin/env bash
# Local stand-ins for the base images the project's Dockerfiles and docker-compose.yml name, for machines that reach
# no container registry (CI here). Built from Debian 12 (debootstrap) and the host's own .NET 10, under exactly the
# names the files use, so they build and run unchanged. With a registry you never need this: pull the real images.
#   bash eng/docker/standins.sh          builds what is missing or was built from another recipe
# An image is rebuilt only when its recipe changes (label org.forecastservice.standin.recipe: a hash of this script,
# the host .NET version and, for the SDK, the CA bundle). Needs root, debootstrap and a running engine
# (eng/docker/engine.sh start).
#
# How they differ from the real images (README "Deploy"): Debian 12 instead of Ubuntu 24.04 (.NET) and Alpine
# (nginx); nginx is Debian's 1.22 under the 1.27-alpine name; the CUDA stand-in has no CUDA libraries at all.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The engine's classic builder, as Testcontainers uses; BuildKit is not installed with Debian's docker.io.
export DOCKER_BUILDKIT=0

SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
# Read from the files that use them, so a version bump there is followed here.
NGINX_IMAGE="$(sed -n 's/^ *image: *\(nginx:[^ ]*\).*/\1/p' docker-compose.yml | head -1)"
CUDA_IMAGE="$(sed -n 's/^ARG CUDA_BASE=//p' deploy/cuda/Dockerfile | head -1)"
BASE_IMAGE=forecastservice-standin/debian:bookworm
LABEL=org.forecastservice.standin.recipe

dotnet_root="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
ca_bundle=/etc/ssl/certs/ca-certificates.crt
[[ -n "$NGINX_IMAGE" && -n "$CUDA_IMAGE" ]] || { echo "stand-ins: cannot read the image names from docker-compose.yml and deploy/cuda/Dockerfile" >&2; exit 1; }
[[ -x "$dotnet_root/dotnet" ]] || { echo "stand-ins: no .NET at $dotnet_root" >&2; exit 1; }

runtime_version="$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | grep '^10\.' | tail -1)"
netcore_version="$(ls "$dotnet_root/shared/Microsoft.NETCore.App" | sort -V | grep '^10\.' | tail -1)"
sdk_version="$(ls "$dotnet_root/sdk" | sort -V | grep '^10\.' | tail -1)"
[[ -n "$runtime_version" && -n "$netcore_version" && -n "$sdk_version" ]] || { echo "stand-ins: the host has no .NET 10 SDK and runtime under $dotnet_root" >&2; exit 1; }

script_hash="$(sha256sum "$0" | cut -c1-16)"
base_recipe="$script_hash"
runtime_recipe="$script_hash-$netcore_version-$runtime_version"
sdk_recipe="$runtime_recipe-$sdk_version-$(sha256sum "$ca_bundle" | cut -c1-16)"

current() { [[ "$(docker image inspect --format "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null)" == "$2" ]]; }

work="$(mktemp -d /tmp/forecast-standins-XXXXXX)"
trap 'rm -rf "$work"' EXIT

timed() {
  local name=$1; shift
  local start=$SECONDS
  "$@"
  echo "stand-ins: $name built in $((SECONDS - start)) s ($(docker image inspect --format '{{.Size}}' "$name" | awk '{printf "%.0f MB", $1/1e6}'))"
}

# ---- Debian 12 minbase with what the .NET runtime links against (ICU, OpenSSL, zlib, time zones, CA roots) ----
build_base() {
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g \
    bookworm "$work/rootfs" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1 \
    || { tail -30 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  # As Debian's official images do: no fsync per file while apt installs in a build layer (a throwaway filesystem),
  # which makes the Dockerfiles' `apt-get install npm` several times faster.
  echo force-unsafe-io > "$work/rootfs/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  tar -C "$work/rootfs" -c . | docker import --change "LABEL $LABEL=$base_recipe" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$work/rootfs"
}

# The part the aspnet and sdk images share: the host's runtimes, the `app` user (UID 1654) and the official variables.
dotnet_layers() {
  cat <<DOCKERFILE
FROM $BASE_IMAGE
ENV APP_UID=1654 \\
    ASPNETCORE_HTTP_PORTS=8080 \\
    DOTNET_RUNNING_IN_CONTAINER=true \\
    DOTNET_VERSION=$netcore_version \\
    ASPNET_VERSION=$runtime_version
RUN groupadd --gid=\$APP_UID app && useradd --no-log-init --uid=\$APP_UID --gid=\$APP_UID --create-home app
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && dotnet --list-runtimes
DOCKERFILE
}

build_aspnet() {
  local ctx="$work/aspnet"
  mkdir -p "$ctx/dotnet/shared"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/LICENSE.txt" "$ctx/dotnet/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$ctx/dotnet/shared/"
  find "$ctx/dotnet/shared" -mindepth 2 -maxdepth 2 -type d ! -name "$netcore_version" ! -name "$runtime_version" -exec rm -rf {} +
  { dotnet_layers; echo "LABEL $LABEL=$runtime_recipe"; } > "$ctx/Dockerfile"
  docker build -q -t "$ASPNET_IMAGE" "$ctx" >/dev/null
}

# Build-only: the SDK, and the host's CA bundle so restore and npm can reach NuGet and npm through this network's
# TLS proxy. Nothing from this image reaches the runtime images but the published app.
build_sdk() {
  local ctx="$work/sdk"
  mkdir -p "$ctx/dotnet"
  cp -a "$dotnet_root/." "$ctx/dotnet/"
  cp "$ca_bundle" "$ctx/build-ca.crt"
  { dotnet_layers; cat <<DOCKERFILE
COPY build-ca.crt /usr/local/share/ca-certificates/forecastservice-build-ca.crt
RUN update-ca-certificates >/dev/null
ENV DOTNET_SDK_VERSION=$sdk_version \\
    DOTNET_NOLOGO=true \\
    DOTNET_CLI_TELEMETRY_OPTOUT=true \\
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \\
    DOTNET_USE_POLLING_FILE_WATCHER=true \\
    NUGET_XMLDOC_MODE=skip \\
    NUGET_CERT_REVOCATION_MODE=offline \\
    NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/forecastservice-build-ca.crt
LABEL $LABEL=$sdk_recipe
DOCKERFILE
  } > "$ctx/Dockerfile"
  docker build -q -t "$SDK_IMAGE" "$ctx" >/dev/null
}

# nginx with the official image's entrypoint contract: /docker-entrypoint.d/ scripts (*.envsh sourced, *.sh run),
# /etc/nginx/templates/*.template -> /etc/nginx/conf.d/ through envsubst limited to NGINX_ENVSUBST_FILTER, conf.d/*.conf
# included in the http block, logs to stdout/stderr, `nginx -g 'daemon off;'`. wget for compose's health check.
build_nginx() {
  local ctx="$work/nginx"
  mkdir -p "$ctx"
  cp eng/docker/nginx-entrypoint.sh "$ctx/docker-entrypoint.sh"
  cat > "$ctx/Dockerfile" <<DOCKERFILE
FROM $BASE_IMAGE
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light gettext-base wget \\
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \\
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log \\
 && mkdir -p /docker-entrypoint.d /etc/nginx/templates
COPY docker-entrypoint.sh /docker-entrypoint.sh
RUN chmod +x /docker-entrypoint.sh
LABEL $LABEL=$script_hash-$(sha256sum eng/docker/nginx-entrypoint.sh | cut -c1-16)
EXPOSE 80
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]
DOCKERFILE
  docker build -q -t "$NGINX_IMAGE" "$ctx" >/dev/null
}

# CUDA: only the base OS with apt, so deploy/cuda/Dockerfile builds and its container starts; no GPU library is in it.
build_cuda() {
  printf 'FROM %s\nLABEL %s=%s\n' "$BASE_IMAGE" "$LABEL" "$script_hash" | docker build -q -t "$CUDA_IMAGE" - >/dev/null
}

nginx_recipe="$script_hash-$(sha256sum eng/docker/nginx-entrypoint.sh | cut -c1-16)"
current "$BASE_IMAGE" "$base_recipe" || timed "$BASE_IMAGE" build_base
current "$ASPNET_IMAGE" "$runtime_recipe" || timed "$ASPNET_IMAGE" build_aspnet
current "$SDK_IMAGE" "$sdk_recipe" || timed "$SDK_IMAGE" build_sdk
current "$NGINX_IMAGE" "$nginx_recipe" || timed "$NGINX_IMAGE" build_nginx
current "$CUDA_IMAGE" "$script_hash" || timed "$CUDA_IMAGE" build_cuda
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' \
  | grep -F -e "$BASE_IMAGE" -e "$SDK_IMAGE" -e "$ASPNET_IMAGE" -e "$NGINX_IMAGE" -e "$CUDA_IMAGE" | sed 's/^/stand-ins: /'
