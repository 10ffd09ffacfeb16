#!/usr/bin/env bash
# A Docker engine for the container tests, on a machine where none runs (CI, a fresh developer machine).
#   bash eng/docker/engine.sh start   installs Debian's docker.io (+ docker-compose, debootstrap) when missing and we
#                                     may (root with apt), then starts dockerd unless an engine already answers
#   bash eng/docker/engine.sh stop    stops the dockerd that `start` started, and nothing else
# `start` exits 0 with no engine only when none can be had (not root, no apt, dockerd fails); the container tests
# then skip with that reason. It writes the reason to $state/unavailable so the tests and eng/test.sh can say it.
set -euo pipefail

state="${FORECAST_DOCKER_STATE:-/tmp/forecastservice-docker}"
pidfile="$state/dockerd.pid"
mkdir -p "$state"

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

unavailable() {
  echo "$1" > "$state/unavailable"
  echo "docker engine: unavailable: $1" >&2
  exit 0
}

start() {
  rm -f "$state/unavailable"
  need=()
  command -v dockerd >/dev/null 2>&1 || [[ -x /usr/sbin/dockerd ]] || need+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || [[ -x /usr/sbin/debootstrap ]] || need+=(debootstrap)
  if ((${#need[@]})); then
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
      engine_answers && return 0
      unavailable "missing ${need[*]} and not root with apt-get to install them"
    fi
    echo "installing: ${need[*]}"
    # Package scripts must not start services: this script starts dockerd itself, and stops only what it started.
    added_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && added_policy=1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || { [[ $added_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d; unavailable "apt-get install ${need[*]} failed"; }
    [[ $added_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
  fi

  if engine_answers; then
    echo "docker engine: already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    return 0
  fi
  [[ $(id -u) -eq 0 ]] || unavailable "no engine answers and dockerd needs root"

  dockerd_bin="$(command -v dockerd || echo /usr/sbin/dockerd)"
  # setsid: dockerd must outlive this script (eng/test.sh calls `stop` when the tests are done).
  setsid "$dockerd_bin" >"$state/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 60); do
    if engine_answers; then
      echo "docker engine: started dockerd $(docker version --format '{{.Server.Version}}' 2>/dev/null) (pid $(cat "$pidfile"), log $state/dockerd.log)"
      return 0
    fi
    kill -0 "$(cat "$pidfile")" 2>/dev/null || break
    sleep 1
  done
  tail -20 "$state/dockerd.log" >&2 || true
  stop
  unavailable "dockerd did not answer within 60 s (log above)"
}

stop() {
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  rm -f "$pidfile"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid"
  # dockerd stops its containers (10 s grace each) and its containerd before it exits.
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { echo "docker engine: stopped dockerd (pid $pid)"; return 0; }
    sleep 1
  done
  echo "docker engine: dockerd (pid $pid) still running after 60 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
