#!/usr/bin/env bash
# Installs the load generators the runner drives, if they are missing: wrk from Debian, autocannon from npm
# (pinned in loadtests/package.json and package-lock.json), redis-benchmark from Debian's redis-tools, h2load (HTTP/2) from Debian's nghttp2-client. Debian's package named 'bombardier' is a game.
# Also the .NET diagnostics tools pinned in .config/dotnet-tools.json (dotnet-counters, dotnet-trace, dotnet-gcdump),
# as local tools: `dotnet dotnet-counters ...` from anywhere in the repository.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v wrk >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk
fi

# redis-benchmark, for the RESP runner (--resp), from Debian's redis-tools.
if ! command -v redis-benchmark >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-tools
fi

# h2load, for the HTTP/2 (h2c) scenario, from Debian's nghttp2-client.
if ! command -v h2load >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nghttp2-client
fi

(cd .. && dotnet tool restore)

if [ ! -x node_modules/.bin/autocannon ]; then
  npm ci --no-audit --no-fund
fi

# wrk --version exits non-zero, as does autocannon --version here: report versions without relying on either.
echo "wrk: $(wrk --version 2>&1 | head -n 1 || true)"
echo "redis-benchmark: $(redis-benchmark --version 2>&1 | head -n 1 || true)"
echo "h2load: $(h2load --version 2>&1 | head -n 1 || true)"
echo "autocannon: $(node -p "require('./node_modules/autocannon/package.json').version")"
echo "dotnet-counters: $(cd .. && dotnet dotnet-counters --version 2>&1 | head -n 1)"
test -x node_modules/.bin/autocannon
