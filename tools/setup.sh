#!/usr/bin/env bash
# One-time set-up of a clone: npm dependencies (from the lockfile) and the Kafka test peer
# (Debian's librdkafka-dev, then the mock-cluster launcher). Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f /usr/include/librdkafka/rdkafka_mock.h ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq librdkafka-dev
fi
npm ci --no-audit --no-fund
bash tools/kafka-mock/build.sh
