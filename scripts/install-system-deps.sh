#!/usr/bin/env bash
# System packages: gettext to compile the interface's translations (all the demo needs), and for
# the test suite (`install-system-deps.sh test`) Java 17 for the Spark parity test, PostgreSQL's
# server for the second database run, Chromium for the browser tests and npm for axe-core.
set -euo pipefail
missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if [ "${1:-}" = "test" ]; then
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
