#!/usr/bin/env bash
# System packages: gettext to compile the interface's translations and Pango for the handbook's PDF
# (WeasyPrint), all the demo needs; for the test suite (`install-system-deps.sh test`) Java 17 for
# the Spark parity test, PostgreSQL's server for the second database run, Chromium for the browser
# tests, npm for axe-core and poppler's pdftotext and pdftoppm to read the handbook back.
set -euo pipefail
missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
for library in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
               libharfbuzz-subset.so.0:libharfbuzz-subset0; do
  ldconfig -p | grep -q "${library%%:*}" || missing+=("${library#*:}")
done
if [ "${1:-}" = "test" ]; then
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
