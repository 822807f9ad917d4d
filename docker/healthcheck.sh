#!/usr/bin/env bash
# The MedPulse image's HEALTHCHECK: healthy while the `medpulse streams` instance in this container
# answers 200 on /health/ready (Kafka Streams RUNNING and every store queryable), unhealthy while it
# answers 503 (starting, restoring, rebalancing) or not at all.
#
# Plain bash (its /dev/tcp), because the JRE image does not promise curl or wget.
#   MEDPULSE_HEALTH_PORT  the instance's --port (default 7070)
#   $1                    the path to ask (default /health/ready)
set -u
port="${MEDPULSE_HEALTH_PORT:-7070}"
path="${1:-/health/ready}"

exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
IFS= read -r -t 5 status <&3 || { echo "no answer from 127.0.0.1:${port}${path}"; exit 1; }
exec 3<&-
status="${status%$'\r'}"
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "127.0.0.1:${port}${path}: ${status}"; exit 1 ;;
esac
