#!/bin/sh
# Entrypoint of the nginx stand-in image (eng/docker/standins.sh), with the contract of the official nginx image's
# that deploy/gateway relies on: before nginx starts, the files in /docker-entrypoint.d/ run in name order (*.envsh
# sourced, so the variables they export reach the later steps; *.sh executed), then every
# /etc/nginx/templates/*.template becomes /etc/nginx/conf.d/<name> through envsubst, which replaces only the variables
# whose names match NGINX_ENVSUBST_FILTER (a regular expression; all defined ones when unset).
set -eu

if [ "${1:-}" = "nginx" ] || [ "${1:-}" = "nginx-debug" ]; then
    for f in $(find /docker-entrypoint.d/ -follow -type f 2>/dev/null | sort); do
        case "$f" in
            *.envsh) echo "$0: sourcing $f"; . "$f" ;;
            *.sh)
                if [ -x "$f" ]; then echo "$0: running $f"; "$f"; else echo "$0: ignoring $f, not executable"; fi ;;
        esac
    done

    template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
    suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
    output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
    filter="${NGINX_ENVSUBST_FILTER:-}"
    defined="$(printf '${%s} ' $(env | cut -d= -f1 | grep -E "${filter:-.}" || true))"
    if [ -d "$template_dir" ]; then
        for template in $(find "$template_dir" -follow -type f -name "*$suffix" | sort); do
            relative="${template#"$template_dir/"}"
            output="$output_dir/${relative%"$suffix"}"
            mkdir -p "$(dirname "$output")"
            echo "$0: envsubst $template -> $output"
            envsubst "$defined" < "$template" > "$output"
        done
    fi
fi

exec "$@"
