#!/usr/bin/env bash
# One-time set-up of a clone: npm dependencies (from the lockfile), the Kafka test peer (Debian's
# librdkafka-dev, then the mock-cluster launcher), Debian's faketime (the clock-moved test run) and Debian's docker-compose (its `config` checks
# docker-compose.yml in `npm run validate:deploy`; no Docker engine needed, so no recommends), and
# Debian's chromium (the portal's browser tests drive it headless with playwright-core; never a
# browser download).
# Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
[ -f /usr/include/librdkafka/rdkafka_mock.h ] || apt_packages+=(librdkafka-dev)
command -v docker-compose >/dev/null 2>&1 || apt_packages+=(docker-compose)
# libfaketime: `npm test` runs the unit tier and the SLA end-to-end suite again 1,000 days ahead.
command -v faketime >/dev/null 2>&1 || apt_packages+=(faketime)
# Chromium: apps/e2e/src/portal.int-spec.ts launches /usr/bin/chromium.
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
if [ ${#apt_packages[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
fi
npm ci --no-audit --no-fund
bash tools/kafka-mock/build.sh
